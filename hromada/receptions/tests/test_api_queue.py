"""The live-queue API: the public hall board and "ahead of me"; staff check-in, walk-in tickets,
calling the next visitor, finishing (served / not present / redirected) and the statistics — with
401 anonymous, 403 for a registrar (and other roles), 404, 409 and 422 (English when asked)."""

from __future__ import annotations

import pytest

from hromada.receptions.models import CentreBookingStatus, QueueTicket
from hromada.receptions.tests.test_queue_support import at, centre_day, clerk
from hromada.testing import Api

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(settings):
    made = centre_day(settings, windows=1, times=("10:00", "10:15"))
    at(settings, "09:55")
    return made


@pytest.fixture
def worker(day):
    return Api(clerk())


def test_a_day_in_the_hall_check_in_call_finish_and_the_board(day, worker, django_assert_max_num_queries):
    booking, window = day["bookings"][0], day["windows"][0]
    checked = worker.post("/receptions/centre/check-in", {"code": booking.code.lower()})
    assert checked.status_code == 200, checked.content
    assert (checked.json()["label"], checked.json()["booking_code"]) == ("З-001", booking.code)
    walk_in = worker.post("/receptions/queue/tickets", {"service_id": day["extract"].pk})
    assert walk_in.status_code == 201 and walk_in.json()["label"] == "Ч-002"
    ahead = Api(None).get("/public/receptions/queue/ahead", code=walk_in.json()["code"]).json()
    assert (ahead["label"], ahead["ahead"], ahead["window"]) == ("Ч-002", 0, None)
    first = worker.post(f"/receptions/queue/windows/{window.pk}/call-next").json()["ticket"]
    assert (first["label"], first["status"], first["window"]) == ("Ч-002", "called", "1")
    busy = worker.post(f"/receptions/queue/windows/{window.pk}/call-next")
    assert busy.status_code == 409
    done = worker.post(f"/receptions/queue/tickets/{first['id']}/finish", {"outcome": "served"})
    assert done.status_code == 200 and done.json()["ticket"]["status"] == "served"
    assert done.json()["redirected_to"] is None
    again = worker.post(f"/receptions/queue/tickets/{first['id']}/finish", {"outcome": "served"})
    assert again.status_code == 409 and again.json()["code"] == "wrong_status"
    with django_assert_max_num_queries(3):
        board = Api(None).get("/public/receptions/queue/board").json()
    assert board["day"] == "2026-12-08" and board["waiting"] == 1
    assert [(c["label"], c["window"]) for c in board["called"]] == [("Ч-002", "1")]


def test_a_booked_visitor_is_called_at_their_time_and_redirected(day, worker, settings):
    booking, window = day["bookings"][0], day["windows"][0]
    worker.post("/receptions/centre/check-in", {"code": booking.code})
    at(settings, "10:00")
    called = worker.post(f"/receptions/queue/windows/{window.pk}/call-next").json()["ticket"]
    assert called["label"] == "З-001"
    moved = worker.post(
        f"/receptions/queue/tickets/{called['id']}/finish",
        {"outcome": "redirected", "to_service_id": day["passport"].pk},
    ).json()
    assert moved["ticket"]["status"] == "redirected"
    assert (moved["redirected_to"]["status"], moved["redirected_to"]["service_id"]) == (
        "waiting",
        day["passport"].pk,
    )
    booking.refresh_from_db()
    assert booking.status == CentreBookingStatus.SERVED


def test_call_next_with_nobody_waiting_gives_null(day, worker):
    response = worker.post(f"/receptions/queue/windows/{day['windows'][0].pk}/call-next")
    assert response.status_code == 200 and response.json() == {"ticket": None}


