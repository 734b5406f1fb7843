"""The demo council's second factor: `make run` must stay usable without a phone.

Every demo staff account gets a confirmed TOTP device with one fixed secret, published here and in the
README (so it protects nothing: demo only). `hromada demo_totp USERNAME` prints the current code while
DEBUG is on; an authenticator app given DEMO_TOTP_SECRET shows the same codes.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hromada.accounts.models import User

#: Base32, as an authenticator app takes it. Public: never use it outside the demo.
DEMO_TOTP_SECRET = "HROMADADEMOTOTPSECRETKEY234567AB"


def demo_key_hex() -> str:
    return base64.b32decode(DEMO_TOTP_SECRET).hex()


def give_demo_second_factor(users: Iterable[User]) -> int:
    """A confirmed TOTP device with the demo secret for each staff user that has none (idempotent)."""
    made = 0
    for user in users:
        if not user.role or TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            continue
        TOTPDevice.objects.create(user=user, name="demo", key=demo_key_hex(), confirmed=True)
        made += 1
    return made


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
