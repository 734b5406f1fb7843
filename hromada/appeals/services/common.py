"""What every appeal service needs: the council's rules, the clock, the journal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from hromada.accounts.models import User
from hromada.appeals.deadlines import TermRules
from hromada.appeals.models import Appeal, AppealEvent
from hromada.core import clock as core_clock
from hromada.core.models import CouncilSettings


def term_rules(council: CouncilSettings | None = None) -> TermRules:
    council = council or CouncilSettings.load()
    return TermRules(
        calendar=council.calendar,
        shift=council.due_date_shift,
        short_days=council.short_term_days,
        max_days=council.max_term_days,
        forward_days=council.forward_days,
        day_start=council.working_day_start,
        day_end=council.working_day_end,
    )


def local_today(now: dt.datetime) -> dt.date:
    return timezone.localtime(now).date()


def clock(now: dt.datetime | None) -> dt.datetime:
    """Services take `now=` so that imports can replay history and tests can move time."""
    return now or core_clock.now()


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def record_event(
    appeal: Appeal,
    action: str,
    *,
    actor: User | None,
    at: dt.datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    **details: Any,
) -> AppealEvent:
    """Append to the appeal's journal (журнал подій). Entries are never changed or deleted."""
    data: dict[str, Any] = dict(details)
    if before is not None:
        data["before"] = before
    if after is not None:
        data["after"] = after
    return AppealEvent.objects.create(appeal=appeal, actor=actor, at=at, action=action, data=jsonable(data))
