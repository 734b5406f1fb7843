"""The centre's hall pages: the desk, a window and the statistics for its administrators (403 for
other roles, sign-in for the anonymous); the kiosk, the ticket, the hall display and "ahead of me".
Assertions are on data (labels, codes, names, counts, d.m.Y dates) and statuses, not on msgids."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from hromada.accounts.models import Role, User
from hromada.receptions.models import CentreBookingStatus, QueueTicket, TicketStatus
from hromada.receptions.services import queue as services
from hromada.receptions.tests.test_queue_support import at, centre_day, clerk

pytestmark = pytest.mark.django_db


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def day(settings):
    made = centre_day(settings, windows=2, times=("10:00", "10:15"))
    at(settings, "09:55")
    return made


@pytest.fixture
def admin() -> User:
    return clerk()


def _staff_urls(day) -> list[str]:
    window = day["windows"][0]
    return [
        reverse("receptions:centre-desk"),
        reverse("receptions:centre-window", args=[window.pk]),
        reverse("receptions:centre-statistics"),
    ]


def test_staff_pages_open_for_the_centre_administrator_and_the_administrator(day, admin, staff):
    for user in (admin, staff["administrator"]):
        for url in _staff_urls(day):
            assert client_for(user).get(url).status_code == 200, url


def test_staff_pages_are_refused_to_other_roles_and_residents(day, staff):
    executor = staff["executor_communal"]
    resident = User.objects.create_user(username="resident", password="pw")
    for user in (staff["registrar"], executor, staff["moderator"], resident):
        for url in _staff_urls(day):
            assert client_for(user).get(url).status_code == 403, (user, url)
    post = client_for(staff["registrar"]).post(reverse("receptions:centre-ticket"), {"service": 1})
    assert post.status_code == 403 and not QueueTicket.objects.exists()


def test_staff_pages_send_the_anonymous_to_sign_in(day):
    for url in _staff_urls(day):
        response = Client().get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"]


def test_desk_lists_the_day_within_a_bounded_number_of_queries(day, admin, django_assert_max_num_queries):
    services.take_ticket(service=day["extract"])
    services.check_in(code=day["bookings"][0].code)
    client = client_for(admin)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("receptions:centre-desk"))
    text = text_of(response)
    assert day["bookings"][1].code in text and "Іван Петренко" in text and "10:15" in text
    assert "Ч-001" in text and "З-002" in text and "08.12.2026" in text


def test_check_in_at_the_desk_redirects_with_the_label_and_refuses_a_bad_code(day, admin):
    client = client_for(admin)
    response = client.post(reverse("receptions:centre-check-in"), {"code": day["bookings"][0].code})
    assert response.status_code == 302 and response["Location"] == reverse("receptions:centre-desk")
    assert "З-001" in text_of(client.get(response["Location"]))
    assert client.post(reverse("receptions:centre-check-in"), {"code": "ZZZZZZ"}).status_code == 404
    assert client.post(reverse("receptions:centre-check-in"), {"code": ""}).status_code == 422


def test_walk_in_ticket_at_the_desk(day, admin):
    client = client_for(admin)
    response = client.post(reverse("receptions:centre-ticket"), {"service": day["passport"].pk})
    assert response.status_code == 302
    assert QueueTicket.objects.get().service == day["passport"]
    assert client.post(reverse("receptions:centre-ticket"), {"service": 999}).status_code == 422


def test_window_calls_and_finishes_visits(day, admin):
    window = day["windows"][0]
    booked = services.check_in(code=day["bookings"][0].code)
    client = client_for(admin)
    call = reverse("receptions:centre-call", args=[window.pk])
    assert client.post(call).status_code == 302
    assert client.post(call).status_code == 302  # nobody is due yet: the booking is at 10:00
    services.take_ticket(service=day["extract"])
    assert client.post(call).status_code == 302
    live = QueueTicket.objects.get(status=TicketStatus.CALLED)
    page = text_of(client.get(reverse("receptions:centre-window", args=[window.pk])))
    assert live.label in page
    assert client.post(call).status_code == 409  # the window has an unfinished visit
    finish = reverse("receptions:centre-finish", args=[live.pk])
    assert client.post(finish, {"outcome": "redirected"}).status_code == 422
    response = client.post(finish, {"outcome": "redirected", "to_service": day["passport"].pk})
    assert response.status_code == 302
    assert QueueTicket.objects.filter(redirected_from=live, status=TicketStatus.WAITING).exists()
    assert client.post(finish, {"outcome": "served"}).status_code == 409  # already finished
    assert booked.status == TicketStatus.WAITING


def test_window_shows_the_booked_visitor_and_marks_not_present(day, admin, settings):
    window = day["windows"][0]
    booked = services.check_in(code=day["bookings"][0].code)
    at(settings, "10:00")
    client = client_for(admin)
    client.post(reverse("receptions:centre-call", args=[window.pk]))
    page = text_of(client.get(reverse("receptions:centre-window", args=[window.pk])))
    assert booked.label in page and "Іван Петренко" in page and day["bookings"][0].code in page
    client.post(reverse("receptions:centre-finish", args=[booked.pk]), {"outcome": "not_present"})
    booked.refresh_from_db()
    assert booked.status == TicketStatus.NOT_PRESENT
    assert booked.booking is not None and booked.booking.status == CentreBookingStatus.NO_SHOW


def test_statistics_show_the_period_and_refuse_a_reversed_one(day, admin):
    services.take_ticket(service=day["extract"])
    client = client_for(admin)
    page = text_of(client.get(reverse("receptions:centre-statistics")))
    assert "08.12.2026" in page and day["extract"].name in page
    url = reverse("receptions:centre-statistics")
    assert client.get(url, {"start": "2026-12-09", "end": "2026-12-01"}).status_code == 400
    ok = client.get(url, {"start": "2026-12-01", "end": "2026-12-31"})
    assert ok.status_code == 200 and "08.12.2026" in text_of(ok)


def test_kiosk_checks_in_by_code_and_shows_the_ticket(day):
    client = Client()
    assert client.get(reverse("portal:centre-kiosk")).status_code == 200
    response = client.post(reverse("portal:centre-kiosk"), {"code": day["bookings"][0].code.lower()})
    ticket = QueueTicket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:centre-ticket-page", args=[ticket.code])
    page = text_of(client.get(response["Location"]))
    assert "З-001" in page and day["extract"].name in page and "08.12.2026" in page
    assert client.post(reverse("portal:centre-kiosk"), {"code": "ZZZZZZ"}).status_code == 404


def test_kiosk_gives_a_ticket_for_a_service_and_counts_those_ahead(day):
    client = Client()
    services.take_ticket(service=day["passport"])
    response = client.post(reverse("portal:centre-kiosk"), {"service": day["passport"].pk})
    ticket = QueueTicket.objects.get(number=2)
    assert response["Location"] == reverse("portal:centre-ticket-page", args=[ticket.code])
    assert "Ч-002" in text_of(client.get(response["Location"]))
    ahead = client.get(reverse("portal:centre-ahead"), {"code": ticket.code})
    assert ahead.status_code == 200 and "Ч-002" in text_of(ahead)
    assert ahead.context["found"]["ahead"] == 1
    assert client.post(reverse("portal:centre-kiosk"), {"service": "x"}).status_code == 422
    assert client.get(reverse("portal:centre-ticket-page", args=["NOPE42"])).status_code == 404


def test_kiosk_posts_are_rate_limited(day, settings):
    settings.HROMADA_CENTRE_KIOSK_LIMIT = 2
    client = Client(enforce_csrf_checks=False)
    for _ in range(2):
        client.post(reverse("portal:centre-kiosk"), {"service": day["extract"].pk})
    assert client.post(reverse("portal:centre-kiosk"), {"service": day["extract"].pk}).status_code == 429
    assert QueueTicket.objects.count() == 2


def test_hall_shows_the_called_numbers_and_polls_its_board(day):
    admin = User.objects.create_user(username="c", password="pw", role=Role.CENTRE_ADMINISTRATOR)
    services.take_ticket(service=day["extract"])
    services.take_ticket(service=day["extract"])
    services.call_next(window=day["windows"][1], actor=admin)
    hall = Client().get(reverse("portal:centre-hall"))
    text = text_of(hall)
    assert hall.status_code == 200 and "Ч-001" in text
    board_url = reverse("portal:centre-hall-board")
    assert f'hx-get="{board_url}"' in text and 'hx-trigger="every 5s"' in text
    assert 'aria-live="polite"' in text and "htmx-2.0.11.min.js" in text
    fragment = Client().get(board_url, headers={"HX-Request": "true"})
    board = text_of(fragment)
    assert "Ч-001" in board and "<html" not in board and fragment.context["board"]["waiting"] == 1


def test_ahead_page_answers_a_bad_code_with_a_form_error_not_a_crash(day):
    client = Client()
    assert client.get(reverse("portal:centre-ahead")).status_code == 200
    assert client.get(reverse("portal:centre-ahead"), {"code": ""}).status_code == 422
    assert client.get(reverse("portal:centre-ahead"), {"code": "x" * 50}).status_code == 422
    assert client.get(reverse("portal:centre-ahead"), {"code": "ZZZZZZ"}).status_code == 404
    services.check_in(code=day["bookings"][1].code)
    found = client.get(reverse("portal:centre-ahead"), {"code": day["bookings"][1].code})
    assert found.status_code == 200 and "З-001" in text_of(found)


def test_late_check_in_at_the_kiosk_gives_a_live_ticket(day, settings):
    at(settings, "10:11")  # the 10:00 booking is past its 10 minutes
    client = Client()
    response = client.post(reverse("portal:centre-kiosk"), {"code": day["bookings"][0].code})
    ticket = QueueTicket.objects.get()
    assert response.status_code == 302 and ticket.label == "Ч-001"
    assert ticket.booking is not None and ticket.booking.status == CentreBookingStatus.LATE
    assert "Ч-001" in text_of(client.get(response["Location"]))
