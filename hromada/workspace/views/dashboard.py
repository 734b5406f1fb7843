from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hromada.accounts.access import role_required
from hromada.accounts.models import Role
from hromada.core import clock
from hromada.workspace import dashboards


@role_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = clock.today()
    context = {
        "today": today,
        "tiles": dashboards.tiles_for(user, today=today),  # type: ignore[arg-type]
        "worklist": dashboards.executor_worklist(user, today=today)  # type: ignore[arg-type]
        if user.role == Role.EXECUTOR  # type: ignore[union-attr]
        else None,
        "departments": dashboards.load_by_department(user, today=today)  # type: ignore[arg-type]
        if user.role in (Role.CONTROLLER, Role.HEAD)  # type: ignore[union-attr]
        else None,
    }
    return render(request, "workspace/dashboard.html", context)
