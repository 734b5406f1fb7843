"""The scenario, built once per test module inside a transaction that is rolled back afterwards.

Each test still runs in its own savepoint (pytest-django's `db`), so whatever a probe changes (an
empty POST that the entitled may turn into an action) is undone before the next probe."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import override_settings

from hromada.security.tests.scenario import Scenario, build


@pytest.fixture(scope="module")
def scenario_media(tmp_path_factory):
    return tmp_path_factory.mktemp("scenario-media")


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker, scenario_media) -> Iterator[Scenario]:
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=scenario_media,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        transaction.atomic(),
    ):
        built = build()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _scenario_files(_fast_and_clean, settings, scenario_media) -> None:
    """The root conftest points MEDIA_ROOT at each test's own directory; the scenario's files live in
    the module's."""
    settings.MEDIA_ROOT = scenario_media
