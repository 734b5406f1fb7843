"""Background tasks of the notifications app. They run in the worker (`hromada db_worker`), never in a
request."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from hromada.core import clock
from hromada.notifications.models import Notification, NotificationStatus
from hromada.notifications.services import enqueue_sending

logger = logging.getLogger(__name__)

#: The longest wait between two attempts, whatever the backoff says.
MAX_BACKOFF = dt.timedelta(hours=6)


def backoff(attempt: int) -> dt.timedelta:
    """The wait after failed attempt number `attempt` (1, 2, …): base, 2×base, 4×base… capped."""
    base = dt.timedelta(seconds=settings.HROMADA_NOTIFY_RETRY_SECONDS)
    return min(base * 2 ** (attempt - 1), MAX_BACKOFF)


@task()
def send_notification(notification_id: int, attempt: int = 1) -> str:
    """Send one recorded e-mail (plain text + HTML). On an error the notification is marked failed with
    the error, and — while attempts remain — this task is enqueued again to run after the backoff.

    The attempt counter is claimed with a conditional UPDATE, so a task that somehow runs twice (two
    workers, a re-run by hand) sends at most once per attempt and never after success."""
    claimed = (
        Notification.objects.filter(pk=notification_id, attempts=attempt - 1)
        .exclude(status=NotificationStatus.SENT)
        .update(attempts=F("attempts") + 1, next_attempt_at=None)
    )
    if not claimed:
        return "skipped"
    notification = Notification.objects.get(pk=notification_id)
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient],
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    try:
        message.send()
    except Exception as exc:  # any transport error: SMTP refusal, connection, timeout
        error = f"{type(exc).__name__}: {exc}"[:2000]
        retry_at = None
        if attempt < settings.HROMADA_NOTIFY_MAX_ATTEMPTS:
            # The queue runs on the real clock (the worker compares run_after with timezone.now()),
            # so the retry time does too, even when HROMADA_NOW fixes the council's date.
            retry_at = timezone.now() + backoff(attempt)
        Notification.objects.filter(pk=notification_id).update(
            status=NotificationStatus.FAILED, last_error=error, next_attempt_at=retry_at
        )
        if retry_at is not None:
            enqueue_sending(notification_id, attempt=attempt + 1, run_after=retry_at)
            logger.warning(
                "E-mail %s failed (attempt %s), retry at %s: %s", notification_id, attempt, retry_at, error
            )
            return "retry"
        logger.error("E-mail %s failed for good after %s attempts: %s", notification_id, attempt, error)
        return "failed"
    Notification.objects.filter(pk=notification_id).update(
        status=NotificationStatus.SENT, sent_at=clock.now()
    )
    return "sent"


@task()
def daily_tick() -> str:
    """Run the daily jobs that are due, then schedule the next tick (see schedule.py)."""
    from hromada.notifications import jobs, schedule

    done = jobs.run_due_jobs()
    schedule.schedule_next_tick()
    return f"{len(done)} job-days"
