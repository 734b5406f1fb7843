"""queue_email(): record an e-mail and hand it to the task worker once the caller's transaction commits.

Nothing here talks to a mail server: a request (or a service inside it) only writes a Notification row
and, on commit, a task row; the worker sends (tasks.send_notification)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from hromada.notifications.models import Notification

_muted: ContextVar[bool] = ContextVar("hromada_notifications_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """No e-mails for what happens inside: demo data and replays of history (a year of demo appeals
    must not mail a year of letters). Hooks check it when called, not when their callbacks run."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def is_muted() -> bool:
    return _muted.get()


def render_email(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """(plain text, HTML) of `template`.txt and `template`.html, always in the council's language:
    residents get Ukrainian letters whatever language the clerk's browser asked for."""
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"{template}.txt", context).strip() + "\n"
        html = render_to_string(f"{template}.html", context)
    return text, html


def queue_email(
    *,
    recipient: str,
    subject: str,
    template: str,
    context: dict[str, Any],
    kind: str,
    user: Any = None,
    object_type: str = "",
    object_id: str | int = "",
) -> Notification:
    """Record one e-mail to one address and enqueue its sending after the current transaction commits
    (at once when there is none). One recipient per message: no resident sees another's address."""
    text, html = render_email(template, context)
    notification = Notification.objects.create(
        recipient=recipient,
        user=user if getattr(user, "pk", None) else None,
        kind=kind,
        subject=subject[:250],
        body_text=text,
        body_html=html,
        object_type=object_type,
        object_id=str(object_id),
    )
    transaction.on_commit(lambda: enqueue_sending(notification.pk, attempt=1))
    return notification


def enqueue_sending(notification_id: int, *, attempt: int, run_after: Any = None) -> None:
    from hromada.notifications.tasks import send_notification

    task = send_notification.using(run_after=run_after) if run_after else send_notification
    task.enqueue(notification_id=notification_id, attempt=attempt)


def public_url(path: str) -> str:
    """An absolute link for a letter or a feed: HROMADA_PUBLIC_URL (the portal's own address) + `path`.
    Letters are composed by the worker, outside any request, and a request's Host header is not to be
    trusted anyway."""
    return settings.HROMADA_PUBLIC_URL.rstrip("/") + path


def after_commit(func: Callable[..., Any], *args: Any) -> None:
    """Run `func(*args)` once the caller's transaction commits, in the council's language: the hook
    of every domain's notify module (nothing is sent for a step that rolled back). Demo data mutes it."""
    if is_muted():
        return

    def run() -> None:
        with translation.override(settings.LANGUAGE_CODE):
            func(*args)

    transaction.on_commit(run)
