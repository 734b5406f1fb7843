"""Writes for users and tokens, shared by commands and (later) the administration pages."""

from __future__ import annotations

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
    if errors:
        raise ValidationFailed(errors)
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
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def create_api_token(*, user: User) -> str:
    """Issue a new token and return it; it cannot be recovered later."""
    token = ApiToken.generate()
    ApiToken.objects.create(user=user, digest=ApiToken.hash(token), prefix=token[4:10])
    return token


def user_for_token(token: str) -> User | None:
    row = (
        ApiToken.objects.select_related("user", "user__department")
        .filter(digest=ApiToken.hash(token), is_active=True, user__is_active=True)
        .first()
    )
    return row.user if row else None
