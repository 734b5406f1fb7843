"""Many visitors book one slot at once on PostgreSQL: exactly one wins, the others get SlotTaken."""

from __future__ import annotations

import pytest
from django.db import connection

from hromada.receptions.errors import SlotTaken
from hromada.receptions.models import ReceptionBooking, ReceptionSettings
from hromada.receptions.services.personal import book_reception
from hromada.receptions.tests.pers_support import booking_data, make_official
from hromada.reference.services import load_classifier
from hromada.testing import in_parallel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent booking needs PostgreSQL; SQLite serialises every writer",
    ),
]


@pytest.fixture(autouse=True)
def _vocabularies(settings):
    settings.HROMADA_NOW = "2026-12-07T09:00:00"
    ReceptionSettings.forget()
    load_classifier()


def test_one_slot_one_booking():
    official = make_official()
    count = 8
    results = in_parallel(
        count, lambda i: book_reception(**booking_data(official, email=f"v{i}@example.com"))
    )
    won = [r for r in results if isinstance(r, ReceptionBooking)]
    lost = [r for r in results if isinstance(r, SlotTaken)]
    assert len(won) == 1 and len(lost) == count - 1, results
    assert ReceptionBooking.objects.filter(official=official).count() == 1
