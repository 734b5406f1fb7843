"""Staff sessions end when idle (30 min) and after 12 h in any case (issue 11, finding 8); the last
activity is written at most once a minute."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from hromada.accounts.middleware import SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_limits(settings):
    settings.HROMADA_STAFF_SESSION_IDLE_MINUTES = 30
    settings.HROMADA_STAFF_SESSION_MAX_HOURS = 12


def at(settings, moment: str) -> None:
    settings.HROMADA_NOW = f"2026-12-01T{moment}:00+02:00"


def signed_in(settings, staff) -> Client:
    at(settings, "08:00")
    client = Client()
    assert client.post("/staff/sign-in/", {"username": "head", "password": "pw"}).status_code == 302
    return client


def test_staff_session_idle_past_the_limit_is_signed_out(settings, staff):
    client = signed_in(settings, staff)
    at(settings, "08:31")
    response = client.get("/staff/appeals/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/sign-in/")
    assert "_auth_user_id" not in client.session
    at(settings, "08:32")
    assert client.get("/api/v1/appeals").status_code == 401


def test_active_staff_session_is_not_signed_out(settings, staff):
    client = signed_in(settings, staff)
    for moment in ("08:25", "08:50", "09:15", "09:40"):
        at(settings, moment)
        assert client.get("/staff/appeals/").status_code == 200, moment


def test_staff_session_ends_after_twelve_hours_even_when_active(settings, staff):
    client = signed_in(settings, staff)
    for hour in range(8, 20):
        for minute in ("00", "20", "40"):
            at(settings, f"{hour:02d}:{minute}")
            assert client.get("/staff/").status_code == 200
    at(settings, "20:01")
    assert client.get("/staff/").status_code == 302


def test_idle_limits_come_from_settings(settings, staff):
    settings.HROMADA_STAFF_SESSION_IDLE_MINUTES = 5
    client = signed_in(settings, staff)
    at(settings, "08:06")
    assert client.get("/staff/").status_code == 302


def test_last_activity_is_written_at_most_once_a_minute(settings, staff):
    client = signed_in(settings, staff)
    key = client.session.session_key

    def seen() -> int:
        return Session.objects.get(session_key=key).get_decoded()[SESSION_KEY]["seen"]

    first = seen()
    settings.HROMADA_NOW = "2026-12-01T08:00:40+02:00"
    client.get("/staff/")
    assert seen() == first  # 40 s later: not written
    settings.HROMADA_NOW = "2026-12-01T08:01:30+02:00"
    client.get("/staff/")
    assert seen() == first + 90
