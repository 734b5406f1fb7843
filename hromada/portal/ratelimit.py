"""Межі частоти: how often one IP or one e-mail may file or try tracking codes.

Counted in the database (RateLimitHit) so that every app server sees the same counts; keys are
HMAC-hashed so that the table holds no IP addresses or e-mails. Old rows are purged as new ones come.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
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


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR: behind a proxy, the proxy must set it (e.g. gunicorn --forwarded-allow-ips)."""
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


def hit(limit: Limit, *values: str) -> None:
    """Count one attempt for each of `values`; drop this scope's rows older than the window."""
    now = clock.now()
    RateLimitHit.objects.filter(scope=limit.scope, at__lte=now - dt.timedelta(seconds=limit.seconds)).delete()
    RateLimitHit.objects.bulk_create(
        [RateLimitHit(scope=limit.scope, key=_key(v), at=now) for v in values if v]
    )
