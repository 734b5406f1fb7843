"""The report's three GROUP BY queries (appeals with their departments' terms, issues, priority
categories) and the rows they return; `figures` adds the rows up. The counting rules are in the
`figures` docstring."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Count, F, Func, IntegerField, Q, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from hromada.appeals.models import Appeal, Applicant, Issue
from hromada.reference import selectors as ref
from hromada.reference.models import (
    AuthorCategory,
)
from hromada.reports.periods import Period

#: Work memory of the report's queries on PostgreSQL (see analytical_queries).
WORK_MEM = "32MB"


@dataclass(frozen=True)
class AppealGroup:
    """Counts of one (channel, kind, subject, month, lead department) of a period's appeals; the term
    counts are of the counted (non-duplicate) appeals with that lead department, as of `as_of`."""

    channel: str
    kind: str
    subject: str
    year: int
    month: int
    counted: int
    duplicates: int = 0
    repeated: int = 0
    priority: int = 0
    department_id: int | None = None
    answered: int = 0
    on_time: int = 0
    answered_late: int = 0
    open_overdue: int = 0
    days: int = 0


@dataclass(frozen=True)
class IssueGroup:
    topic: str
    result: str | None
    count: int


@contextmanager
def analytical_queries() -> Iterator[None]:
    """The report's queries in one transaction that PostgreSQL plans for aggregation: no JIT (it
    spent ~50 ms compiling each query, more than it saved) and 32 MB of work memory, so that the
    grouping of a quarter's ~80,000 rows is hashed in memory instead of sorted on disk. SET LOCAL
    ends with the transaction: other requests on the same connection keep the defaults."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true)", [WORK_MEM])
        yield


def _in(period: Period, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}registered_on__gte": period.start,
            f"{prefix}registered_on__lte": period.end,
            f"{prefix}duplicate_of__isnull": True,
        }
    )


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone())


class DaysBetween(Func):
    """Whole calendar days from the date `start` to the date `end` (an integer on every database)."""

    arity = 2
    output_field = IntegerField()
    template = "(%(expressions)s)"
    arg_joiner = " - "  # PostgreSQL: date - date is an integer

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, tuple[Any, ...]]:
        end, start = self.source_expressions
        end_sql, end_params = compiler.compile(end)
        start_sql, start_params = compiler.compile(start)
        return f"CAST(julianday({end_sql}) - julianday({start_sql}) AS INTEGER)", (*end_params, *start_params)


def appeal_groups(period: Period, as_of: dt.date) -> list[AppealGroup]:
    """The period's appeals by channel, kind, subject, month and lead department, with the terms of
    each lead department's appeals on `as_of` (one query; on PostgreSQL an index-only scan of
    appeal_report_idx, see appeals migration 0008). Answered on time = answered − answered late: an
    answered appeal without a due date is on time."""
    counted = Q(duplicate_of__isnull=True)
    led = counted & Q(lead_department__isnull=False)
    cutoff = _day_start(as_of + dt.timedelta(days=1))
    answered = led & Q(answered_at__lt=cutoff)
    unanswered = led & (Q(answered_at__isnull=True) | Q(answered_at__gte=cutoff))
    not_forwarded = Q(forwarded_on__isnull=True) | Q(forwarded_on__gt=as_of)
    # Counted by a column of the index, never null (Django counts "*" only without a filter).
    rows = (
        Appeal.objects.filter(registered_on__gte=period.start, registered_on__lte=period.end)
        .annotate(month=TruncMonth("registered_on"))
        .values("channel_id", "kind_id", "subject_id", "month", "lead_department_id")
        .annotate(
            counted=Count("registered_on", filter=counted),
            duplicate_count=Count("registered_on", filter=Q(duplicate_of__isnull=False)),
            repeated=Count("registered_on", filter=counted & Q(repeated_of__isnull=False)),
            priority=Count("registered_on", filter=counted & Q(priority=True)),
            answered=Count("registered_on", filter=answered),
            answered_late=Count("registered_on", filter=answered & Q(answered_at__date__gt=F("due_date"))),
            open_overdue=Count("registered_on", filter=unanswered & not_forwarded & Q(due_date__lt=as_of)),
            days=Sum(DaysBetween(TruncDate("answered_at"), "registered_on"), filter=answered),
        )
        .order_by()
    )
    return [
        AppealGroup(
            r["channel_id"],
            r["kind_id"],
            r["subject_id"],
            r["month"].year,
            r["month"].month,
            r["counted"],
            r["duplicate_count"],
            r["repeated"],
            r["priority"],
            r["lead_department_id"],
            r["answered"],
            r["answered"] - r["answered_late"],
            r["answered_late"],
            r["open_overdue"],
            r["days"] or 0,
        )
        for r in rows
    ]


def issue_groups(period: Period) -> list[IssueGroup]:
    """Issues of the period's counted appeals by topic and result (one query)."""
    rows = (
        Issue.objects.filter(_in(period, "appeal__"))
        .values("topic_id", "result_id")
        .annotate(n=Count("*"))  # not the id: issue_report_idx (appeal, topic, result) answers it alone
        .order_by()  # Issue's default ordering would join the GROUP BY
    )
    return [IssueGroup(r["topic_id"], r["result_id"], r["n"]) for r in rows]


def priority_category_counts(period: Period) -> dict[str, int]:
    """Counted priority appeals by priority category of any of their authors (one query)."""
    codes = [code for code, item in ref.vocabulary(AuthorCategory).items() if item.priority]
    if not codes:
        return {}
    through = Applicant.categories.through
    rows = (
        through.objects.filter(
            _in(period, "applicant__appeal__"), applicant__appeal__priority=True, authorcategory_id__in=codes
        )
        .values("authorcategory_id")
        .annotate(n=Count("applicant__appeal_id", distinct=True))
        .order_by()
    )
    return {r["authorcategory_id"]: r["n"] for r in rows}
