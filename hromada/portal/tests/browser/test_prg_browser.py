"""Post/Redirect/Get and the cabinet's menu in a real browser (issue 13): a resident files an e-appeal
on a phone, lands on the "received" page, reloads it (and goes back and forth) — still exactly one
appeal, the same receipt, no rate-limit refusal; the receipt page fits the phone. A signed-in resident
reaches every part of the cabinet from its menu."""

from __future__ import annotations

from typing import Any

import pytest

from hromada.appeals.models import Appeal
from hromada.petitions.tests.public_support import PASSWORD, make_resident
from hromada.portal.tests.browser.test_mobile_layout import PHONE, menu_is_collapsed, overflow

pytestmark = pytest.mark.django_db(transaction=True)


def test_reloading_the_received_page_files_no_second_appeal(live_server, browser, settings, axe, shot):
    settings.HROMADA_PORTAL_FILING_LIMIT = 1  # a second filing would be refused: a reload must not be one
    base = live_server.url
    page = browser.new_context(locale="uk-UA", viewport=PHONE).new_page()
    page.goto(f"{base}/zvernennia/nove/")
    page.locator("#id_name").fill("Бойко Ірина Степанівна")
    page.locator("#id_address").fill("вул. Соборна, 3, кв. 14, м. Хмільник, 22000")
    page.locator("#id_email").fill("boiko@example.org")
    page.locator("#id_phone").fill("067 123 45 67")
    page.locator("#id_text").fill("Прошу відремонтувати дитячий майданчик біля будинку № 3.")
    page.locator("#id_consent").check()
    page.locator("form[action='/zvernennia/nove/'] button[type=submit]").click()
    page.wait_for_url(f"{base}/zvernennia/otrymano/")
    appeal = Appeal.objects.get()
    assert appeal.number in page.content()
    receipt = page.locator("main dl").inner_text()
    axe.check(page, "e-appeal received, phone")
    shot(page, "91-phone-e-appeal-received")
    assert overflow(page, PHONE["width"]) is None and menu_is_collapsed(page)

    for _ in range(2):
        response = page.reload()
        assert response is not None and response.status == 200
        assert page.locator("main dl").inner_text() == receipt
    page.go_back()
    page.go_forward()
    assert page.url == f"{base}/zvernennia/otrymano/" and page.locator("main dl").inner_text() == receipt
    assert Appeal.objects.count() == 1
    assert appeal.applicants.get().phone == "+380671234567"


def test_the_form_says_what_is_wrong_with_a_one_letter_name_text_and_phone(live_server, browser):
    base = live_server.url
    page = browser.new_context(locale="uk-UA", viewport=PHONE).new_page()
    page.goto(f"{base}/zvernennia/nove/")
    page.locator("#id_name").fill("П")
    page.locator("#id_address").fill("А")
    page.locator("#id_email").fill("p@example.org")
    page.locator("#id_phone").fill("abc")
    page.locator("#id_text").fill("Т")
    page.locator("#id_consent").check()
    page.locator("form[action='/zvernennia/nove/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "прізвище та ім’я" in page.locator("#id_name_error").inner_text()
    assert "щонайменше 15 символів" in page.locator("#id_text_error").inner_text()
    assert "номер телефону цифрами" in page.locator("#id_phone_error").inner_text()
    assert overflow(page, PHONE["width"]) is None
    assert Appeal.objects.count() == 0


CABINET = {
    "Мої звернення": "/kabinet/",
    "Мої петиції": "/kabinet/peticii/",
    "Мій профіль": "/kabinet/profil/",
    "Подати електронне звернення": "/zvernennia/nove/",
    "Створити петицію": "/kabinet/peticii/nova/",
}


def test_every_part_of_the_cabinet_is_one_click_from_its_menu(live_server, page: Any, axe):
    make_resident("hanna@example.org", "Савченко Ганна Олексіївна")
    base = live_server.url
    page.goto(f"{base}/kabinet/vkhid/")
    page.locator("#id_email").fill("hanna@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{base}/kabinet/")
    axe.check(page, "cabinet with its menu")
    for start in ("/kabinet/", "/kabinet/peticii/", "/kabinet/profil/"):
        for name, path in CABINET.items():
            page.goto(base + start)
            menu = page.get_by_role("navigation", name="Мій кабінет")
            current = menu.locator("a[aria-current=page]")
            assert current.count() == 1 and current.get_attribute("href") == start
            menu.get_by_role("link", name=name, exact=True).click()
            page.wait_for_url(base + path)


def test_cabinet_menu_is_not_shown_to_a_visitor_who_is_not_signed_in(live_server, page: Any):
    page.goto(f"{live_server.url}/kabinet/")
    assert "/kabinet/vkhid/" in page.url
    assert page.get_by_role("navigation", name="Мій кабінет").count() == 0
