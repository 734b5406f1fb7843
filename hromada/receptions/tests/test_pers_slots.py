"""Slots of a personal reception: schedule, exceptions, the council calendar and the reserved rule."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.core.models import CouncilSettings
from hromada.receptions import slots
from hromada.receptions.models import ReceptionBooking, ReceptionHours, ReceptionSettings, ScheduleException
from hromada.receptions.tests.pers_support import (
    CHRISTMAS,
    MONDAY,
    SATURDAY,
    WEDNESDAY,
    make_official,
    set_rule,
    t,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(settings):
    settings.HROMADA_NOW = "2026-12-07T09:00:00"
    ReceptionSettings.forget()
    CouncilSettings.forget()
    yield
    ReceptionSettings.forget()
    CouncilSettings.forget()


def test_weekday_slots_follow_the_hours_and_slot_minutes():
    official = make_official()
    assert slots.day_slots(official, MONDAY) == [t("10:00"), t("10:15"), t("10:30"), t("10:45")]
    assert slots.day_slots(official, WEDNESDAY) == []
    official.slot_minutes = 20
    assert slots.day_slots(official, MONDAY) == [t("10:00"), t("10:20"), t("10:40")]


def _martial_law(on: bool) -> None:
    council = CouncilSettings.load()
    council.martial_law = on
    council.save()
    CouncilSettings.forget()


def test_holiday_is_a_reception_day_under_martial_law_only():
    official = make_official()
    _martial_law(True)
    assert slots.day_slots(official, CHRISTMAS) == [t("14:00"), t("14:15"), t("14:30"), t("14:45")]
    _martial_law(False)
    assert slots.day_slots(official, CHRISTMAS) == []


def test_leave_and_cancelled_exceptions_close_the_day():
    official = make_official()
    ScheduleException.objects.create(official=official, day=MONDAY, kind="leave")
    assert slots.day_slots(official, MONDAY) == []
    next_monday = MONDAY + dt.timedelta(days=7)
    ScheduleException.objects.create(official=official, day=next_monday, kind="cancelled")
    assert slots.reception_days(official, MONDAY, next_monday) == [dt.date(2026, 12, 11)]


def test_extra_day_on_a_saturday():
    official = make_official()
    assert slots.day_slots(official, SATURDAY) == []
    ScheduleException.objects.create(
        official=official, day=SATURDAY, kind="extra", starts=t("09:00"), ends=t("09:30")
    )
    assert slots.day_slots(official, SATURDAY) == [t("09:00"), t("09:15")]


def test_valid_until_and_valid_from():
    official = make_official()
    ReceptionHours.objects.filter(official=official, weekday=0).update(
        valid_until=MONDAY - dt.timedelta(days=1)
    )
    assert slots.day_slots(official, MONDAY) == []
    ReceptionHours.objects.create(
        official=official, weekday=0, starts=t("16:00"), ends=t("16:30"), valid_from=MONDAY
    )
    assert slots.day_slots(official, MONDAY) == [t("16:00"), t("16:15")]


def test_suspended_or_unpublished_official_offers_nothing():
    official = make_official(is_suspended=True)
    assert slots.day_slots(official, MONDAY) == []
    assert slots.free_slots(official, MONDAY, priority=True) == []
    hidden = make_official(is_published=False)
    assert slots.reception_days(hidden, MONDAY, SATURDAY) == []


def test_reserved_slots_only_for_priority_visitors(staff):
    official = make_official()
    set_rule("reserved", reserved=2)
    assert slots.free_slots(official, MONDAY, priority=False) == [t("10:30"), t("10:45")]
    assert slots.free_slots(official, MONDAY, priority=True) == slots.day_slots(official, MONDAY)
    set_rule("first")
    assert len(slots.free_slots(official, MONDAY, priority=False)) == 4


def test_taken_slot_is_not_free_until_cancelled():
    official = make_official()
    booking = ReceptionBooking.objects.create(
        official=official,
        day=MONDAY,
        starts=t("10:00"),
        channel="portal",
        full_name="Коваленко Іван Петрович",
        topic_id="communal",
        created_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
    )
    assert t("10:00") not in slots.free_slots(official, MONDAY, priority=True)
    booking.status = "cancelled"
    booking.save()
    assert t("10:00") in slots.free_slots(official, MONDAY, priority=True)
