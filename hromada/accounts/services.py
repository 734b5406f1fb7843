"""Writes for users and tokens, shared by commands and (later) the administration pages."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.accounts.models import ApiToken, Department, Role, User
from hromada.core.errors import FieldError, ValidationFailed


@transaction.atomic
def create_user(
    *,
    username: str,
    role: str,
    department_code: str | None = None,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    errors: list[FieldError] = []
    if role not in Role.values:
        errors.append(FieldError("role", _("Unknown role “%(role)s”.") % {"role": role}))
    department = None
    if department_code:
        department = Department.objects.filter(code=department_code).first()
        if department is None:
            errors.append(
                FieldError("department", _("Unknown department “%(code)s”.") % {"code": department_code})
            )
    if role == Role.EXECUTOR and not department_code:
        errors.append(FieldError("department", _("An executor must belong to a department.")))
    if User.objects.filter(username=username).exists():
        errors.append(FieldError("username", _("This username is taken.")))
    user = User(
        username=username,
        role=role,
        department=department,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_staff=role == Role.ADMINISTRATOR,
        is_superuser=role == Role.ADMINISTRATOR,
    )
    if password:
        # The role-aware rules of AUTH_PASSWORD_VALIDATORS: a staff role needs 12 characters and more.
        try:
            validate_password(password, user)
        except ValidationError as exc:
            errors.append(FieldError("password", " ".join(exc.messages), "weak"))
    if errors:
        raise ValidationFailed(errors)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def may_hold_api_token(user: User) -> bool:
    """Bearer tokens are for staff integrations only: an active account with a staff role. A resident
    (a role-less user with a cabinet) signs in to the portal; a token would outlive their session
    limits and reach the staff API's checks from an unexpected side."""
    return user.is_active and bool(user.role)


def create_api_token(*, user: User) -> str:
    """Issue a new token and return it; it cannot be recovered later."""
    if not may_hold_api_token(user):
        raise ValidationFailed(
            [
                FieldError(
                    "user",
                    _("An API token can be issued only to an active staff account with a role."),
                    "not_staff",
                )
            ]
        )
    token = ApiToken.generate()
    ApiToken.objects.create(user=user, digest=ApiToken.hash(token), prefix=token[4:10])
    return token


def user_for_token(token: str) -> User | None:
    row = (
        ApiToken.objects.select_related("user", "user__department")
        .filter(digest=ApiToken.hash(token), is_active=True, user__is_active=True)
        .exclude(user__role="")
        .first()
    )
    # A token made before tokens were limited to staff (for a resident, say) is ignored: 401.
    return row.user if row else None
