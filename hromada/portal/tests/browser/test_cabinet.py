"""Residents' cabinets in a real browser: one resident signs up, confirms the e-mail from the letter
the real SMTP server received, files an e-appeal and finds it in "my appeals"; a second resident signs
in and can neither list nor open it. axe-core on every cabinet page."""

from __future__ import annotations

import re

import pytest

from hromada.appeals.models import Appeal
from hromada.residents.services import SignUp, confirm_email, sign_up
from hromada.residents.tokens import email_confirmation, uid_of

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Каштани-цвітуть-2026"


def test_second_resident_cannot_see_the_first_ones_appeals(
    live_server, page, browser, axe, shot, smtp, worker
):
    base = live_server.url
    page.goto(f"{base}/kabinet/reiestratsiia/")
    axe.check(page, "sign-up form")
    page.locator("#id_full_name").fill("Савченко Ганна Олексіївна")
    page.locator("#id_email").fill("hanna@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password2").fill("інший")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Створити обліковий запис").click()
    page.wait_for_load_state()
    assert "Паролі не збігаються." in page.content()
    axe.check(page, "sign-up form with errors")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Створити обліковий запис").click()
    page.wait_for_load_state()
    assert "Перевірте пошту" in page.content()
    axe.check(page, "check your mail")

    worker()
    (mail,) = smtp.to("hanna@example.org")
    found = re.search(r"https?://\S+", mail.text)
    assert found is not None
    link = found.group(0)
    page.goto(base + re.sub(r"^https?://[^/]+", "", link))
    assert page.locator("h1").inner_text() == "Мої звернення"
    axe.check(page, "my appeals, empty")

    # Signed in, the form is filled with the name and e-mail of the account.
    page.goto(f"{base}/zvernennia/nove/")
    assert page.locator("#id_name").input_value() == "Савченко Ганна Олексіївна"
    assert page.locator("#id_email").input_value() == "hanna@example.org"
    page.locator("#id_address").fill("вул. Соборна, 3, кв. 14, м. Житомир")
    page.locator("#id_text").fill("Прошу відремонтувати дитячий майданчик біля будинку № 3.")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Надіслати звернення").click()
    page.wait_for_load_state()
    appeal = Appeal.objects.get()

    page.goto(f"{base}/kabinet/")
    assert appeal.number in page.content() and "1 звернення" in page.content()
    shot(page, "55-cabinet-my-appeals")
    page.get_by_role("link", name=appeal.number).click()
    page.wait_for_load_state()
    axe.check(page, "my appeal")
    page.locator("#id_text").fill("Додаю: гойдалка зламана з вересня.")
    page.get_by_role("button", name="Додати до звернення").click()
    page.wait_for_load_state()
    assert "Вашу інформацію додано до звернення" in page.content()
    assert "Ви додали інформацію" in page.content()
    axe.check(page, "my appeal, information added")
    shot(page, "56-cabinet-appeal")

    # The second resident, in a browser of their own.
    other = sign_up(SignUp("Коваль Іван Петрович", "ivan@example.org", PASSWORD, PASSWORD, True))
    assert other is not None
    confirm_email(uid_of(other.user), email_confirmation.make_token(other.user))
    context = browser.new_context(locale="uk-UA")
    second = context.new_page()
    second.goto(f"{base}/kabinet/")
    assert second.locator("h1").inner_text() == "Вхід до кабінету"
    axe.check(second, "cabinet sign-in")
    second.locator("#id_email").fill("ivan@example.org")
    second.locator("#id_password").fill(PASSWORD)
    second.get_by_role("button", name="Увійти").click()
    second.wait_for_load_state()
    assert second.locator("h1").inner_text() == "Мої звернення"
    assert appeal.number not in second.content()
    assert "З цією електронною поштою ще не подано жодного звернення." in second.content()
    response = second.goto(f"{base}/kabinet/zvernennia/{appeal.pk}/")
    assert response is not None and response.status == 404
    assert "гойдалка" not in second.content() and appeal.number not in second.content()
    context.close()
