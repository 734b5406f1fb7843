"""The centre's e-booking API: the catalogue, open days, free times, booking (201 with code and
token, 409 slot taken with the next free slots, 409 limits, 422 field errors, 429), the booking by
token (read, cancel); staff: the day's bookings for the centre administrators only (401, 403)."""

from __future__ import annotations

import pytest

from hromada.accounts.models import Role
from hromada.receptions.models import CentreBooking, ReceptionSettings, SlotClaim
from hromada.receptions.tests.cbook_factory import NOW, SATURDAY, TUESDAY, book, centre
from hromada.testing import Api, make_user

pytestmark = pytest.mark.django_db

PUBLIC = "/public/receptions/centre"
BODY = {
    "day": TUESDAY.isoformat(),
    "starts": "09:00",
    "full_name": "Іван Петренко",
    "email": "ivan@example.org",
}


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW
    ReceptionSettings.forget()
    yield
    ReceptionSettings.forget()


@pytest.fixture
def hall():
    return centre()


def _fields(response) -> set[str]:
    return {e["field"] for e in response.json()}


def test_catalogue_lists_active_services_by_group(hall, django_assert_max_num_queries):
    hall["extract"].__class__.objects.create(code="OLD", name="Стара послуга", group="Архів", is_active=False)
    with django_assert_max_num_queries(2):
        body = Api(None).get(f"{PUBLIC}/services").json()
    assert [g["group"] for g in body] == ["Довідки", "Паспорти"]
    passport = body[1]["services"][0]
    assert (passport["code"], passport["minutes"], passport["documents"], passport["fee"]) == (
        "ПАСП",
        30,
        "Свідоцтво",
        "0.00",
    )


def test_days_and_free_slots_of_a_service(hall):
    client = Api(None)
    days = client.get(f"{PUBLIC}/services/{hall['passport'].pk}/days").json()["days"]
    assert days[0] == "2026-12-07" and TUESDAY.isoformat() in days and SATURDAY.isoformat() not in days
    book(hall["passport"], TUESDAY, "09:00")
    free = client.get(f"{PUBLIC}/services/{hall['passport'].pk}/slots", day=TUESDAY.isoformat()).json()[
        "free"
    ]
    assert free[0] == {"starts": "09:30", "ends": "10:00"}
    assert (
        client.get(f"{PUBLIC}/services/{hall['passport'].pk}/slots", day=SATURDAY.isoformat()).json()["free"]
        == []
    )
    assert client.get(f"{PUBLIC}/services/99999/days").status_code == 404
    bad = client.get(f"{PUBLIC}/services/{hall['passport'].pk}/slots", day="вівторок")
    assert bad.status_code == 422 and _fields(bad) == {"day"}


def test_booking_answers_201_with_code_and_token_then_reads_and_cancels(hall):
    client = Api(None)
    response = client.post(f"{PUBLIC}/services/{hall['passport'].pk}/bookings", BODY)
    assert response.status_code == 201, response.content
    body = response.json()
    booking = CentreBooking.objects.get()
    assert (body["code"], body["token"]) == (booking.code, booking.token)
    assert (body["booking"]["starts"], body["booking"]["ends"], body["booking"]["window"]) == (
        "09:00",
        "09:30",
        "1",
    )
    read = client.get(f"{PUBLIC}/bookings/{booking.token}")
    assert read.status_code == 200 and read.json()["cancellable"] is True
    cancelled = client.post(f"{PUBLIC}/bookings/{booking.token}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert not SlotClaim.objects.exists()
    again = client.post(f"{PUBLIC}/bookings/{booking.token}/cancel")
    assert again.status_code == 409 and again.json()["code"] == "wrong_status"
    assert client.get(f"{PUBLIC}/bookings/unknown").status_code == 404
    assert client.post(f"{PUBLIC}/bookings/unknown/cancel").status_code == 404


def test_a_taken_slot_is_409_with_the_next_free_slots(hall):
    book(hall["passport"], TUESDAY, "09:00", who="first@example.org")
    response = Api(None).post(f"{PUBLIC}/services/{hall['passport'].pk}/bookings", BODY)
    assert response.status_code == 409
    body = response.json()
    assert (body["code"], body["field"]) == ("slot_taken", "starts")
    assert body["alternatives"][0] == {"day": TUESDAY.isoformat(), "starts": "09:30"}
    assert len(body["alternatives"]) == 3


def test_the_persons_limit_is_409(hall):
    for start in ("09:00", "10:00", "11:00"):
        book(hall["extract"], TUESDAY, start)
    response = Api(None).post(f"{PUBLIC}/services/{hall['extract'].pk}/bookings", {**BODY, "starts": "12:00"})
    assert response.status_code == 409 and response.json()["code"] == "limit_reached"


def test_field_errors_are_422_and_in_english_when_asked(hall):
    client = Api(None, "en")
    path = f"{PUBLIC}/services/{hall['passport'].pk}/bookings"
    response = client.post(path, {**BODY, "full_name": " ", "email": ""})
    assert response.status_code == 422 and _fields(response) == {"full_name", "email"}
    assert all(not any("а" <= ch <= "я" for ch in e["message"].lower()) for e in response.json())
    closed = client.post(path, {**BODY, "day": SATURDAY.isoformat()})
    assert closed.status_code == 422 and closed.json()["code"] == "slot_unavailable"
    for bad in ({"starts": "9"}, {"day": "2026-12-08T09:00"}, {"email": "x" * 300}):
        assert client.post(path, {**BODY, **bad}).status_code == 422
    assert client.post(f"{PUBLIC}/services/99999/bookings", BODY).status_code == 404
    assert not CentreBooking.objects.exists()


def test_booking_is_rate_limited_with_429(hall, settings):
    settings.HROMADA_PORTAL_BOOKING_LIMIT = 1
    client = Api(None)
    assert client.post(f"{PUBLIC}/services/{hall['extract'].pk}/bookings", BODY).status_code == 201
    limited = client.post(
        f"{PUBLIC}/services/{hall['extract'].pk}/bookings",
        {**BODY, "starts": "10:00", "email": "b@example.org"},
    )
    assert limited.status_code == 429 and limited["Retry-After"]


def test_day_bookings_are_for_the_centre_administrators_only(hall, api, staff, django_assert_max_num_queries):
    book(hall["passport"], TUESDAY, "10:00", who="late@example.org", full_name="Пізня Особа")
    book(hall["extract"], TUESDAY, "09:00")
    cancelled = book(hall["extract"], TUESDAY, "11:00", who="gone@example.org")
    cancelled.status = "cancelled"
    cancelled.save()
    worker = Api(make_user("hall", Role.CENTRE_ADMINISTRATOR))
    with django_assert_max_num_queries(4):
        response = worker.get("/receptions/centre/bookings", day=TUESDAY.isoformat())
    assert response.status_code == 200
    assert [(b["starts"], b["full_name"]) for b in response.json()["bookings"]] == [
        ("09:00", "Іван Петренко"),
        ("10:00", "Пізня Особа"),
    ]
    assert worker.get("/receptions/centre/bookings").json()["day"] == "2026-12-07"
    assert api("administrator").get("/receptions/centre/bookings").status_code == 200
    assert api(None).get("/receptions/centre/bookings").status_code == 401
    for who in ("registrar", "executor_communal", "moderator"):
        refused = api(who).get("/receptions/centre/bookings")
        assert refused.status_code == 403 and refused.json()["code"] == "forbidden", who
    assert worker.get("/receptions/centre/bookings", day="08.12.2026").status_code == 422
