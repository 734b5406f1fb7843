"""The issue's walk in Chromium: a parent on a 360 px phone signs in, files an application and sees
the positions; staff confirm the benefit and the position moves on the parent's page; staff offer
the free place, the parent accepts, and the application leaves the other queue (enrolled, no
positions). axe-core on every page; no portal page scrolls sideways. Elements are found by id, name
or link target, not by translated text."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from hromada.browser_testing import _missing
from hromada.kindergarten.models import Application, ApplicationStatus
from hromada.kindergarten.tests.test_api_support import NOW, file, group, institution, officer
from hromada.kindergarten.tests.test_pages_support import PASSWORD, form_data, make_parent

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(_missing() is not None, reason=_missing() or ""),
]

PHONE = {"width": 360, "height": 740}


def _fits(page: Any, name: str, axe: Any) -> None:
    axe.check(page, name)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: {width} px wide"


def _cell(page: Any, institution_id: int) -> Any:
    """The parent's position in the institution's queue (its table cell)."""
    return page.locator(f"td.position[data-institution='{institution_id}']")


def _fill(page: Any, data: dict[str, str]) -> None:
    for name, value in data.items():
        field = page.locator(f"[name='{name}']")
        if name.startswith("institution_") or name in ("sex", "school_year", "start_month"):
            field.select_option(value)
        elif name == "benefit":
            page.locator(f"input[name=benefit][value='{value}']").check()
        elif name == "registered_in_community":
            field.check()
        else:
            field.fill(value)


def test_parent_files_staff_confirm_and_offer_the_parent_accepts(live_server, browser, axe, shot, settings):
    settings.HROMADA_NOW = NOW
    places = [institution("ЗДО № 1 «Сонечко»"), institution("ЗДО № 2 «Барвінок»")]
    staff = officer("osvita", "education_officer")
    staff.set_password("pw")
    staff.save()
    file(officer("paper"), 1, places)  # an earlier application: the parent's is second
    parent = make_parent("maty@example.org", "Коваль Марія Іванівна")
    base = live_server.url
    mum = browser.new_context(locale="uk-UA", viewport=PHONE).new_page()

    mum.goto(f"{base}/kabinet/vkhid/")
    mum.locator("#id_email").fill(parent.email)
    mum.locator("#id_password").fill(PASSWORD)
    mum.locator("#id_password").press("Enter")
    mum.wait_for_url(f"{base}/kabinet/")
    mum.goto(f"{base}/dytsadok/")
    _fits(mum, "kindergarten", axe)
    mum.goto(f"{base}/dytsadok/zaklady/{places[0].pk}/")
    _fits(mum, "institution", axe)
    mum.goto(f"{base}/dytsadok/cherga/{group(places[0]).pk}/")
    _fits(mum, "public list", axe)
    mum.goto(f"{base}/dytsadok/")
    mum.locator("main a[href='/dytsadok/zaiava/']").first.click()
    mum.wait_for_url(f"{base}/dytsadok/zaiava/")
    _fill(mum, form_data(2, places, benefit="first_in_turn"))
    _fits(mum, "application form", axe)
    shot(mum, "kg-01-application-form")
    mum.locator("#application-form button[type=submit]").click()
    mum.wait_for_url(f"{base}/dytsadok/zaiava/podano/")
    mine = Application.objects.get(filed_by=parent.user)
    assert mum.locator("#filed-number").inner_text() == mine.number
    _fits(mum, "receipt", axe)
    mum.locator("main a.button").click()
    mum.wait_for_url(re.compile(r"/dytsadok/zaiava/.+/$"))
    _fits(mum, "status", axe)
    for place in places:
        expect(_cell(mum, place.pk)).to_have_text("2")

    desk = browser.new_context(locale="uk-UA").new_page()
    desk.goto(f"{base}/staff/sign-in/")
    desk.locator("#id_username").fill("osvita")
    desk.locator("#id_password").fill("pw")
    desk.locator("#id_password").press("Enter")
    desk.wait_for_url(re.compile(r"/staff/"))
    desk.goto(f"{base}/staff/kindergarten/")
    axe.check(desk, "staff list")
    desk.locator(f"a[href='/staff/kindergarten/applications/{mine.pk}/']").click()
    desk.wait_for_url(f"{base}/staff/kindergarten/applications/{mine.pk}/")
    axe.check(desk, "staff card")
    desk.locator("#benefit-form input[name=decision][value=confirm]").check()
    desk.locator("#benefit-form [name=note]").fill("Посвідчення багатодітної родини")
    with desk.expect_navigation():  # the card redirects to itself: wait for the answer
        desk.locator("#benefit-form button[type=submit]").click()
    mine.refresh_from_db()
    assert mine.benefit_status == "confirmed", desk.locator("main").inner_text()[:1500]
    mum.goto(mum.url)
    for place in places:  # the number on the parent's page moved up
        expect(_cell(mum, place.pk)).to_have_text("1")

    desk.goto(f"{base}/staff/kindergarten/groups/{group(places[1]).pk}/")
    axe.check(desk, "staff group queue")
    with desk.expect_navigation():
        desk.locator("#offer-button").click()
    mum.goto(mum.url)
    expect(mum.locator("form[action$='/pryiniaty/']")).to_have_count(1)
    _fits(mum, "status with an offer", axe)
    shot(mum, "kg-02-offer")
    with mum.expect_navigation():
        mum.locator("form[action$='/pryiniaty/'] button[type=submit]").click()
    _fits(mum, "status enrolled", axe)
    assert mum.locator("#application-status").get_attribute("data-status") == ApplicationStatus.ENROLLED
    assert mum.locator("td.position").count() == 0
    mine.refresh_from_db()
    assert mine.status == ApplicationStatus.ENROLLED
    assert not mine.preferences.filter(position__isnull=False).exists()
