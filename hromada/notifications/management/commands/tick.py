"""`hromada tick`: run the daily jobs that are due (reminders, digests). For a cron, e.g. every 15 min:

    */15 * * * *  cd /srv/hromada && .venv/bin/hromada tick

Safe to run from several machines at once and as often as wanted: each job runs once per day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hromada.notifications import jobs, schedule


class Command(BaseCommand):
    help = (
        "Run the daily jobs that are due (executor reminders, controllers' digest), catching up missed days"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--day", type=dt.date.fromisoformat, help="Run as if today were DAY (YYYY-MM-DD); for tests."
        )
        parser.add_argument(
            "--now", action="store_true", help="Do not wait for HROMADA_NOTIFY_DAILY_HOUR today."
        )
        parser.add_argument(
            "--start-worker-tick",
            action="store_true",
            help="Also make sure the worker's self-rescheduling daily tick is queued.",
        )

    def handle(
        self, *args: Any, day: dt.date | None, now: bool, start_worker_tick: bool, **options: Any
    ) -> None:
        done = jobs.run_due_jobs(today=day, force=now)
        for item in done:
            queued = "—" if item.queued is None else item.queued
            self.stdout.write(f"{item.job} {item.day.isoformat()}: {queued}")
        if start_worker_tick and schedule.ensure_daily_tick():
            self.stdout.write("worker tick queued")
        if not done and options["verbosity"] >= 1:
            self.stdout.write("nothing due")
