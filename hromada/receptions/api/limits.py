"""How often one address (and one e-mail) may book, cancel or look up receptions through the public
API — the portal's rate limits (core.ratelimit), with the receptions' own scopes so that booking does
not use up the appeals' filing allowance.

Booking counts per address and per e-mail (hromada.receptions.limits); a look-up or cancellation by
a token or code counts as tracking does (per address)."""

from __future__ import annotations

from django.http import HttpRequest

from hromada.core import ratelimit
from hromada.receptions.limits import booking_limit, lookup_limit


def check_booking(request: HttpRequest, email: str) -> str:
    """The booker's address, within the booking limit (RateLimited: 429 otherwise)."""
    ip = ratelimit.client_ip(request)
    ratelimit.check(booking_limit(), ip, email.strip().lower())
    return ip


def hit_booking(ip: str, email: str) -> None:
    ratelimit.hit(booking_limit(), ip, email.strip().lower())


def lookup(request: HttpRequest) -> None:
    """One look-up by a secret (a token, a code): bounded per address, counted at once."""
    ip = ratelimit.client_ip(request)
    ratelimit.check(lookup_limit(), ip)
    ratelimit.hit(lookup_limit(), ip)
