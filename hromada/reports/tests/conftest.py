"""The known register of dataset.py, built once per test that asks for it."""

from __future__ import annotations

import pytest

from hromada.reports.tests import dataset


@pytest.fixture
def register(staff, tmp_path, settings):
    """The dataset's appeals by key ("q1", "p2", …), with "today" fixed after all of them."""
    settings.HROMADA_NOW = "2026-11-20T12:00:00"
    return dataset.build(tmp_path, staff)
