"""Межі частоти: how often one IP, e-mail or e-mail domain may file, track, ask, sign up or sign.

Counted in the database (RateLimitCount) so that every app server sees the same counts; keys are
HMAC-hashed so that the table holds no IP addresses or e-mails. A window is cut into BUCKETS buckets:
a check sums the buckets of the last window (a sliding window to within a tenth of it) and a hit
increments the current bucket with one upsert, so both cost the same for one attempt an hour or a
thousand a second. Old buckets are purged now and then.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest

from hromada.core import clock
from hromada.core.errors import RateLimited
from hromada.core.models import RateLimitCount

ADDRESS_SUFFIX = "-address"


@dataclass(frozen=True)
class Limit:
    """`scope` names the counter; a page's limit also counts under `scope + ADDRESS_SUFFIX`, and both must
    fit RateLimitCount.scope — checked here so that SQLite, which does not enforce the column's length,
    fails the same way PostgreSQL would."""

    scope: str
    count: int
    seconds: int

    def __post_init__(self) -> None:
        longest = RateLimitCount._meta.get_field("scope").max_length or 0
        if len(self.scope) > longest:
            raise ValueError(f"rate-limit scope {self.scope!r} is longer than {longest} characters")


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
    """Both signing limits in one query (the storm's hot path)."""
    _check_many([(lim, v) for lim, v in ((signing_limit(), ip), (signing_domain_limit(), email_domain)) if v])


def hit_signing(ip: str, email_domain: str) -> None:
    """Count one signature for the address and the domain in one statement (the storm's hot path)."""
    _count([(lim, v) for lim, v in ((signing_limit(), ip), (signing_domain_limit(), email_domain)) if v])


def check_signing_source(request: HttpRequest, email: str) -> tuple[str, str]:
    """The signer's address and e-mail domain, both within their signing limits (RateLimited if not:
    429 for pages and API alike); `hit_signing` counts them once the signature is taken."""
    ip = client_ip(request)
    domain = email.rpartition("@")[2]
    check_signing(ip, domain)
    return ip, domain


def check_page(limit: Limit, request: HttpRequest, *values: str) -> None:
    """`check` for a page's form, kind to shared computers (a ЦНАП terminal, a library): see
    `_page_pairs`. RateLimited when used up (the 429 page, core.middleware)."""
    _check_many(_page_pairs(limit, request, values))


def hit_page(limit: Limit, request: HttpRequest, *values: str) -> None:
    """Count one attempt of a page's form (`check_page`'s keys)."""
    _count(_page_pairs(limit, request, values))


def _page_pairs(limit: Limit, request: HttpRequest, values: tuple[str, ...]) -> list[tuple[Limit, str]]:
    """The keys a page's attempt counts under. One browser on an address has `limit` (its CSRF cookie
    tells browsers apart: every form post carries it already, and signing in renews it); the address as
    a whole has HROMADA_PORTAL_SHARED_ADDRESS_FACTOR times as much, so the next resident at a shared
    terminal is not locked out by the previous one, while a script that drops its cookies is still
    bounded per address. A browser without the cookie counts as the address itself. `values` (the
    e-mail) keep `limit`."""
    ip = client_ip(request)
    browser = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    address = Limit(
        f"{limit.scope}{ADDRESS_SUFFIX}",
        limit.count * settings.HROMADA_PORTAL_SHARED_ADDRESS_FACTOR,
        limit.seconds,
    )
    pairs = [(address, ip), (limit, f"{ip} {browser}" if browser else ip)]
    return pairs + [(limit, v) for v in values if v]


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


#: Buckets per window.
BUCKETS = 10


def _bucket_seconds(limit: Limit) -> int:
    return max(1, math.ceil(limit.seconds / BUCKETS))


def _bucket(limit: Limit, now: dt.datetime) -> int:
    return int(now.timestamp()) // _bucket_seconds(limit)


def check(limit: Limit, *values: str) -> None:
    """Raise RateLimited when any of `values` (IP, e-mail, domain) used up `limit` in its window."""
    _check_many([(limit, v) for v in values if v])


def _check_many(pairs: list[tuple[Limit, str]]) -> None:
    """One query for every (limit, value) pair: the buckets of each one's last window."""
    if not pairs:
        return
    now = clock.now()
    wanted = {(limit.scope, _key(value)): limit for limit, value in pairs}
    condition = Q()
    for (scope, key), limit in wanted.items():
        condition |= Q(scope=scope, key=key, bucket__gt=_bucket(limit, now) - BUCKETS)
    counts: dict[tuple[str, str], dict[int, int]] = {pair: {} for pair in wanted}
    for scope, key, bucket, count in RateLimitCount.objects.filter(condition).values_list(
        "scope", "key", "bucket", "count"
    ):
        counts[(scope, key)][bucket] = count
    for pair, limit in wanted.items():
        buckets = counts[pair]
        if sum(buckets.values()) >= limit.count:
            raise RateLimited(_retry_after(limit, buckets, now))


def _retry_after(limit: Limit, buckets: dict[int, int], now: dt.datetime) -> int:
    """Seconds until enough of the oldest buckets have left the window to allow one more attempt."""
    total, free_at = sum(buckets.values()), _bucket(limit, now) + 1
    for bucket in sorted(buckets):
        total -= buckets[bucket]
        free_at = bucket + BUCKETS
        if total < limit.count:
            break
    return max(1, math.ceil(free_at * _bucket_seconds(limit) - now.timestamp()))


#: Seconds between two purges of old buckets by one process (`check` ignores them anyway).
PURGE_EVERY_SECONDS = 60
_last_purge: dict[str, float] = {}


def hit(limit: Limit, *values: str) -> None:
    """Count one attempt for each of `values` in the current bucket (one upsert statement)."""
    _count([(limit, v) for v in values if v])


def _count(pairs: list[tuple[Limit, str]]) -> None:
    if not pairs:
        return
    now = clock.now()
    table = connection.ops.quote_name(RateLimitCount._meta.db_table)
    rows = [(limit.scope, _key(value), _bucket(limit, now)) for limit, value in pairs]
    values = ", ".join(["(%s, %s, %s, 1)"] * len(rows))
    # The table name comes from the model and every value is a placeholder: nothing from the request.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, key, bucket, count) VALUES {values} "
            f"ON CONFLICT (scope, key, bucket) DO UPDATE SET count = {table}.count + 1",
            [part for row in rows for part in row],
        )
    for limit, _value in pairs:
        _purge_now_and_then(limit, now)


def _purge_now_and_then(limit: Limit, now: dt.datetime) -> None:
    tick = time.monotonic()
    if tick - _last_purge.get(limit.scope, -math.inf) >= PURGE_EVERY_SECONDS:
        _last_purge[limit.scope] = tick
        RateLimitCount.objects.filter(scope=limit.scope, bucket__lte=_bucket(limit, now) - BUCKETS).delete()
