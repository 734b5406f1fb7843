"""Fixtures shared by every app's tests: people in each role and an API client that signs in as them."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation

from hromada.accounts.models import Department, Role, User
from hromada.core.models import CouncilSettings
from hromada.reference import selectors as ref
from hromada.testing import Api, make_user


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Transactional tests last again, after pytest regrouped items by higher-scoped fixtures.

    pytest-django sorts database tests before transactional ones (tryfirst), then pytest's own
    reordering by session- and module-scoped parameters (pytest-playwright's ``browser_name``) can
    pull the browser tests into the middle of the suite. A transactional test flushes the
    vocabularies that the migrations loaded, so every ordinary test after it would lose them.
    The sort is stable: the grouping pytest chose stays within each kind.
    """
    from pytest_django.plugin import pytest_collection_modifyitems as django_order

    django_order(items)


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.fixture(autouse=True)
def _vocabularies_in_transactional_tests(request):
    """A transactional test starts after the previous one flushed every table, the classifier that
    the migrations loaded included: load it again (idempotent), as `migrate` would."""
    if _is_transactional(request.node):
        request.getfixturevalue("transactional_db")
        from hromada.reference.services import load_classifier

        load_classifier()


@pytest.fixture(autouse=True)
def _fast_and_clean(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests read pages right after changing them; the page cache has its own test.
    settings.HROMADA_PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tests sign in with client.force_login(): no second factor unless a test turns it on
    # (hromada/accounts/tests/test_second_factor.py and the browser walk prove the whole flow).
    settings.HROMADA_SECOND_FACTOR_ROLES = []
    # Many tests move HROMADA_NOW by days under one session; the session limits have their own tests
    # (hromada/accounts/tests/test_sessions.py), which put the production values back.
    settings.HROMADA_STAFF_SESSION_IDLE_MINUTES = settings.HROMADA_RESIDENT_SESSION_IDLE_MINUTES = 10**7
    settings.HROMADA_STAFF_SESSION_MAX_HOURS = 10**6
    ref.clear_cache()
    cache.clear()  # e.g. the portal's blank form, rendered from the vocabularies
    CouncilSettings.forget()
    # A test client request with Accept-Language: en leaves English active in this thread.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
    ref.clear_cache()
    CouncilSettings.forget()


@pytest.fixture(autouse=True)
def _journals_emptied_after_a_transactional_test(request):
    """A transactional test ends with a flush, which SQLite does row by row and the append-only
    journals' triggers refuse: they are emptied first (torn down before `transactional_db`)."""
    marker = request.node.get_closest_marker("django_db")
    wanted = "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    if not wanted and not (marker and marker.kwargs.get("transaction")):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from hromada.testing import purge_journals

    purge_journals()


@pytest.fixture
def departments(db) -> dict[str, Department]:
    return {
        code: Department.objects.create(code=code, name=name)
        for code, name in [
            ("communal", "Департамент ЖКГ"),
            ("social", "Управління соцзахисту"),
            ("legal", "Юридичний відділ"),
        ]
    }


@pytest.fixture
def staff(departments) -> dict[str, User]:
    return {
        "registrar": make_user("registrar", Role.REGISTRAR),
        "head": make_user("head", Role.HEAD),
        "controller": make_user("controller", Role.CONTROLLER),
        "moderator": make_user("moderator", Role.MODERATOR),
        "administrator": make_user("administrator", Role.ADMINISTRATOR),
        "nobody": make_user("nobody", ""),
        "executor_communal": make_user("executor_communal", Role.EXECUTOR, departments["communal"]),
        "executor_communal2": make_user("executor_communal2", Role.EXECUTOR, departments["communal"]),
        "executor_social": make_user("executor_social", Role.EXECUTOR, departments["social"]),
    }


@pytest.fixture
def api(staff):
    """api("head") → a client signed in as that demo user."""
    return lambda who, language="uk": Api(staff[who] if who else None, language)
