"""System accounts (службові облікові записи): the registrar in whose name the platform itself acts —
the portal registering an e-appeal, petitions registering an unsupported petition as an appeal — so
that every journal entry still names an actor. They cannot sign in (no usable password) and are made
on first use."""

from __future__ import annotations

from hromada.accounts.models import Role, User


def system_user(username: str, display_name: str, *, role: str = Role.REGISTRAR) -> User:
    """The system account `username` (created on demand with `display_name` as its name)."""
    user, created = User.objects.get_or_create(
        username=username, defaults={"role": role, "first_name": display_name, "is_active": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
