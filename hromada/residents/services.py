"""Кабінет мешканця: sign-up with e-mail confirmation, sign-in, password reset, outside identities.

Nothing here tells a stranger whether an e-mail has an account: sign-up with a taken address and a
reset request for an unknown one answer exactly as the normal case; the owner of the address learns
what happened from a letter.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.password_validation import get_password_validators, validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from hromada.accounts import signin
from hromada.accounts.models import User
from hromada.core import clock
from hromada.core.audit import record_audit
from hromada.core.errors import DomainError, FieldError, ValidationFailed
from hromada.core.models import CouncilSettings
from hromada.core.person_input import full_name_error

# public_url: also imported from here by petitions' views, API and open data until they import it
# from notifications.services themselves.
from hromada.notifications.services import public_url, queue_email
from hromada.residents import tokens
from hromada.residents.identity import IdentityError, VerifiedIdentity
from hromada.residents.models import ExternalIdentity, Resident

#: Stronger than the staff default: residents choose their own passwords on a public site.
RESIDENT_PASSWORD_VALIDATORS: list[dict[str, Any]] = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


class SignInRefused(DomainError):
    status = 400


def normal_email(email: str) -> str:
    return email.strip().lower()


def _lockout_key(email: str) -> str:
    return f"resident:{normal_email(email)}"


def _password_errors(password: str, password2: str, user: User | None) -> list[FieldError]:
    if not password:
        return [FieldError("password", _("Choose a password."), "required")]
    if password != password2:
        return [FieldError("password2", _("The two passwords differ."), "mismatch")]
    try:
        validate_password(password, user, get_password_validators(RESIDENT_PASSWORD_VALIDATORS))
    except ValidationError as exc:
        return [FieldError("password", " ".join(exc.messages), "weak")]
    return []


def _email_errors(email: str) -> list[FieldError]:
    if not email:
        return [FieldError("email", _("Give your e-mail address."), "required")]
    try:
        validate_email(email)
    except ValidationError:
        return [FieldError("email", _("Enter a valid e-mail address."), "invalid")]
    return []


@dataclass(frozen=True)
class SignUp:
    full_name: str
    email: str
    password: str
    password2: str
    consent: bool


@transaction.atomic
def sign_up(data: SignUp) -> Resident | None:
    """Create an unconfirmed account and mail the confirmation link. A taken address gets a letter
    saying so instead, and the caller answers the same: returns None then."""
    full_name = " ".join(data.full_name.split())
    email = normal_email(data.email)
    errors: list[FieldError] = []
    if not full_name:
        errors.append(FieldError("full_name", _("Give your full name (ПІБ)."), "required"))
    elif (name_error := full_name_error("full_name", full_name)) is not None:
        errors.append(name_error)  # petitions and e-appeals take the name from the account
    errors += _email_errors(email)
    probe = User(username=email, email=email, first_name=full_name)
    errors += _password_errors(data.password, data.password2, probe)
    if not data.consent:
        errors.append(
            FieldError("consent", _("Consent to the processing of personal data is required."), "required")
        )
    if errors:
        raise ValidationFailed(errors)
    existing = Resident.objects.filter(email=email).first()
    if existing is not None:
        _mail(
            existing,
            "resident_exists",
            _("You already have an account"),
            sign_in_url=public_url(reverse("portal:sign-in")),
            reset_url=public_url(reverse("portal:password-reset")),
        )
        return None
    user = User(username=f"resident-{secrets.token_hex(8)}", email=email, first_name=full_name[:150])
    user.set_password(data.password)
    user.save()
    try:
        with transaction.atomic():
            resident = Resident.objects.create(
                user=user, full_name=full_name, email=email, created_at=clock.now()
            )
    except IntegrityError:  # the same address signed up a moment ago
        raise ValidationFailed([FieldError("email", _("Try again in a minute."), "busy")]) from None
    send_confirmation(resident)
    record_audit(actor=user, action="residents.sign_up", object_type="resident", object_id=resident.pk)
    return resident


def _mail(resident: Resident, template: str, subject: str, **context: object) -> None:
    queue_email(
        recipient=resident.email,
        subject=subject,
        template=f"notifications/{template}",
        context={"resident": resident, "council": CouncilSettings.load(), **context},
        kind=template,
        user=resident.user,
        object_type="resident",
        object_id=resident.pk,
    )


def send_confirmation(resident: Resident) -> None:
    token = tokens.email_confirmation.make_token(resident.user)
    url = public_url(reverse("portal:confirm-email", args=[tokens.uid_of(resident.user), token]))
    _mail(resident, "resident_confirm_email", _("Confirm your e-mail address"), confirm_url=url)


def resend_confirmation(email: str) -> None:
    """Mail the link again to an unconfirmed account; silently nothing otherwise."""
    resident = Resident.objects.select_related("user").filter(email=normal_email(email)).first()
    if resident is not None and not resident.is_confirmed and resident.user.is_active:
        send_confirmation(resident)


@transaction.atomic
def confirm_email(uidb64: str, token: str) -> Resident | None:
    """Mark the e-mail confirmed when the link is valid (None otherwise: expired, used or forged)."""
    user = tokens.user_of(uidb64)
    if user is None or not user.is_active or not tokens.email_confirmation.check_token(user, token):
        return None
    resident = Resident.objects.select_for_update().get(user=user)
    resident.email_confirmed_at = clock.now()
    resident.save(update_fields=["email_confirmed_at"])
    record_audit(
        actor=user, action="residents.email_confirmed", object_type="resident", object_id=resident.pk
    )
    return resident


def authenticate(
    email: str, password: str, *, ip: str | None, known_device: Callable[[User], bool] | None = None
) -> Resident:
    """The resident with this e-mail and password, confirmed and active; SignInRefused otherwise.
    The one sign-in policy of hromada.accounts.signin (per e-mail and per address); `known_device`
    tells whether this browser has signed in as that user before (then the e-mail's lock-out, which a
    stranger could cause, does not apply)."""
    key = _lockout_key(email)
    resident = Resident.objects.select_related("user").filter(email=normal_email(email)).first()
    known = resident is not None and known_device is not None and known_device(resident.user)
    if signin.check_attempt(username=key, ip=ip, known_device=known) is not signin.Verdict.ALLOWED:
        signin.record_failure(username=key, ip=ip, door="resident")
        raise SignInRefused(
            _("Too many failed attempts. Signing in is locked for %(minutes)s minutes; try later.")
            % {"minutes": settings.HROMADA_SIGN_IN_WINDOW_MINUTES},
            code="locked",
        )
    if resident is None or not resident.user.is_active or not resident.user.check_password(password):
        signin.record_failure(username=key, ip=ip, door="resident")
        raise SignInRefused(_("Wrong e-mail or password."), code="invalid_login")
    if not resident.is_confirmed:
        raise SignInRefused(
            _("Confirm your e-mail first: open the link from our letter, or ask for a new one."),
            code="unconfirmed",
        )
    signin.record_success(
        user=resident.user, username=key, ip=ip, door="resident", how="known_device" if known else "password"
    )
    return resident


def request_password_reset(email: str) -> None:
    """Mail a reset link if the account exists; the caller answers the same either way."""
    resident = Resident.objects.select_related("user").filter(email=normal_email(email)).first()
    if resident is None or not resident.user.is_active:
        return
    token = tokens.password_reset.make_token(resident.user)
    url = public_url(reverse("portal:password-reset-confirm", args=[tokens.uid_of(resident.user), token]))
    _mail(resident, "resident_password_reset", _("Setting a new password"), reset_url=url)


def reset_user(uidb64: str, token: str) -> User | None:
    """The user of a valid reset link, else None."""
    user = tokens.user_of(uidb64)
    if user is None or not user.is_active or not tokens.password_reset.check_token(user, token):
        return None
    return user


@transaction.atomic
def reset_password(uidb64: str, token: str, password: str, password2: str) -> Resident:
    """Set the new password. Following the link proves the e-mail, so an unconfirmed account becomes
    confirmed. The link then stops working (the password hash is part of the token)."""
    user = reset_user(uidb64, token)
    if user is None:
        raise DomainError(_("The link is invalid or has expired. Ask for a new one."), code="invalid_link")
    errors = _password_errors(password, password2, user)
    if errors:
        raise ValidationFailed(errors)
    user.set_password(password)
    user.save(update_fields=["password"])
    resident = Resident.objects.select_for_update().get(user=user)
    if not resident.is_confirmed:
        resident.email_confirmed_at = clock.now()
        resident.save(update_fields=["email_confirmed_at"])
    signin.clear_failures(username=_lockout_key(resident.email))
    record_audit(actor=user, action="residents.password_reset", object_type="resident", object_id=resident.pk)
    return resident


@transaction.atomic
def sign_in_with(identity: VerifiedIdentity) -> Resident:
    """The resident an outside provider vouches for: linked before by (provider, subject); or the
    account with the provider's e-mail, now linked; or a new account, confirmed by the provider."""
    link = (
        ExternalIdentity.objects.select_related("resident__user")
        .filter(provider=identity.provider, subject=identity.subject)
        .first()
    )
    now = clock.now()
    if link is not None:
        link.verified_name = identity.full_name or link.verified_name
        link.birth_date = identity.birth_date or link.birth_date
        link.verified_at = now
        link.save(update_fields=["verified_name", "birth_date", "verified_at"])
        return link.resident
    email = normal_email(identity.email)
    if not email:
        raise IdentityError(
            _("The identity provider gave no e-mail address; sign up with your e-mail instead.")
        )
    resident = Resident.objects.select_for_update().filter(email=email).first()
    if resident is None:
        name = " ".join(identity.full_name.split())
        user = User(username=f"resident-{secrets.token_hex(8)}", email=email, first_name=name[:150])
        user.set_unusable_password()
        user.save()
        resident = Resident.objects.create(
            user=user, full_name=name or email, email=email, created_at=now, email_confirmed_at=now
        )
    elif not resident.is_confirmed:
        resident.email_confirmed_at = now
        resident.save(update_fields=["email_confirmed_at"])
    ExternalIdentity.objects.create(
        resident=resident,
        provider=identity.provider,
        subject=identity.subject,
        verified_name=identity.full_name,
        birth_date=identity.birth_date,
        verified_at=now,
    )
    record_audit(
        actor=resident.user,
        action="residents.identity_linked",
        object_type="resident",
        object_id=resident.pk,
        provider=identity.provider,
    )
    return resident


def resident_of(user: User | AnonymousUser) -> Resident | None:
    """The signed-in user's resident account, if any (staff accounts have none)."""
    if not user.is_authenticated:
        return None
    try:
        return user.resident
    except Resident.DoesNotExist:
        return None
