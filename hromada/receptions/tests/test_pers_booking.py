"""Booking a personal reception: portal and phone, refusals, cancellation by the letter's link."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.core.errors import NotFound, PermissionDenied, ValidationFailed
from hromada.core.models import CouncilSettings
from hromada.notifications.models import Notification
from hromada.receptions.errors import ReceptionsSuspended, SlotTaken, SlotUnavailable, WrongBookingStatus
from hromada.receptions.models import ReceptionBooking, ReceptionSettings
from hromada.receptions.services.personal import book_reception, cancel_reception_booking
from hromada.receptions.tests.pers_support import MONDAY, WEDNESDAY, booking_data, make_official, set_rule, t
from hromada.reference.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(settings):
    settings.HROMADA_NOW = "2026-12-07T09:00:00"
    ReceptionSettings.forget()
    CouncilSettings.forget()
    yield
    ReceptionSettings.forget()
    CouncilSettings.forget()


def test_portal_booking_queues_a_confirmation(django_capture_on_commit_callbacks):
    official = make_official()
    with django_capture_on_commit_callbacks(execute=True):
        booking = book_reception(**booking_data(official))
    assert booking.status == "booked" and booking.channel == "portal"
    letter = Notification.objects.get(kind="reception_confirmed")
    assert letter.recipient == "ivan@example.com"
    assert "07.12.2026" in letter.subject
    assert "10:00" in letter.body_text and "каб. 12" in letter.body_text
    assert f"/pryiom/skasuvaty/{booking.token}/" in letter.body_text
    assert f"/pryiom/zapys/{booking.token}/calendar.ics" in letter.body_text


def test_double_booking_is_refused_with_alternatives():
    official = make_official()
    book_reception(**booking_data(official))
    with pytest.raises(SlotTaken) as caught:
        book_reception(**booking_data(official, full_name="Шевченко Тарас Григорович", email="t@example.com"))
    assert caught.value.alternatives == [
        {"day": "2026-12-07", "starts": "10:15"},
        {"day": "2026-12-07", "starts": "10:30"},
        {"day": "2026-12-07", "starts": "10:45"},
    ]
    assert ReceptionBooking.objects.count() == 1


def test_unique_index_is_the_final_word(monkeypatch):
    official = make_official()
    book_reception(**booking_data(official))
    from hromada.receptions import slots

    monkeypatch.setattr(slots, "free_slots", lambda *a, **k: [t("10:00")])
    with pytest.raises(SlotTaken):
        book_reception(**booking_data(official, email="other@example.com"))
    assert ReceptionBooking.objects.count() == 1


def test_suspended_official_refuses_with_the_public_reason():
    official = make_official(is_suspended=True, suspension_reason="Відрядження до 20.12")
    with pytest.raises(ReceptionsSuspended, match="Відрядження"):
        book_reception(**booking_data(official))


def test_field_errors():
    official = make_official()
    with pytest.raises(ValidationFailed) as caught:
        book_reception(**booking_data(official, full_name="", phone="abc", email="", topic=""))
    assert {e.field for e in caught.value.errors} == {"full_name", "phone", "email", "topic"}


def test_topic_not_taken_by_the_official():
    official = make_official()
    official.topics.add(Topic.objects.get(code="land"))
    with pytest.raises(ValidationFailed) as caught:
        book_reception(**booking_data(official, topic="communal"))
    assert caught.value.errors[0].code == "not_taken"
    assert book_reception(**booking_data(official, topic="land")).topic_id == "land"


def test_no_reception_at_that_time():
    official = make_official()
    with pytest.raises(SlotUnavailable):
        book_reception(**booking_data(official, day=WEDNESDAY))
    with pytest.raises(SlotUnavailable):
        book_reception(**booking_data(official, starts=t("10:05")))


def test_reserved_slot_needs_a_priority_category():
    official = make_official()
    set_rule("reserved", reserved=2)
    with pytest.raises(SlotTaken):
        book_reception(**booking_data(official))
    booking = book_reception(**booking_data(official, category="war_participant"))
    assert booking.category_id == "war_participant"


def test_phone_booking_needs_the_registrar(staff):
    official = make_official()
    with pytest.raises(PermissionDenied):
        book_reception(**booking_data(official, channel="phone"))
    with pytest.raises(PermissionDenied):
        book_reception(**booking_data(official, channel="phone", actor=staff["executor_communal"]))
    booking = book_reception(**booking_data(official, channel="phone", email="", actor=staff["registrar"]))
    assert booking.created_by == staff["registrar"]


def test_cancel_by_token_frees_the_slot(django_capture_on_commit_callbacks):
    official = make_official()
    booking = book_reception(**booking_data(official))
    with django_capture_on_commit_callbacks(execute=True):
        cancel_reception_booking(token=booking.token)
    booking.refresh_from_db()
    assert booking.status == "cancelled" and booking.cancelled_at is not None
    assert Notification.objects.filter(kind="reception_cancelled").count() == 1
    again = book_reception(**booking_data(official, email="other@example.com"))
    assert again.starts == t("10:00")
    with pytest.raises(WrongBookingStatus):
        cancel_reception_booking(token=booking.token)


def test_wrong_token_is_refused():
    make_official()
    with pytest.raises(NotFound):
        cancel_reception_booking(token="no-such-token")
    with pytest.raises(NotFound):
        cancel_reception_booking(token="")


def test_staff_cancellation_needs_the_right(staff):
    official = make_official()
    booking = book_reception(**booking_data(official))
    with pytest.raises(PermissionDenied):
        cancel_reception_booking(booking=booking, actor=staff["executor_communal"])
    assert cancel_reception_booking(booking=booking, actor=staff["registrar"]).status == "cancelled"


def test_beyond_the_horizon_and_a_too_long_question():
    official = make_official()
    far = MONDAY + dt.timedelta(days=28)
    with pytest.raises(SlotUnavailable):
        book_reception(**booking_data(official, day=far))
    with pytest.raises(ValidationFailed) as caught:
        book_reception(**booking_data(official, question="x" * 2001))
    assert caught.value.errors[0].field == "question"
