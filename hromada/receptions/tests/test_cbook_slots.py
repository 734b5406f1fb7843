"""Free slots of the ЦНАП: the grid, the hours, working days, the horizon and its opening time."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.core.models import CouncilSettings
from hromada.receptions import centre_slots
from hromada.receptions.models import CentreService, ReceptionSettings, WindowHours
from hromada.receptions.tests.cbook_factory import CHRISTMAS, LAST_DAY, NOW, SATURDAY, TUESDAY, book, centre

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW
    ReceptionSettings.forget()
    yield
    ReceptionSettings.forget()


def _starts(slots) -> list[str]:
    return [s.starts.strftime("%H:%M") for s in slots]


def test_a_15_minute_service_fills_both_parts_of_the_day():
    c = centre()
    starts = _starts(centre_slots.free_slots(c["extract"], TUESDAY))
    assert starts[0] == "09:00" and starts[15] == "12:45" and starts[16] == "14:00" and starts[-1] == "16:45"
    assert len(starts) == 16 + 12


def test_a_30_minute_visit_must_end_before_the_break_and_the_close():
    c = centre()
    slots = centre_slots.free_slots(c["passport"], TUESDAY)
    starts = _starts(slots)
    assert "12:30" in starts and "12:45" not in starts and "16:30" in starts and "16:45" not in starts
    assert slots[0].ends == dt.time(9, 30)


def test_minutes_are_rounded_up_to_whole_grid_steps():
    c = centre()
    odd = CentreService.objects.create(code="X", name="X", group="X", minutes=20)
    c["windows"][0].services.add(odd)
    slots = centre_slots.free_slots(odd, TUESDAY)
    assert slots[0].ends == dt.time(9, 30) and _starts(slots)[-1] == "16:30"


def test_today_only_later_starts_and_no_past_days():
    c = centre()
    assert _starts(centre_slots.free_slots(c["extract"], dt.date(2026, 12, 7)))[0] == "09:15"
    assert centre_slots.free_slots(c["extract"], dt.date(2026, 12, 4)) == []


def test_a_weekend_is_closed():
    c = centre()
    WindowHours.objects.create(window=c["windows"][0], weekday=5, starts=dt.time(9), ends=dt.time(12))
    assert centre_slots.free_slots(c["extract"], SATURDAY) == []
    assert SATURDAY not in centre_slots.open_days(c["extract"])


def test_christmas_is_a_working_day_under_martial_law_only():
    c = centre()
    assert centre_slots.free_slots(c["extract"], CHRISTMAS)
    council = CouncilSettings.load()
    council.martial_law = False
    council.save()
    assert centre_slots.free_slots(c["extract"], CHRISTMAS) == []
    assert CHRISTMAS not in centre_slots.open_days(c["extract"])


def test_the_last_day_of_the_horizon_opens_at_the_opening_time(settings):
    c = centre()
    settings.HROMADA_NOW = "2026-12-07T07:59:00"
    assert centre_slots.free_slots(c["extract"], LAST_DAY) == []
    assert centre_slots.open_days(c["extract"])[-1] == CHRISTMAS  # then a weekend; the 28th is closed
    settings.HROMADA_NOW = "2026-12-07T08:00:00"
    assert centre_slots.free_slots(c["extract"], LAST_DAY)
    assert centre_slots.open_days(c["extract"])[-1] == LAST_DAY
    assert centre_slots.free_slots(c["extract"], LAST_DAY + dt.timedelta(days=1)) == []


def test_inactive_windows_and_services_offer_nothing():
    c = centre()
    c["windows"][0].is_active = False
    c["windows"][0].save()
    assert centre_slots.free_slots(c["extract"], TUESDAY) == []
    c["windows"][0].is_active = True
    c["windows"][0].save()
    assert centre_slots.free_slots(c["extract"], TUESDAY)
    offline = CentreService.objects.create(code="OFF", name="Off", group="X", minutes=15, is_bookable=False)
    c["windows"][0].services.add(offline)
    assert centre_slots.free_slots(offline, TUESDAY) == []


def test_a_booked_time_is_not_free_and_overlaps_are_hidden():
    c = centre()
    book(c["passport"], TUESDAY, "09:00")
    assert "09:00" not in _starts(centre_slots.free_slots(c["extract"], TUESDAY))
    assert "09:15" not in _starts(centre_slots.free_slots(c["extract"], TUESDAY))
    assert "09:30" in _starts(centre_slots.free_slots(c["extract"], TUESDAY))
    assert _starts(centre_slots.free_slots(c["passport"], TUESDAY))[0] == "09:30"


def test_slots_collapse_per_start_across_windows():
    c = centre(windows=2)
    book(c["extract"], TUESDAY, "09:00")
    slots = centre_slots.free_slots(c["extract"], TUESDAY)
    assert _starts(slots)[0] == "09:00" and slots[0].window_id == c["windows"][1].pk
    assert len(slots) == 28


def test_next_free_skips_the_asked_time_and_crosses_days():
    c = centre()
    found = centre_slots.next_free(c["extract"], TUESDAY, 3, after_time=dt.time(16, 30))
    assert [s.as_dict() for s in found] == [
        {"day": "2026-12-08", "starts": "16:45"},
        {"day": "2026-12-09", "starts": "09:00"},
        {"day": "2026-12-09", "starts": "09:15"},
    ]
