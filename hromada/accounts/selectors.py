"""Reads about accounts for the administrator (адміністратор системи): who is locked out of signing
in now, who should have a second factor and has none. The admin's filters and the administrator's
dashboard read these same query sets, so a figure and the list it links to agree."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.functions import Lower
from django_otp.plugins.otp_totp.models import TOTPDevice

from hromada.accounts import signin
from hromada.accounts.models import SignInFailure, User


def locked_accounts() -> QuerySet[User]:
    """Accounts whose failed sign-ins in the current window reached the lock-out limit (the same
    count `signin.check_attempt` makes; failures are stored under the lower-cased username)."""
    window_start = signin.window_start()
    locked = (
        SignInFailure.objects.filter(at__gte=window_start)
        .values("username")
        .annotate(failures=Count("id"))
        .filter(failures__gte=signin.account_limit())
        .values("username")
    )
    return User.objects.alias(key=Lower("username")).filter(key__in=locked)


def staff_without_second_factor() -> QuerySet[User]:
    """Active accounts of a role that must sign in with a second factor and have no confirmed
    authenticator yet: they are sent to enrolment at their next sign-in."""
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        User.objects.filter(is_active=True, role__in=settings.HROMADA_SECOND_FACTOR_ROLES)
        .exclude(role="")
        .filter(~Exists(confirmed))
    )
