"""The receptions' rate-limit scopes fit RateLimitCount.scope with the address suffix a page adds."""

from __future__ import annotations

import pytest

from hromada.core.ratelimit import ADDRESS_SUFFIX, Limit
from hromada.receptions import limits


@pytest.mark.parametrize("name", ["booking_limit", "lookup_limit", "kiosk_limit"])
def test_every_receptions_limit_fits_with_the_address_suffix(name: str) -> None:
    limit = getattr(limits, name)()
    Limit(limit.scope + ADDRESS_SUFFIX, limit.count, limit.seconds)
