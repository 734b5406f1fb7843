"""Sign-in in a real browser: keyboard only, errors announced, accessible."""

from __future__ import annotations

import pytest

from hromada.accounts.models import Role
from hromada.testing import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_with_the_keyboard_only_and_wrong_password_shows_the_error(live_server, page, axe, shot):
    make_user("registrar", Role.REGISTRAR)
    page.goto(f"{live_server.url}/staff/")
    assert "/staff/sign-in/" in page.url
    axe.check(page, "sign-in")
    shot(page, "01-sign-in")
    # The username field has the focus: type, Tab to the password, Enter submits.
    page.keyboard.type("registrar")
    page.keyboard.press("Tab")
    page.keyboard.type("wrong")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Неправильне ім’я користувача або пароль." in page.locator("[role=alert]").inner_text()
    axe.check(page, "sign-in with an error")
    page.get_by_label("Пароль").fill("pw")
    page.get_by_role("button", name="Увійти").click()
    page.wait_for_url(f"{live_server.url}/staff/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Робочий стіл")
