"""The second factor of staff (issue 11, finding 4): required for the roles that open personal data,
enrolment with one code and ten recovery codes, the code step of sign-in, the staff API's session."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hromada.accounts import second_factor
from hromada.accounts.models import SignInFailure
from hromada.accounts.tests.conftest import code_of, confirmed_device, post_sign_in
from hromada.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def enrol(client: Client) -> tuple[TOTPDevice, list[str]]:
    page = client.get("/staff/second-factor/enrol/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    device = TOTPDevice.objects.get(confirmed=False)
    html = page.content.decode()
    assert second_factor_secret(device) in html and "otpauth://totp/" in html
    done = client.post("/staff/second-factor/enrol/", {"code": code_of(device)})
    assert done.status_code == 200
    device.refresh_from_db()
    return device, done.context["codes"]


def second_factor_secret(device: TOTPDevice) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode()


def test_unverified_head_is_sent_to_enrolment_from_staff_pages(staff, second_factor_on):
    client = Client()
    assert post_sign_in(client, "head", "pw").status_code == 302  # password right, no device yet
    response = client.get("/staff/appeals/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/second-factor/enrol/?next=%2Fstaff%2Fappeals%2F"
    assert client.get("/staff/").status_code == 302
    assert client.get("/staff/password/").status_code == 302


def test_unverified_head_session_gets_401_from_the_staff_api(staff, second_factor_on):
    client = Client()
    client.force_login(staff["head"])
    response = client.get("/api/v1/appeals")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"


def test_bearer_token_of_the_head_still_works_without_the_session_second_factor(staff, second_factor_on, api):
    assert api("head").get("/appeals").status_code == 200


def test_role_outside_the_setting_needs_no_second_factor(staff, second_factor_on):
    client = Client()
    client.force_login(staff["moderator"])
    assert client.get("/staff/").status_code == 200


def test_enrolment_then_sign_in_with_a_code_opens_pages_and_the_api(staff, second_factor_on):
    client = Client()
    post_sign_in(client, "head", "pw")
    device, codes = enrol(client)
    assert device.confirmed and len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/staff/appeals/").status_code == 200  # verified by the enrolment code
    assert client.get("/api/v1/appeals").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.second_factor_enrolled").exists()
    client.post("/staff/sign-out/")
    # Password alone is not a sign-in any more: the code step follows.
    step = post_sign_in(client, "head", "pw")
    assert step.status_code == 302 and step["Location"] == "/staff/sign-in/code/?next=%2Fstaff%2F"
    assert "_auth_user_id" not in client.session
    assert client.get("/staff/appeals/").status_code == 302
    done = client.post("/staff/sign-in/code/", {"code": code_of(device, steps_ahead=1), "next": "/staff/"})
    assert done.status_code == 302 and done["Location"] == "/staff/"
    assert client.get("/staff/appeals/").status_code == 200
    assert client.get("/api/v1/appeals").status_code == 200


def test_wrong_code_is_refused_and_counted(staff, second_factor_on):
    confirmed_device(staff["head"])
    client = Client()
    post_sign_in(client, "head", "pw")
    response = client.post("/staff/sign-in/code/", {"code": "123456"}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 422
    assert "Код недійсний" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert SignInFailure.objects.filter(username="head", ip="10.0.0.1").count() == 1


def test_five_wrong_codes_send_back_to_the_password(staff, second_factor_on):
    confirmed_device(staff["head"])
    client = Client()
    post_sign_in(client, "head", "pw")
    for _ in range(4):
        assert client.post("/staff/sign-in/code/", {"code": "123456"}).status_code == 422
    last = client.post("/staff/sign-in/code/", {"code": "123456"})
    assert last.status_code == 302 and last["Location"].startswith("/staff/sign-in/?")
    assert client.get("/staff/sign-in/code/").status_code == 302  # the pending sign-in is gone


def test_code_step_without_the_password_step_goes_to_sign_in(staff, second_factor_on):
    device = confirmed_device(staff["head"])
    response = Client().post("/staff/sign-in/code/", {"code": code_of(device)})
    assert response.status_code == 302 and response["Location"].startswith("/staff/sign-in/")


def test_recovery_code_works_once(staff, second_factor_on):
    client = Client()
    post_sign_in(client, "head", "pw")
    _device, codes = enrol(client)
    client.post("/staff/sign-out/")
    post_sign_in(client, "head", "pw")
    assert client.post("/staff/sign-in/code/", {"code": codes[0].upper()}).status_code == 302
    assert client.get("/staff/appeals/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.recovery_code_used", details__left=9).exists()
    client.post("/staff/sign-out/")
    post_sign_in(client, "head", "pw")
    again = client.post("/staff/sign-in/code/", {"code": codes[0]})
    assert again.status_code == 422 and "_auth_user_id" not in client.session


def test_enrolment_refuses_a_wrong_code(staff, second_factor_on):
    client = Client()
    client.force_login(staff["head"])
    client.get("/staff/second-factor/enrol/")
    response = client.post("/staff/second-factor/enrol/", {"code": "000000"})
    assert response.status_code == 422
    assert "Код недійсний" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert not StaticToken.objects.exists()


def test_enrolment_cannot_replace_a_device_without_its_code(staff, second_factor_on):
    device = confirmed_device(staff["head"])
    client = Client()
    client.force_login(staff["head"])  # the password only, say
    response = client.get("/staff/second-factor/enrol/")
    assert response.status_code == 302 and response["Location"] == "/staff/second-factor/"
    manage = client.get("/staff/second-factor/")
    assert manage.status_code == 302 and manage["Location"].startswith("/staff/sign-in/code/")
    assert list(TOTPDevice.objects.filter(user=staff["head"])) == [device]


def test_signed_in_unverified_session_with_a_device_verifies_on_the_code_step(staff, second_factor_on):
    device = confirmed_device(staff["head"])
    client = Client()
    client.force_login(staff["head"])
    response = client.get("/staff/appeals/")
    assert response["Location"] == "/staff/sign-in/code/?next=%2Fstaff%2Fappeals%2F"
    done = client.post(response["Location"], {"code": code_of(device)})
    assert done.status_code == 302 and done["Location"] == "/staff/appeals/"
    assert client.get("/staff/appeals/").status_code == 200


def test_recovery_codes_regenerate_and_the_old_ones_stop_working(staff, second_factor_on):
    client = Client()
    post_sign_in(client, "head", "pw")
    device, old = enrol(client)
    page = client.get("/staff/second-factor/")
    assert page.status_code == 200 and "10" in page.content.decode()
    wrong = client.post("/staff/second-factor/", {"action": "regenerate", "code": "000000"})
    assert wrong.status_code == 422
    response = client.post(
        "/staff/second-factor/", {"action": "regenerate", "code": code_of(device, steps_ahead=1)}
    )
    assert response.status_code == 200
    new = response.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert second_factor.verify(staff["head"], old[1]) is None
    assert second_factor.verify(staff["head"], new[1]) is not None


def test_reset_needs_a_code_and_leads_to_a_new_enrolment(staff, second_factor_on):
    client = Client()
    post_sign_in(client, "head", "pw")
    _device, codes = enrol(client)
    assert client.post("/staff/second-factor/", {"action": "reset", "code": "nope"}).status_code == 422
    assert TOTPDevice.objects.filter(user=staff["head"], confirmed=True).exists()
    response = client.post("/staff/second-factor/", {"action": "reset", "code": codes[0]})
    assert response.status_code == 302 and response["Location"] == "/staff/second-factor/enrol/"
    assert not TOTPDevice.objects.filter(user=staff["head"], confirmed=True).exists()
    assert client.get("/staff/appeals/").status_code == 302  # to enrolment again
    assert AuditEntry.objects.filter(action="accounts.second_factor_reset").exists()


def test_admin_requires_a_verified_session_of_the_administrator(staff, second_factor_on):
    admin_user = staff["administrator"]
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    device = confirmed_device(admin_user)
    client = Client()
    client.force_login(admin_user)
    assert client.get("/admin/accounts/user/").status_code == 302
    login = client.get("/admin/login/?next=/admin/accounts/user/")
    assert login["Location"].startswith("/staff/sign-in/code/")
    client.post("/staff/sign-in/code/", {"code": code_of(device)})
    assert client.get("/admin/accounts/user/").status_code == 200


def test_sign_in_page_of_a_signed_in_unverified_user_leads_to_the_code_step(staff, second_factor_on):
    confirmed_device(staff["head"])
    client = Client()
    client.force_login(staff["head"])
    response = client.get("/staff/sign-in/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/sign-in/code/")
