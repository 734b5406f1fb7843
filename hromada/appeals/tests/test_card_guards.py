"""Guards of the card's actions: "Зняти з контролю" asks for a confirmation, a resolution's explicit
due date may not be in the past, and its executor must work in the chosen department."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hromada.appeals import services
from hromada.appeals.models import AppealEvent, Status
from hromada.appeals.tests.card_pages import TODAY, card_url, field_block, flash, page, register, resolve
from hromada.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.HROMADA_NOW = TODAY  # 14.11.2026 12:00, Kyiv


def _answered(staff):
    appeal = resolve(staff, register(staff))
    issue = appeal.issues.get()
    services.answer_appeal(
        actor=staff["executor_communal"],
        appeal_id=appeal.pk,
        text="Ліфт полагоджено.",
        results=[(issue.pk, "resolved")],
    )
    return appeal


def test_close_form_asks_for_the_confirmation(client, staff):
    appeal = _answered(staff)
    client.force_login(staff["controller"])
    html = page(client, appeal)
    form = html[html.index('id="action-close"') :]
    form = form[: form.index("</form>")]
    assert re.search(r'<input type="checkbox" name="confirm"[^>]*required', form)


def test_close_without_the_confirmation_is_refused_and_changes_nothing(client, staff):
    appeal = _answered(staff)
    client.force_login(staff["controller"])
    response = client.post(card_url(appeal, "close"))
    assert response.status_code == 422
    assert "Позначте підтвердження" in field_block(response.content.decode(), "id_close_confirm")
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED
    assert not AppealEvent.objects.filter(appeal=appeal, action="closed").exists()


def test_confirmed_close_takes_the_appeal_off_control_and_redirects(client, staff):
    appeal = _answered(staff)
    client.force_login(staff["controller"])
    response = client.post(card_url(appeal, "close"), {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == card_url(appeal)
    assert flash(response) == ["Звернення знято з контролю."]
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED


def test_close_by_get_is_not_allowed(client, staff):
    appeal = _answered(staff)
    client.force_login(staff["controller"])
    assert client.get(card_url(appeal, "close")).status_code == 405
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED


def test_resolution_due_date_in_the_past_is_refused_on_its_field(client, staff):
    appeal = register(staff)  # registered 02.11.2026; today is 14.11.2026
    client.force_login(staff["head"])
    response = client.post(
        card_url(appeal, "resolve"),
        {"term": "date", "due_date": "2026-11-10", "lead_department": "communal"},
    )
    assert response.status_code == 422
    assert "не може бути в минулому" in field_block(response.content.decode(), "id_resolve_due_date")
    appeal.refresh_from_db()
    assert appeal.status == Status.REGISTERED


def test_resolution_due_date_today_or_later_is_accepted(staff):
    appeal = register(staff)
    resolved = services.resolve_appeal(
        actor=staff["head"], appeal_id=appeal.pk, lead_department="communal", due_date=dt.date(2026, 11, 14)
    )
    assert resolved.status == Status.IN_PROGRESS


def test_service_refuses_a_past_due_date(staff):
    appeal = register(staff)

    with pytest.raises(ValidationFailed) as caught:
        services.resolve_appeal(
            actor=staff["head"],
            appeal_id=appeal.pk,
            lead_department="communal",
            due_date=dt.date(2026, 11, 13),
        )
    assert [(e.field, e.code) for e in caught.value.errors] == [("due_date", "past")]


def test_executor_of_another_department_is_refused_on_its_field(client, staff):
    appeal = register(staff)
    client.force_login(staff["head"])
    response = client.post(
        card_url(appeal, "resolve"),
        {"term": "15d", "lead_department": "social", "lead_executor": "executor_communal"},
    )
    assert response.status_code == 422
    assert "підрозділ" in field_block(response.content.decode(), "id_resolve_lead_executor")
    appeal.refresh_from_db()
    assert appeal.status == Status.REGISTERED


def test_resolution_marks_each_executor_with_the_department_the_page_narrows_to(client, staff):
    appeal = register(staff)
    client.force_login(staff["head"])
    html = page(client, appeal)
    assert 'data-executors="id_resolve_lead_executor"' in html
    assert re.search(r'<option value="executor_communal" data-department="communal"', html)
    assert "js/card.js" in html
