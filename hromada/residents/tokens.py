"""One-use, expiring links for e-mail confirmation and password reset (Django's signed tokens).

No token is stored: a confirmation link stops working once the e-mail is confirmed, a reset link once
the password changes or the user signs in (Django's generator hashes the password and last login).
Both expire after PASSWORD_RESET_TIMEOUT (3 days by default).
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from hromada.accounts.models import User


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "hromada.residents.tokens.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user: AbstractBaseUser, timestamp: int) -> str:
        resident = getattr(user, "resident", None)
        email = resident.email if resident else ""
        confirmed = (
            resident.email_confirmed_at.isoformat() if resident and resident.email_confirmed_at else ""
        )
        return f"{user.pk}{email}{confirmed}{timestamp}"


email_confirmation = EmailConfirmationTokenGenerator()
password_reset = default_token_generator


def uid_of(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def user_of(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.select_related("resident").filter(pk=pk, resident__isnull=False).first()
