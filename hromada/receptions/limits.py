"""How often one browser, address or e-mail may book, look up or take a ticket — the portal's rate
limits (core.ratelimit) under the receptions' own scopes, so that booking a visit does not use up the
appeals' filing allowance. The portal pages and the public API count under the same scopes."""

from __future__ import annotations

from django.conf import settings

from hromada.core.ratelimit import Limit


def booking_limit() -> Limit:
    """Bookings (personal receptions and the centre together) per address and per e-mail within
    HROMADA_PORTAL_BOOKING_WINDOW_SECONDS; by default twice the filing limit: a family books several
    visits."""
    return Limit(
        "booking",
        int(settings.HROMADA_PORTAL_BOOKING_LIMIT),
        int(settings.HROMADA_PORTAL_BOOKING_WINDOW_SECONDS),
    )


def lookup_limit() -> Limit:
    """A look-up or cancellation by a token or code counts as tracking an appeal does."""
    return Limit(
        "booking-find",
        settings.HROMADA_PORTAL_TRACKING_LIMIT,
        settings.HROMADA_PORTAL_TRACKING_WINDOW_SECONDS,
    )


def kiosk_limit() -> Limit:
    """Kiosk posts per browser (a kiosk issues a few a minute in a rush; a script is stopped)."""
    return Limit(
        "centre-kiosk",
        int(settings.HROMADA_CENTRE_KIOSK_LIMIT),
        int(settings.HROMADA_CENTRE_KIOSK_WINDOW_SECONDS),
    )
