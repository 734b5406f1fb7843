"""The arithmetic of council reports, as plain functions of numbers (no database, no language).

- Shares are whole percents rounded half up (12.5 → 13), as councils print them; Decimal, never
  float, so that 0.5 is exactly a half. A share of nothing is 0.
- The change against a year earlier is the difference in numbers and, where there was something a
  year earlier, that difference as a whole percent of it (rounded half away from zero: −12.5 → −13).
- Average days are calendar days from registration to the answer, one decimal, rounded half up.
- A department's on-time rate is its appeals answered on time as a share of those whose term has
  been decided one way or the other (answered on time + overdue).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

_WHOLE = Decimal(1)
_TENTH = Decimal("0.1")


def percent(part: int, whole: int) -> int:
    """`part` as a whole percent of `whole`, rounded half up; 0 when `whole` is 0."""
    if whole <= 0:
        return 0
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(_WHOLE, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Change:
    """The current figure against the same period a year earlier."""

    current: int
    previous: int

    @property
    def difference(self) -> int:
        return self.current - self.previous

    @property
    def percent(self) -> int | None:
        """The difference as a whole percent of the previous figure; None when that was 0."""
        if self.previous <= 0:
            return None
        value = Decimal(self.difference) * 100 / Decimal(self.previous)
        return int(value.quantize(_WHOLE, rounding=ROUND_HALF_UP))


def average_days(total_days: int, count: int) -> Decimal | None:
    """Mean days to the answer, one decimal rounded half up; None when nothing was answered."""
    if count <= 0:
        return None
    return (Decimal(total_days) / Decimal(count)).quantize(_TENTH, rounding=ROUND_HALF_UP)


def on_time_rate(on_time: int, overdue: int) -> int | None:
    """Whole percent of appeals answered on time among those whose term is decided; None if none is."""
    decided = on_time + overdue
    return percent(on_time, decided) if decided else None


def top(items: Iterable[tuple[str, int]], n: int) -> list[tuple[str, int]]:
    """The `n` largest non-zero counts, largest first; equal counts keep their given order."""
    ranked = sorted((item for item in items if item[1] > 0), key=lambda item: -item[1])
    return ranked[:n]
