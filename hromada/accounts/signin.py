"""Sign-in lock-out: repeated failures for one username or from one address lock further attempts
for a while. Kept in the database so that several app servers share it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from hromada.accounts.models import SignInFailure


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=settings.HROMADA_SIGN_IN_WINDOW_MINUTES)


def is_locked_out(*, username: str, ip: str | None) -> bool:
    """True when the username, or the address, has failed too often within the window."""
    since = _window_start()
    limit = settings.HROMADA_SIGN_IN_MAX_FAILURES
    name = username.strip().lower()
    if SignInFailure.objects.filter(username=name, at__gte=since).count() >= limit:
        return True
    # An address gets more room: an office behind one NAT address has many honest users.
    return ip is not None and SignInFailure.objects.filter(ip=ip, at__gte=since).count() >= 4 * limit


def record_failure(*, username: str, ip: str | None) -> None:
    SignInFailure.objects.create(username=username.strip().lower(), ip=ip)


def clear_failures(*, username: str) -> None:
    """A successful sign-in forgets the username's failures (not the address's)."""
    SignInFailure.objects.filter(username=username.strip().lower()).delete()


def purge_old_failures() -> int:
    deleted, _ = SignInFailure.objects.filter(~Q(at__gte=_window_start())).delete()
    return deleted
