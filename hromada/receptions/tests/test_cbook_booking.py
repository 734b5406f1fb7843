"""Booking a visit to the ЦНАП and cancelling it: fields, limits, no double booking, letters."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.core.audit import AuditEntry
from hromada.core.errors import FieldError, NotFound, ValidationFailed
from hromada.notifications.models import Notification
from hromada.notifications.tests.conftest import smtp, worker  # noqa: F401
from hromada.receptions import centre_slots
from hromada.receptions.errors import LimitReached, SlotTaken, SlotUnavailable, WrongBookingStatus
from hromada.receptions.models import CentreBooking, CentreBookingStatus, ReceptionSettings, SlotClaim
from hromada.receptions.selectors import centre as selectors
from hromada.receptions.services.centre_booking import cancel_centre_booking, person_key
from hromada.receptions.tests.cbook_factory import NOW, SATURDAY, TUESDAY, book, centre

pytestmark = pytest.mark.django_db

WEDNESDAY = TUESDAY + dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW
    ReceptionSettings.forget()
    yield
    ReceptionSettings.forget()


def _fields(caught: pytest.ExceptionInfo[ValidationFailed]) -> set[str]:
    return {e.field for e in caught.value.errors if isinstance(e, FieldError)}


def test_a_30_minute_visit_claims_two_steps():
    c = centre()
    booking = book(c["passport"], TUESDAY, "09:00")
    assert booking.status == CentreBookingStatus.BOOKED and booking.ends == dt.time(9, 30)
    assert sorted(SlotClaim.objects.values_list("minute", flat=True)) == [540, 555]
    assert booking.person.key == "ivan@example.org" and len(booking.code) == 6


def test_fields_are_checked_with_ukrainian_messages():
    c = centre()
    with pytest.raises(ValidationFailed) as caught:
        book(c["extract"], TUESDAY, "09:00", who="", full_name=" ")
    assert _fields(caught) == {"full_name", "email"}
    assert caught.value.errors[0].message.startswith("Вкажіть")  # the Ukrainian catalogue
    with pytest.raises(ValidationFailed) as caught:
        book(c["extract"], TUESDAY, "09:00", who="not-an-email")
    assert _fields(caught) == {"email"}
    assert CentreBooking.objects.count() == 0


def test_a_phone_only_booking_is_keyed_by_its_digits():
    c = centre()
    booking = book(c["extract"], TUESDAY, "09:00", who="", phone="+38 (067) 123-45-67")
    assert booking.person.key == "tel:380671234567"
    assert person_key("Ivan@Example.ORG ", "") == "ivan@example.org"


@pytest.mark.parametrize(
    ("day", "starts"),
    [
        (TUESDAY, "08:45"),
        (TUESDAY, "09:07"),
        (TUESDAY, "12:45"),
        (SATURDAY, "09:00"),
        (dt.date(2026, 12, 7), "09:00"),
    ],
)
def test_a_time_that_is_not_offered_is_refused(day, starts):
    c = centre()
    service = c["passport"] if starts == "12:45" else c["extract"]
    with pytest.raises(SlotUnavailable):
        book(service, day, starts)


def test_a_second_booking_of_the_only_window_slot_is_taken_with_alternatives():
    c = centre()
    book(c["extract"], TUESDAY, "09:00")
    with pytest.raises(SlotTaken) as caught:
        book(c["extract"], TUESDAY, "09:00", who="olena@example.org")
    assert caught.value.alternatives == [
        {"day": "2026-12-08", "starts": "09:15"},
        {"day": "2026-12-08", "starts": "09:30"},
        {"day": "2026-12-08", "starts": "09:45"},
    ]
    assert caught.value.as_dict()["code"] == "slot_taken"
    assert CentreBooking.objects.count() == 1


def test_a_15_minute_visit_inside_a_30_minute_one_is_refused():
    c = centre()
    book(c["passport"], TUESDAY, "09:00")
    with pytest.raises(SlotTaken):
        book(c["extract"], TUESDAY, "09:15", who="olena@example.org")
    book(c["extract"], TUESDAY, "09:30", who="olena@example.org")


def test_a_taken_time_goes_to_another_window_serving_the_service():
    c = centre(windows=2)
    first = book(c["extract"], TUESDAY, "09:00")
    second = book(c["extract"], TUESDAY, "09:00", who="olena@example.org")
    assert {first.window_id, second.window_id} == {w.pk for w in c["windows"]}
    with pytest.raises(SlotTaken):
        book(c["extract"], TUESDAY, "09:00", who="petro@example.org")


def test_three_active_bookings_at_most_per_person_whatever_the_case_of_the_email():
    c = centre()
    for starts in ("09:00", "09:15", "09:30"):
        book(c["extract"], TUESDAY, starts)
    with pytest.raises(LimitReached) as caught:
        book(c["extract"], TUESDAY, "10:00", who="IVAN@example.org")
    assert "3" in caught.value.message
    book(c["extract"], TUESDAY, "10:00", who="olena@example.org")


def test_five_bookings_a_month_at_most_cancelled_ones_not_counted():
    c = centre()
    done = [book(c["extract"], TUESDAY, s) for s in ("09:00", "09:15", "09:30")]
    CentreBooking.objects.filter(pk__in=[b.pk for b in done]).update(status=CentreBookingStatus.SERVED)
    cancelled = book(c["extract"], WEDNESDAY, "09:00")
    cancel_centre_booking(token=cancelled.token)
    book(c["extract"], WEDNESDAY, "09:15")
    book(c["extract"], WEDNESDAY, "09:30")
    with pytest.raises(LimitReached) as caught:
        book(c["extract"], WEDNESDAY, "09:45")
    assert "5" in caught.value.message


def test_cancelling_by_the_letter_token_frees_the_slot():
    c = centre()
    booking = book(c["passport"], TUESDAY, "09:00")
    cancelled = cancel_centre_booking(token=booking.token)
    assert cancelled.status == CentreBookingStatus.CANCELLED and cancelled.cancelled_at is not None
    assert SlotClaim.objects.count() == 0
    assert centre_slots.free_slots(c["passport"], TUESDAY)[0].starts == dt.time(9)
    book(c["passport"], TUESDAY, "09:00", who="olena@example.org")
    with pytest.raises(WrongBookingStatus):
        cancel_centre_booking(token=booking.token)


def test_staff_cancel_by_code_and_the_action_is_audited(staff):
    c = centre()
    booking = book(c["extract"], TUESDAY, "09:00", actor=staff["registrar"])
    cancel_centre_booking(code=booking.code.lower(), actor=staff["registrar"])
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"receptions.centre_book", "receptions.centre_cancel"} <= actions


def test_a_past_or_unknown_booking_cannot_be_cancelled(settings):
    c = centre()
    booking = book(c["extract"], TUESDAY, "09:00")
    with pytest.raises(NotFound):
        cancel_centre_booking(token="nope")
    with pytest.raises(NotFound):
        cancel_centre_booking()
    settings.HROMADA_NOW = "2026-12-08T09:00:00"
    with pytest.raises(WrongBookingStatus):
        cancel_centre_booking(token=booking.token)


def test_confirmation_and_cancellation_letters_are_sent(smtp, worker, django_capture_on_commit_callbacks):  # noqa: F811
    c = centre()
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(c["passport"], TUESDAY, "09:00")
    worker()
    (mail,) = smtp.to("ivan@example.org")
    assert booking.code in mail.subject
    assert f"/cnap/skasuvaty/{booking.token}/" in mail.text and "08.12.2026" in mail.text
    assert "Свідоцтво" in mail.text and "09:00" in mail.html
    with django_capture_on_commit_callbacks(execute=True):
        cancel_centre_booking(token=booking.token)
    kinds = list(Notification.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["centre_booked", "centre_cancelled"]


def test_a_phone_only_booking_gets_no_letter(django_capture_on_commit_callbacks):
    c = centre()
    with django_capture_on_commit_callbacks(execute=True):
        book(c["extract"], TUESDAY, "09:00", who="", phone="0671234567")
    assert Notification.objects.count() == 0


def test_selectors_find_bookings_and_group_the_catalogue():
    c = centre()
    booking = book(c["extract"], TUESDAY, "09:00")
    assert selectors.booking_by_code(f" {booking.code.lower()} ") == booking
    assert selectors.booking_by_token(booking.token) == booking
    assert selectors.booking_by_code("") is None and selectors.booking_by_token("x") is None
    assert list(selectors.catalogue()) == ["Довідки", "Паспорти"]


def test_a_code_already_taken_is_replaced_by_a_fresh_one_on_the_same_window(monkeypatch):
    from hromada.receptions.services import centre_booking

    c = centre()
    first = book(c["passport"], TUESDAY, "09:00")
    codes = iter([first.code, first.code, "ZZZZZZ"])
    monkeypatch.setattr(centre_booking, "new_code", lambda: next(codes))
    second = book(c["passport"], TUESDAY, "10:00", who="olena@example.org")
    assert second.code == "ZZZZZZ" and second.window_id == first.window_id
    assert SlotClaim.objects.filter(booking=second).count() == 2


def test_a_booking_reads_and_writes_in_a_bounded_number_of_queries(django_assert_max_num_queries):
    """The 08:00 rush path: settings, hours, the person's row (insert-or-nothing, lock), one count of
    the limits, the claims read, one savepoint with the booking and its claims, the letter queued."""
    c = centre(windows=4)
    book(c["passport"], TUESDAY, "09:00")
    with django_assert_max_num_queries(13):
        book(c["passport"], TUESDAY, "09:30", who="olena@example.org")
