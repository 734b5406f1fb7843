"""The time of the council. Everything that asks "what day is it" asks here, so that a test (or a
training installation) can set `HROMADA_NOW` to an ISO date-time and see the register as of then."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def now() -> dt.datetime:
    fixed = getattr(settings, "HROMADA_NOW", None)
    if fixed:
        value = dt.datetime.fromisoformat(str(fixed))
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.now()


def today() -> dt.date:
    """Today in the council's time zone."""
    return timezone.localtime(now()).date()
