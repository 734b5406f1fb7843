"""The term of consideration as the pages show it (строк розгляду): whether it still runs, how many
days are left, whether it is overdue — one rule, here, for the card, the desks and the cabinet.

A term runs while the appeal is open (registered or in progress) and has a due date; it is overdue
from the day after the due date. `overdue_q` is the same rule for a query — the one
`AppealFilter(overdue=True)` applies — so that a count and the list it links to agree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from hromada.accounts.models import User
from hromada.appeals.models import OPEN_STATUSES, Appeal, Assignment
from hromada.appeals.selectors.visibility import appeals_of_author, appeals_visible_to

#: "Due soon": the term ends within this many calendar days.
SOON_DAYS = 3


@dataclass(frozen=True)
class TermState:
    """An appeal's term on a given day; `days_left` is negative when overdue, None when not running."""

    due_date: dt.date | None
    days_left: int | None

    @property
    def running(self) -> bool:
        return self.days_left is not None

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def ends_today(self) -> bool:
        return self.days_left == 0

    @property
    def soon(self) -> bool:
        """Ends today or within `SOON_DAYS` days (not yet overdue)."""
        return self.days_left is not None and 0 <= self.days_left <= SOON_DAYS


def term_of(appeal: Appeal, today: dt.date) -> TermState:
    if appeal.due_date is None or appeal.status not in OPEN_STATUSES:
        return TermState(appeal.due_date, None)
    return TermState(appeal.due_date, (appeal.due_date - today).days)


def with_terms(appeals: Iterable[Appeal], today: dt.date) -> list[Appeal]:
    """The appeals, each with `.term` (a TermState) for the page to read."""
    rows = list(appeals)
    for appeal in rows:
        appeal.term = term_of(appeal, today)  # type: ignore[attr-defined]
    return rows


def overdue_q(today: dt.date, *, prefix: str = "") -> Q:
    """Overdue as a query condition; `prefix` ("appeal__") reads it through a relation."""
    return Q(**{f"{prefix}status__in": OPEN_STATUSES, f"{prefix}due_date__lt": today})


@dataclass(frozen=True)
class DepartmentLoad:
    """Open and overdue appeals of one department, counted apart as lead executor (головний
    виконавець) and as co-executor (співвиконавець): an appeal is counted once in each role it gives
    a department, so only the lead figures add up to the register's totals."""

    lead_open: int = 0
    lead_overdue: int = 0
    co_open: int = 0
    co_overdue: int = 0


def load_by_department(user: User, *, today: dt.date) -> dict[int | None, DepartmentLoad]:
    """Open and overdue appeals of those this person sees, per department id; the key None holds the
    open appeals that have no lead department yet (awaiting a resolution), so that the lead figures
    of all keys sum to the open and overdue totals. Each figure is the count of one list filter:
    `lead_department`, `co_department`, `unassigned`.

    Two small aggregates instead of one join: the lead department is a column of the appeal (read
    from the open work-list index), co-executors come from their own partial index. Joining all
    assignments to the open appeals took ~125 ms at a million appeals; this takes a few."""
    open_appeals = appeals_visible_to(user).filter(status__in=OPEN_STATUSES)
    lead: dict[int | None, tuple[int, int]] = {}
    for row in (
        open_appeals.values("lead_department_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=overdue_q(today)))
        .order_by()
    ):
        lead[row["lead_department_id"]] = (row["open"], row["overdue"])
    co: dict[int | None, tuple[int, int]] = {}
    for co_row in (
        Assignment.objects.filter(is_lead=False, appeal__in=open_appeals)
        .values("department_id")
        # appeal_id, not id: both columns are in the partial index, so it is read alone.
        .annotate(
            open=Count("appeal_id"), overdue=Count("appeal_id", filter=overdue_q(today, prefix="appeal__"))
        )
        .order_by()
    ):
        co[co_row["department_id"]] = (co_row["open"], co_row["overdue"])
    return {
        key: DepartmentLoad(*lead.get(key, (0, 0)), *co.get(key, (0, 0))) for key in lead.keys() | co.keys()
    }


def my_appeals(email: str) -> QuerySet[Appeal]:
    """Мої звернення in the cabinet: the author's appeals (see `appeals_of_author`) with the columns
    its list shows."""
    return appeals_of_author(email).only(
        "id", "number", "registered_on", "due_date", "status", "summary", "received_at"
    )
