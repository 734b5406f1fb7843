"""The real SMTP server and task worker of the notification tests."""

from hromada.notifications.tests.conftest import _empty_queue, smtp, worker  # noqa: F401
