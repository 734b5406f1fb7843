"""Навантаження підрозділів: the controller's and the head's table of open and overdue appeals per
department, as lead executor and as co-executor apart.

An appeal with co-executors counts for each of its departments, so a column mixing both roles summed
to more than the overdue tile. Here only the lead columns add up (one lead per appeal, plus the row of
appeals awaiting a resolution), and their total row is the open and overdue tiles; the co-executor
columns say honestly that they count appeals again. Every figure links to a list of exactly as many
rows (the filters `lead_department`, `co_department`, `unassigned` are the counting's own)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from hromada.accounts.models import Department, User
from hromada.appeals import selectors


@dataclass(frozen=True)
class Figure:
    count: int
    url: str


@dataclass(frozen=True)
class DepartmentRow:
    """One line of the table; `co_open`/`co_overdue` are None where co-execution means nothing (the
    appeals awaiting a resolution, the total)."""

    code: str
    name: str
    lead_open: Figure
    lead_overdue: Figure
    co_open: Figure | None = None
    co_overdue: Figure | None = None

    @property
    def open(self) -> int:
        return self.lead_open.count + (self.co_open.count if self.co_open else 0)

    @property
    def overdue(self) -> int:
        return self.lead_overdue.count + (self.co_overdue.count if self.co_overdue else 0)


@dataclass(frozen=True)
class DepartmentTable:
    rows: list[DepartmentRow]
    total: DepartmentRow


def _figure(count: int, **params: str) -> Figure:
    return Figure(count, reverse("appeals:list") + "?" + urlencode(params))


def _pair(count_open: int, count_overdue: int, **params: str) -> tuple[Figure, Figure]:
    return _figure(count_open, open="1", **params), _figure(count_overdue, overdue="1", **params)


def department_table(user: User, *, today: dt.date) -> DepartmentTable:
    """The table, worst first by the lead figures; the total row links to the plain open and overdue
    lists, which hold exactly the sums of the lead columns."""
    loads = selectors.load_by_department(user, today=today)
    ids = [pk for pk in loads if pk is not None]
    departments = {d.pk: d for d in Department.objects.filter(pk__in=ids).only("code", "name")}
    rows: list[DepartmentRow] = []
    for pk in ids:
        load, department = loads[pk], departments[pk]
        lead_open, lead_overdue = _pair(load.lead_open, load.lead_overdue, lead_department=department.code)
        co_open, co_overdue = _pair(load.co_open, load.co_overdue, co_department=department.code)
        rows.append(
            DepartmentRow(department.code, department.name, lead_open, lead_overdue, co_open, co_overdue)
        )
    rows.sort(key=lambda r: (-r.lead_overdue.count, -r.lead_open.count, -r.overdue, r.name))
    waiting = loads.get(None)
    if waiting is not None:
        rows.append(
            DepartmentRow(
                "",
                _("No lead department yet"),
                *_pair(waiting.lead_open, waiting.lead_overdue, unassigned="1"),
            )
        )
    total_open = sum(load.lead_open for load in loads.values())
    total_overdue = sum(load.lead_overdue for load in loads.values())
    total = DepartmentRow(
        "", _("All open appeals"), _figure(total_open, open="1"), _figure(total_overdue, overdue="1")
    )
    return DepartmentTable(rows, total)
