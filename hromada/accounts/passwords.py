"""Password rules that know the account's role (AUTH_PASSWORD_VALIDATORS). A staff account opens
personal data of thousands of residents, so it needs a longer password than Django's default; a
password set without a known user (no role to read) is held to the staff rule.

Residents' own passwords have their list in hromada.residents.services (at least 10 characters).
Demo accounts are seeded with the password "demo" directly, not through these validators: demo only.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.password_validation import CommonPasswordValidator, MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Words an attacker tries first against this service: its own names, in both scripts.
SERVICE_WORDS = frozenset(
    {"hromada", "gromada", "громада", "rada", "рада", "admin", "адмін", "parol", "пароль", "password"}
)


def _is_staff(user: Any) -> bool:
    return user is None or bool(getattr(user, "role", ""))


class RoleAwareMinimumLengthValidator:
    """At least `staff_min_length` characters for staff (and when no user is known), else
    `min_length`."""

    def __init__(self, min_length: int = 8, staff_min_length: int = 12) -> None:
        self.min_length = min_length
        self.staff_min_length = staff_min_length

    def _for(self, user: Any) -> MinimumLengthValidator:
        return MinimumLengthValidator(self.staff_min_length if _is_staff(user) else self.min_length)

    def validate(self, password: str, user: Any = None) -> None:
        self._for(user).validate(password, user)

    def get_help_text(self) -> str:
        return MinimumLengthValidator(self.staff_min_length).get_help_text()


class PredictablePasswordValidator:
    """Refuses a common word or the service's own name dressed up with digits and signs
    ("hromada-2026", "Password!2026"): length alone does not make those hard to guess."""

    def __init__(self) -> None:
        self._common = CommonPasswordValidator().passwords

    def validate(self, password: str, user: Any = None) -> None:
        letters = re.sub(r"[\W\d_]+", "", password.lower())
        if len(letters) < 4:
            return
        if letters in SERVICE_WORDS or letters in self._common:
            raise ValidationError(
                _("This password is a common word or the service’s name with digits or signs added."),
                code="password_predictable",
            )

    def get_help_text(self) -> str:
        return _("Your password can’t be a common word or the service’s name with digits added.")
