"""The report's tables, built once for every form it takes: the staff page, text, DOCX and XLSX.

A table holds Python values (ints, Decimals, text, None); each renderer formats them its own way —
the spreadsheet keeps numbers as numbers, the documents print "58%" and "+12".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from hromada.reports import rules
from hromada.reports.figures import AppealsReport, Figures, Share

TEXT = "text"
COUNT = "count"
PERCENT = "percent"
CHANGE = "change"
DAYS = "days"


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = COUNT


@dataclass
class Table:
    key: str
    title: str
    #: The worksheet's name (Excel allows 31 characters).
    sheet: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    #: The closing "Total" row, if the table has one.
    total: list[Any] | None = None
    #: Whether a printed form may leave out rows with nothing in them (not months, not indicators).
    compact: bool = True

    def without_empty_rows(self) -> Table:
        """The rows with something in them: a printed note skips the topics nobody raised."""
        if not self.compact:
            return self
        rows = [r for r in self.rows if any(isinstance(v, int) and v for v in r[1:])]
        return Table(self.key, self.title, self.sheet, self.columns, rows, self.total, self.compact)


def cell_text(value: Any, kind: str) -> str:
    """A cell as the documents print it."""
    if value is None:
        return "—"
    if kind == PERCENT:
        return f"{value}%"
    if kind == CHANGE:
        if isinstance(value, int) and value > 0:
            return f"+{value}"
        if isinstance(value, int) and value < 0:
            return f"−{-value}"  # a real minus sign
        return str(value)
    if kind == DAYS and isinstance(value, Decimal):
        return number_format(value, decimal_pos=1)
    return str(value)


def _compare_columns(report: AppealsReport, label: str) -> list[Column]:
    return [
        Column(label, TEXT),
        Column(report.current.period.title, COUNT),
        Column("%", PERCENT),
        Column(report.previous.period.title, COUNT),
        Column("%", PERCENT),
        Column(pgettext("report", "Change"), CHANGE),
    ]


def _compared(current: Sequence[Share], previous: Sequence[Share]) -> list[list[Any]]:
    """Rows of a breakdown with the same entry a year earlier beside it (matched by code)."""
    before = {s.code: s for s in previous}
    rows = []
    seen = set()
    for s in current:
        p = before.get(s.code)
        rows.append(_row(s.name, s.count, s.percent, p.count if p else 0, p.percent if p else 0))
        seen.add(s.code)
    for p in previous:
        if p.code not in seen:
            rows.append(_row(p.name, 0, 0, p.count, p.percent))
    return rows


def _by_count(rows: list[list[Any]]) -> list[list[Any]]:
    """The largest first (this period, then a year earlier); equal ones keep the vocabulary's order."""
    return sorted(rows, key=lambda r: (-r[1], -r[3]))


def _row(name: str, count: int, share: int | None, previous: int, previous_share: int | None) -> list[Any]:
    return [name, count, share, previous, previous_share, count - previous]


def _total(label: str, current: int, previous: int) -> list[Any]:
    return _row(label, current, 100 if current else 0, previous, 100 if previous else 0)


def appeals_tables(report: AppealsReport) -> list[Table]:
    """Every table of the appeals report, in the order the note prints them."""
    return [
        *_breakdown_tables(report),
        _subjects_table(report),
        _priority_table(report),
        _topics_table(report),
        _results_table(report),
        departments_table(report),
        months_table(report),
    ]


def _breakdown_tables(report: AppealsReport) -> list[Table]:
    """Appeals by channel, channel group and kind: each share against the same period a year earlier."""
    cur, prev = report.current, report.previous
    total_label = pgettext("report", "Total")

    def breakdown(
        key: str, title: str, sheet: str, label: str, pick: Callable[[Figures], list[Share]]
    ) -> Table:
        return Table(
            key,
            title,
            sheet,
            _compare_columns(report, label),
            _compared(pick(cur), pick(prev)),
            _total(total_label, cur.total, prev.total),
        )

    return [
        breakdown(
            "channels",
            _("Appeals by channel"),
            _("Channels"),
            pgettext("report", "Channel"),
            lambda f: f.by_channel,
        ),
        breakdown(
            "channel_groups",
            _("Appeals by channel group"),
            _("Channel groups"),
            pgettext("report", "Channel group"),
            lambda f: f.by_channel_group,
        ),
        breakdown("kinds", _("Appeals by kind"), _("Kinds"), pgettext("report", "Kind"), lambda f: f.by_kind),
    ]


