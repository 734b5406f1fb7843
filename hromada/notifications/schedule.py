"""The worker's own clock for daily jobs, without cron and without extra dependencies.

django-tasks 0.12 has no periodic tasks, so `tasks.daily_tick` re-enqueues itself every
TICK_EVERY with `run_after`. The chain is started by `migrate` (post_migrate: every deployment and
every `make run` migrates) and by `hromada tick`. Extra chains are harmless (ScheduledRun keeps the
jobs once a day) and die out: a tick only schedules a successor when no other tick is waiting.
Where a cron is preferred, set HROMADA_DAILY_TICK=0 and call `hromada tick` from cron instead."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

TICK_EVERY = dt.timedelta(minutes=15)


def _uses_database_queue() -> bool:
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def _tick_waiting() -> bool:
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from hromada.notifications.tasks import daily_tick

    return DBTaskResult.objects.filter(
        task_path=daily_tick.module_path, status=TaskResultStatus.READY
    ).exists()


def ensure_daily_tick() -> bool:
    """Enqueue a tick now unless one is already waiting. True when one was enqueued."""
    if not settings.HROMADA_DAILY_TICK or not _uses_database_queue() or _tick_waiting():
        return False
    from hromada.notifications.tasks import daily_tick

    daily_tick.enqueue()
    return True


def schedule_next_tick() -> None:
    if not settings.HROMADA_DAILY_TICK or not _uses_database_queue() or _tick_waiting():
        return
    from hromada.notifications.tasks import daily_tick

    daily_tick.using(run_after=timezone.now() + TICK_EVERY).enqueue()


def start_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    try:
        ensure_daily_tick()
    except Exception:  # a partial migration (e.g. --fake, a plan without the tasks table): try next time
        logger.warning("Daily tick not scheduled after migrate", exc_info=True)
