"""The "known device" cookie: a browser in which an account has signed in before.

A stranger who types five wrong passwords for the head's username locks the account (signin.py), but
not for the head's own browser: the per-account lock does not apply to a request carrying this cookie
for that account. The cookie is signed with SECRET_KEY (it cannot be forged or moved to another
account) and bound to the account's password hash, so changing the password forgets every device.
One cookie holds up to `MAX_ACCOUNTS` accounts (a shared office computer).
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare

from hromada.accounts.models import User

COOKIE_NAME = "hromada_device"
_SALT = "hromada.accounts.known-device"
MAX_ACCOUNTS = 5


def _max_age() -> int:
    return settings.HROMADA_KNOWN_DEVICE_DAYS * 24 * 3600


def _fingerprint(user: User) -> str:
    # Changes with the password (Django's session hash is an HMAC of the password hash).
    return user.get_session_auth_hash()[:20]


def _entries(request: HttpRequest) -> list[list[object]]:
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return []
    try:
        value = signing.loads(raw, salt=_SALT, max_age=_max_age())
    except signing.BadSignature:
        return []
    if not isinstance(value, list):
        return []
    return [e for e in value if isinstance(e, list) and len(e) == 2]


def recognises(request: HttpRequest, user: User | None) -> bool:
    """True when this browser has signed in as `user` before (and the password has not changed)."""
    if user is None:
        return False
    fingerprint = _fingerprint(user)
    return any(
        pk == user.pk and isinstance(mark, str) and constant_time_compare(mark, fingerprint)
        for pk, mark in _entries(request)
    )


def remember(request: HttpRequest, response: HttpResponse, user: User) -> None:
    """Set (or refresh) the cookie after a successful sign-in from this browser."""
    others = [e for e in _entries(request) if e[0] != user.pk]
    value = [[user.pk, _fingerprint(user)], *others][:MAX_ACCOUNTS]
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps(value, salt=_SALT, compress=True),
        max_age=_max_age(),
        httponly=True,
        secure=request.is_secure(),
        samesite="Lax",
    )
