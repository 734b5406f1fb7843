"""Helpers of the e-petitions portal tests (no tests here): residents, petitions in each state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from hromada.petitions import services
from hromada.petitions.models import CharterSettings, Petition
from hromada.residents.models import Resident
from hromada.residents.services import SignUp, confirm_email, sign_up
from hromada.residents.tokens import email_confirmation, uid_of

PASSWORD = "Каштани-цвітуть-2026"
TEXT = "Просимо облаштувати безпечний пішохідний перехід біля школи № 5 на вулиці Соборній."


def make_resident(email: str, name: str, *, confirmed: bool = True, **fields: object) -> Resident:
    created = sign_up(SignUp(name, email, PASSWORD, PASSWORD, True))
    assert created is not None
    if confirmed:
        assert confirm_email(uid_of(created.user), email_confirmation.make_token(created.user))
    created.refresh_from_db()
    if fields:
        Resident.objects.filter(pk=created.pk).update(**fields)
        created.refresh_from_db()
    return created


def client_of(person: Resident) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def charter(**values: object) -> CharterSettings:
    row = services.charter()
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    return row


def published(
    staff, author: Resident, title: str = "Пішохідний перехід біля школи", **kw: object
) -> Petition:
    draft = services.create_petition_draft(
        author=author,
        title=title,
        text=str(kw.get("text", TEXT)),
        category=str(kw.get("category", "communal")),
    )
    services.submit_petition(author=author, petition_id=draft.pk)
    return services.publish_petition(actor=staff["moderator"], petition_id=draft.pk)


def set_state(petition: Petition, **fields: object) -> Petition:
    """Jump a petition to a state directly (list tests need many states, not their history)."""
    Petition.objects.filter(pk=petition.pk).update(**fields)
    petition.refresh_from_db()
    return petition


@pytest.fixture(name="author")
def author_fixture(db) -> Resident:
    return make_resident("author@example.com", "Петренко Олена Іванівна", address="вул. Таємна, 13")


@pytest.fixture(name="signer")
def signer_fixture(db) -> Resident:
    return make_resident("signer@ukr.net", "Коваль Іван Петрович", birth_date=dt.date(1980, 5, 1))
