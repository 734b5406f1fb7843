"""The real SMTP server and task worker of the notification tests."""

from __future__ import annotations

from hromada.notifications.tests.conftest import _empty_queue, mailable_staff, smtp, worker  # noqa: F401
