"""A resident on a 360 px phone in Chromium books a personal reception and a ЦНАП visit, cancels the
ЦНАП one, and receives the three letters through a real SMTP server (aiosmtpd). axe-core on every
page, no sideways scroll. Elements are found by name, id or link target, not by translated text."""

from __future__ import annotations

import re

import pytest

from hromada.browser_testing import _missing
from hromada.receptions.models import CentreBooking, CentreBookingStatus, ReceptionBooking
from hromada.receptions.tests.cbook_factory import centre
from hromada.receptions.tests.pers_support import make_official
from hromada.reference.models import Topic

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(_missing() is not None, reason=_missing() or ""),
]

PHONE = {"width": 360, "height": 740}
EMAIL = "oksana.booker@example.org"
FRIDAY = "2026-12-11"
TUESDAY = "2026-12-08"


def _fits(page, name: str, axe) -> None:
    axe.check(page, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: {width} px wide"


def _about_me(page) -> None:
    page.locator("#id_full_name").fill("Бондар Оксана Миколаївна")
    page.locator("#id_phone").fill("+380671112233")
    page.locator("#id_email").fill(EMAIL)


def test_resident_books_a_reception_and_a_centre_visit_cancels_one_and_gets_the_letters(
    live_server,
    page,
    axe,
    shot,
    settings,
    smtp,
    worker,
):
    settings.HROMADA_NOW = "2026-12-07T09:00:00"  # Monday morning, Kyiv
    official = make_official()
    official.topics.set(Topic.objects.filter(code="communal"))
    made = centre()
    base = live_server.url
    page.set_viewport_size(PHONE)

    page.goto(f"{base}/pryiom/")
    _fits(page, "receptions", axe)
    page.locator(f"a[href='/pryiom/{official.pk}/']").first.click()
    page.wait_for_url(f"{base}/pryiom/{official.pk}/")
    _fits(page, "reception official", axe)
    page.locator(f"a[href='?day={FRIDAY}']").click()
    page.locator("input[name=slot]").first.check()
    page.select_option("#id_topic", "communal")
    page.locator("#id_question").fill("Ремонт даху будинку на вулиці Лесі Українки, 4.")
    _about_me(page)
    _fits(page, "reception form", axe)
    shot(page, "93-reception-form")
    page.locator(f"form[action^='/pryiom/{official.pk}/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/pryiom/zapys/"))
    reception = ReceptionBooking.objects.get()
    assert reception.email == EMAIL and reception.day.isoformat() == FRIDAY
    assert "11.12.2026" in page.content()
    _fits(page, "reception booked", axe)

    page.goto(f"{base}/cnap/")
    _fits(page, "centre catalogue", axe)
    page.locator(f"a[href='/cnap/posluha/{made['passport'].pk}/']").first.click()
    page.wait_for_url(re.compile(rf"/cnap/posluha/{made['passport'].pk}/"))
    page.locator(f"a[href='?day={TUESDAY}#times']").click()
    page.locator("input[name=slot]").first.check()
    _about_me(page)
    _fits(page, "centre service form", axe)
    shot(page, "94-centre-booking-form")
    page.locator("form#times button[type=submit]").click()
    page.wait_for_url(re.compile(r"/cnap/zapys/"))
    visit = CentreBooking.objects.get()
    assert visit.code in page.content() and visit.day.isoformat() == TUESDAY
    _fits(page, "centre booked", axe)
    shot(page, "95-centre-confirmation")

    page.locator(f"a[href='/cnap/skasuvaty/{visit.token}/']").click()
    page.wait_for_url(f"{base}/cnap/skasuvaty/{visit.token}/")
    _fits(page, "centre cancel", axe)
    page.locator(f"form[action='/cnap/skasuvaty/{visit.token}/'] button[type=submit]").click()
    page.wait_for_url(f"{base}/cnap/zapys/{visit.token}/")
    visit.refresh_from_db()
    assert visit.status == CentreBookingStatus.CANCELLED

    worker()
    letters = smtp.to(EMAIL)
    assert len(letters) == 3, [m.subject for m in letters]
    texts = "\n".join(m.text for m in letters)
    assert f"/pryiom/skasuvaty/{reception.token}/" in texts
    assert visit.code in texts and f"/cnap/skasuvaty/{visit.token}/" in texts
