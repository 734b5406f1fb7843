"""Support of the page tests (no tests here): a signed-in parent (a resident with a confirmed e-mail),
signed-in staff, the portal's filing form as a browser posts it, and the institutions and people of
test_api_support (distinctive personal data, the 2027/2028 school year)."""

from __future__ import annotations

from typing import Any

from django.test import Client

from hromada.accounts.models import User
from hromada.kindergarten.models import Institution
from hromada.kindergarten.tests.test_api_support import BORN, SCHOOL_YEAR, person
from hromada.residents.models import Resident
from hromada.residents.services import SignUp, confirm_email, sign_up
from hromada.residents.tokens import email_confirmation, uid_of

PASSWORD = "Каштани-цвітуть-2026"


def make_parent(email: str = "maty@example.org", name: str = "Коваль Марія Іванівна") -> Resident:
    created = sign_up(SignUp(name, email, PASSWORD, PASSWORD, True))
    assert created is not None
    assert confirm_email(uid_of(created.user), email_confirmation.make_token(created.user))
    created.refresh_from_db()
    return created


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(n: int, institutions: list[Institution], **overrides: Any) -> dict[str, str]:
    """The filing form as posted: the n-th child, the institutions in order of preference."""
    data: dict[str, str] = {
        **person(n),
        "birth_date": BORN.strftime("%d.%m.%Y"),
        "sex": "2",
        "registered_in_community": "on",
        "school_year": str(SCHOOL_YEAR),
        "start_month": "9",
        "benefit": "none",
    }
    for rank, place in enumerate(institutions, start=1):
        data[f"institution_{rank}"] = str(place.pk)
    data.update(overrides)
    return data
