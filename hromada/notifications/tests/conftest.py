"""A real SMTP server on 127.0.0.1 and a real task worker (the database backend, run in batch mode)."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult


@dataclass
class Received:
    to: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"]).strip()

    @property
    def text(self) -> str:
        return self._part("plain")

    @property
    def html(self) -> str:
        return self._part("html")

    def _part(self, subtype: str) -> str:
        body = self.message.get_body(preferencelist=(subtype,))
        assert body is not None, f"the message has no {subtype} part"
        return str(body.get_content()).replace("\r\n", "\n")


class Inbox:
    """What the SMTP server accepted, in order."""

    def __init__(self) -> None:
        self.messages: list[Received] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(Received(list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.to]

    def clear(self) -> None:
        self.messages.clear()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp(settings) -> Iterator[Inbox]:
    """A local SMTP server; Django's SMTP backend is pointed at it for this test."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Міська рада <noreply@rada.test>"
    yield inbox
    controller.stop()


@pytest.fixture(autouse=True)
def _empty_queue(db) -> None:
    """Start with an empty task queue (migrate queues the worker's daily tick; see schedule.py)."""
    DBTaskResult.objects.all().delete()


@pytest.fixture
def worker(monkeypatch):
    """run() processes every task that is ready, as `hromada db_worker --batch` does, and returns how
    many ran. The test's transaction stays open: the worker's connection recycling is switched off."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run(worker_id: str = "test-worker") -> int:
        w = db_worker.Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        w.run()
        return w._run_tasks

    return run


@pytest.fixture
def mailable_staff(staff):
    """The demo staff with e-mail addresses (username@rada.test)."""
    for username, user in staff.items():
        user.email = f"{username}@rada.test"
        user.save(update_fields=["email"])
    return staff
