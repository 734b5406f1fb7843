"""Daily jobs (reminders, digests): each runs once per day, on whichever worker gets there first, and
catches up the days it missed while no worker ran.

A job is a function `job(day, *, today) -> int | None` that its own app registers in
`AppConfig.ready()` with `hromada.core.daily.register_daily_job` (so this app imports no domain). It
returns how many e-mails it queued (0 for a job that sends none), or None when it had nothing to do
for that day (a stale digest of a missed day, a day off). `day` is the day being done; `today` the
real day, so that a caught-up job sends only what is still relevant."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation

from hromada.core import clock
from hromada.core.daily import daily_jobs
from hromada.notifications.models import ScheduledRun

logger = logging.getLogger(__name__)

__all__ = ["JobDay", "daily_jobs", "days_due", "run_due_jobs", "run_job_day"]


@dataclass(frozen=True)
class JobDay:
    job: str
    day: dt.date
    queued: int | None


def days_due(job: str, today: dt.date) -> list[dt.date]:
    """The days `job` still has to do up to `today`: every day after its last run, at most
    HROMADA_NOTIFY_CATCH_UP_DAYS back. A job that never ran starts today (no history is replayed)."""
    last = ScheduledRun.objects.filter(job=job).aggregate(last=Max("day"))["last"]
    first = today if last is None else last + dt.timedelta(days=1)
    first = max(first, today - dt.timedelta(days=settings.HROMADA_NOTIFY_CATCH_UP_DAYS))
    return [first + dt.timedelta(days=n) for n in range((today - first).days + 1)]


def run_job_day(job: str, func: Callable[..., int | None], day: dt.date, *, today: dt.date) -> JobDay | None:
    """Do `job` for `day` unless another worker did or is doing it. The ScheduledRun insert and the
    job's work share one transaction: a job that fails leaves no mark and is tried again next tick; a
    second worker's insert of the same (job, day) waits for the first and then fails."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job, day=day, started_at=clock.now())
        except IntegrityError:
            return None
        with translation.override(settings.LANGUAGE_CODE):
            queued = func(day, today=today)
        run.performed = queued is not None
        run.queued = queued or 0
        run.save(update_fields=["performed", "queued"])
    logger.info("Daily job %s for %s: %s e-mails queued", job, day, queued)
    return JobDay(job, day, queued)


def daily_hour_reached() -> bool:
    """Daily jobs start at HROMADA_NOTIFY_DAILY_HOUR local time, so that reminders and digests land in
    the morning of the council's day, not at midnight."""
    return timezone.localtime(clock.now()).hour >= settings.HROMADA_NOTIFY_DAILY_HOUR


def run_due_jobs(*, today: dt.date | None = None, force: bool = False) -> list[JobDay]:
    """Every daily job for every day it still owes, oldest first. Safe to call from any number of
    workers and cron entries at once; calling it again the same day does nothing."""
    if today is None:
        if not force and not daily_hour_reached():
            return []
        today = clock.today()
    done: list[JobDay] = []
    for job, func in daily_jobs().items():
        for day in days_due(job, today):
            result = run_job_day(job, func, day, today=today)
            if result is not None:
                done.append(result)
    return done
