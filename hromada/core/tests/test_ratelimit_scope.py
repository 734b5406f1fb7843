"""A rate-limit scope must fit its column, with the address suffix a page adds — SQLite would store a
longer one silently and PostgreSQL would refuse the booking with a 500."""

from __future__ import annotations

import pytest

from hromada.core.models import RateLimitCount
from hromada.core.ratelimit import ADDRESS_SUFFIX, Limit


def test_a_scope_longer_than_the_column_is_refused_at_once() -> None:
    longest = RateLimitCount._meta.get_field("scope").max_length
    assert longest is not None
    Limit("x" * longest, 1, 60)
    with pytest.raises(ValueError, match="longer than"):
        Limit("x" * (longest + 1), 1, 60)


@pytest.mark.parametrize(
    "name",
    [
        "filing_limit",
        "tracking_limit",
        "asking_limit",
        "account_limit",
    ],
)
def test_every_portal_limit_fits_with_the_address_suffix(name: str) -> None:
    from hromada.core import ratelimit

    limit = getattr(ratelimit, name)()
    Limit(limit.scope + ADDRESS_SUFFIX, limit.count, limit.seconds)


@pytest.mark.parametrize("name", ["signing_limit", "signing_domain_limit"])
def test_the_signing_limits_fit_the_column(name: str) -> None:
    """Signing counts per address and domain itself (check_signing), without the page's suffix."""
    from hromada.core import ratelimit

    assert getattr(ratelimit, name)().scope
