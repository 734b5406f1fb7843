"""Who may do what with an appeal. Visibility (who may see it at all) lives in selectors."""

from __future__ import annotations

from hromada.accounts.models import Role, User
from hromada.appeals.models import Appeal

#: Roles that see every appeal of the register.
SEE_ALL = (Role.REGISTRAR, Role.HEAD, Role.CONTROLLER)


def can_register_appeal(user: User) -> bool:
    return user.has_role(Role.REGISTRAR, Role.HEAD)


def can_audit_reads(user: User) -> bool:
    """ "Who looked at this person's data": the administrator only. The answer lists every applicant
    and every colleague's reading, so not even the controller (who checks terms, not data protection)."""
    return user.has_role(Role.ADMINISTRATOR)


def can_resolve_appeal(user: User) -> bool:
    """Резолюція, продовження строку, пересилання за належністю: the head's signature."""
    return user.has_role(Role.HEAD)


def _assigned(user: User, appeal: Appeal) -> bool:
    if user.department_id is None:
        return False
    prefetched = getattr(appeal, "_prefetched_objects_cache", {}).get("assignments")
    if prefetched is not None:  # the card has them already: no query
        return any(a.department_id == user.department_id for a in prefetched)
    return appeal.assignments.filter(department_id=user.department_id).exists()


def _leads(user: User, appeal: Appeal) -> bool:
    return user.department_id is not None and appeal.lead_department_id == user.department_id


def can_add_note(user: User, appeal: Appeal) -> bool:
    if user.has_role(Role.HEAD):
        return True
    return user.has_role(Role.EXECUTOR) and _assigned(user, appeal)


def can_answer_appeal(user: User, appeal: Appeal) -> bool:
    """The lead department's executor drafts and gives the answer; the head may too."""
    if user.has_role(Role.HEAD):
        return True
    return user.has_role(Role.EXECUTOR) and _leads(user, appeal)


def can_reassign_appeal(user: User, appeal: Appeal) -> bool:
    return can_answer_appeal(user, appeal)


def can_close_appeal(user: User) -> bool:
    """Зняття з контролю: the head or the control department."""
    return user.has_role(Role.HEAD, Role.CONTROLLER)


def can_reopen_appeal(user: User) -> bool:
    """A contact center's return for rework is recorded by a registrar; a head may return it too."""
    return user.has_role(Role.HEAD, Role.REGISTRAR, Role.CONTROLLER)


def can_add_attachment(user: User, appeal: Appeal) -> bool:
    return user.has_role(Role.REGISTRAR, Role.HEAD) or can_add_note(user, appeal)
