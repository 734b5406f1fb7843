"""The one sign-in policy for every door: the staff sign-in, the resident's cabinet and /admin/login/
(which is the staff sign-in under another address).

Failures are counted in the database (several app servers share them) per account and per address.
Too many for an account lock that account; too many from an address lock that address. A lock-out
must slow an attacker without handing the attacker a way to lock the owner out, so the account lock
does not apply to a browser that carries a valid known-device cookie for that account
(`known_devices`), nor to an owner who gives a second-factor code together with the password. The
address limit always applies: it is what slows one machine guessing many accounts.

Locks and unlocks are written to the audit log.
"""

from __future__ import annotations

import datetime as dt
import enum
import ipaddress
import logging

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from hromada.accounts.models import SignInFailure
from hromada.core.audit import record_audit

logger = logging.getLogger(__name__)


class Verdict(enum.Enum):
    ALLOWED = "allowed"
    #: The account has failed too often: only a known device or a second factor gets through.
    ACCOUNT_LOCKED = "account_locked"
    #: The address has failed too often: nobody from there gets through until the window passes.
    ADDRESS_LOCKED = "address_locked"


def client_address(request: HttpRequest) -> str | None:
    """The client's address for counting: the header a trusted proxy sets (HROMADA_CLIENT_IP_HEADER,
    first of a list) or REMOTE_ADDR. Anything that is not an IP address counts as none, so a forged
    header cannot break the insert (PostgreSQL's inet refuses it)."""
    header = settings.HROMADA_CLIENT_IP_HEADER
    value = request.META.get(header, "").split(",")[0].strip() if header else ""
    value = value or request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def window_start() -> dt.datetime:
    """Failures from this moment on count towards the lock-out."""
    return timezone.now() - dt.timedelta(minutes=settings.HROMADA_SIGN_IN_WINDOW_MINUTES)


def _key(username: str) -> str:
    return username.strip().lower()


def account_limit() -> int:
    return settings.HROMADA_SIGN_IN_MAX_FAILURES


def address_limit() -> int:
    # An address gets more room: an office behind one NAT address has many honest users.
    return settings.HROMADA_SIGN_IN_MAX_FAILURES_PER_ADDRESS


def _account_failures(username: str) -> int:
    return SignInFailure.objects.filter(username=_key(username), at__gte=window_start()).count()


def _address_failures(ip: str | None) -> int:
    if ip is None:
        return 0
    return SignInFailure.objects.filter(ip=ip, at__gte=window_start()).count()


def check_attempt(*, username: str, ip: str | None, known_device: bool = False) -> Verdict:
    """May this attempt be tried at all? Call before checking the password.

    `known_device`: the request carries a valid known-device cookie for this account."""
    if _address_failures(ip) >= address_limit():
        return Verdict.ADDRESS_LOCKED
    if not known_device and username and _account_failures(username) >= account_limit():
        return Verdict.ACCOUNT_LOCKED
    return Verdict.ALLOWED


def record_failure(*, username: str, ip: str | None, door: str) -> None:
    """A wrong password or code, at any door. The failure that reaches a limit is audited as a lock."""
    key = _key(username)
    SignInFailure.objects.create(username=key, ip=ip)
    if key and _account_failures(key) == account_limit():
        record_audit(
            actor=None, action="accounts.sign_in_locked", scope="account", username=key, ip=ip, door=door
        )
    if ip is not None and _address_failures(ip) == address_limit():
        record_audit(
            actor=None, action="accounts.sign_in_locked", scope="address", username=key, ip=ip, door=door
        )


def record_success(*, user: object, username: str, ip: str | None, door: str, how: str = "password") -> None:
    """A completed sign-in forgets the account's failures (not the address's: those belong to whoever
    else used it). Signing in through a lock-out (known device, second factor) is audited as the
    unlock it is."""
    key = _key(username)
    failures = SignInFailure.objects.filter(username=key)
    if failures.filter(at__gte=window_start()).count() >= account_limit():
        record_audit(actor=user, action="accounts.sign_in_unlocked", username=key, ip=ip, door=door, how=how)
    failures.delete()


def clear_failures(*, username: str) -> None:
    """Forget an account's failures (a password reset proves the e-mail)."""
    SignInFailure.objects.filter(username=_key(username)).delete()


def purge_sign_in_failures(day: dt.date, *, today: dt.date) -> int:
    """Daily job (registered in apps.py): failures older than the window count for no limit any more,
    so they are deleted rather than kept forever, whatever day is caught up. Sends no e-mail (0)."""
    deleted, _ = SignInFailure.objects.filter(~Q(at__gte=window_start())).delete()
    logger.info("Sign-in failures purged: %s", deleted)
    return 0
