"""The centre's day: check-in (on time, late), tickets, the calling order, outcomes, closing a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hromada.core.audit import AuditEntry
from hromada.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from hromada.receptions.errors import WrongBookingStatus
from hromada.receptions.models import (
    CentreBooking,
    CentreBookingStatus,
    QueueTicket,
    SlotClaim,
    TicketStatus,
)
from hromada.receptions.selectors import queue as selectors
from hromada.receptions.services import queue as services
from hromada.receptions.tests.test_queue_support import TUESDAY, at, centre_day, clerk
from hromada.testing import kyiv

pytestmark = pytest.mark.django_db


def _ahead(code: str) -> dict[str, Any]:
    found = selectors.ahead_of(code)
    assert found is not None
    return found


@pytest.fixture
def day(settings):
    return centre_day(settings, windows=2, times=("10:00", "10:15", "10:30"))


def test_on_time_check_in_keeps_the_booked_time_when_at_the_lateness_boundary(day, settings):
    booking = day["bookings"][0]
    at(settings, "10:10")  # 10:00 + 10 minutes: still on time
    ticket = services.check_in(code=f" {booking.code.lower()[:3]} {booking.code.lower()[3:]} ")
    booking.refresh_from_db()
    assert booking.status == CentreBookingStatus.CHECKED_IN
    assert ticket.booking == booking and ticket.due_at == kyiv(2026, 12, 8, 10)
    assert ticket.label == "З-001" and ticket.day == TUESDAY
    assert SlotClaim.objects.filter(booking=booking).exists()


def test_late_check_in_loses_the_slot_and_joins_the_live_queue_when_past_the_boundary(day, settings):
    booking = day["bookings"][0]
    at(settings, "10:11")
    ticket = services.check_in(code=booking.code)
    booking.refresh_from_db()
    assert booking.status == CentreBookingStatus.LATE and ticket.due_at is None
    assert ticket.booking == booking and ticket.label == "Ч-001"
    assert not SlotClaim.objects.filter(booking=booking).exists()


def test_check_in_twice_returns_the_same_ticket(day, settings):
    at(settings, "09:50")
    first = services.check_in(code=day["bookings"][0].code)
    again = services.check_in(code=day["bookings"][0].code)
    assert first.pk == again.pk and QueueTicket.objects.count() == 1


def test_check_in_is_refused_when_the_code_is_unknown_empty_or_not_today(day, settings):
    at(settings, "09:50")
    with pytest.raises(NotFound):
        services.check_in(code="ZZZZZZ")
    with pytest.raises(ValidationFailed) as caught:
        services.check_in(code="  ")
    assert caught.value.field == "code"
    at(settings, "09:50", day="2026-12-09")
    with pytest.raises(ValidationFailed) as caught:
        services.check_in(code=day["bookings"][0].code)
    assert caught.value.errors[0].code == "not_today"


def test_check_in_is_refused_when_the_booking_was_cancelled(day, settings):
    booking = day["bookings"][0]
    CentreBooking.objects.filter(pk=booking.pk).update(status=CentreBookingStatus.CANCELLED)
    at(settings, "09:50")
    with pytest.raises(WrongBookingStatus):
        services.check_in(code=booking.code)


def test_tickets_are_numbered_per_day(day, settings):
    at(settings, "09:00")
    first = services.take_ticket(service=day["extract"])
    second = services.take_ticket(service=day["passport"])
    assert (first.number, second.number) == (1, 2) and second.label == "Ч-002"
    at(settings, "09:00", day="2026-12-09")
    assert services.take_ticket(service=day["extract"]).number == 1


def test_booked_visitors_are_called_at_their_time_then_live_tickets_by_number(day, settings):
    window = day["windows"][0]
    admin = clerk()
    at(settings, "09:40")
    live1 = services.take_ticket(service=day["extract"])
    booked = services.check_in(code=day["bookings"][0].code)  # due 10:00
    live2 = services.take_ticket(service=day["passport"])
    assert services.call_next(window=window, actor=admin) == live1  # 09:40: the booking is not due
    services.finish_ticket(ticket=live1, actor=admin, outcome="served")
    at(settings, "10:00")
    assert services.call_next(window=window, actor=admin) == booked
    services.finish_ticket(ticket=booked, actor=admin, outcome="served")
    called = services.call_next(window=window, actor=admin)
    assert called == live2 and called.status == TicketStatus.CALLED
    assert called.window == window and called.called_by == admin
    services.finish_ticket(ticket=live2, actor=admin, outcome="served")
    assert services.call_next(window=window, actor=admin) is None


def test_a_window_calls_only_the_services_it_serves(day, settings):
    window = day["windows"][0]
    window.services.set([day["passport"]])
    at(settings, "09:40")
    services.take_ticket(service=day["extract"])
    assert services.call_next(window=window, actor=clerk()) is None


def test_calling_again_is_a_conflict_when_the_window_has_an_unfinished_visit(day, settings):
    at(settings, "09:40")
    services.take_ticket(service=day["extract"])
    services.take_ticket(service=day["extract"])
    admin = clerk()
    services.call_next(window=day["windows"][0], actor=admin)
    with pytest.raises(Conflict) as caught:
        services.call_next(window=day["windows"][0], actor=admin)
    assert caught.value.status == 409 and "Ч-001" in caught.value.message
    other = services.call_next(window=day["windows"][1], actor=admin)
    assert other is not None and other.number == 2


def test_calling_is_denied_when_the_role_is_not_the_centres(day, settings, staff):
    at(settings, "09:40")
    services.take_ticket(service=day["extract"])
    with pytest.raises(PermissionDenied):
        services.call_next(window=day["windows"][0], actor=staff["registrar"])
    assert services.call_next(window=day["windows"][0], actor=staff["administrator"]) is not None


def test_not_present_marks_the_booking_a_no_show(day, settings):
    admin = clerk()
    at(settings, "10:00")
    booking = day["bookings"][0]
    ticket = services.check_in(code=booking.code)
    services.call_next(window=day["windows"][0], actor=admin)
    services.finish_ticket(ticket=ticket, actor=admin, outcome="not_present")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.NOT_PRESENT and ticket.finished_at is not None
    assert CentreBooking.objects.get(pk=booking.pk).status == CentreBookingStatus.NO_SHOW
    assert AuditEntry.objects.filter(action="receptions.centre_finish", actor=admin).exists()


def test_a_redirected_visitor_goes_first_in_the_other_services_live_queue(day, settings):
    admin = clerk()
    at(settings, "09:40")
    first = services.take_ticket(service=day["extract"])
    waiting = services.take_ticket(service=day["passport"])
    services.call_next(window=day["windows"][0], actor=admin)
    with pytest.raises(ValidationFailed) as caught:
        services.finish_ticket(ticket=first, actor=admin, outcome="redirected")
    assert caught.value.field == "to_service"
    services.finish_ticket(ticket=first, actor=admin, outcome="redirected", to_service=day["passport"])
    new = QueueTicket.objects.get(redirected_from=first)
    assert new.status == TicketStatus.WAITING and new.service == day["passport"] and new.number == 3
    assert _ahead(new.code)["ahead"] == 0
    assert _ahead(waiting.code)["ahead"] == 1
    assert services.call_next(window=day["windows"][1], actor=admin) == new


def test_finishing_is_refused_when_the_ticket_was_not_called(day, settings):
    at(settings, "09:40")
    ticket = services.take_ticket(service=day["extract"])
    with pytest.raises(WrongBookingStatus):
        services.finish_ticket(ticket=ticket, actor=clerk(), outcome="served")
    with pytest.raises(ValidationFailed):
        services.finish_ticket(ticket=ticket, actor=clerk("c2"), outcome="vanished")


def test_closing_the_day_makes_no_shows_and_closes_open_tickets(day, settings):
    at(settings, "10:00")
    checked = services.check_in(code=day["bookings"][0].code)
    live = services.take_ticket(service=day["extract"])
    assert services.close_centre_day(TUESDAY) == 0  # today is not closed yet
    assert services.close_centre_day(TUESDAY + dt.timedelta(days=1), today=TUESDAY) == 5
    statuses = dict(CentreBooking.objects.values_list("code", "status"))
    assert set(statuses.values()) == {CentreBookingStatus.NO_SHOW}
    assert {t.status for t in QueueTicket.objects.filter(pk__in=[checked.pk, live.pk])} == {
        TicketStatus.NOT_PRESENT
    }


def test_hall_board_and_statistics_count_the_day(day, settings):
    admin = clerk()
    at(settings, "09:40")
    live = services.take_ticket(service=day["extract"])
    services.call_next(window=day["windows"][0], actor=admin)
    at(settings, "10:00")
    services.finish_ticket(ticket=live, actor=admin, outcome="served")
    booked = services.check_in(code=day["bookings"][0].code)
    at(settings, "10:06")
    services.call_next(window=day["windows"][0], actor=admin)
    board = selectors.hall_board(TUESDAY)
    assert [(c["label"], c["window"]) for c in board["called"]] == [("З-002", "1"), ("Ч-001", "1")]
    assert board["waiting"] == 0
    assert _ahead(day["bookings"][0].code.lower())["window"] == "1"
    assert selectors.ahead_of("nothing") is None
    services.finish_ticket(ticket=booked, actor=admin, outcome="served")
    (row,) = selectors.day_statistics(TUESDAY, TUESDAY)
    assert (row["booked"], row["served"], row["no_show"], row["live"]) == (3, 2, 0, 1)
    assert row["average_wait"] == 3.0  # 0 minutes for the walk-in, 6 for the booked visitor
    totals = selectors.statistics_totals([row])
    assert totals["served"] == 2 and totals["average_wait"] == 3.0
    assert selectors.statistics_totals([])["average_wait"] is None


def test_demo_queue_makes_todays_queue_once(settings):
    from hromada.receptions import demo_queue

    at(settings, "11:00")
    assert demo_queue.seed() == {}  # no catalogue yet
    centre_day(settings, windows=2, times=())
    at(settings, "11:00")
    clerk()
    made = demo_queue.seed()
    assert made == {"centre queue tickets": 9}
    statuses = list(QueueTicket.objects.values_list("status", flat=True))
    assert statuses.count(TicketStatus.SERVED) == 3 and statuses.count(TicketStatus.CALLED) == 1
    assert statuses.count(TicketStatus.WAITING) == 5
    assert CentreBooking.objects.get(email="demo-queue@example.org").status == CentreBookingStatus.CHECKED_IN
    assert demo_queue.seed() == {"centre queue tickets": 0}
    assert QueueTicket.objects.count() == 9


def test_no_ticket_is_given_when_no_open_window_serves_the_service(day, settings):
    at(settings, "09:00")
    for window in day["windows"]:
        window.services.remove(day["passport"])
    with pytest.raises(ValidationFailed) as caught:
        services.take_ticket(service=day["passport"])
    assert caught.value.field == "service"
