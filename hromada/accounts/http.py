"""The typed request of the staff pages.

Django types `request.user` as "a user or `AnonymousUser`", so every staff view had to ignore the type
of `request.user`. A view behind `role_required`, `staff_member_required` or a card action is only
reached by a signed-in staff `User`; annotating its parameter as `StaffRequest` says so once, and mypy
checks the rest. A type for the checker only: Django still passes its own `HttpRequest` object.
"""

from __future__ import annotations

from django.http import HttpRequest

from hromada.accounts.models import User


class StaffRequest(HttpRequest):
    """A request that passed a staff access guard (`hromada.accounts.access`): its user is signed in."""

    user: User


class ApiRequest(HttpRequest):
    """A request of the JSON API that passed its authentication (a staff token or session):
    django-ninja puts the user it returned in `request.auth`."""

    auth: User
