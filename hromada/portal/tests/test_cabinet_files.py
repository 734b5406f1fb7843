"""The cabinet shows the author what they sent — the text, its topic, what they added later and
their own files, which they can open — and nothing of anyone else's."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hromada.appeals import services as appeal_services
from hromada.appeals.public_schemas import EAppealIn
from hromada.appeals.services import file_e_appeal
from hromada.portal.tests.test_cabinet import IVAN, OLENA, client_of, resident

PDF = b"%PDF-1.4\n%the leaking roof\n"


@pytest.fixture
def filed(staff):
    """Olena's e-appeal with a PDF, sent before she had an account; then a scan staff attached."""
    data = EAppealIn(
        name="Петренко Олена Іванівна",
        address="вул. Соборна, 5",
        email=OLENA,
        topic="communal",
        text="Протікає дах над під'їздом №2.",
        consent=True,
    )
    upload = SimpleUploadedFile("дах.pdf", PDF, content_type="application/pdf")
    appeal, _code = file_e_appeal(data, [upload])
    scan = SimpleUploadedFile("службова.pdf", b"%PDF-1.4 internal", content_type="application/pdf")
    internal = appeal_services.add_attachment(actor=staff["registrar"], appeal_id=appeal.pk, upload=scan)
    mine = appeal.attachments.get(original_name="дах.pdf")
    return appeal, mine, internal


def test_the_author_sees_what_they_sent_and_opens_their_own_file(filed):
    appeal, mine, _internal = filed
    olena = client_of(resident(OLENA, "Петренко Олена Іванівна"))
    response = olena.get(f"/kabinet/zvernennia/{appeal.pk}/")
    assert response.status_code == 200, response
    page = response.content.decode()
    assert "Що ви надіслали" in page and "Протікає дах над під" in page
    assert f"/kabinet/zvernennia/{appeal.pk}/fajly/{mine.pk}/" in page and "дах.pdf" in page
    assert "службова.pdf" not in page
    response = olena.get(f"/kabinet/zvernennia/{appeal.pk}/fajly/{mine.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Disposition"].startswith("attachment;")
    assert olena.get(f"/kabinet/zvernennia/{appeal.pk}/fajly/{mine.pk}/perehliad/")[
        "Content-Disposition"
    ].startswith("inline;")


def test_staff_files_and_other_peoples_files_are_404(filed):
    appeal, mine, internal = filed
    olena = client_of(resident(OLENA, "Петренко Олена Іванівна"))
    assert olena.get(f"/kabinet/zvernennia/{appeal.pk}/fajly/{internal.pk}/").status_code == 404
    ivan = client_of(resident(IVAN, "Коваль Іван Петрович"))
    assert ivan.get(f"/kabinet/zvernennia/{appeal.pk}/fajly/{mine.pk}/").status_code == 404
    assert ivan.get(f"/kabinet/zvernennia/{appeal.pk}/fajly/{mine.pk}/perehliad/").status_code == 404


def test_anonymous_is_sent_to_sign_in(filed):
    from django.test import Client

    appeal, mine, _ = filed
    response = Client().get(f"/kabinet/zvernennia/{appeal.pk}/fajly/{mine.pk}/")
    assert response.status_code == 302 and "/kabinet/vkhid/" in response["Location"]


def test_added_information_is_shown_and_the_message_does_not_promise_executors_before_any(filed):
    appeal, _, _ = filed
    olena = client_of(resident(OLENA, "Петренко Олена Іванівна"))
    photo = SimpleUploadedFile("фото.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, content_type="image/png")
    response = olena.post(
        f"/kabinet/zvernennia/{appeal.pk}/", {"text": "Вода вже на третьому поверсі.", "attachments": [photo]}
    )
    assert response.status_code == 302
    page = olena.get(response["Location"]).content.decode()
    assert "виконавці побачать її, щойно їх буде призначено" in page and "виконавців повідомлено" not in page
    assert "Вода вже на третьому поверсі." in page and "фото.png" in page
    added = appeal.attachments.get(original_name="фото.png")
    assert f"/fajly/{added.pk}/perehliad/" in page  # an image: previewed in place


def test_after_a_resolution_the_message_says_the_executors_are_told(staff, filed):
    appeal, _, _ = filed
    appeal_services.resolve_appeal(
        actor=staff["head"], appeal_id=appeal.pk, lead_department="communal", term="15d"
    )
    olena = client_of(resident(OLENA, "Петренко Олена Іванівна"))
    response = olena.post(f"/kabinet/zvernennia/{appeal.pk}/", {"text": "Ще одне уточнення."})
    assert "виконавців повідомлено" in olena.get(response["Location"]).content.decode()
