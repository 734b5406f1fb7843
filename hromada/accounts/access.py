"""Page access by role: every staff page names the roles that may open it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.http import urlencode

from hromada.accounts import second_factor
from hromada.accounts.models import Role

#: Every role that works in the staff workspace.
STAFF_ROLES: tuple[str, ...] = tuple(Role.values)


#: The response a view returns: a page, or a file (`FileResponse` is no `HttpResponse`).
R = TypeVar("R", bound=HttpResponseBase)


def role_required(*roles: str) -> Callable[[Callable[..., R]], Callable[..., R | HttpResponse]]:
    """Anonymous → the sign-in page; signed in without one of `roles` → 403; a role that needs a
    second factor but a session not verified by one → the code step (or enrolment, if none yet)."""
    allowed = roles or STAFF_ROLES

    def decorator(view: Callable[..., R]) -> Callable[..., R | HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> R | HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.has_role(*allowed):
                raise PermissionDenied
            if not second_factor.is_satisfied(request):
                return second_factor_step(request)
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = allowed  # type: ignore[attr-defined]
        return wrapped

    return decorator


def second_factor_step(request: HttpRequest) -> HttpResponse:
    """Where a signed-in but unverified user goes: the code page if they have a device, else enrolment."""
    user = request.user
    target = (
        "workspace:second-factor-verify"
        if user.is_authenticated and second_factor.has_device(user)
        else ("workspace:second-factor-enrol")
    )
    response = redirect(target)
    response["Location"] += "?" + urlencode({"next": request.get_full_path()})
    return response


def staff_member_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Any staff role, second factor or not: for the second-factor pages themselves."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.has_role(*STAFF_ROLES):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
