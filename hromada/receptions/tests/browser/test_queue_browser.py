"""A visitor's walk through the centre's hall in Chromium: the kiosk on a 360 px phone gives a
ticket, the hall display on a wide screen shows a called number and, without a reload, the next one
(htmx polling); axe-clean, no sideways scroll. The fixtures come from hromada/browser_testing.py
(imported here rather than from a conftest, so this module stands alone)."""

from __future__ import annotations

import re

import pytest

from hromada.accounts.models import Role, User
from hromada.browser_testing import *  # noqa: F403  (fixtures)
from hromada.browser_testing import _missing
from hromada.receptions.models import QueueTicket
from hromada.receptions.services import queue as services
from hromada.receptions.tests.cbook_factory import centre

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(_missing() is not None, reason=_missing() or ""),
]

PHONE = {"width": 360, "height": 740}


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


def test_kiosk_ticket_and_the_hall_display(live_server, page, axe, shot, settings):
    settings.HROMADA_NOW = "2026-12-08T09:30:00"
    made = centre(windows=2)
    clerk = User.objects.create_user(username="cnap", password="pw", role=Role.CENTRE_ADMINISTRATOR)
    base = live_server.url

    page.set_viewport_size(PHONE)
    page.goto(f"{base}/cnap/kiosk/")
    axe.check(page, "centre kiosk")
    _no_sideways_scroll(page)
    shot(page, "90-centre-kiosk")
    page.get_by_role("button", name=made["extract"].name).click()
    page.wait_for_url(re.compile(r"/cnap/talon/"))
    ticket = QueueTicket.objects.get()
    assert ticket.label in page.locator(".centre-huge").inner_text()
    axe.check(page, "centre ticket")
    _no_sideways_scroll(page)
    shot(page, "91-centre-ticket")

    services.call_next(window=made["windows"][0], actor=clerk)
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(f"{base}/cnap/zal/")
    board = page.locator(".centre-board")
    assert ticket.label in board.inner_text()
    axe.check(page, "centre hall")
    _no_sideways_scroll(page)

    second = services.take_ticket(service=made["passport"])
    services.call_next(window=made["windows"][1], actor=clerk)
    page.locator(".centre-latest", has_text=second.label).wait_for(timeout=12_000)  # polled, no reload
    shot(page, "92-centre-hall")
    page.set_viewport_size(PHONE)
    _no_sideways_scroll(page)
