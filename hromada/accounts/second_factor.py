"""The second factor of staff accounts (django-otp): a TOTP app on the phone plus ten one-time recovery
codes. Required for the roles in `HROMADA_SECOND_FACTOR_ROLES` (by default every role that can open
and export lists of personal data, and the administrator); other staff may enrol by choice.

A session is "verified" when django-otp's session key names a confirmed device of the user
(`OTPMiddleware` sets `request.user.is_verified()`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hromada.accounts.models import User
from hromada.core.audit import record_audit
from hromada.core.errors import FieldError, ValidationFailed

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def is_required(user: object) -> bool:
    """Must this account have a second factor? Only active staff in the configured roles."""
    role = getattr(user, "role", "")
    return bool(role) and getattr(user, "is_active", False) and role in settings.HROMADA_SECOND_FACTOR_ROLES


def has_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(request: HttpRequest) -> bool:
    user = request.user
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def is_satisfied(request: HttpRequest) -> bool:
    """The session may use staff pages and the staff API as far as the second factor goes."""
    return not is_required(request.user) or is_verified(request)


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed TOTP device being enrolled (the same secret on every reload of the page)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def _normal(code: str) -> str:
    return "".join(code.split()).lower()


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _wrong_code() -> ValidationFailed:
    return ValidationFailed([FieldError("code", _("This code is not valid. Check the app and try again."))])


@transaction.atomic
def confirm_enrolment(*, user: User, code: str) -> list[str]:
    """Confirm the pending device with one code from the app; return the ten recovery codes (shown
    once: only they can be used if the phone is lost). Earlier devices of the user are replaced."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None or not device.verify_token(_normal(code)):
        raise _wrong_code()
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    record_audit(actor=user, action="accounts.second_factor_enrolled", object_type="user", object_id=user.pk)
    return codes


def verify(user: User, code: str) -> Device | None:
    """The device that accepts `code` (a TOTP code, or a recovery code, which is then used up)."""
    code = _normal(code)
    if not code:
        return None
    with transaction.atomic():
        totp = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if totp is None:
            return None  # no second factor: recovery codes alone are not one
        if code.isdigit():
            return totp if totp.verify_token(code) else None
        static = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if static is not None and static.verify_token(code):
            record_audit(
                actor=user,
                action="accounts.recovery_code_used",
                object_type="user",
                object_id=user.pk,
                left=static.token_set.count(),
            )
            return static
    return None


def mark_verified(request: HttpRequest, device: Device) -> None:
    """Record in the session that this device has verified the signed-in user."""
    otp_login(request, device)


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def regenerate_recovery_codes(*, user: User, code: str) -> list[str]:
    """New recovery codes (the old ones stop working), after a fresh code from the app."""
    if verify(user, code) is None:
        raise _wrong_code()
    codes = _new_recovery_codes(user)
    record_audit(
        actor=user, action="accounts.recovery_codes_regenerated", object_type="user", object_id=user.pk
    )
    return codes


@transaction.atomic
def reset(*, user: User, code: str) -> None:
    """Forget the second factor (a new phone): the user enrols again. Needs a valid code first."""
    if verify(user, code) is None:
        raise _wrong_code()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record_audit(actor=user, action="accounts.second_factor_reset", object_type="user", object_id=user.pk)
