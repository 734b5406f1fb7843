"""Показники звіту: what the register holds for a period, counted by the database.

Counting rules (docs/data-exchange.md, "Reports"):
- an appeal belongs to the period by its registration date (both ends included);
- a duplicate appeal (`duplicate_of` set: the same card or text through another channel) is not
  counted again: it is left out of every figure and counted on its own as `duplicates`;
- repeated = counted appeals with `repeated_of` set; priority = counted appeals flagged at
  registration for an author of a priority category (Law art. 20), and by category the counted
  appeals with an author in that category (an appeal with two categories is in both rows);
- issues are those of the counted appeals; shares of channels, kinds and categories are of appeals,
  shares of topics and results of issues;
- results are the issues' results as they stand when the report is made (an issue answered after
  the period still shows its result); issues without a result are `pending`;
- departments: the counted appeals whose lead department it is (the appeal's current executor),
  and of them, as of the period's end (or today while the period runs, `as_of`): answered (answer
  date ≤ as_of), answered on time (answer date ≤ due date; no due date counts as on time), overdue
  (answered after the due date, or still unanswered and not forwarded on as_of with a due date
  before as_of), average days from registration to the answer. A forwarded appeal (Law art. 7) is
  neither answered nor overdue.

The database does the counting: three GROUP BY queries per period (appeals with their departments'
terms, issues, priority categories), reading the period's appeals through the covering index
appeal_report_idx on PostgreSQL (appeals migration 0008) without touching the table. Python only
adds up the group rows (a few thousand for a quarter).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import get_language, pgettext

from hromada.appeals import selectors
from hromada.reference import selectors as ref
from hromada.reference.models import (
    AuthorCategory,
    Channel,
    ChannelGroup,
    Kind,
    ReferenceItem,
    Result,
    Topic,
)
from hromada.reports import rules
from hromada.reports.groups import (
    AppealGroup,
    IssueGroup,
    analytical_queries,
    appeal_groups,
    issue_groups,
    priority_category_counts,
)
from hromada.reports.periods import Period, month_label

__all__ = [
    "AppealGroup",
    "AppealsReport",
    "DepartmentFigures",
    "Figures",
    "IssueGroup",
    "MonthCount",
    "Share",
    "analytical_queries",
    "appeals_report",
    "department_figures",
    "display_name",
    "group_names",
    "period_figures",
    "shares",
    "summarize",
]

# --- what the report holds ------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """One row of a breakdown: a vocabulary entry, its count and its whole-percent share."""

    code: str
    name: str
    count: int
    percent: int


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    count: int

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass(frozen=True)
class DepartmentFigures:
    """Одна стрічка по виконавцю: a lead department's appeals of the period."""

    code: str
    name: str
    received: int
    answered: int
    on_time: int
    answered_late: int
    open_overdue: int
    days_total: int

    @property
    def overdue(self) -> int:
        return self.answered_late + self.open_overdue

    @property
    def average_days(self) -> Decimal | None:
        return rules.average_days(self.days_total, self.answered)

    @property
    def on_time_rate(self) -> int | None:
        return rules.on_time_rate(self.on_time, self.overdue)


@dataclass(frozen=True)
class Figures:
    """Every figure of one period."""

    period: Period
    as_of: dt.date
    total: int
    by_channel: list[Share]
    by_channel_group: list[Share]
    by_kind: list[Share]
    collective: int
    anonymous: int
    repeated: int
    duplicates: int
    priority: int
    priority_by_category: list[Share]
    by_month: list[MonthCount]
    issues_total: int
    issues_pending: int
    by_topic: list[Share]
    by_result: list[Share]
    departments: list[DepartmentFigures] = field(default_factory=list)

    def channel(self, code: str) -> int:
        return next((s.count for s in self.by_channel if s.code == code), 0)

    def group(self, code: str) -> Share:
        return next(s for s in self.by_channel_group if s.code == code)

    def channels_of_group(self, group: str) -> list[Share]:
        """The channels of a group (hotline: the Government and the regional contact centers)."""
        channels = ref.vocabulary(Channel)
        return [s for s in self.by_channel if s.code in channels and channels[s.code].group == group]

    @property
    def answered(self) -> int:
        return sum(d.answered for d in self.departments)

    @property
    def on_time(self) -> int:
        return sum(d.on_time for d in self.departments)

    @property
    def overdue(self) -> int:
        return sum(d.overdue for d in self.departments)


@dataclass(frozen=True)
class AppealsReport:
    """The appeals report: a period and the same period a year earlier."""

    current: Figures
    previous: Figures

    @property
    def period(self) -> Period:
        return self.current.period

    def change(self, current: int, previous: int) -> rules.Change:
        return rules.Change(current, previous)


# --- the groups the database returns -------------------------------------------------------------


def display_name(item: ReferenceItem) -> str:
    """A vocabulary entry's name in the active language (the English name where one is given)."""
    if (get_language() or "").startswith("en") and item.name_en:
        return item.name_en
    return item.name


def group_names() -> dict[str, str]:
    """The channel groups of the classifier as a report names them."""
    return {
        ChannelGroup.WRITTEN: pgettext("channel group", "Written appeals"),
        ChannelGroup.ORAL: pgettext("channel group", "Oral appeals (personal reception)"),
        ChannelGroup.ELECTRONIC: pgettext("channel group", "Electronic appeals"),
        ChannelGroup.PHONE: pgettext("channel group", "By phone"),
        ChannelGroup.HOTLINE: pgettext("channel group", "Through hotlines"),
    }


