"""Every address that worked before the apps were reshaped (issue 12) still works: the same route
under the same name. The inventory was read off the URL resolver of commit 6bfea3d, before any domain's
faces moved out of `portal/`; a route may be added, none may disappear or change its name."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

BEFORE = Path(__file__).parent / "data" / "urls_before_issue_12.json"


def _routes() -> dict[str, str]:
    """route pattern → namespaced name ("" for unnamed), for every URL the project serves."""
    found: dict[str, str] = {}

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for item in resolver.url_patterns:
            if isinstance(item, URLResolver):
                inner = f"{namespace}{item.namespace}:" if item.namespace else namespace
                walk(item, prefix + str(item.pattern), inner)
            elif isinstance(item, URLPattern):
                found.setdefault(prefix + str(item.pattern), f"{namespace}{item.name}" if item.name else "")

    walk(get_resolver(), "", "")
    return found


#: The admin's app index: one route whose pattern lists every app in the admin, so an app newly
#: given an admin page changes it. Compared as a set of apps: none may go, new ones may come.
ADMIN_APP_INDEX = re.compile(r"^admin/\^\(\?P<app_label>(?P<labels>[^)]*)\)/\$$")


def _without_admin_app_index(routes: dict[str, str]) -> tuple[dict[str, str], set[str]]:
    labels: set[str] = set()
    kept = {}
    for route, name in routes.items():
        match = ADMIN_APP_INDEX.match(route)
        if match:
            labels |= set(match.group("labels").split("|"))
        else:
            kept[route] = name
    return kept, labels


def test_every_route_of_before_is_served_under_its_name() -> None:
    before, apps_before = _without_admin_app_index(json.loads(BEFORE.read_text(encoding="utf-8")))
    now, apps_now = _without_admin_app_index(_routes())
    assert apps_before and apps_before <= apps_now, f"apps gone from the admin: {apps_before - apps_now}"
    missing = sorted(route for route in before if route not in now)
    renamed = sorted(
        f"{route}: {before[route]} → {now[route]}"
        for route in before
        if route in now and now[route] != before[route]
    )
    assert not missing, f"routes gone: {missing}"
    assert not renamed, f"routes renamed: {renamed}"
    assert len(before) > 300  # the inventory is the whole site, not a sample
