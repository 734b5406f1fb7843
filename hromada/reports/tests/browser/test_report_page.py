"""The report page in Chromium: axe-core finds no serious WCAG 2.1 AA violation, in Ukrainian and in
English, with a bad period too; printed, it shows the report without the controls."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

Q1 = "/staff/reports/?from=2025-01-01&to=2025-03-31"


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/staff/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("pw")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/staff/")


def test_report_page_passes_axe_and_prints_without_controls(live_server, page, axe, shot, register):
    base = live_server.url
    sign_in(page, base, "head")
    page.get_by_role("link", name="Звіти").click()
    page.wait_for_url(f"{base}/staff/reports/")
    page.goto(f"{base}{Q1}")
    assert page.get_by_role("heading", level=1).inner_text() == "Звіти про звернення громадян"
    assert page.get_by_role("img", name="Звернення за каналами надходження").count() == 1
    axe.check(page, "40-report")
    shot(page, "40-report")

    page.emulate_media(media="print")
    assert not page.locator(".quick-periods").is_visible()
    assert not page.locator(".downloads").is_visible()
    assert page.locator(".report-note").is_visible()
    page.emulate_media(media="screen")

    page.goto(f"{base}/staff/reports/?from=2025-03-01&to=2025-02-01")
    assert page.locator("#id_to").get_attribute("aria-invalid") == "true"
    axe.check(page, "41-report-bad-period")

    page.set_extra_http_headers({"Accept-Language": "en"})
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page.goto(f"{base}{Q1}")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "In quarter I of 2025 the council received 8 appeals." in page.locator(".report-note").inner_text()
    axe.check(page, "42-report-english")
