"""The staff list's search box and the header's "go to number" in a real browser: a clerk finds an
appeal by its index typed any way, by the caller's name in reversed order and by the phone as said."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from hromada.accounts.demo import ensure_staff
from hromada.workspace.tests.browser.test_pages_accessible import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_clerk_finds_an_appeal_by_number_name_and_phone(live_server, page, axe, shot):
    from hromada.appeals import services
    from hromada.appeals.schemas import AppealRegisterIn
    from hromada.testing import appeal_body

    users = ensure_staff()
    # The default applicant: Коваленко Іван Петрович, +380671234567.
    appeal = services.register_appeal(
        AppealRegisterIn.model_validate(appeal_body()), actor=users["registrar"]
    )
    other = services.register_appeal(
        AppealRegisterIn.model_validate(
            appeal_body(
                applicants=[{"name": "Бондар Петро", "phone": "0501234567", "address": "вул. Миру, 2"}]
            )
        ),
        actor=users["registrar"],
    )
    base = live_server.url
    sign_in(page, base, "registrar")
    page.goto(f"{base}/staff/appeals/")
    # The filters wait behind "Інші фільтри": the search box is the first thing on the page.
    expect(page.locator("details.filters-more")).not_to_have_attribute("open", "")
    box = page.get_by_label("Пошук")
    number = appeal.number.split("-")[1]
    for typed, expected in [
        (appeal.number.lower(), appeal),
        (f"K-{number}", appeal),  # Latin K
        ("Іван Коваленко", appeal),
        ("0671234567", appeal),
        ("+38 050 123 45 67", other),
    ]:
        box.fill(typed)
        page.get_by_role("button", name="Знайти").click()
        # The list region is replaced (htmx) and the address bar gets the query: only then read it.
        expect(page).to_have_url(re.compile(re.escape(urlencode({"q": typed}))))
        results = page.locator("#appeal-list table tbody tr")
        expect(results).to_have_count(1)
        expect(results.first).to_contain_text(expected.number)
    axe.check(page, "30-list-search-box")
    shot(page, "30-list-search-box")
    # "Go to number" in the header opens the card straight away.
    page.get_by_label("Номер звернення").fill(f"{other.number.lower()}")
    page.get_by_role("button", name="Перейти").click()
    page.wait_for_url(re.compile(rf"/staff/appeals/{other.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(other.number)
