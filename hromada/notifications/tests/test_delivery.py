"""Delivery: failures are recorded with the error and retried with backoff; a task never sends twice."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hromada.notifications.models import Notification, NotificationStatus
from hromada.notifications.services import queue_email
from hromada.notifications.tasks import backoff, send_notification

from .conftest import free_port


def queue(django_capture_on_commit_callbacks) -> Notification:
    with django_capture_on_commit_callbacks(execute=True):
        return queue_email(
            recipient="resident@example.com",
            subject="Перевірка",
            template="notifications/appeal_answered",
            context={
                "applicant": {"name": "Мельник Оксана"},
                "appeal": {"number": "М-7"},
                "answer": {"text": "Так."},
            },
            kind="test",
        )


def test_failure_is_recorded_and_retried_with_backoff_when_the_smtp_server_is_down(
    smtp, worker, settings, django_capture_on_commit_callbacks
):
    live_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there
    note = queue(django_capture_on_commit_callbacks)
    before = timezone.now()
    worker()
    note.refresh_from_db()
    assert note.status == NotificationStatus.FAILED and note.attempts == 1
    assert "ConnectionRefusedError" in note.last_error
    assert note.next_attempt_at is not None
    assert (
        before + dt.timedelta(seconds=59) <= note.next_attempt_at <= timezone.now() + dt.timedelta(seconds=61)
    )
    (retry,) = DBTaskResult.objects.filter(status="READY")
    assert retry.args_kwargs["kwargs"] == {"notification_id": note.pk, "attempt": 2}
    assert retry.run_after == note.next_attempt_at
    assert worker() == 0  # not before its time

    settings.EMAIL_PORT = live_port  # the server is back, and the time has come
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now() - dt.timedelta(seconds=1))
    assert worker() == 1
    note.refresh_from_db()
    assert note.status == NotificationStatus.SENT and note.attempts == 2 and note.next_attempt_at is None
    assert "ConnectionRefusedError" in note.last_error  # the history stays readable
    (mail,) = smtp.messages
    assert mail.to == ["resident@example.com"] and "Відповідь на ваше звернення № М-7:" in mail.text


def test_notification_stays_failed_without_retry_when_attempts_are_used_up(
    worker, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 5
    settings.HROMADA_NOTIFY_MAX_ATTEMPTS = 2
    note = queue(django_capture_on_commit_callbacks)
    worker()
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - dt.timedelta(seconds=1))
    worker()
    note.refresh_from_db()
    assert note.status == NotificationStatus.FAILED and note.attempts == 2 and note.next_attempt_at is None
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_backoff_doubles_and_is_capped_when_attempts_repeat(settings):
    settings.HROMADA_NOTIFY_RETRY_SECONDS = 60
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff(30) == dt.timedelta(hours=6)


def test_email_is_sent_once_when_its_task_runs_twice(smtp, worker, django_capture_on_commit_callbacks):
    note = queue(django_capture_on_commit_callbacks)
    send_notification.enqueue(notification_id=note.pk, attempt=1)  # a duplicate of the queued task
    assert worker() == 2
    assert len(smtp.messages) == 1
    assert sorted(DBTaskResult.objects.values_list("return_value", flat=True), key=str) == ["sent", "skipped"]


def test_request_thread_never_sends_when_email_is_queued(smtp, django_capture_on_commit_callbacks):
    note = queue(django_capture_on_commit_callbacks)
    assert smtp.messages == [] and note.status == NotificationStatus.QUEUED
    assert DBTaskResult.objects.filter(status="READY").count() == 1
