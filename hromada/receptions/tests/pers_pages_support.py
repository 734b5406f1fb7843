"""Helpers of the personal-reception page tests (no tests here): a signed-in resident."""

from __future__ import annotations

from django.test import Client

from hromada.residents.models import Resident
from hromada.residents.services import SignUp, confirm_email, sign_up
from hromada.residents.tokens import email_confirmation, uid_of

PASSWORD = "Каштани-цвітуть-2026"


def make_resident(email: str, name: str) -> Resident:
    created = sign_up(SignUp(name, email, PASSWORD, PASSWORD, True))
    assert created is not None
    assert confirm_email(uid_of(created.user), email_confirmation.make_token(created.user))
    created.refresh_from_db()
    return created


def client_of(person: Resident) -> Client:
    client = Client()
    client.force_login(person.user)
    return client
