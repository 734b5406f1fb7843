"""Template context for every page: the council's name and the staff menu for the user's role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from hromada.accounts.models import Role
from hromada.core.models import CouncilSettings
from hromada.kindergarten.permissions import QUEUE_ROLES

#: (url name, label, roles) of the staff menu, in order.
MENU: list[tuple[str, str, tuple[str, ...]]] = [
    ("workspace:dashboard", "Dashboard", tuple(Role.values)),
    ("appeals:list", "Appeals", (Role.REGISTRAR, Role.HEAD, Role.CONTROLLER, Role.EXECUTOR)),
    ("appeals:register", "Register an appeal", (Role.REGISTRAR, Role.HEAD)),
    ("appeals:import", "Import cards", (Role.REGISTRAR, Role.HEAD)),
    ("questions:list", "Public questions", (Role.MODERATOR, Role.EXECUTOR, Role.HEAD)),
    ("questions:legal-list", "Legal help", (Role.MODERATOR, Role.ADMINISTRATOR)),
    ("petitions:list", "E-petitions", (Role.MODERATOR, Role.HEAD)),
    ("receptions:officials", "Personal receptions", (Role.REGISTRAR, Role.ADMINISTRATOR)),
    ("receptions:centre-desk", "Centre hall", (Role.CENTRE_ADMINISTRATOR, Role.ADMINISTRATOR)),
    ("kindergarten:applications", "Kindergarten queue", QUEUE_ROLES),
    ("reports:appeals", "Reports", (Role.HEAD, Role.CONTROLLER, Role.REGISTRAR)),
    ("workspace:audit", "Who looked", (Role.ADMINISTRATOR,)),
    ("admin:index", "Administration", (Role.ADMINISTRATOR,)),
]


def _label(text: str) -> str:
    # The labels are marked for translation here so that makemessages finds them.
    return {
        "Dashboard": _("Dashboard"),
        "Appeals": _("Appeals"),
        "Register an appeal": _("Register an appeal"),
        "Import cards": _("Import cards"),
        "Public questions": _("Public questions"),
        "Legal help": _("Legal help"),
        "E-petitions": _("E-petitions"),
        "Personal receptions": _("Personal receptions"),
        "Centre hall": _("Centre hall"),
        "Kindergarten queue": _("Kindergarten queue"),
        "Reports": _("Reports"),
        "Who looked": _("Who looked"),
        "Administration": _("Administration"),
    }[text]


def workspace(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {"council_name": CouncilSettings.load().council_name}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "role", ""):
        return context
    path = request.path
    items: list[dict[str, Any]] = []
    for name, label, roles in MENU:
        if user.role not in roles:
            continue
        url = reverse(name)
        current = path == url if name == "workspace:dashboard" else path.startswith(url)
        items.append({"url": url, "label": _label(label), "current": current})
    # The most specific match is the current one ("/staff/appeals/new/" is not also "Appeals").
    best = max((i for i in items if i["current"]), key=lambda i: len(i["url"]), default=None)
    for item in items:
        item["current"] = item is best
    context["workspace_nav"] = items
    if user.role in (Role.REGISTRAR, Role.HEAD, Role.CONTROLLER, Role.EXECUTOR):
        context["goto_url"] = reverse("appeals:go")
    return context
