"""The one authentication backend: Django's model backend, reading the user of a session together
with a resident's cabinet account (if any) in one query — every request of a signed-in resident (the
petition storm's hot path) needs both."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from hromada.accounts.models import User


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        # "resident" is the reverse one-to-one of residents.Resident (a string: no import upward).
        user = User._default_manager.select_related("resident").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
