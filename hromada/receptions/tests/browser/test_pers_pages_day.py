"""The registrar runs a reception day in the browser: marks a visitor as came, registers the appeal
from the visit and finds its number in the message; the day page and the journal pass axe-core."""

from __future__ import annotations

import pytest

from hromada.accounts.demo import ensure_staff
from hromada.appeals.door import registered_appeal
from hromada.browser_testing import *  # noqa: F403  (fixtures: chromium, the classifier)
from hromada.receptions.models import ReceptionBooking, ReceptionSettings
from hromada.receptions.services.personal import book_reception
from hromada.receptions.tests.pers_support import booking_data, make_official

pytestmark = pytest.mark.django_db(transaction=True)

APPEAL_TEXT = "Прошу відремонтувати покрівлю будинку на вулиці Шевченка, 5."


def test_registrar_registers_an_appeal_from_a_visit(live_server, page, axe, settings):
    settings.HROMADA_NOW = "2026-12-07T09:00:00"
    settings.HROMADA_SECOND_FACTOR_ROLES = []
    ReceptionSettings.forget()
    ensure_staff()
    official = make_official()
    booking = book_reception(**booking_data(official))
    base = live_server.url
    page.goto(f"{base}/staff/sign-in/")
    page.locator("#id_username").fill("registrar")
    page.locator("#id_password").fill("demo")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/staff/")
    day = f"{base}/staff/receptions/officials/{official.pk}/2026-12-07/"
    page.goto(day)
    axe.check(page, "reception day")
    page.locator(f"#visit-{booking.pk} button[name=came][value='1']").click()
    page.wait_for_url(day)
    page.locator(f"#visit-{booking.pk} summary").click()
    page.locator(f"#id_appeal{booking.pk}_text").fill(APPEAL_TEXT)
    page.locator(f"#visit-{booking.pk} form[action$='/appeal/'] button[type=submit]").click()
    page.wait_for_url(day)
    booking = ReceptionBooking.objects.get(pk=booking.pk)
    appeal = registered_appeal(booking.appeal_id)
    assert appeal is not None and appeal.channel_id == "personal_reception"
    assert appeal.number in page.locator(".messages").inner_text()
    axe.check(page, "reception day after the appeal")
    page.goto(f"{base}/staff/receptions/journal/")
    assert appeal.number in page.content()
    axe.check(page, "journal of personal receptions")
