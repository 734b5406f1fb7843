"""Residents, petitions in each state, the real SMTP server and worker for the petition tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from hromada.core.models import CouncilSettings
from hromada.notifications.tests.conftest import _empty_queue, smtp, worker  # noqa: F401
from hromada.petitions import services
from hromada.petitions.models import CharterSettings, Petition
from hromada.residents.models import Resident


@pytest.fixture(autouse=True)
def _charter_read_again() -> Any:
    """Each test reads the charter afresh: a row kept from an earlier (rolled back) test is stale."""
    CharterSettings.forget()
    yield
    CharterSettings.forget()


#: Friday 20.11.2026, 10:00 Kyiv time: "today" of most tests.
FRIDAY = "2026-11-20T10:00:00"


@pytest.fixture
def now(settings) -> Callable[[str], None]:
    """now("2026-11-20T10:00") moves the council's clock."""

    def move(value: str) -> None:
        settings.HROMADA_NOW = value

    move(FRIDAY)
    return move


@pytest.fixture
def make_resident(db) -> Callable[..., Resident]:
    counter = {"n": 0}

    def make(name: str = "", *, confirmed: bool = True, email: str = "", **fields: Any) -> Resident:
        counter["n"] += 1
        n = counter["n"]
        email = email or f"person{n}@example.org"
        user = get_user_model().objects.create(username=f"resident{n}-{email}"[:150], email=email)
        return Resident.objects.create(
            user=user,
            full_name=name or f"Мешканець Номер{n}",
            email=email,
            email_confirmed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) if confirmed else None,
            created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            **fields,
        )

    return make


@pytest.fixture
def author(make_resident) -> Resident:
    return make_resident("Олена Петренко", email="olena@example.org")


@pytest.fixture
def rules(db) -> Callable[..., CharterSettings]:
    """rules(threshold=3, ...) sets the charter for this test."""

    def change(**fields: Any) -> CharterSettings:
        charter = services.charter()
        for name, value in fields.items():
            setattr(charter, name, value)
        charter.save()
        return charter

    return change


@pytest.fixture
def council(db) -> Callable[..., CouncilSettings]:
    def change(**fields: Any) -> CouncilSettings:
        obj = CouncilSettings.load()
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
        return obj

    return change


@pytest.fixture
def draft(author, now) -> Callable[..., Petition]:
    def make(title: str = "Освітлення на вулиці Миру", **kw: Any) -> Petition:
        return services.create_petition_draft(
            author=kw.pop("author", author),
            title=title,
            text=kw.pop("text", "Просимо встановити ліхтарі на вулиці Миру."),
            category=kw.pop("category", "transport"),
        )

    return make


@pytest.fixture
def collecting(draft, staff) -> Callable[..., Petition]:
    """A published petition (collecting from the current "now")."""

    def make(title: str = "Освітлення на вулиці Миру", **kw: Any) -> Petition:
        petition = draft(title, **kw)
        services.submit_petition(author=petition.author, petition_id=petition.pk)
        return services.publish_petition(actor=staff["moderator"], petition_id=petition.pk)

    return make


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    """Files a test uploads (a draft's attachments, an answer's) go to a temporary media root."""
    settings.MEDIA_ROOT = tmp_path