def shares(
    counts: Mapping[str, int], vocabulary: Mapping[str, ReferenceItem], whole: int, *, all_active: bool = True
) -> list[Share]:
    """A breakdown in the vocabulary's order: every active entry (with `all_active`) and any entry
    that has a count, each with its share of `whole`. Unknown codes (no entry) come last."""
    rows = []
    for code, item in sorted(vocabulary.items(), key=lambda kv: (kv[1].position, kv[0])):
        count = counts.get(code, 0)
        if count or (all_active and item.is_active):
            rows.append(Share(code, display_name(item), count, rules.percent(count, whole)))
    for code in sorted(set(counts) - set(vocabulary)):
        rows.append(Share(code, code, counts[code], rules.percent(counts[code], whole)))
    return rows


def _sum_by(groups: Iterable[AppealGroup], key: str) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for g in groups:
        totals[getattr(g, key)] += g.counted
    return dict(totals)


def department_figures(
    appeals: Iterable[AppealGroup], departments: Mapping[int, tuple[str, str]]
) -> list[DepartmentFigures]:
    """Each lead department's received and term counts, by name. `departments`: id → (code, name)."""
    sums: dict[int, list[int]] = defaultdict(lambda: [0] * 6)
    for g in appeals:
        if g.department_id is None or not g.counted:
            continue
        row = sums[g.department_id]
        values = (g.counted, g.answered, g.on_time, g.answered_late, g.open_overdue, g.days)
        for i, value in enumerate(values):
            row[i] += value
    found = [
        DepartmentFigures(*departments.get(pk, (str(pk), str(pk))), *values) for pk, values in sums.items()
    ]
    return sorted(found, key=lambda d: (d.name, d.code))


def summarize(
    period: Period,
    as_of: dt.date,
    appeals: list[AppealGroup],
    issues: list[IssueGroup],
    categories: Mapping[str, int],
    departments: Mapping[int, tuple[str, str]],
) -> Figures:
    """The figures of a period from the database's group rows; `departments`: id → (code, name)."""
    channels = ref.vocabulary(Channel)
    total = sum(g.counted for g in appeals)
    by_channel = _sum_by(appeals, "channel")
    by_group: dict[str, int] = defaultdict(int)
    for code, count in by_channel.items():
        by_group[channels[code].group if code in channels else ""] += count
    names = group_names()
    by_subject = _sum_by(appeals, "subject")
    months: dict[tuple[int, int], int] = defaultdict(int)
    for g in appeals:
        months[(g.year, g.month)] += g.counted

    issues_total = sum(i.count for i in issues)
    by_topic: dict[str, int] = defaultdict(int)
    by_result: dict[str, int] = defaultdict(int)
    for i in issues:
        by_topic[i.topic] += i.count
        if i.result:
            by_result[i.result] += i.count

    priority_categories = {c: item for c, item in ref.vocabulary(AuthorCategory).items() if item.priority}
    return Figures(
        period=period,
        as_of=as_of,
        total=total,
        by_channel=shares(by_channel, channels, total),
        by_channel_group=[
            Share(code, names[code], by_group.get(code, 0), rules.percent(by_group.get(code, 0), total))
            for code in ChannelGroup.values
        ],
        by_kind=shares(_sum_by(appeals, "kind"), ref.vocabulary(Kind), total),
        collective=by_subject.get("collective", 0),
        anonymous=by_subject.get("anonymous", 0),
        repeated=sum(g.repeated for g in appeals),
        duplicates=sum(g.duplicates for g in appeals),
        priority=sum(g.priority for g in appeals),
        priority_by_category=shares(categories, priority_categories, total),
        by_month=[MonthCount(y, m, months.get((y, m), 0)) for y, m in period.months()],
        issues_total=issues_total,
        issues_pending=issues_total - sum(by_result.values()),
        by_topic=shares(by_topic, ref.vocabulary(Topic), issues_total),
        by_result=shares(by_result, ref.vocabulary(Result), issues_total),
        departments=department_figures(appeals, departments),
    )


def _department_names() -> dict[int, tuple[str, str]]:
    """Every department (a few dozen rows, one query) through the appeals app's selector."""
    return {d.pk: (d.code, d.name) for d in selectors.departments_for_lists()}


def period_figures(
    period: Period, *, today: dt.date, departments: Mapping[int, tuple[str, str]] | None = None
) -> Figures:
    """One period's figures: three queries (appeals, issues, priority categories), plus the
    departments' names unless given. Callers run it inside analytical_queries()."""
    as_of = period.as_of(today)
    return summarize(
        period,
        as_of,
        appeal_groups(period, as_of),
        issue_groups(period),
        priority_category_counts(period),
        _department_names() if departments is None else departments,
    )


def appeals_report(period: Period, *, today: dt.date) -> AppealsReport:
    """The appeals report of `period` and of the same period a year earlier (seven queries)."""
    with analytical_queries():
        departments = _department_names()
        return AppealsReport(
            current=period_figures(period, today=today, departments=departments),
            previous=period_figures(period.year_earlier(), today=today, departments=departments),
        )
