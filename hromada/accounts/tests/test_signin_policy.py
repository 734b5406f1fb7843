"""One sign-in policy for every door (issue 11, finding 3): /admin/login/ counted and locked like the
staff sign-in; a stranger's failures do not lock the owner out of a known device or past a second
factor; the address limit holds for everyone; locks and unlocks audited."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.accounts import known_devices
from hromada.accounts.models import SignInFailure
from hromada.accounts.tests.conftest import code_of, confirmed_device, post_sign_in
from hromada.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_admin_login_refuses_the_right_password_when_forty_wrong_ones_came_first(staff):
    admin_user = staff["administrator"]
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    attacker = Client()
    for i in range(40):
        post_sign_in(attacker, "administrator", f"guess{i}", url="/admin/login/", ip="203.0.113.9")
    response = post_sign_in(attacker, "administrator", "pw", url="/admin/login/", ip="203.0.113.9")
    assert response.status_code == 200
    assert "Забагато невдалих спроб" in response.content.decode()
    assert "_auth_user_id" not in attacker.session
    assert attacker.get("/admin/accounts/user/").status_code == 302
    # Every try is recorded, the refused ones too (the lock lasts while the attack goes on).
    assert SignInFailure.objects.filter(username="administrator", ip="203.0.113.9").count() == 41
    assert AuditEntry.objects.filter(
        action="accounts.sign_in_locked", details__scope="account", details__door="admin"
    ).exists()


def test_admin_login_page_is_the_staff_sign_in(staff):
    response = Client().get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/sign-in/?next=%2Fadmin%2Faccounts%2Fuser%2F"


def test_admin_login_signs_in_with_the_right_password(staff):
    admin_user = staff["administrator"]
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = Client()
    response = client.post(
        "/admin/login/", {"username": "administrator", "password": "pw", "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/accounts/user/").status_code == 200


def test_head_signs_in_from_a_known_device_when_a_stranger_has_locked_the_account(staff):
    head_browser = Client()
    assert post_sign_in(head_browser, "head", "pw", ip="10.0.0.5").status_code == 302
    assert known_devices.COOKIE_NAME in head_browser.cookies
    cookie = head_browser.cookies[known_devices.COOKIE_NAME]
    assert cookie["httponly"] and cookie["max-age"] == 180 * 24 * 3600
    head_browser.post("/staff/sign-out/")
    stranger = Client()
    for _ in range(5):
        post_sign_in(stranger, "head", "wrong", ip="198.51.100.7")
    # The stranger is locked out even with the right password...
    locked = post_sign_in(stranger, "head", "pw", ip="198.51.100.7")
    assert "Забагато невдалих спроб" in locked.content.decode() and "_auth_user_id" not in stranger.session
    # ...and so is any browser without the cookie, but not the head's own.
    assert "_auth_user_id" not in post_sign_in(Client(), "head", "pw", ip="10.0.0.5").wsgi_request.session
    response = post_sign_in(head_browser, "head", "pw", ip="10.0.0.5")
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert AuditEntry.objects.filter(action="accounts.sign_in_unlocked", details__how="known_device").exists()
    assert not SignInFailure.objects.filter(username="head").exists()


def test_known_device_cookie_is_secure_when_the_request_is(staff):
    client = Client()
    response = client.post("/staff/sign-in/", {"username": "head", "password": "pw"}, secure=True)
    assert response.status_code == 302
    assert response.cookies[known_devices.COOKIE_NAME]["secure"]


def test_known_device_of_another_account_or_a_forged_cookie_does_not_pass_the_lock(staff):
    browser = Client()
    post_sign_in(browser, "registrar", "pw")  # known for the registrar only
    browser.post("/staff/sign-out/")
    for _ in range(5):
        post_sign_in(Client(), "head", "wrong", ip="198.51.100.7")
    assert "_auth_user_id" not in post_sign_in(browser, "head", "pw").wsgi_request.session
    forged = Client()
    forged.cookies[known_devices.COOKIE_NAME] = f'[[{staff["head"].pk},"x"]]'
    assert "_auth_user_id" not in post_sign_in(forged, "head", "pw").wsgi_request.session


def test_known_device_is_forgotten_when_the_password_changes(staff):
    browser = Client()
    post_sign_in(browser, "head", "pw")
    browser.post("/staff/sign-out/")
    head = staff["head"]
    head.set_password("Kashtan-Lypa-47!")
    head.save()
    for _ in range(5):
        post_sign_in(Client(), "head", "wrong", ip="198.51.100.7")
    assert "_auth_user_id" not in post_sign_in(browser, "head", "Kashtan-Lypa-47!").wsgi_request.session


def test_address_limit_holds_even_for_a_known_device(staff, settings):
    settings.HROMADA_SIGN_IN_MAX_FAILURES_PER_ADDRESS = 8
    browser = Client()
    post_sign_in(browser, "head", "pw", ip="10.9.9.9")
    browser.post("/staff/sign-out/")
    for i in range(8):
        post_sign_in(Client(), f"user{i}", "wrong", ip="10.9.9.9")
    response = post_sign_in(browser, "head", "pw", ip="10.9.9.9")
    assert "Забагато невдалих спроб" in response.content.decode()
    assert "_auth_user_id" not in browser.session
    assert AuditEntry.objects.filter(action="accounts.sign_in_locked", details__scope="address").exists()
    # Another address is not affected.
    assert post_sign_in(Client(), "registrar", "pw", ip="10.9.9.10").status_code == 302


def test_locked_account_with_a_second_factor_signs_in_with_password_and_code(staff, second_factor_on):
    device = confirmed_device(staff["head"])
    for _ in range(5):
        post_sign_in(Client(), "head", "wrong", ip="198.51.100.7")
    owner = Client()
    first = post_sign_in(owner, "head", "pw", ip="10.0.0.5")
    assert 'name="code"' in first.content.decode()  # the form now asks for the code too
    wrong = post_sign_in(owner, "head", "pw", ip="10.0.0.5", code="000000")
    assert "_auth_user_id" not in wrong.wsgi_request.session
    response = post_sign_in(owner, "head", "pw", ip="10.0.0.5", code=code_of(device))
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert owner.get("/staff/appeals/").status_code == 200  # verified by that code: no code step
    assert AuditEntry.objects.filter(
        action="accounts.sign_in_unlocked", details__how="second_factor"
    ).exists()


def test_locked_account_with_a_second_factor_refuses_a_wrong_password_with_a_right_code(
    staff, second_factor_on
):
    device = confirmed_device(staff["head"])
    for _ in range(5):
        post_sign_in(Client(), "head", "wrong", ip="198.51.100.7")
    response = post_sign_in(Client(), "head", "nope", ip="198.51.100.8", code=code_of(device))
    assert "_auth_user_id" not in response.wsgi_request.session
    assert SignInFailure.objects.filter(username="head").count() == 6


def test_forged_client_address_header_is_counted_as_no_address(staff, settings):
    settings.HROMADA_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    response = Client().post(
        "/staff/sign-in/", {"username": "head", "password": "wrong"}, headers={"X-Real-IP": "not-an-ip"}
    )
    assert response.status_code == 200
    assert SignInFailure.objects.get(username="head").ip is None
