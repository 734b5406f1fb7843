"""Many bookers at once on PostgreSQL: one slot is booked once, the others get `SlotTaken`; one person's
simultaneous bookings cannot pass the limit together."""

from __future__ import annotations

import pytest
from django.db import connection

from hromada.receptions.errors import LimitReached, SlotTaken
from hromada.receptions.models import CentreBooking, ReceptionSettings, SlotClaim
from hromada.receptions.tests.cbook_factory import NOW, TUESDAY, book, centre
from hromada.testing import in_parallel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent booking needs PostgreSQL's row locks; SQLite serialises every writer",
    ),
]


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW
    ReceptionSettings.forget()
    yield
    ReceptionSettings.forget()


def test_sixteen_bookers_of_one_slot_make_exactly_one_booking():
    c = centre()
    results = in_parallel(16, lambda i: book(c["passport"], TUESDAY, "10:00", who=f"p{i}@example.org"))
    booked = [r for r in results if isinstance(r, CentreBooking)]
    taken = [r for r in results if isinstance(r, SlotTaken)]
    assert len(booked) == 1 and len(taken) == 15, results
    assert all(t.alternatives for t in taken)
    assert CentreBooking.objects.count() == 1 and SlotClaim.objects.count() == 2


def test_one_person_booking_many_times_at_once_stays_within_the_limit():
    c = centre()
    starts = ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45"]
    results = in_parallel(8, lambda i: book(c["extract"], TUESDAY, starts[i]))
    assert sum(isinstance(r, CentreBooking) for r in results) == 3, results
    assert sum(isinstance(r, LimitReached) for r in results) == 5
