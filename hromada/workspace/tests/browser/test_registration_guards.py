"""The registration and card guards as a clerk meets them in a real browser: a decades-old receipt date
is refused until the late registration is confirmed; "Зняти з контролю" asks for a confirmation; the
resolution offers only the chosen department's executors."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from hromada.accounts.demo import ensure_staff
from hromada.accounts.models import User
from hromada.appeals import services
from hromada.appeals.models import Appeal, AppealEvent, Status
from hromada.appeals.schemas import AppealRegisterIn
from hromada.testing import appeal_body

pytestmark = pytest.mark.django_db(transaction=True)

NOW = "2026-11-20T12:00:00"


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/staff/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("demo")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/staff/")


def _registered(**overrides) -> Appeal:
    body = appeal_body(received_at="2026-11-16T10:00:00", **overrides)
    return services.register_appeal(
        AppealRegisterIn.model_validate(body), actor=User.objects.get(username="registrar")
    )


def test_old_receipt_date_is_refused_until_the_late_registration_is_confirmed(
    live_server, page, axe, settings
):
    settings.HROMADA_NOW = NOW
    ensure_staff()
    base = live_server.url
    sign_in(page, base, "registrar")
    page.goto(f"{base}/staff/appeals/new/")
    expect(page.locator("#id_late_registration")).to_have_count(0)
    page.select_option("#id_channel", "phone")
    page.locator("#id_received_at").fill("1990-01-01T10:00")
    page.select_option("#id_kind", "application")
    page.locator("#id_name").fill("Гнатюк Марія Степанівна")
    page.locator("#id_phone").fill("0671234567")
    page.select_option("#id_issues-0-topic", "communal")
    page.locator("#id_summary").fill("Ліфт")
    page.get_by_role("button", name="Зареєструвати").click()

    error = page.locator("#id_received_at_error")
    expect(error).to_contain_text("01.01.1990")
    expect(error).to_contain_text("підтвердьте пізню реєстрацію")
    assert Appeal.objects.count() == 0
    axe.check(page, "registration-late-refused")

    page.get_by_label("Підтверджую пізню реєстрацію").check()
    page.get_by_role("button", name="Зареєструвати").click()
    page.wait_for_url(re.compile(r"/staff/appeals/\d+/$"))
    expect(page.locator("body")).to_contain_text("Пізню реєстрацію підтвердив реєстратор.")
    appeal = Appeal.objects.get()
    event = AppealEvent.objects.get(appeal=appeal, action="registered")
    assert (
        event.data["late_registration"] is True
        and event.actor is not None
        and event.actor.username == "registrar"
    )


def test_taking_off_control_asks_for_the_confirmation(live_server, page, axe, settings):
    settings.HROMADA_NOW = NOW
    ensure_staff()
    appeal = _registered()
    head = User.objects.get(username="head")
    services.resolve_appeal(actor=head, appeal_id=appeal.pk, lead_department="communal", term="15d")
    issue = appeal.issues.get()
    services.answer_appeal(
        actor=head, appeal_id=appeal.pk, text="Полагоджено.", results=[(issue.pk, "resolved")]
    )
    base = live_server.url
    sign_in(page, base, "controller")
    page.goto(f"{base}/staff/appeals/{appeal.pk}/")
    page.locator("#action-close > summary").click()
    form = page.locator("#action-close form")
    form.locator("button[type=submit]").click()
    expect(page.locator("#action-close")).to_contain_text("Позначте підтвердження")
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED
    axe.check(page, "close-needs-confirmation")

    form = page.locator("#action-close form")
    form.get_by_label("Підтверджую").check()
    form.locator("button[type=submit]").click()
    expect(page.locator("body")).to_contain_text(str(Status.CLOSED.label))
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED


def test_resolution_offers_only_the_chosen_departments_executors(live_server, page, settings):
    settings.HROMADA_NOW = NOW
    ensure_staff()
    appeal = _registered()
    base = live_server.url
    sign_in(page, base, "head")
    page.goto(f"{base}/staff/appeals/{appeal.pk}/")
    page.locator("#action-resolve > summary").click()
    form = page.locator("#action-resolve form")
    executor = form.locator("select[name=lead_executor]")
    communal = executor.locator('option[value="executor_communal"]')
    form.locator("select[name=lead_department]").select_option("communal")
    expect(communal).to_be_enabled()
    executor.select_option("executor_communal")
    form.locator("select[name=lead_department]").select_option("social")
    expect(communal).to_be_disabled()
    assert executor.input_value() == ""
    assert executor.locator('option[value="executor_social"]').is_enabled()
