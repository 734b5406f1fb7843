"""Who may read the reports: the roles that see the whole register (appeals.permissions.SEE_ALL)."""

from __future__ import annotations

from hromada.accounts.models import Role, User

#: Heads publish the reports, controllers check the terms, registrars keep the register.
REPORT_ROLES = (Role.HEAD, Role.CONTROLLER, Role.REGISTRAR)


def can_read_reports(user: User) -> bool:
    return user.is_authenticated and user.has_role(*REPORT_ROLES)
