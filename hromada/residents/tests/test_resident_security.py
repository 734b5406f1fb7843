"""The resident's side of issue 11: the shared sign-in policy with a known device, no bearer token for
a resident (nor one made before the fix), and the 2-hour idle limit of the cabinet's session."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from hromada.accounts import known_devices
from hromada.accounts.models import ApiToken, User
from hromada.accounts.services import create_api_token, user_for_token
from hromada.core.errors import ValidationFailed
from hromada.core.models import AuditEntry
from hromada.residents.demo import DEMO_EMAIL, seed_resident

pytestmark = pytest.mark.django_db

PASSWORD = "Каштани-цвітуть-2026"


def sign_in(client: Client, password: str = PASSWORD, ip: str = "10.0.0.1"):
    return client.post("/kabinet/vkhid/", {"email": DEMO_EMAIL, "password": password}, REMOTE_ADDR=ip)


def test_resident_signs_in_from_a_known_device_when_a_stranger_locked_the_email(db):
    seed_resident(PASSWORD)
    own = Client()
    assert sign_in(own).status_code == 302
    assert known_devices.COOKIE_NAME in own.cookies
    own.post("/kabinet/vykhid/")
    for _ in range(5):
        sign_in(Client(), "wrong", ip="198.51.100.7")
    assert sign_in(Client(), ip="10.0.0.2").status_code == 422  # any other browser: locked
    assert sign_in(own).status_code == 302
    assert AuditEntry.objects.filter(action="accounts.sign_in_unlocked", details__door="resident").exists()


def test_no_api_token_for_a_resident_or_a_role_less_or_inactive_user(staff):
    resident = seed_resident(PASSWORD)
    inactive = staff["registrar"]
    inactive.is_active = False
    inactive.save()
    for user in (resident.user, staff["nobody"], inactive):
        with pytest.raises(ValidationFailed) as caught:
            create_api_token(user=user)
        assert caught.value.errors[0].field == "user"
        assert "лише активному обліковому запису працівника" in str(caught.value.errors[0].message)
    assert not ApiToken.objects.exists()


def test_token_made_for_a_resident_before_the_fix_gets_401(db):
    resident = seed_resident(PASSWORD)
    token = ApiToken.generate()  # as the old create_api_token did, for anyone
    ApiToken.objects.create(user=resident.user, digest=ApiToken.hash(token), prefix=token[4:10])
    assert user_for_token(token) is None
    response = Client().get("/api/v1/appeals", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_create_api_token_command_refuses_a_resident(db):
    from django.core.management import CommandError, call_command

    seed_resident(PASSWORD)
    with pytest.raises(CommandError, match="працівника"):
        call_command("create_api_token", User.objects.get(email=DEMO_EMAIL).username)


def test_resident_session_ends_after_two_idle_hours_and_not_before(db, settings):
    settings.HROMADA_RESIDENT_SESSION_IDLE_MINUTES = 120
    seed_resident(PASSWORD)
    settings.HROMADA_NOW = "2026-12-01T10:00:00+02:00"
    client = Client()
    assert sign_in(client).status_code == 302
    settings.HROMADA_NOW = "2026-12-01T11:55:00+02:00"
    assert client.get("/kabinet/").status_code == 200
    settings.HROMADA_NOW = "2026-12-01T13:50:00+02:00"  # 1 h 55 min after the last request
    assert client.get("/kabinet/").status_code == 200
    later = dt.datetime.fromisoformat("2026-12-01T13:50:00+02:00") + dt.timedelta(hours=2, minutes=1)
    settings.HROMADA_NOW = later.isoformat()
    response = client.get("/kabinet/")
    assert response.status_code == 302 and response["Location"].startswith("/kabinet/vkhid/")