def test_refusals_404_409_422_in_english(day, worker, settings):
    english = Api(clerk("cnap2"), "en")
    empty = english.post("/receptions/centre/check-in", {"code": " "})
    assert empty.status_code == 422 and empty.json()[0]["field"] == "code"
    assert not any("а" <= ch <= "я" for ch in empty.json()[0]["message"].lower())
    assert english.post("/receptions/centre/check-in", {"code": "ZZZZZZ"}).status_code == 404
    at(settings, "09:00", day="2026-12-07")
    not_today = english.post("/receptions/centre/check-in", {"code": day["bookings"][0].code})
    assert not_today.status_code == 422 and not_today.json()[0]["code"] == "not_today"
    assert english.post("/receptions/queue/tickets", {"service_id": 99999}).status_code == 404
    assert english.post("/receptions/queue/tickets", {"service_id": "x"}).status_code == 422
    assert english.post("/receptions/queue/windows/99999/call-next").status_code == 404
    assert english.post("/receptions/queue/tickets/99999/finish", {"outcome": "served"}).status_code == 404
    ticket = english.post("/receptions/queue/tickets", {"service_id": day["extract"].pk}).json()
    bad = english.post(f"/receptions/queue/tickets/{ticket['id']}/finish", {"outcome": "lost"})
    assert bad.status_code == 422 and bad.json()[0]["field"] == "outcome"
    waiting = english.post(f"/receptions/queue/tickets/{ticket['id']}/finish", {"outcome": "served"})
    assert waiting.status_code == 409
    no_service = english.post(f"/receptions/queue/tickets/{ticket['id']}/finish", {"outcome": "redirected"})
    assert no_service.status_code == 422 and no_service.json()[0]["field"] == "to_service_id"
    day["windows"][0].services.remove(day["passport"])
    unserved = english.post("/receptions/queue/tickets", {"service_id": day["passport"].pk})
    assert unserved.status_code == 422 and unserved.json()[0]["field"] == "service_id"
    assert Api(None).get("/public/receptions/queue/ahead", code="NOPE42").status_code == 404
    assert Api(None).get("/public/receptions/queue/ahead").status_code == 422


def test_staff_queue_routes_refuse_anonymous_401_and_other_roles_403(day, api, staff):
    window = day["windows"][0]
    ticket = QueueTicket.objects.create(
        day=day["bookings"][0].day, number=50, service=day["extract"], issued_at=day["bookings"][0].created_at
    )
    calls = [
        ("post", "/receptions/centre/check-in", {"code": day["bookings"][0].code}),
        ("post", "/receptions/queue/tickets", {"service_id": day["extract"].pk}),
        ("post", f"/receptions/queue/windows/{window.pk}/call-next", {}),
        ("post", f"/receptions/queue/tickets/{ticket.pk}/finish", {"outcome": "served"}),
        ("get", "/receptions/queue/statistics", {}),
    ]
    for method, path, body in calls:
        for who in (None, "registrar", "executor_communal", "moderator"):
            client = api(who)
            response = client.get(path, **body) if method == "get" else client.post(path, body)
            expected = (401, "unauthorized") if who is None else (403, "forbidden")
            assert (response.status_code, response.json()["code"]) == expected, (path, who)
    assert QueueTicket.objects.count() == 1


def test_statistics_of_a_period(day, worker, settings):
    worker.post("/receptions/centre/check-in", {"code": day["bookings"][0].code})
    at(settings, "10:05")
    called = worker.post(f"/receptions/queue/windows/{day['windows'][0].pk}/call-next").json()["ticket"]
    worker.post(f"/receptions/queue/tickets/{called['id']}/finish", {"outcome": "served"})
    body = worker.get("/receptions/queue/statistics", start="2026-12-08", end="2026-12-08").json()
    assert [(r["day"], r["booked"], r["served"], r["average_wait"]) for r in body["rows"]] == [
        ("2026-12-08", 2, 1, 5.0)
    ]
    assert (body["totals"]["booked"], body["totals"]["served"]) == (2, 1)
    default = worker.get("/receptions/queue/statistics").json()
    assert (default["start"], default["end"]) == ("2026-12-01", "2026-12-08")
    wrong = worker.get("/receptions/queue/statistics", start="2026-12-08", end="2026-12-01")
    assert wrong.status_code == 422 and wrong.json()[0]["field"] == "end"
    assert worker.get("/receptions/queue/statistics", start="2024-01-01", end="2026-12-01").status_code == 422
