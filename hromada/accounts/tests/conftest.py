"""Helpers of the sign-in, second-factor and session tests."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hromada.accounts.models import User


def code_of(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or `steps_ahead` periods later: a code is accepted
    once, so a second sign-in within 30 s uses the next one, which the device's tolerance allows)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def confirmed_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def post_sign_in(
    client: Client,
    username: str,
    password: str,
    ip: str = "10.0.0.1",
    url: str = "/staff/sign-in/",
    **extra: str,
):
    return client.post(url, {"username": username, "password": password, **extra}, REMOTE_ADDR=ip)


@pytest.fixture
def second_factor_on(settings):
    """The production rule (the root conftest switches it off for force_login tests); django-otp's
    own growing delay after a wrong code is off, so a test can give the right code at once."""
    settings.HROMADA_SECOND_FACTOR_ROLES = ["head", "administrator", "registrar", "controller", "executor"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
