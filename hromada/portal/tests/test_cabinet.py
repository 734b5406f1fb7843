"""«Мої звернення»: a resident sees every appeal filed with their confirmed e-mail and nothing else,
adds information to an open one, and outside identity providers plug in."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hromada.appeals import services as appeal_services
from hromada.appeals.models import AppealEvent, Attachment
from hromada.appeals.schemas import AppealRegisterIn
from hromada.residents.models import ExternalIdentity, Resident
from hromada.residents.services import SignUp, confirm_email, sign_up
from hromada.residents.tests import providers
from hromada.residents.tokens import email_confirmation, uid_of
from hromada.testing import appeal_body, kyiv

OLENA = "olena@example.com"
IVAN = "ivan@example.com"


def resident(email: str, name: str) -> Resident:
    created = sign_up(SignUp(name, email, "Каштани-цвітуть-2026", "Каштани-цвітуть-2026", True))
    assert created is not None
    assert confirm_email(uid_of(created.user), email_confirmation.make_token(created.user))
    created.refresh_from_db()
    return created


def client_of(person: Resident) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def register(staff, email: str, *, channel: str = "post", anonymous: bool = False, name: str = "Автор"):
    body = appeal_body(channel=channel, anonymous=anonymous, received_at="2026-11-16T10:00:00")
    body["applicants"][0].update(email=email, name=name)
    return appeal_services.register_appeal(
        AppealRegisterIn.model_validate(body), actor=staff["registrar"], now=kyiv(2026, 11, 16, 12)
    )


@pytest.fixture
def two(staff):
    olena = resident(OLENA, "Петренко Олена Іванівна")
    ivan = resident(IVAN, "Коваль Іван Петрович")
    return olena, ivan


def test_my_appeals_lists_every_channel_by_confirmed_email_and_nothing_else(
    staff, two, django_assert_max_num_queries
):
    olena, _ivan = two
    by_post = register(staff, "Olena@Example.com", channel="post")
    by_phone = register(staff, OLENA, channel="phone")
    other = register(staff, IVAN)
    anonymous = register(staff, OLENA, anonymous=True)
    client = client_of(olena)
    with django_assert_max_num_queries(6):
        page = client.get("/kabinet/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    listed = [a.pk for a in page.context["page"].object_list]
    assert set(listed) == {by_post.pk, by_phone.pk}
    html = page.content.decode()
    assert by_post.number in html and other.number not in html and anonymous.number not in html
    assert "2 звернення" in html


def test_second_resident_cannot_see_or_touch_the_first_ones_appeal(staff, two):
    olena, ivan = two
    appeal = register(staff, OLENA)
    own = client_of(olena).get(f"/kabinet/zvernennia/{appeal.pk}/")
    assert own.status_code == 200 and appeal.number in own.content.decode()
    stranger = client_of(ivan)
    assert stranger.get(f"/kabinet/zvernennia/{appeal.pk}/").status_code == 404
    assert stranger.get(f"/kabinet/zvernennia/{appeal.pk + 999}/").status_code == 404
    assert stranger.post(f"/kabinet/zvernennia/{appeal.pk}/", {"text": "Моє!"}).status_code == 404
    assert appeal.number not in stranger.get("/kabinet/").content.decode()
    assert not AppealEvent.objects.filter(action="author_information").exists()
    # Signed out: the sign-in page, not the appeal.
    assert Client().get(f"/kabinet/zvernennia/{appeal.pk}/").status_code == 302


def test_unconfirmed_account_sees_nothing(staff):
    created = sign_up(
        SignUp("Петренко Олена Іванівна", OLENA, "Каштани-цвітуть-2026", "Каштани-цвітуть-2026", True)
    )
    assert created is not None
    appeal = register(staff, OLENA)
    client = client_of(created)
    assert client.get("/kabinet/").status_code == 302
    assert client.get(f"/kabinet/zvernennia/{appeal.pk}/").status_code == 302


def test_author_adds_text_and_file_and_the_executor_is_told(
    staff, two, smtp, worker, django_capture_on_commit_callbacks
):
    olena, _ = two
    executor = staff["executor_communal"]
    executor.email = "executor@rada.test"
    executor.save(update_fields=["email"])
    appeal = register(staff, OLENA)
    appeal_services.resolve_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        lead_department="communal",
        term="15d",
        now=kyiv(2026, 11, 17, 9),
    )
    worker()
    smtp.clear()
    pdf = SimpleUploadedFile("photo.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(olena).post(
            f"/kabinet/zvernennia/{appeal.pk}/",
            {"text": "Додаю фото сміттєвого майданчика.", "attachments": [pdf]},
        )
    assert response.status_code == 302 and response["Location"].endswith("?added=1")
    event = AppealEvent.objects.get(appeal=appeal, action="author_information")
    assert event.data["text"] == "Додаю фото сміттєвого майданчика." and event.data["files"] == ["photo.pdf"]
    assert event.actor == olena.user
    assert Attachment.objects.get(appeal=appeal).uploaded_by == olena.user
    worker()
    (mail,) = smtp.to("executor@rada.test")
    assert appeal.number in mail.subject and "Автор" in mail.subject
    # The executor sees it on the card's journal; the author sees it in the history.
    head = Client()
    head.force_login(executor)
    assert "Додаю фото сміттєвого майданчика." in head.get(f"/staff/appeals/{appeal.pk}/").content.decode()
    page = client_of(olena).get(f"/kabinet/zvernennia/{appeal.pk}/?added=1").content.decode()
    assert "Ви додали інформацію" in page


def test_nothing_is_added_when_empty_or_a_file_is_refused(staff, two):
    olena, _ = two
    appeal = register(staff, OLENA)
    client = client_of(olena)
    empty = client.post(f"/kabinet/zvernennia/{appeal.pk}/", {"text": "  "})
    assert empty.status_code == 422 and empty.context["form"].errors["text"]
    exe = SimpleUploadedFile("run.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    bad = client.post(f"/kabinet/zvernennia/{appeal.pk}/", {"text": "Текст", "attachments": [exe]})
    assert bad.status_code == 422 and "run.pdf" in str(bad.context["form"].errors["attachments"])
    assert not AppealEvent.objects.filter(action="author_information").exists()
    assert not Attachment.objects.exists()


def test_closed_appeal_takes_no_more_information(staff, two):
    olena, _ = two
    appeal = register(staff, OLENA)
    appeal_services.forward_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        to="Держпраці",
        reason="Не належить до компетенції ради",
        now=kyiv(2026, 11, 17, 9),
    )
    client = client_of(olena)
    page = client.get(f"/kabinet/zvernennia/{appeal.pk}/").content.decode()
    assert "Розгляд цього звернення завершено" in page and 'name="text"' not in page
    refused = client.post(f"/kabinet/zvernennia/{appeal.pk}/", {"text": "Ще одне"})
    assert refused.status_code == 422
    assert not AppealEvent.objects.filter(action="author_information").exists()


@pytest.fixture
def test_provider(settings):
    settings.HROMADA_IDENTITY_PROVIDERS = ["hromada.residents.tests.providers.SignedTestProvider"]
    providers.NEXT.clear()
    return providers.NEXT


def test_outside_provider_signs_in_creates_confirmed_account_and_links_once(db, test_provider):
    test_provider.update(
        subject="UA-123",
        full_name="Шевчук Марія Олегівна",
        email="Maria@Example.com",
        birth_date="1990-05-01",
    )
    client = Client()
    page = client.get("/kabinet/vkhid/").content.decode()
    assert "Увійти через Test ID" in page
    back = client.get("/kabinet/vkhid/test-id/")
    assert back.status_code == 302
    done = client.get(back["Location"])
    assert done.status_code == 302 and done["Location"] == "/kabinet/"
    person = Resident.objects.get()
    assert person.email == "maria@example.com" and person.is_confirmed
    assert not person.user.has_usable_password()
    link = ExternalIdentity.objects.get()
    assert (link.provider, link.subject, str(link.birth_date)) == ("test-id", "UA-123", "1990-05-01")
    # Again, with another e-mail at the provider: the same person by subject.
    test_provider.update(email="new@example.com")
    again = Client()
    again.get(again.get("/kabinet/vkhid/test-id/")["Location"])
    assert Resident.objects.count() == 1 and ExternalIdentity.objects.count() == 1
    assert again.get("/kabinet/").status_code == 200


def test_outside_provider_links_to_the_existing_account_of_the_same_email(staff, test_provider):
    olena = resident(OLENA, "Петренко Олена Іванівна")
    test_provider.update(subject="UA-9", full_name="Петренко Олена Іванівна", email=OLENA)
    client = Client()
    client.get(client.get("/kabinet/vkhid/test-id/")["Location"])
    assert ExternalIdentity.objects.get().resident == olena


def test_outside_provider_answer_that_does_not_verify_is_refused(db, test_provider):
    response = Client().get("/kabinet/vkhid/test-id/povernennia/?token=forged")
    assert response.status_code == 400 and "Підпис постачальника не перевірено." in response.content.decode()
    assert not Resident.objects.exists()
    assert Client().get("/kabinet/vkhid/unknown/").status_code == 404
