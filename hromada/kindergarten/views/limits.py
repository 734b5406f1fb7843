"""How often one browser or address may look an application up by its number and code (the portal's
rate limits, core.ratelimit, under the queue's own scope: the scope and its "-address" twin fit the
counter's 20 characters)."""

from __future__ import annotations

from django.conf import settings

from hromada.core.ratelimit import Limit


def lookup_limit() -> Limit:
    """A lookup counts as tracking an appeal does (HROMADA_PORTAL_TRACKING_*)."""
    return Limit(
        "kg-lookup",
        int(settings.HROMADA_PORTAL_TRACKING_LIMIT),
        int(settings.HROMADA_PORTAL_TRACKING_WINDOW_SECONDS),
    )
