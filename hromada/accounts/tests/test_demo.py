"""The demo's second factor: a published secret and `demo_totp`, which refuses outside DEBUG."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from hromada.accounts import second_factor
from hromada.accounts.demo import give_demo_second_factor

pytestmark = pytest.mark.django_db


def test_demo_staff_get_a_confirmed_device_and_demo_totp_prints_a_working_code(staff, settings):
    settings.DEBUG = True
    made = give_demo_second_factor([staff["head"], staff["nobody"]])
    assert made == 1 and give_demo_second_factor([staff["head"]]) == 0
    out = io.StringIO()
    call_command("demo_totp", "head", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    assert second_factor.verify(staff["head"], code) == TOTPDevice.objects.get(user=staff["head"])


def test_demo_totp_refuses_when_debug_is_off(staff, settings):
    settings.DEBUG = False
    give_demo_second_factor([staff["head"]])
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_totp", "head", stdout=io.StringIO())
