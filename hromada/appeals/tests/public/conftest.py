"""The real SMTP server and task worker of the notification tests, for the portal's e-appeal pages."""

from __future__ import annotations

from hromada.notifications.tests.conftest import _empty_queue, smtp, worker  # noqa: F401
