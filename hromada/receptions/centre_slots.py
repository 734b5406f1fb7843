"""Free slots of the ЦНАП: which starts of which window a service can be booked at.

Starts lie on the settings' grid (minutes since midnight), so that the `SlotClaim` steps of visits
of different lengths fall on the same minutes and collide on the unique index. A day is bookable if it
is a working day inside the horizon; the last day of the horizon opens at `opening_time`, so every
resident gets the same chance at a new day. Reads only: the booking service re-checks under its lock.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from hromada.core import clock
from hromada.core.calendar import WorkCalendar
from hromada.core.models import CouncilSettings
from hromada.receptions.models import CentreService, SlotClaim, Window, WindowHours
from hromada.receptions.models.settings import ReceptionSettings


@dataclass(frozen=True)
class Slot:
    day: dt.date
    starts: dt.time
    ends: dt.time
    window_id: int

    def as_dict(self) -> dict[str, str]:
        """The shape the API and the `SlotTaken` alternatives use."""
        return {"day": self.day.isoformat(), "starts": self.starts.strftime("%H:%M")}


def _minute(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _time(minute: int) -> dt.time:
    return dt.time(minute // 60, minute % 60)


def grid_minutes() -> int:
    return int(ReceptionSettings.load().grid_minutes)


def steps_of(service: CentreService, grid: int) -> int:
    """A visit holds whole grid steps: 20 minutes on a 15-minute grid hold two."""
    return max(1, -(-int(service.minutes) // grid))


def claim_minutes(starts: dt.time, steps: int, grid: int) -> list[int]:
    """The grid steps (minutes since midnight) a visit starting at `starts` holds."""
    first = _minute(starts)
    return [first + i * grid for i in range(steps)]


def _local_now() -> dt.datetime:
    return timezone.localtime(clock.now())


def last_open_day() -> dt.date:
    """The end of the horizon now: today+horizon once `opening_time` has come, else a day earlier."""
    rules = ReceptionSettings.load()
    now = _local_now()
    horizon = int(rules.horizon_days)
    if now.time() < rules.opening_time:
        horizon -= 1
    return now.date() + dt.timedelta(days=horizon)


def day_is_open(day: dt.date) -> bool:
    """A working day from today up to the end of the horizon (today only for later starts)."""
    calendar: WorkCalendar = CouncilSettings.load().calendar
    return clock.today() <= day <= last_open_day() and calendar.is_working_day(day)


def _window_starts(service: CentreService, day: dt.date, grid: int) -> dict[int, list[int]]:
    """Per active window serving the service: the grid starts where the visit fits in its hours."""
    steps = steps_of(service, grid)
    hours = WindowHours.objects.filter(
        window__services=service, window__is_active=True, weekday=day.weekday()
    ).order_by("window__number", "starts")
    starts: dict[int, list[int]] = defaultdict(list)
    for row in hours:
        first = -(-_minute(row.starts) // grid) * grid
        end = _minute(row.ends)
        for minute in range(first, end - steps * grid + 1, grid):
            starts[row.window_id].append(minute)
    return starts


def _earliest_minute(day: dt.date) -> int:
    """Starts later than now today; any start on a later day."""
    now = _local_now()
    if day == now.date():
        return now.hour * 60 + now.minute + 1
    return 0


def offered_windows(service: CentreService, day: dt.date, starts: dt.time) -> list[int]:
    """The windows that offer this start at all (free or not); empty if the time is not bookable."""
    if not (service.is_active and service.is_bookable) or not day_is_open(day):
        return []
    minute = _minute(starts)
    if minute < _earliest_minute(day):
        return []
    grid = grid_minutes()
    return [w for w, mins in _window_starts(service, day, grid).items() if minute in mins]


def _claimed(window_ids: list[int], day: dt.date) -> dict[int, set[int]]:
    taken: dict[int, set[int]] = defaultdict(set)
    rows = SlotClaim.objects.filter(window_id__in=window_ids, day=day).values_list("window_id", "minute")
    for window_id, minute in rows:
        taken[window_id].add(minute)
    return taken


def free_windows(
    service: CentreService, day: dt.date, starts: dt.time, windows: list[int] | None = None
) -> list[int]:
    """The offering windows (or those of `windows`, already known to offer it) whose steps for this
    visit are all unclaimed."""
    if windows is None:
        windows = offered_windows(service, day, starts)
    grid = grid_minutes()
    need = claim_minutes(starts, steps_of(service, grid), grid)
    taken = _claimed(windows, day)
    return [w for w in windows if not taken[w].intersection(need)]


def free_slots(service: CentreService, day: dt.date) -> list[Slot]:
    """The free starts of the day, one per start time (the first free window), in time order."""
    if not (service.is_active and service.is_bookable) or not day_is_open(day):
        return []
    grid = grid_minutes()
    steps = steps_of(service, grid)
    per_window = _window_starts(service, day, grid)
    taken = _claimed(list(per_window), day)
    earliest = _earliest_minute(day)
    found: dict[int, Slot] = {}
    for window_id, minutes in per_window.items():
        for minute in minutes:
            if minute < earliest or minute in found:
                continue
            need = {minute + i * grid for i in range(steps)}
            if not taken[window_id] & need:
                found[minute] = Slot(day, _time(minute), _time(minute + steps * grid), window_id)
    return [found[m] for m in sorted(found)]


def open_days(service: CentreService) -> list[dt.date]:
    """The days from today to the end of the horizon that still have a free slot of the service."""
    day, last = clock.today(), last_open_day()
    days = []
    while day <= last:
        if free_slots(service, day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def next_free(
    service: CentreService, after: dt.date, n: int = 3, *, after_time: dt.time | None = None
) -> list[Slot]:
    """The first `n` free slots from `after` on (on that day only later than `after_time`)."""
    found: list[Slot] = []
    day, last = max(after, clock.today()), last_open_day()
    while day <= last and len(found) < n:
        for slot in free_slots(service, day):
            if day == after and after_time is not None and slot.starts <= after_time:
                continue
            found.append(slot)
            if len(found) == n:
                break
        day += dt.timedelta(days=1)
    return found


def active_windows(service: CentreService) -> list[Window]:
    return list(Window.objects.filter(services=service, is_active=True).order_by("number"))
