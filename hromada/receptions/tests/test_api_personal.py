"""The personal-receptions API: public officials, days, free times, booking (201, 409 with
alternatives, 422 field errors, 429), the booking by token (read, cancel); staff: the day list,
the mark, walk-ins and the appeal from a visit — with 401 anonymous and 403 for a wrong role."""

from __future__ import annotations

from typing import Any

import pytest

from hromada.accounts.models import Role
from hromada.appeals.door import registered_appeal
from hromada.core.models import CouncilSettings
from hromada.receptions.models import ReceptionBooking, ReceptionSettings, ScheduleException
from hromada.receptions.services.personal import book_reception
from hromada.receptions.tests.pers_support import MONDAY, SATURDAY, booking_data, make_official, t
from hromada.reference.models import Topic
from hromada.testing import Api, make_user

pytestmark = pytest.mark.django_db

PUBLIC = "/public/receptions"
BODY = {
    "day": "2026-12-07",
    "starts": "10:00",
    "full_name": "Коваленко Іван Петрович",
    "phone": "067 123 45 67",
    "email": "ivan@example.com",
    "topic": "communal",
    "question": "Ремонт даху",
}


@pytest.fixture(autouse=True)
def _clock(settings):
    settings.HROMADA_NOW = "2026-12-07T09:00:00"
    ReceptionSettings.forget()
    CouncilSettings.forget()
    yield
    ReceptionSettings.forget()
    CouncilSettings.forget()


@pytest.fixture
def official():
    made = make_official(place="каб. 12")
    made.topics.set(Topic.objects.filter(code="communal"))
    return made


def _codes(response) -> set[str]:
    return {e["field"] for e in response.json()}


# --- public reads ----------------------------------------------------------------------------------


def test_officials_list_shows_published_ones_with_topics_and_suspension(
    official, django_assert_max_num_queries
):
    make_official(full_name="Прихована Особа", is_published=False)
    make_official(full_name="Бондар Марія", is_suspended=True, suspension_reason="Відпустка до 14.12.2026")
    with django_assert_max_num_queries(3):
        body = Api(None).get(f"{PUBLIC}/officials").json()
    by_name = {o["name"]: o for o in body}
    assert set(by_name) == {"Петренко Олена Іванівна", "Бондар Марія"}
    shown = by_name["Петренко Олена Іванівна"]
    assert (shown["place"], [t["code"] for t in shown["topics"]], shown["suspended"]) == (
        "каб. 12",
        ["communal"],
        False,
    )
    assert by_name["Бондар Марія"]["suspended_reason"] == "Відпустка до 14.12.2026"
    assert "phone" not in shown and "user" not in shown


def test_days_and_free_slots_follow_the_schedule_and_bookings(official):
    ScheduleException.objects.create(official=official, day=MONDAY.replace(day=14), kind="leave")
    days = Api(None).get(f"{PUBLIC}/officials/{official.pk}/days").json()["days"]
    assert "2026-12-07" in days and "2026-12-14" not in days and "2026-12-11" in days
    book_reception(**booking_data(official))
    free = Api(None).get(f"{PUBLIC}/officials/{official.pk}/slots", day="2026-12-07").json()
    assert free == {"official_id": official.pk, "day": "2026-12-07", "free": ["10:15", "10:30", "10:45"]}
    assert (
        Api(None).get(f"{PUBLIC}/officials/{official.pk}/slots", day=SATURDAY.isoformat()).json()["free"]
        == []
    )
    assert Api(None).get(f"{PUBLIC}/officials/{official.pk}/slots", day="2026-12-01").json()["free"] == []


def test_reads_refuse_an_unknown_official_and_a_bad_day(official):
    hidden = make_official(is_published=False)
    for path in (f"/officials/{hidden.pk}/days", "/officials/99999/days"):
        response = Api(None).get(PUBLIC + path)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    bad = Api(None).get(f"{PUBLIC}/officials/{official.pk}/slots", day="07.12.2026")
    assert bad.status_code == 422 and _codes(bad) == {"day"}
    # Without a day: today's free times (the official is looked up first, so a hidden one is 404).
    today = Api(None).get(f"{PUBLIC}/officials/{official.pk}/slots")
    assert today.status_code == 200 and today.json()["day"] == "2026-12-07"
    assert Api(None).get(f"{PUBLIC}/officials/{hidden.pk}/slots").status_code == 404


