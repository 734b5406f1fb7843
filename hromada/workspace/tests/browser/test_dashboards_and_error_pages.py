"""What a person notices (issue 13): the head's department table adds up to the overdue tile and each
figure opens a list of that many appeals; the administrator's dashboard says plainly that no backup
exists and leads to an admin in Ukrainian; on a phone, a missing page and a staff page opened by a
resident are the site's own pages — header, sign-in link, no sideways scroll, axe-core clean."""

from __future__ import annotations

import re
from typing import Any

import pytest

from hromada.residents.demo import DEMO_EMAIL, seed_resident
from hromada.workspace.tests.test_dashboard_reconcile import register_with_co_executors  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}


def staff_sign_in(page: Any, base: str, username: str, password: str = "pw") -> None:
    page.goto(f"{base}/staff/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/staff/")


def listed(page: Any) -> int:
    """How many appeals the list says it holds (its heading: "3 звернення")."""
    return int(page.locator("#appeal-results-heading").inner_text().split()[0])


def test_head_sees_a_department_table_that_adds_up_and_opens_exact_lists(
    live_server,
    page,
    axe,
    shot,
    staff,
    register_with_co_executors,  # noqa: F811
):
    base = live_server.url
    staff_sign_in(page, base, "head")
    table = page.locator("table.department-load")
    assert table.get_by_role("columnheader", name="Як головний виконавець").is_visible()
    overdue_tile = page.locator(".cards a", has_text="Прострочені").locator(".count").inner_text()
    total_overdue = table.locator("tfoot td").nth(1).inner_text()
    assert overdue_tile == total_overdue == "3"
    axe.check(page, "40-head-department-load")
    shot(page, "40-head-department-load")
    table.locator("tfoot td").nth(1).get_by_role("link").click()
    page.wait_for_url(re.compile(r"/staff/appeals/\?overdue=1$"))
    assert listed(page) == 3
    page.go_back()
    communal = table.locator("tbody tr", has_text="Департамент ЖКГ")
    co_open = communal.locator("td").nth(2)
    shown = int(co_open.inner_text())
    co_open.get_by_role("link").click()
    page.wait_for_url(re.compile(r"co_department=communal"))
    assert listed(page) == shown == 1


def test_administrator_sees_no_backup_said_plainly_and_an_admin_in_ukrainian(
    live_server, page, axe, shot, staff, settings, tmp_path
):
    settings.HROMADA_BACKUP_DIR = tmp_path / "no-backups-yet"
    administrator = staff["administrator"]
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    base = live_server.url
    staff_sign_in(page, base, "administrator")
    assert page.get_by_text("Резервної копії не знайдено.").is_visible()
    assert page.get_by_role("link", name=re.compile("Працівники без другого фактора")).is_visible()
    axe.check(page, "41-administrator-dashboard")
    shot(page, "41-administrator-dashboard")
    page.get_by_role("link", name="Усе адміністрування").click()
    page.wait_for_url(f"{base}/admin/")
    assert page.locator("#site-name").inner_text() == "Громада — адміністрування"
    assert page.get_by_role("heading", level=1).inner_text() == "Налаштування платформи ради"
    assert page.get_by_role("link", name="Фонові завдання").is_visible()
    shot(page, "42-admin-index")


def _fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide at {PHONE['width']} px"


def test_error_pages_on_a_phone_have_the_header_the_sign_in_link_and_no_sideways_scroll(
    live_server, browser, axe, shot
):
    seed_resident("Каштани-цвітуть-2026")
    base = live_server.url
    phone = browser.new_context(locale="uk-UA", viewport=PHONE).new_page()
    response = phone.goto(f"{base}/no-such-page/")
    assert response is not None and response.status == 404
    assert phone.locator("header.portal-topbar").is_visible()
    assert phone.get_by_role("heading", level=1).inner_text() == "Сторінку не знайдено"
    assert phone.get_by_role("link", name="На головну сторінку порталу").is_visible()
    _fits(phone)
    axe.check(phone, "43-not-found-phone")
    shot(phone, "43-not-found-phone")
    phone.goto(f"{base}/kabinet/vkhid/")
    phone.locator("#id_email").fill(DEMO_EMAIL)
    phone.locator("#id_password").fill("Каштани-цвітуть-2026")
    phone.locator("#id_password").press("Enter")
    phone.wait_for_url(f"{base}/kabinet/")
    response = phone.goto(f"{base}/staff/appeals/")  # a staff link, followed by a resident
    assert response is not None and response.status == 403
    assert phone.locator("header.topbar").is_visible()
    assert phone.get_by_role("heading", level=1).inner_text() == "Доступ заборонено"
    sign_in = phone.get_by_role("link", name="Увійти як працівник ради")
    assert sign_in.is_visible()
    _fits(phone)
    axe.check(phone, "44-forbidden-resident-phone")
    shot(phone, "44-forbidden-resident-phone")
    sign_in.click()
    phone.wait_for_url(re.compile(r"/staff/sign-in/\?next=%2Fstaff%2Fappeals%2F"))
    assert phone.locator("#id_username").is_visible()
    phone.context.close()
