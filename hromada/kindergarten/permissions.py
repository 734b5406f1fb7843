"""Who may do what with the kindergarten queue (the pages, the API and the services read these).

The queue is kept by the education department's officers (Role.EDUCATION_OFFICER) and the
administrator; every other staff role is refused. A parent acts on the application they filed
(`Application.filed_by`); an application filed on paper is acted on by staff only.
"""

from __future__ import annotations

from typing import Any

from hromada.accounts.models import Role

#: Roles that check benefit documents, offer places, file paper applications and manage institutions.
QUEUE_ROLES = (Role.EDUCATION_OFFICER, Role.ADMINISTRATOR)


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_manage_queue(user: Any) -> bool:
    """Confirm or refuse benefits, offer places, file paper applications, act for a parent."""
    return _active(user) and user.has_role(*QUEUE_ROLES)


def can_act_on_application(user: Any, application: Any) -> bool:
    """Change preferences, cancel, answer an offer: staff, or the parent who filed it."""
    if can_manage_queue(user):
        return True
    return _active(user) and application.filed_by_id is not None and application.filed_by_id == user.pk


def can_file_application(user: Any) -> bool:
    """Any signed-in, active person files for their own child on the portal."""
    return _active(user)