# --- booking ---------------------------------------------------------------------------------------


def test_booking_answers_201_with_a_token_then_reads_and_cancels_by_it(official):
    client = Api(None)
    response = client.post(f"{PUBLIC}/officials/{official.pk}/bookings", BODY)
    assert response.status_code == 201, response.content
    body = response.json()
    booking = ReceptionBooking.objects.get()
    assert body["token"] == booking.token and response["Cache-Control"] == "no-store"
    assert (body["booking"]["day"], body["booking"]["starts"], body["booking"]["place"]) == (
        "2026-12-07",
        "10:00",
        "каб. 12",
    )
    read = client.get(f"{PUBLIC}/bookings/{booking.token}").json()
    assert (read["status"], read["cancellable"]) == ("booked", True)
    cancelled = client.post(f"{PUBLIC}/bookings/{booking.token}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = client.post(f"{PUBLIC}/bookings/{booking.token}/cancel")
    assert again.status_code == 409 and again.json()["code"] == "wrong_status"
    assert client.get(f"{PUBLIC}/bookings/no-such-token").status_code == 404
    assert client.post(f"{PUBLIC}/bookings/no-such-token/cancel").status_code == 404


def test_a_taken_slot_is_409_with_the_next_free_ones(official):
    book_reception(**booking_data(official))
    response = Api(None).post(
        f"{PUBLIC}/officials/{official.pk}/bookings", {**BODY, "email": "t@example.com"}
    )
    assert response.status_code == 409
    body = response.json()
    assert (body["code"], body["field"]) == ("slot_taken", "starts")
    assert body["alternatives"] == [
        {"day": "2026-12-07", "starts": "10:15"},
        {"day": "2026-12-07", "starts": "10:30"},
        {"day": "2026-12-07", "starts": "10:45"},
    ]


def test_suspended_receptions_are_409(official):
    official.is_suspended = True
    official.suspension_reason = "Відрядження"
    official.save()
    response = Api(None).post(f"{PUBLIC}/officials/{official.pk}/bookings", BODY)
    assert response.status_code == 409 and response.json()["code"] == "suspended"
    assert response.json()["message"] == "Відрядження"


def test_field_errors_are_422_all_at_once_and_in_english_when_asked(official):
    client = Api(None, "en")
    response = client.post(
        f"{PUBLIC}/officials/{official.pk}/bookings", {**BODY, "full_name": "", "email": "", "topic": "nope"}
    )
    assert response.status_code == 422
    assert _codes(response) == {"full_name", "email", "topic"}
    for error in response.json():
        if error["field"] == "full_name":
            continue  # "Give your full name (ПІБ)." names the Ukrainian form's term
        assert error["message"] and not any("а" <= ch <= "я" for ch in error["message"].lower())
    wrong_time = client.post(f"{PUBLIC}/officials/{official.pk}/bookings", {**BODY, "starts": "10:05"})
    assert wrong_time.status_code == 422 and wrong_time.json()["field"] == "starts"
    for bad in ({"starts": 600}, {"starts": "ten"}, {"day": 0}, {"full_name": "Іван\x00"}):
        assert client.post(f"{PUBLIC}/officials/{official.pk}/bookings", {**BODY, **bad}).status_code == 422
    assert not ReceptionBooking.objects.exists()


def test_booking_is_rate_limited_per_address_with_429(official, settings):
    settings.HROMADA_PORTAL_BOOKING_LIMIT = 1
    client = Api(None)
    assert client.post(f"{PUBLIC}/officials/{official.pk}/bookings", BODY).status_code == 201
    limited = client.post(
        f"{PUBLIC}/officials/{official.pk}/bookings", {**BODY, "starts": "10:15", "email": "b@example.com"}
    )
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited" and limited["Retry-After"]


# --- staff -----------------------------------------------------------------------------------------


def test_day_list_gives_the_visitors_in_order_to_the_registrar(
    official, api, staff, django_assert_max_num_queries
):
    book_reception(**booking_data(official, starts=t("10:30"), full_name="Пізній Відвідувач Іванович"))
    book_reception(**booking_data(official, email="first@example.com"))
    client = api("registrar")
    with django_assert_max_num_queries(8):
        response = client.get(f"/receptions/officials/{official.pk}/day", day="2026-12-07")
    assert response.status_code == 200
    visitors = response.json()["visitors"]
    assert [(v["starts"], v["full_name"]) for v in visitors] == [
        ("10:00", "Коваленко Іван Петрович"),
        ("10:30", "Пізній Відвідувач Іванович"),
    ]
    assert visitors[0]["phone"] == "067 123 45 67"


def test_staff_routes_refuse_anonymous_401_and_wrong_roles_403(official, api, staff):
    booking = book_reception(**booking_data(official))
    centre_admin = Api(make_user("hall", Role.CENTRE_ADMINISTRATOR))
    calls: list[tuple[str, str, dict[str, Any]]] = [
        ("get", f"/receptions/officials/{official.pk}/day", {"day": "2026-12-07"}),
        ("post", f"/receptions/visits/{booking.pk}/mark", {"came": True}),
        (
            "post",
            f"/receptions/officials/{official.pk}/walk-ins",
            {"day": "2026-12-07", "full_name": "А Б В", "topic": "communal"},
        ),
        ("post", f"/receptions/visits/{booking.pk}/appeal", {"kind": "application", "text": "Текст"}),
    ]
    for method, path, body in calls:
        for client in (api(None), api("executor_communal"), api("moderator"), centre_admin):
            refused = client.get(path, **body) if method == "get" else client.post(path, body)
            expected = (401, "unauthorized") if "Authorization" not in client.headers else (403, "forbidden")
            assert (refused.status_code, refused.json()["code"]) == expected, path
    assert ReceptionBooking.objects.get().status == "booked"


def test_mark_walk_in_and_appeal_from_a_visit(official, api, staff):
    booking = book_reception(**booking_data(official))
    client = api("registrar")
    for loose in (0, 1, "yes"):  # only a JSON boolean says whether the visitor came
        assert client.post(f"/receptions/visits/{booking.pk}/mark", {"came": loose}).status_code == 422
    marked = client.post(f"/receptions/visits/{booking.pk}/mark", {"came": True, "result": "Роз'яснено"})
    assert marked.status_code == 200 and (marked.json()["status"], marked.json()["result"]) == (
        "came",
        "Роз'яснено",
    )
    walk = client.post(
        f"/receptions/officials/{official.pk}/walk-ins",
        {"day": "2026-12-07", "full_name": "Бондар Марія Олегівна", "topic": "communal"},
    )
    assert walk.status_code == 201 and (walk.json()["starts"], walk.json()["channel"]) == (None, "walk_in")
    appeal = client.post(
        f"/receptions/visits/{booking.pk}/appeal",
        {"kind": "application", "text": "Прошу відремонтувати покрівлю будинку на вулиці Шевченка, 5."},
    )
    assert appeal.status_code == 201, appeal.content
    body = appeal.json()
    registered = registered_appeal(body["appeal_id"])
    assert (
        registered is not None
        and body["number"] == registered.number
        and registered.channel_id == "personal_reception"
    )
    twice = client.post(f"/receptions/visits/{booking.pk}/appeal", {"kind": "application", "text": "Ще раз"})
    assert twice.status_code == 409 and twice.json()["code"] == "wrong_status"


def test_staff_field_errors_and_unknown_objects(official, api, staff):
    booking = book_reception(**booking_data(official))
    client = api("registrar", "en")
    walk = client.post(
        f"/receptions/officials/{official.pk}/walk-ins", {"day": "2026-12-07", "full_name": "", "topic": ""}
    )
    assert walk.status_code == 422 and _codes(walk) == {"full_name", "topic"}
    topic = next(e["message"] for e in walk.json() if e["field"] == "topic")
    assert topic and not any("а" <= ch <= "я" for ch in topic.lower())
    bad_kind = client.post(f"/receptions/visits/{booking.pk}/appeal", {"kind": "nope", "text": "Текст"})
    assert bad_kind.status_code == 422
    assert client.post("/receptions/visits/99999/mark", {"came": True}).status_code == 404
    assert client.get("/receptions/officials/99999/day", day="2026-12-07").status_code == 404
    assert client.post(f"/receptions/visits/{booking.pk}/mark", {"came": "maybe"}).status_code == 422


def test_the_official_works_their_own_day_only(official, api, staff):
    official.user = staff["head"]
    official.save()
    other = make_official(full_name="Інша Посадова Особа")
    assert api("head").get(f"/receptions/officials/{official.pk}/day", day="2026-12-07").status_code == 200
    assert api("head").get(f"/receptions/officials/{other.pk}/day", day="2026-12-07").status_code == 403
