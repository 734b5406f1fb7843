"""The typed request of the resident's own pages (кабінет мешканця).

A view behind `resident_required` is reached only by a signed-in user with a confirmed `Resident`
account, which the guard passes to the view as its second argument. Annotating the request as
`ResidentRequest` tells mypy that `request.user` is that signed-in `User` (never `AnonymousUser`).
A type for the checker only: Django still passes its own `HttpRequest` object.
"""

from __future__ import annotations

from django.http import HttpRequest

from hromada.accounts.models import User
from hromada.residents.models import Resident


class ResidentRequest(HttpRequest):
    """A request that passed `resident_required`: `request.user` is the resident's own user."""

    user: User


class ResidentApiRequest(HttpRequest):
    """A request of the JSON API that passed the resident's session auth: django-ninja puts the
    `Resident` its authenticator returned in `request.auth`."""

    auth: Resident
