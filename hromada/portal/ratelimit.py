"""Межі частоти: how often one IP or one e-mail may file or try tracking codes.

Counted in the database (RateLimitHit) so that every app server sees the same counts; keys are
HMAC-hashed so that the table holds no IP addresses or e-mails. Old rows are purged as new ones come.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from hromada.core import clock
from hromada.portal.models import RateLimitHit


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    seconds: int


class RateLimited(Exception):
    """Too many attempts: try again after `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def filing_limit() -> Limit:
    return Limit(
        "filing", settings.HROMADA_PORTAL_FILING_LIMIT, settings.HROMADA_PORTAL_FILING_WINDOW_SECONDS
    )


def tracking_limit() -> Limit:
    return Limit(
        "tracking", settings.HROMADA_PORTAL_TRACKING_LIMIT, settings.HROMADA_PORTAL_TRACKING_WINDOW_SECONDS
    )


def asking_limit() -> Limit:
    """Public questions asked (Запитання до міської влади), per IP and per e-mail."""
    return Limit(
        "asking", settings.HROMADA_PORTAL_ASKING_LIMIT, settings.HROMADA_PORTAL_ASKING_WINDOW_SECONDS
    )


def account_limit() -> Limit:
    """Resident sign-ups and the letters they trigger (confirmation, password reset), per IP and e-mail."""
    return Limit(
        "account", settings.HROMADA_PORTAL_ACCOUNT_LIMIT, settings.HROMADA_PORTAL_ACCOUNT_WINDOW_SECONDS
    )


def signing_limit() -> Limit:
    """Petition signatures (and withdrawals) per IP address: many accounts from one source."""
    return Limit(
        "signing", settings.HROMADA_PORTAL_SIGNING_LIMIT, settings.HROMADA_PORTAL_SIGNING_WINDOW_SECONDS
    )


def signing_domain_limit() -> Limit:
    """Petition signatures per e-mail domain: a burst of accounts on one small domain. Generous by
    default, since the big mail providers carry most residents; moderators see the rest in the fraud
    tools."""
    return Limit(
        "signing-domain",
        settings.HROMADA_PORTAL_SIGNING_DOMAIN_LIMIT,
        settings.HROMADA_PORTAL_SIGNING_WINDOW_SECONDS,
    )


def check_signing(ip: str, email_domain: str) -> None:
    check(signing_limit(), ip)
    check(signing_domain_limit(), email_domain)


def hit_signing(ip: str, email_domain: str) -> None:
    """Count one signature for the address and the domain in one INSERT (the storm's hot path)."""
    now = clock.now()
    rows = [
        RateLimitHit(scope=limit.scope, key=_key(value), at=now)
        for limit, value in ((signing_limit(), ip), (signing_domain_limit(), email_domain))
        if value
    ]
    RateLimitHit.objects.bulk_create(rows)
    _purge_now_and_then(signing_limit(), now)
    _purge_now_and_then(signing_domain_limit(), now)


def client_ip(request: HttpRequest) -> str:
    """The resident's address. Behind a reverse proxy every request comes from the proxy, so name the
    header the proxy sets in HROMADA_CLIENT_IP_HEADER (e.g. HTTP_X_REAL_IP; first address of a list is
    taken) — only when the app servers are reachable through the proxy alone. Otherwise REMOTE_ADDR."""
    header = settings.HROMADA_CLIENT_IP_HEADER
    if header:
        value = request.META.get(header, "").split(",")[0].strip()
        if value:
            return value
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.strip().lower().encode(), hashlib.sha256).hexdigest()


def check(limit: Limit, *values: str) -> None:
    """Raise RateLimited when any of `values` (IP, e-mail) used up `limit` in its window."""
    now = clock.now()
    since = now - dt.timedelta(seconds=limit.seconds)
    for value in values:
        if not value:
            continue
        hits = list(
            RateLimitHit.objects.filter(scope=limit.scope, key=_key(value), at__gt=since)
            .order_by("at")
            .values_list("at", flat=True)[: limit.count]
        )
        if len(hits) >= limit.count:
            wait = (hits[0] + dt.timedelta(seconds=limit.seconds) - now).total_seconds()
            raise RateLimited(max(1, math.ceil(wait)))


#: Seconds between two purges of expired rows by one process: purging on every hit made each counted
#: request scan the scope's rows; expired rows are ignored by `check` anyway.
PURGE_EVERY_SECONDS = 60
_last_purge: dict[str, float] = {}


def hit(limit: Limit, *values: str) -> None:
    """Count one attempt for each of `values`; now and then drop this scope's rows older than the window."""
    now = clock.now()
    RateLimitHit.objects.bulk_create(
        [RateLimitHit(scope=limit.scope, key=_key(v), at=now) for v in values if v]
    )
    _purge_now_and_then(limit, now)


def _purge_now_and_then(limit: Limit, now: dt.datetime) -> None:
    tick = time.monotonic()
    if tick - _last_purge.get(limit.scope, -math.inf) >= PURGE_EVERY_SECONDS:
        _last_purge[limit.scope] = tick
        RateLimitHit.objects.filter(
            scope=limit.scope, at__lte=now - dt.timedelta(seconds=limit.seconds)
        ).delete()
