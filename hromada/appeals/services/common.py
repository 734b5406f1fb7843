"""What every appeal service needs: the council's rules, the clock, the journal, the common refusals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.appeals import deadlines
from hromada.appeals.deadlines import TermRules
from hromada.appeals.errors import TermTooLong, WrongStatus
from hromada.appeals.models import Appeal, AppealEvent, Term
from hromada.core import clock as core_clock
from hromada.core.errors import FieldError, PermissionDenied, ValidationFailed
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


def short_date(day: dt.date | None) -> str:
    """A date as the letters and messages print it (31.12.2026), a dash for none."""
    return date_format(day, "d.m.Y") if day else "—"


def deny() -> PermissionDenied:
    """The one refusal every step gives when the role does not allow it."""
    return PermissionDenied(_("Your role does not allow this action."))


def require_status(appeal: Appeal, allowed: Sequence[str], action: str) -> None:
    """Refuse a step the appeal's status does not allow, naming the step and the status."""
    if appeal.status not in allowed:
        raise WrongStatus(action, appeal.get_status_display())


def due_from(
    start: dt.date,
    *,
    term: str | None,
    due_date: dt.date | None,
    rules: deadlines.TermRules,
    today: dt.date | None = None,
) -> tuple[str, dt.date]:
    """The due date of a resolution or a reopening: a legal term, or an explicit date within 1 month,
    never before `today` (the council's day: a date already gone would make the appeal overdue at once)."""
    if due_date is not None and today is not None and due_date < today and due_date >= start:
        raise ValidationFailed(
            [
                FieldError(
                    "due_date",
                    _("The due date cannot be in the past: today is %(today)s.")
                    % {"today": short_date(today)},
                    "past",
                )
            ]
        )
    if due_date is not None:
        if due_date < start:
            raise ValidationFailed(
                [
                    FieldError(
                        "due_date",
                        _("The due date cannot be earlier than %(start)s.") % {"start": short_date(start)},
                        "too_early",
                    )
                ]
            )
        limit = deadlines.month_limit(start)
        if due_date > limit:
            raise TermTooLong(
                _("Without an extension the term may not exceed 1 month: the latest date is %(date)s.")
                % {"date": short_date(limit)},
                field="due_date",
            )
        return Term.DATE, deadlines.settle(due_date, rules, limit=limit)
    if term in (Term.SHORT, Term.MONTH):
        return term, deadlines.due_date_for_term(start, term, rules)
    raise ValidationFailed([FieldError("term", _("Choose a term: 15d, 1m, or give a due date."), "required")])
