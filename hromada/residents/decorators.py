"""The guard of the resident's own pages (кабінет мешканця): every domain's cabinet pages use it, so it
lives with the residents, below the domains, and not in the portal that lays the pages out."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

from hromada.core.pages import private as _private
from hromada.residents import services

R = TypeVar("R", bound=HttpResponseBase)


def resident_required(view: Callable[..., R]) -> Callable[..., R | HttpResponseRedirect]:
    """A signed-in resident with a confirmed e-mail; anyone else goes to the residents' sign-in. The
    view answers a page or a file (`FileResponse` is no `HttpResponse`)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> R | HttpResponseRedirect:
        resident = services.resident_of(request.user)
        if resident is None or not resident.is_confirmed:
            return redirect(f"{reverse('portal:sign-in')}?next={request.path}")
        return _private(view(request, resident, *args, **kwargs))

    return wrapped
