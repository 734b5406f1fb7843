"""How often one address may look an application up by its number and secret code through the public
API: counted as tracking an appeal is (HROMADA_PORTAL_TRACKING_LIMIT per
HROMADA_PORTAL_TRACKING_WINDOW_SECONDS), under the queue's own scope, so that checking a position does
not use up the appeals' tracking allowance. The scope leaves room for the address suffix a page's
limit adds (core.ratelimit.ADDRESS_SUFFIX), so the portal's form may count under the same one."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from hromada.core import ratelimit
from hromada.core.ratelimit import Limit

LOOKUP_SCOPE = "kg-lookup"


def lookup_limit() -> Limit:
    return Limit(
        LOOKUP_SCOPE,
        int(settings.HROMADA_PORTAL_TRACKING_LIMIT),
        int(settings.HROMADA_PORTAL_TRACKING_WINDOW_SECONDS),
    )


def lookup(request: HttpRequest) -> None:
    """One look-up by number and code: bounded per address, counted at once (a wrong code too)."""
    ip = ratelimit.client_ip(request)
    ratelimit.check(lookup_limit(), ip)
    ratelimit.hit(lookup_limit(), ip)
