"""The term as the pages show it (`appeals.selectors.terms`): running only while the appeal is open,
days left, overdue from the day after the due date — and the query rule that counts the same."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import pytest

from hromada.appeals.models import Appeal, Status
from hromada.appeals.selectors import overdue_q, term_of

D = dt.date
TODAY = D(2026, 11, 14)


@pytest.mark.parametrize(
    ("status", "due", "days", "overdue", "soon"),
    [
        (Status.IN_PROGRESS, D(2026, 11, 13), -1, True, False),
        (Status.IN_PROGRESS, D(2026, 11, 14), 0, False, True),
        (Status.REGISTERED, D(2026, 11, 17), 3, False, True),
        (Status.IN_PROGRESS, D(2026, 11, 18), 4, False, False),
        (Status.ANSWERED, D(2026, 11, 1), None, False, False),
        (Status.IN_PROGRESS, None, None, False, False),
    ],
)
def test_term_of_says_days_left_and_overdue_only_while_the_term_runs(status, due, days, overdue, soon):
    term = term_of(Appeal(status=status, due_date=due), TODAY)
    assert (term.days_left, term.overdue, term.soon, term.running) == (days, overdue, soon, days is not None)


def test_overdue_q_is_the_same_rule_for_a_query():
    assert overdue_q(TODAY) == overdue_q(TODAY, prefix="")
    # A Q of keyword lookups has (lookup, value) pairs as children; its stub types them as any node.
    condition = dict(cast(list[tuple[str, Any]], overdue_q(TODAY, prefix="appeal__").children))
    assert condition == {
        "appeal__status__in": (Status.REGISTERED, Status.IN_PROGRESS),
        "appeal__due_date__lt": TODAY,
    }
