"""The appeals report as JSON: the stable shape documented in docs/data-exchange.md ("Reports"),
the same for the API, the command and the staff page's download."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hromada.reports import rules
from hromada.reports.figures import AppealsReport, DepartmentFigures, Figures, Share
from hromada.reports.periods import Period


def _shares(items: Sequence[Share]) -> dict[str, dict[str, Any]]:
    return {s.code: {"name": s.name, "count": s.count, "percent": s.percent} for s in items}


def period_json(period: Period, as_of: Any = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "title": period.title,
    }
    if as_of is not None:
        data["as_of"] = as_of.isoformat()
    return data


def _department(d: DepartmentFigures) -> dict[str, Any]:
    average = d.average_days
    return {
        "code": d.code,
        "name": d.name,
        "received": d.received,
        "answered": d.answered,
        "answered_on_time": d.on_time,
        "answered_late": d.answered_late,
        "open_overdue": d.open_overdue,
        "overdue": d.overdue,
        "average_days": float(average) if average is not None else None,
        "on_time_percent": d.on_time_rate,
    }


def figures_json(f: Figures) -> dict[str, Any]:
    return {
        "period": period_json(f.period, f.as_of),
        "appeals": {
            "total": f.total,
            "by_channel": _shares(f.by_channel),
            "by_channel_group": _shares(f.by_channel_group),
            "by_kind": _shares(f.by_kind),
            "collective": f.collective,
            "anonymous": f.anonymous,
            "repeated": f.repeated,
            "duplicates": f.duplicates,
            "priority": {
                "total": f.priority,
                "percent": rules.percent(f.priority, f.total),
                "by_category": _shares(f.priority_by_category),
            },
            "by_month": {m.key: m.count for m in f.by_month},
        },
        "issues": {
            "total": f.issues_total,
            "pending": f.issues_pending,
            "by_topic": _shares(f.by_topic),
            "by_result": _shares(f.by_result),
        },
        "departments": [_department(d) for d in f.departments],
    }


def _change(current: int, previous: int) -> dict[str, Any]:
    change = rules.Change(current, previous)
    return {"difference": change.difference, "percent": change.percent}


def report_json(report: AppealsReport) -> dict[str, Any]:
    """The whole report: this period's figures, and under "previous" the same period a year earlier
    with the change of the totals."""
    data = figures_json(report.current)
    previous = figures_json(report.previous)
    cur, prev = report.current, report.previous
    previous["change"] = {
        "appeals": _change(cur.total, prev.total),
        "issues": _change(cur.issues_total, prev.issues_total),
        "priority": _change(cur.priority, prev.priority),
        "overdue": _change(cur.overdue, prev.overdue),
    }
    data["previous"] = previous
    return data
