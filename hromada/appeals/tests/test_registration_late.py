"""Late registration: a receipt date before the register's start, or more than `late_registration_days`
ago, is refused on the staff form, in the API and in imports unless the registrar confirms it; the
confirmation is recorded in the journal (who and when)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from hromada.appeals import services
from hromada.appeals.imports import import_appeals
from hromada.appeals.models import Appeal, AppealEvent
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services.registration_checks import validate_registration
from hromada.appeals.tests.registration_helpers import NOW, URL, field_block, form_data
from hromada.core.errors import ValidationFailed
from hromada.core.models import CouncilSettings
from hromada.testing import appeal_body, kyiv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fixed_time(settings):
    settings.HROMADA_NOW = NOW  # 20.11.2026 12:00, Kyiv


def _codes(body: dict, now: dt.datetime | None = None) -> list[tuple[str | None, str]]:
    item = AppealRegisterIn.model_validate(body)
    return [(e.field, e.code) for e in validate_registration(item, now or kyiv(2026, 11, 20, 12))]


def _council(**values) -> CouncilSettings:
    council = CouncilSettings.load()
    for name, value in values.items():
        setattr(council, name, value)
    council.save()
    return council


# --- the rule ----------------------------------------------------------------------------------------


def test_earliest_received_is_the_later_of_the_register_start_and_the_late_limit(db):
    council = _council()
    assert council.earliest_received(dt.date(2026, 11, 20)) == dt.date(2025, 11, 20)  # 365 days back
    council.register_start = dt.date(2026, 3, 1)
    assert council.earliest_received(dt.date(2026, 11, 20)) == dt.date(2026, 3, 1)
    council.late_registration_days = 30
    assert council.earliest_received(dt.date(2026, 11, 20)) == dt.date(2026, 10, 21)


def test_decades_old_receipt_is_refused_unless_late_registration_is_confirmed(db):
    assert ("received_at", "too_old") in _codes(appeal_body(received_at="1990-01-01T10:00:00"))
    assert _codes(appeal_body(received_at="1990-01-01T10:00:00", late_registration=True)) == []


def test_receipt_within_the_limit_needs_no_confirmation(db):
    assert _codes(appeal_body(received_at="2025-11-20T00:00:00")) == []  # exactly 365 days ago
    assert ("received_at", "too_old") in _codes(appeal_body(received_at="2025-11-19T23:59:00"))


def test_receipt_before_the_register_start_is_refused_even_when_recent(db):
    _council(register_start=dt.date(2026, 11, 1))
    assert ("received_at", "too_old") in _codes(appeal_body(received_at="2026-10-31T16:00:00"))
    assert _codes(appeal_body(received_at="2026-11-02T09:00:00")) == []


def test_confirmed_late_registration_is_recorded_in_the_journal(staff):
    body = appeal_body(received_at="2024-05-06T10:00:00", late_registration=True)
    appeal = services.register_appeal(
        AppealRegisterIn.model_validate(body), actor=staff["registrar"], now=kyiv(2026, 11, 20, 12)
    )
    event = AppealEvent.objects.get(appeal=appeal, action="registered")
    assert event.data["late_registration"] is True
    assert event.actor == staff["registrar"]
    assert event.at == kyiv(2026, 11, 20, 12)


def test_service_refuses_an_unconfirmed_old_receipt_with_a_clear_message(staff):
    with pytest.raises(ValidationFailed) as caught:
        services.register_appeal(
            AppealRegisterIn.model_validate(appeal_body(received_at="1990-01-01T10:00:00")),
            actor=staff["registrar"],
            now=kyiv(2026, 11, 20, 12),
        )
    (error,) = caught.value.errors
    assert error.field == "received_at"
    assert "01.01.1990" in str(error.message) and "20.11.2025" in str(error.message)
    assert Appeal.objects.count() == 0


# --- the staff form ----------------------------------------------------------------------------------


def test_form_refuses_an_old_date_and_then_offers_the_confirmation(client, staff):
    client.force_login(staff["registrar"])
    assert 'name="late_registration"' not in client.get(URL).content.decode()

    response = client.post(URL, form_data(received_at="1990-01-01T10:00"))
    assert response.status_code == 422
    assert Appeal.objects.count() == 0
    html = response.content.decode()
    assert "01.01.1990" in field_block(html, "id_received_at")
    assert 'name="late_registration"' in html

    response = client.post(URL, form_data(received_at="1990-01-01T10:00", late_registration="on"))
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.received_at == kyiv(1990, 1, 1, 10)
    event = AppealEvent.objects.get(appeal=appeal, action="registered")
    assert event.data["late_registration"] is True and event.actor == staff["registrar"]
    card = client.get(response["Location"]).content.decode()
    assert "Пізню реєстрацію підтвердив реєстратор." in card


# --- the API -----------------------------------------------------------------------------------------


def test_api_refuses_an_old_receipt_and_accepts_it_confirmed(api):
    refused = api("registrar").post("/appeals", appeal_body(received_at="1990-01-01T10:00:00"))
    assert refused.status_code == 422
    assert "received_at" in json.dumps(refused.json())
    assert Appeal.objects.count() == 0
    accepted = api("registrar").post(
        "/appeals", appeal_body(received_at="1990-01-01T10:00:00", late_registration=True)
    )
    assert accepted.status_code == 201, accepted.content
    assert Appeal.objects.count() == 1


# --- imports -----------------------------------------------------------------------------------------


def _lines(*bodies: dict) -> str:
    return "\n".join(json.dumps(b, ensure_ascii=False) for b in bodies) + "\n"


def test_import_reports_each_old_line_by_number_and_imports_nothing(staff):
    content = _lines(
        appeal_body(external_id="1", channel="gov_hotline"),
        appeal_body(external_id="2", channel="gov_hotline", received_at="1990-01-01T10:00:00"),
        appeal_body(external_id="3", channel="gov_hotline"),
        appeal_body(external_id="4", channel="gov_hotline", received_at="2001-02-03T10:00:00"),
    )
    report = import_appeals(io.StringIO(content), actor=staff["registrar"], now=kyiv(2026, 11, 20, 12))
    assert [(e.line, [x.field for x in e.errors]) for e in report.invalid] == [
        (2, ["received_at"]),
        (4, ["received_at"]),
    ]
    assert not report.committed and Appeal.objects.count() == 0


def test_import_line_with_the_late_registration_column_is_imported(staff):
    csv_text = (
        "channel,received_at,kind,external_id,applicant_name,applicant_address,issue_topics,summary,"
        "late_registration\n"
        "gov_hotline,1990-01-01T10:00:00,complaint,УКЦ-1,Шевчук Ганна,вул. Миру 3,communal,Вода,так\n"
    )
    report = import_appeals(
        io.StringIO(csv_text), fmt="csv", actor=staff["registrar"], now=kyiv(2026, 11, 20, 12)
    )
    assert report.invalid == [] and report.imported == 1
    event = AppealEvent.objects.get(action="registered")
    assert event.data["late_registration"] is True


def test_import_command_exits_with_the_old_line_reported(tmp_path, db):
    path = tmp_path / "old.jsonl"
    path.write_text(_lines(appeal_body(received_at="1990-01-01T10:00:00")), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_appeals", str(path), stdout=io.StringIO(), stderr=err)
    assert "рядок 1: received_at" in err.getvalue()
