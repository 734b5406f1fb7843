"""The guard of the resident's own pages (кабінет мешканця): every domain's cabinet pages use it, so it
lives with the residents, below the domains, and not in the portal that lays the pages out."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from hromada.core.pages import private as _private
from hromada.residents import services


def resident_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A signed-in resident with a confirmed e-mail; anyone else goes to the residents' sign-in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        resident = services.resident_of(request.user)
        if resident is None or not resident.is_confirmed:
            return redirect(f"{reverse('portal:sign-in')}?next={request.path}")
        return _private(view(request, resident, *args, **kwargs))

    return wrapped
