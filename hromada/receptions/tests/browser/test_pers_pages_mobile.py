"""A resident books a personal reception on a 360 px phone: every public page of it fits the width
(no sideways scroll), the booking goes through, and it is cancelled from its own page."""

from __future__ import annotations

from typing import Any

import pytest

from hromada.browser_testing import *  # noqa: F403  (fixtures: chromium, the classifier)
from hromada.receptions.models import ReceptionBooking, ReceptionSettings
from hromada.receptions.tests.pers_support import make_official

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}


def _fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


def test_booking_and_cancelling_on_a_phone(live_server, browser, settings, axe):
    settings.HROMADA_NOW = "2026-12-07T09:00:00"
    ReceptionSettings.forget()
    official = make_official(
        position="Заступник міського голови з питань діяльності виконавчих органів ради "
        "та цифрової трансформації",
    )
    page = browser.new_context(locale="uk-UA", viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/pryiom/")
    _fits(page)
    axe.check(page, "officials who receive")
    page.goto(f"{live_server.url}/pryiom/{official.pk}/")
    _fits(page)
    axe.check(page, "an official's reception days")
    page.locator('input[value="2026-12-07T10:15"]').check()
    page.locator("#id_topic").select_option("communal")
    page.locator("#id_full_name").fill("Коваленко Іван Петрович")
    page.locator("#id_phone").fill("067 123 45 67")
    page.locator("#id_email").fill("ivan@example.com")
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_url("**/pryiom/zapys/**")
    _fits(page)
    axe.check(page, "the booking")
    booking = ReceptionBooking.objects.get()
    assert "10:15" in page.content() and "07.12.2026" in page.content()
    page.goto(f"{live_server.url}/pryiom/skasuvaty/{booking.token}/")
    _fits(page)
    axe.check(page, "cancel the booking")
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_url(f"**/pryiom/zapys/{booking.token}/")
    booking.refresh_from_db()
    assert booking.status == "cancelled"
