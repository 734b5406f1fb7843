"""The real SMTP server and task worker of the notification tests, and a temporary media root."""

from __future__ import annotations

import pytest

from hromada.notifications.tests.conftest import _empty_queue, smtp, worker  # noqa: F401


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
