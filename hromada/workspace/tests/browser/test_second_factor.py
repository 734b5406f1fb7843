"""The second factor in a real browser: the head enrols with a real TOTP code, receives the recovery
codes, signs out, signs in with password and code; the new pages pass axe."""

from __future__ import annotations

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hromada.accounts.models import Role
from hromada.testing import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def code_of(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def test_head_enrols_and_signs_in_with_a_code_from_the_app(live_server, page, axe, shot, settings):
    settings.HROMADA_SECOND_FACTOR_ROLES = ["head"]
    make_user("head", Role.HEAD)
    page.goto(f"{live_server.url}/staff/")
    page.get_by_label("Ім’я користувача").fill("head")
    page.get_by_label("Пароль").fill("pw")
    page.get_by_role("button", name="Увійти").click()
    page.wait_for_url("**/staff/second-factor/enrol/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Налаштування другого фактора"
    assert page.locator("#totp-uri").inner_text().startswith("otpauth://totp/")
    axe.check(page, "second-factor enrolment")
    shot(page, "second-factor-enrol")
    device = TOTPDevice.objects.get(user__username="head", confirmed=False)
    page.get_by_label("Код із застосунку").fill(code_of(device))
    page.get_by_role("button", name="Підтвердити").click()
    page.wait_for_load_state()
    assert page.locator("#recovery-codes li").count() == 10
    axe.check(page, "recovery codes")
    page.get_by_role("link", name="Далі").click()
    page.wait_for_url(f"{live_server.url}/staff/")
    page.get_by_role("button", name="Вийти").click()
    page.wait_for_url("**/staff/sign-in/**")
    page.get_by_label("Ім’я користувача").fill("head")
    page.get_by_label("Пароль").fill("pw")
    page.get_by_role("button", name="Увійти").click()
    page.wait_for_url("**/staff/sign-in/code/**")
    page.get_by_label("Код із застосунку або резервний код").fill("000000")
    page.get_by_role("button", name="Підтвердити").click()
    page.wait_for_load_state()
    assert "Код недійсний" in page.content()
    axe.check(page, "code step with an error")
    device.refresh_from_db()
    # django-otp refuses any code for 2^(failures-1) s after a wrong one: a person waits that long.
    if device.throttling_failure_count:
        time.sleep(2 ** (device.throttling_failure_count - 1) + 0.5)
    page.get_by_label("Код із застосунку або резервний код").fill(code_of(device, steps_ahead=1))
    page.get_by_role("button", name="Підтвердити").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/staff/", page.locator("main").inner_text()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Робочий стіл")
    page.goto(f"{live_server.url}/staff/second-factor/")
    axe.check(page, "second-factor page")
