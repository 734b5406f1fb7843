"""The reception day: walk-ins, the mark, the appeal from a visit, the order, reminders and calendars."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from hromada.appeals.door import registered_appeal, shorten
from hromada.core.errors import PermissionDenied
from hromada.core.models import CouncilSettings
from hromada.notifications.models import Notification
from hromada.receptions.errors import WrongBookingStatus
from hromada.receptions.ics import booking_ics, official_feed
from hromada.receptions.models import ReceptionSettings
from hromada.receptions.selectors.personal import day_list
from hromada.receptions.services.personal import (
    book_reception,
    mark_visit,
    register_appeal_from_visit,
    register_walk_in,
    send_reminders,
)
from hromada.receptions.tests.pers_support import MONDAY, booking_data, make_official, set_rule, t

pytestmark = pytest.mark.django_db

APPEAL_TEXT = "Прошу відремонтувати покрівлю будинку на вулиці Шевченка, 5."


@pytest.fixture(autouse=True)
def _clock(settings):
    settings.HROMADA_NOW = "2026-12-07T09:00:00"
    ReceptionSettings.forget()
    CouncilSettings.forget()
    yield
    ReceptionSettings.forget()
    CouncilSettings.forget()


def test_walk_in_is_came_without_a_slot(staff):
    official = make_official()
    visit = register_walk_in(
        actor=staff["registrar"],
        official=official,
        day=MONDAY,
        full_name="Бондар Марія Олегівна",
        topic="communal",
    )
    assert visit.starts is None and visit.status == "came" and visit.channel == "walk_in"
    with pytest.raises(PermissionDenied):
        register_walk_in(
            actor=staff["executor_communal"],
            official=official,
            day=MONDAY,
            full_name="Бондар Марія Олегівна",
            topic="communal",
        )


def test_mark_came_and_not_came(staff):
    official = make_official()
    booking = book_reception(**booking_data(official))
    marked = mark_visit(actor=staff["registrar"], booking=booking, came=True, result="Роз'яснено")
    assert marked.status == "came" and marked.result == "Роз'яснено"
    with pytest.raises(PermissionDenied):
        mark_visit(actor=staff["executor_communal"], booking=booking, came=False)


def test_the_official_runs_their_own_day(staff):
    official = make_official(user=staff["head"])
    booking = book_reception(**booking_data(official))
    assert mark_visit(actor=staff["head"], booking=booking, came=False).status == "not_came"


def test_register_appeal_from_a_visit(staff):
    official = make_official()
    booking = book_reception(**booking_data(official, category="war_participant"))
    mark_visit(actor=staff["registrar"], booking=booking, came=True)
    appeal_id = register_appeal_from_visit(
        actor=staff["registrar"], booking=booking, kind="application", text=APPEAL_TEXT
    )
    appeal = registered_appeal(appeal_id)
    assert appeal is not None and appeal.channel_id == "personal_reception"
    assert appeal.summary == shorten(APPEAL_TEXT) and appeal.summary  # none given: the first words
    booking.refresh_from_db()
    assert booking.appeal_id == appeal_id
    with pytest.raises(WrongBookingStatus):
        register_appeal_from_visit(
            actor=staff["registrar"], booking=booking, kind="application", text=APPEAL_TEXT
        )


def test_register_appeal_refused_to_an_executor(staff):
    official = make_official()
    booking = book_reception(**booking_data(official))
    with pytest.raises(PermissionDenied):
        register_appeal_from_visit(
            actor=staff["executor_communal"], booking=booking, kind="application", text=APPEAL_TEXT
        )
    booking.refresh_from_db()
    assert booking.appeal_id is None


def test_day_order_priority_first_then_time_then_walk_ins(staff):
    official = make_official()
    set_rule("first")
    late = book_reception(**booking_data(official, starts=t("10:30"), category="war_participant"))
    early = book_reception(**booking_data(official, starts=t("10:00"), email="b@example.com"))
    walk = register_walk_in(
        actor=staff["registrar"],
        official=official,
        day=MONDAY,
        full_name="Бондар Марія Олегівна",
        topic="communal",
    )
    assert [b.pk for b in day_list(official, MONDAY)] == [late.pk, early.pk, walk.pk]
    set_rule("reserved", reserved=0)
    assert [b.pk for b in day_list(official, MONDAY)] == [early.pk, late.pk, walk.pk]


def test_reminders_are_sent_once(staff, django_capture_on_commit_callbacks):
    official = make_official()
    book_reception(**booking_data(official))
    book_reception(
        **booking_data(official, starts=t("10:15"), email="", channel="phone", actor=staff["registrar"])
    )
    sunday = MONDAY - dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(sunday, today=sunday) == 1
    assert send_reminders(sunday, today=sunday) == 0
    assert Notification.objects.filter(kind="reception_reminder").count() == 1


def test_booking_ics_parses_back():
    official = make_official()
    booking = book_reception(**booking_data(official))
    event = Calendar.from_ical(booking_ics(booking)).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "каб. 12"
    start = event.decoded("DTSTART")
    assert start.replace(tzinfo=None) == dt.datetime(2026, 12, 7, 10, 0)
    assert str(start.tzinfo) == "Europe/Kyiv"
    assert event.decoded("DTEND") - start == dt.timedelta(minutes=15)
    assert str(event["UID"]) and "Петренко" in str(event["SUMMARY"])


def test_official_feed_counts_without_personal_data():
    official = make_official()
    book_reception(**booking_data(official))
    feed = official_feed(official, MONDAY, MONDAY + dt.timedelta(days=6))
    events = Calendar.from_ical(feed).walk("VEVENT")
    assert len(events) == 2  # Monday and Friday
    assert "3" in str(events[0]["DESCRIPTION"]) and "1" in str(events[0]["DESCRIPTION"])
    assert b"Koval" not in feed and "Коваленко".encode() not in feed
