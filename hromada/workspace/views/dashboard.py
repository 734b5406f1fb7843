from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.accounts.models import Role
from hromada.core import clock
from hromada.workspace import admin_board, dashboards, department_load


@role_required()
def dashboard(request: StaffRequest) -> HttpResponse:
    user = request.user
    today = clock.today()
    context = {
        "today": today,
        "tiles": dashboards.tiles_for(user, today=today),
        "worklist": dashboards.executor_worklist(user, today=today) if user.role == Role.EXECUTOR else None,
        "departments": department_load.department_table(user, today=today)
        if user.role in (Role.CONTROLLER, Role.HEAD)
        else None,
        "admin_board": admin_board.admin_board(now=clock.now()) if user.role == Role.ADMINISTRATOR else None,
    }
    return render(request, "workspace/dashboard.html", context)
