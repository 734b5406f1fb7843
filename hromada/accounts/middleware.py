"""Idle and absolute session limits (issue 11, finding 8).

A staff session left open on an office computer is a door to personal data, so it ends after
`HROMADA_STAFF_SESSION_IDLE_MINUTES` without a request and after `HROMADA_STAFF_SESSION_MAX_HOURS` in
any case; a resident's after `HROMADA_RESIDENT_SESSION_IDLE_MINUTES` idle. The last activity is written
to the session at most once a minute, so that reading pages does not write the session row each time.
Time comes from hromada.core.clock (tests move it with HROMADA_NOW).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from hromada.core import clock

SESSION_KEY = "_hromada_activity"
#: Seconds between two writes of the last activity.
TOUCH_EVERY = 60


def stamp_session(sender: object, request: HttpRequest, user: object, **kwargs: object) -> None:
    """On `user_logged_in`: start the clocks in the same session save as the sign-in itself (the
    first page after signing in then writes nothing). Connected in AccountsConfig.ready()."""
    if request is not None and hasattr(request, "session"):
        now = int(clock.now().timestamp())
        request.session[SESSION_KEY] = {"user": getattr(user, "pk", None), "started": now, "seen": now}


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware: signs out a session past its limit, before the view runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self._check(request)
        return self.get_response(request)

    @staticmethod
    def _check(request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        now = int(clock.now().timestamp())
        activity = request.session.get(SESSION_KEY)
        if not isinstance(activity, dict) or activity.get("user") != user.pk:
            request.session[SESSION_KEY] = {"user": user.pk, "started": now, "seen": now}
            return
        if getattr(user, "role", ""):
            idle = settings.HROMADA_STAFF_SESSION_IDLE_MINUTES * 60
            longest: int | None = settings.HROMADA_STAFF_SESSION_MAX_HOURS * 3600
        else:
            idle = settings.HROMADA_RESIDENT_SESSION_IDLE_MINUTES * 60
            longest = None
        seen, started = int(activity.get("seen", 0)), int(activity.get("started", 0))
        if now - seen > idle or (longest is not None and now - started > longest):
            logout(request)  # flushes the session; the view sees an anonymous visitor
            return
        if now - seen >= TOUCH_EVERY:
            request.session[SESSION_KEY] = {**activity, "seen": now}
