"""Who may do what with a petition. Visibility (who may see a petition at all) lives in selectors;
the author's own steps are checked by the services against the author (a resident, not a role)."""

from __future__ import annotations

from hromada.accounts.models import Role, User

#: Who opens the staff pages of petitions.
PETITION_ROLES = (Role.MODERATOR, Role.HEAD)


def can_see_petition_pages(user: User) -> bool:
    return user.has_role(*PETITION_ROLES)


def can_moderate_petition(user: User) -> bool:
    """Publish, return for edits, refuse: the moderator."""
    return user.has_role(Role.MODERATOR)


def can_add_paper_signatures(user: User) -> bool:
    return user.has_role(Role.MODERATOR)


def can_invalidate_signatures(user: User) -> bool:
    """Invalidate signatures and revert an invalidation: the moderator (the fraud tools)."""
    return user.has_role(Role.MODERATOR)


def can_answer_petition(user: User) -> bool:
    """The council's answer: the head's signature."""
    return user.has_role(Role.HEAD)