def _subjects_table(report: AppealsReport) -> Table:
    """Collective, anonymous, repeated and duplicate appeals; duplicates have no share, being outside
    the total."""
    cur, prev = report.current, report.previous
    subjects = Table(
        "subjects",
        _("Collective, anonymous, repeated and duplicate appeals"),
        _("Subjects and features"),
        _compare_columns(report, pgettext("report", "Appeals")),
        compact=False,
    )
    for label, now, before, shared in (
        (pgettext("report", "Collective"), cur.collective, prev.collective, True),
        (pgettext("report", "Anonymous"), cur.anonymous, prev.anonymous, True),
        (pgettext("report", "Repeated"), cur.repeated, prev.repeated, True),
        (_("Duplicate (not counted in the total)"), cur.duplicates, prev.duplicates, False),
    ):
        subjects.rows.append(
            _row(
                label,
                now,
                rules.percent(now, cur.total) if shared else None,
                before,
                rules.percent(before, prev.total) if shared else None,
            )
        )
    return subjects


def _priority_table(report: AppealsReport) -> Table:
    """Appeals of priority categories (Law art. 20), by category, busiest first."""
    cur, prev = report.current, report.previous
    return Table(
        "priority",
        _("Appeals from citizens of priority categories"),
        _("Priority categories"),
        _compare_columns(report, pgettext("report", "Author category")),
        _by_count(_compared(cur.priority_by_category, prev.priority_by_category)),
        _row(
            _("All priority categories"),
            cur.priority,
            rules.percent(cur.priority, cur.total),
            prev.priority,
            rules.percent(prev.priority, prev.total),
        ),
    )


def _topics_table(report: AppealsReport) -> Table:
    cur, prev = report.current, report.previous
    return Table(
        "topics",
        _("Issues by topic"),
        _("Topics"),
        _compare_columns(report, pgettext("report", "Topic")),
        _by_count(_compared(cur.by_topic, prev.by_topic)),
        _total(pgettext("report", "Total issues"), cur.issues_total, prev.issues_total),
    )


def _results_table(report: AppealsReport) -> Table:
    """Results of the issues, with the issues still under consideration as their own row."""
    cur, prev = report.current, report.previous
    results = Table(
        "results",
        _("Results of consideration of the issues"),
        _("Results"),
        _compare_columns(report, pgettext("report", "Result")),
        _compared(cur.by_result, prev.by_result),
        _total(pgettext("report", "Total issues"), cur.issues_total, prev.issues_total),
    )
    results.rows.append(
        _row(
            pgettext("report", "Under consideration"),
            cur.issues_pending,
            rules.percent(cur.issues_pending, cur.issues_total),
            prev.issues_pending,
            rules.percent(prev.issues_pending, prev.issues_total),
        )
    )
    return results


def departments_table(report: AppealsReport) -> Table:
    cur, prev = report.current, report.previous
    before = {d.code: d for d in prev.departments}
    table = Table(
        "departments",
        _("Consideration by executor departments (as of %(date)s)")
        % {"date": date_format(cur.as_of, "SHORT_DATE_FORMAT")},
        _("Departments"),
        [
            Column(pgettext("report", "Department"), TEXT),
            Column(pgettext("report", "Received"), COUNT),
            Column(pgettext("report", "Answered"), COUNT),
            Column(pgettext("report", "Answered on time"), COUNT),
            Column(pgettext("report", "Overdue"), COUNT),
            Column(pgettext("report", "Average days to answer"), DAYS),
            Column(pgettext("report", "On time, %"), PERCENT),
            Column(pgettext("report", "Received a year earlier"), COUNT),
            Column(pgettext("report", "Overdue a year earlier"), COUNT),
        ],
    )
    seen = set()
    for d in cur.departments:
        p = before.get(d.code)
        seen.add(d.code)
        table.rows.append(
            [
                d.name,
                d.received,
                d.answered,
                d.on_time,
                d.overdue,
                d.average_days,
                d.on_time_rate,
                p.received if p else 0,
                p.overdue if p else 0,
            ]
        )
    for p in prev.departments:
        if p.code not in seen:
            table.rows.append([p.name, 0, 0, 0, 0, None, None, p.received, p.overdue])
    received = sum(d.received for d in cur.departments)
    answered = sum(d.answered for d in cur.departments)
    days = sum(d.days_total for d in cur.departments)
    table.total = [
        pgettext("report", "Total"),
        received,
        answered,
        cur.on_time,
        cur.overdue,
        rules.average_days(days, answered),
        rules.on_time_rate(cur.on_time, cur.overdue),
        sum(d.received for d in prev.departments),
        prev.overdue,
    ]
    return table


def months_table(report: AppealsReport) -> Table:
    cur, prev = report.current, report.previous
    table = Table(
        "months",
        _("Appeals by month of registration"),
        _("Months"),
        [
            Column(pgettext("report", "Month"), TEXT),
            Column(pgettext("report", "Appeals"), COUNT),
            Column(pgettext("report", "Same month a year earlier"), COUNT),
            Column(pgettext("report", "Change"), CHANGE),
        ],
        compact=False,
    )
    for i, m in enumerate(cur.by_month):
        before = prev.by_month[i].count if i < len(prev.by_month) else 0
        table.rows.append([m.label, m.count, before, m.count - before])
    return table
