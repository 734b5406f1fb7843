"""The import page: a contact-center batch uploaded by a registrar, every line accounted for."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hromada.appeals.models import Appeal, AppealEvent, Applicant
from hromada.core.models import AuditEntry
from hromada.testing import appeal_body

URL = "/staff/appeals/import/"


def card(n: int, **overrides: Any) -> dict[str, Any]:
    body = appeal_body(channel="gov_hotline", external_id=f"УКЦ-{n}", received_at="2026-11-10T09:00:00")
    body["applicants"] = [{"name": f"Мельник Особа{n}", "phone": f"+3806700000{n:02d}"}]
    body.update(overrides)
    return body


def jsonl(*lines: Any) -> bytes:
    return (
        "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n"
    ).encode()


def upload(client, content: bytes, name: str = "batch.jsonl", **fields: Any):  # type: ignore[no-untyped-def]
    return client.post(URL, {"file": SimpleUploadedFile(name, content), **fields})


@pytest.fixture
def registrar_client(client, staff):  # type: ignore[no-untyped-def]
    client.force_login(staff["registrar"])
    return client


def test_import_page_opens_with_the_file_input_when_a_registrar_asks(registrar_client):
    html = registrar_client.get(URL).content.decode()
    assert 'type="file" name="file"' in html and "autofocus" in html
    assert 'name="skip_invalid"' in html


def test_good_file_is_imported_and_logged_when_uploaded(registrar_client, staff):
    response = upload(registrar_client, jsonl(card(1), card(2), card(3)))

    assert response.status_code == 200
    assert Appeal.objects.count() == 3
    assert set(Appeal.objects.values_list("registered_by__username", flat=True)) == {"registrar"}
    html = response.content.decode()
    assert "<dd>3</dd>" in html  # lines read and imported
    entry = AuditEntry.objects.get(action="appeals.import")
    assert entry.actor == staff["registrar"]
    assert entry.details["file"] == "batch.jsonl"
    assert (entry.details["imported"], entry.details["already"], entry.details["invalid"]) == (3, 0, 0)
    assert entry.details["committed"] is True


def test_cards_already_registered_are_counted_and_skipped_when_a_batch_comes_again(registrar_client):
    upload(registrar_client, jsonl(card(1), card(2)))
    response = upload(registrar_client, jsonl(card(1), card(2), card(3)))
    assert response.status_code == 200
    assert Appeal.objects.count() == 3
    details = AuditEntry.objects.filter(action="appeals.import").latest("id").details
    assert (details["imported"], details["already"]) == (1, 2)


def test_nothing_is_imported_and_every_bad_line_is_reported_when_a_line_is_bad(registrar_client):
    content = jsonl(card(1), "{not json", card(3, issues=[{"topic": "unknown_topic"}]), card(4))
    response = upload(registrar_client, content)

    assert response.status_code == 422
    assert Appeal.objects.count() == Applicant.objects.count() == AppealEvent.objects.count() == 0
    html = response.content.decode()
    assert "рядок 2: —: " in html and "JSON" in html
    assert "рядок 3: issues.0.topic: Невідома або неактивна тематика «unknown_topic»." in html
    details = AuditEntry.objects.get(action="appeals.import").details
    assert (details["imported"], details["invalid"], details["committed"]) == (0, 2, False)


def test_good_lines_are_imported_when_skip_invalid_is_ticked(registrar_client):
    content = jsonl(card(1), card(2, kind="nope"), card(3))
    response = upload(registrar_client, content, skip_invalid="on")

    assert response.status_code == 200
    assert set(Appeal.objects.values_list("external_id", flat=True)) == {"УКЦ-1", "УКЦ-3"}
    html = response.content.decode()
    assert "рядок 2: kind: " in html


def test_csv_batch_is_imported_when_the_file_name_says_csv(registrar_client):
    content = (
        "channel,received_at,kind,external_id,applicant_name,applicant_address,applicant_phone,"
        "applicant_categories,issue_topics,issue_texts,summary\n"
        'regional_hotline,2026-11-20T10:00:00,complaint,РКЦ-9,Шевчук Ганна Іванівна,"вул. Миру, 3",'
        "0501112233,combatant,communal;transport,Немає води;Не ходить автобус,Вода і автобус\n"
    ).encode()
    response = upload(registrar_client, content, name="rkc.csv")
    assert response.status_code == 200
    appeal = Appeal.objects.get()
    assert appeal.external_id == "РКЦ-9" and appeal.priority is True
    assert list(appeal.issues.values_list("topic_id", flat=True)) == ["communal", "transport"]


def test_file_is_refused_on_its_field_when_it_is_not_utf8(registrar_client):
    response = upload(registrar_client, json.dumps(card(1), ensure_ascii=False).encode("cp1251"))
    assert response.status_code == 422
    assert Appeal.objects.count() == 0
    assert 'id="id_file_error"' in response.content.decode()
    assert not AuditEntry.objects.filter(action="appeals.import").exists()


def test_upload_without_a_file_is_refused_when_submitted(registrar_client):
    response = registrar_client.post(URL, {})
    assert response.status_code == 422
    assert 'id="id_file_error"' in response.content.decode()


@pytest.mark.parametrize("who", ["executor_communal", "controller", "moderator", "administrator", "nobody"])
def test_import_is_forbidden_when_the_role_is_not_registrar_or_head(client, staff, who):
    client.force_login(staff[who])
    assert client.get(URL).status_code == 403
    assert upload(client, jsonl(card(1))).status_code == 403
    assert Appeal.objects.count() == 0


def test_head_may_import_when_signed_in(client, staff):
    client.force_login(staff["head"])
    assert upload(client, jsonl(card(1))).status_code == 200
    assert Appeal.objects.count() == 1


def test_anonymous_visitor_is_sent_to_sign_in_when_opening_the_import(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == f"/staff/sign-in/?next={URL}"


def test_import_page_reads_only_the_session_and_user_when_opened(registrar_client, django_assert_num_queries):
    registrar_client.get(URL)  # the council settings are then kept by the process for seconds
    with django_assert_num_queries(2):
        assert registrar_client.get(URL).status_code == 200
