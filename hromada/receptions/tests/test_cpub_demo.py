"""The demo centre: a plausible catalogue, four windows with hours, bookings around today, served visits
for the open data; a second run adds nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.receptions import demo_centre
from hromada.receptions.models import (
    CentreBooking,
    CentreBookingStatus,
    CentreService,
    ReceptionSettings,
    SlotClaim,
    Window,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget():
    ReceptionSettings.forget()
    yield
    ReceptionSettings.forget()


@pytest.mark.parametrize("now", ["2026-12-08T07:30:00", "2026-12-10T19:30:00", "2026-12-12T12:00:00"])
def test_the_demo_centre_is_made_once(settings, now):
    settings.HROMADA_NOW = now
    counts = demo_centre.seed()
    assert counts["centre_services"] == CentreService.objects.count() == len(demo_centre.SERVICES)
    assert Window.objects.count() == 4 and all(w.administrator_id for w in Window.objects.all())
    assert len({s.group for s in CentreService.objects.all()}) == 4
    statuses = list(CentreBooking.objects.values_list("status", flat=True))
    assert statuses.count(CentreBookingStatus.CANCELLED) == 1
    assert statuses.count(CentreBookingStatus.SERVED) == counts["centre_served"] == 9
    weekday = now[:10] != "2026-12-12"
    today = CentreBooking.objects.filter(day=now[:10], status=CentreBookingStatus.BOOKED).count()
    assert today == (len(demo_centre.TODAY) if weekday else 0)
    assert SlotClaim.objects.exists()
    before = (CentreBooking.objects.count(), SlotClaim.objects.count())
    assert demo_centre.seed() == {}
    assert (CentreBooking.objects.count(), SlotClaim.objects.count()) == before
    body = Client().get("/cnap/open-data/services.csv").getvalue().decode()
    assert len(body.strip().splitlines()) == 1 + 9
    assert Client().get("/cnap/").status_code == 200
