"""Who may do what with receptions (one place: the pages, the API and the services read these).

Personal receptions are run by the registrar (and the administrator); an official sees the day page
of their own receptions. The centre's windows are worked by its administrators; the catalogue, the
windows and the hours are kept by the system administrator.
"""

from __future__ import annotations

from typing import Any

from hromada.accounts.models import Role

#: Roles that manage officials' schedules, book for callers and run a reception day.
RECEPTION_ROLES = (Role.REGISTRAR, Role.ADMINISTRATOR)
#: Roles that work the centre's hall: check-in, calling, serving, statistics.
CENTRE_ROLES = (Role.CENTRE_ADMINISTRATOR, Role.ADMINISTRATOR)


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_manage_receptions(user: Any) -> bool:
    """Schedules, exceptions, suspension; booking by phone; walk-ins; every official's day."""
    return _active(user) and user.has_role(*RECEPTION_ROLES)


def can_run_reception_day(user: Any, official: Any) -> bool:
    """The day page of one official: the registrar, the administrator, or the official themself."""
    if can_manage_receptions(user):
        return True
    return _active(user) and bool(user.role) and official.user_id == user.pk


def can_work_centre(user: Any) -> bool:
    """Check in, call the next visitor, mark served / not present / redirected, see statistics."""
    return _active(user) and user.has_role(*CENTRE_ROLES)


def can_manage_centre(user: Any) -> bool:
    """The services catalogue, windows and their hours, the booking settings."""
    return _active(user) and user.has_role(Role.ADMINISTRATOR)
