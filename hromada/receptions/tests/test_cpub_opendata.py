"""Open data of the ЦНАП (annex 38 of resolution 835): the annex's columns in its order, served visits
only (booked and live), and never a visitor's name, phone or e-mail."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.test import Client

from hromada.core.models import CouncilSettings
from hromada.receptions.models import (
    CentreBooking,
    CentreBookingStatus,
    QueueTicket,
    ReceptionSettings,
    TicketStatus,
)
from hromada.receptions.opendata import SERVICE_COLUMNS
from hromada.receptions.tests.cbook_factory import NOW, TUESDAY, book, centre
from hromada.testing import kyiv

pytestmark = pytest.mark.django_db
ANNEX = Path("/work/shared/reference/open-data-835")
if not ANNEX.exists():  # a checkout without the shared folder: the annex copy in the repository, if any
    ANNEX = Path(__file__).resolve().parents[3] / "docs" / "reference" / "open-data-835"


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW
    ReceptionSettings.forget()
    yield
    ReceptionSettings.forget()


def annex_names() -> list[str]:
    schema = json.loads((ANNEX / "annex-38-services.json").read_text(encoding="utf-8"))
    return [c["name"] for c in schema["tableSchema"]["columns"]]


@pytest.fixture
def visits():
    council = CouncilSettings.load()
    council.council_name, council.edrpou = "Житомирська міська рада", "04053625"
    council.save()
    CouncilSettings.forget()
    c = centre()
    c["passport"].authority, c["passport"].authority_code = "ГУ ДМС у Житомирській області", "37976485"
    c["passport"].fee = 0
    c["passport"].save()
    c["extract"].fee = "50.5"
    c["extract"].save()
    served = book(c["passport"], TUESDAY, "09:00", who="served@example.org", phone="+380671112233")
    booked = book(c["extract"], TUESDAY, "10:00", who="waiting@example.org", full_name="Степан Очікувач")
    redirected = book(c["extract"], TUESDAY, "11:00", who="redirected@example.org")
    CentreBooking.objects.filter(pk__in=[served.pk, redirected.pk]).update(status=CentreBookingStatus.SERVED)
    QueueTicket.objects.create(
        day=TUESDAY,
        number=1,
        service=c["extract"],
        booking=redirected,
        status=TicketStatus.REDIRECTED,
        issued_at=kyiv(2026, 12, 8, 10, 55),
    )
    live = QueueTicket.objects.create(
        day=TUESDAY,
        number=2,
        service=c["extract"],
        status=TicketStatus.SERVED,
        issued_at=kyiv(2026, 12, 8, 8, 30),
        finished_at=kyiv(2026, 12, 8, 8, 50),
    )
    waiting = QueueTicket.objects.create(
        day=TUESDAY, number=3, service=c["extract"], issued_at=kyiv(2026, 12, 8, 9, 5)
    )
    return {"served": served, "booked": booked, "redirected": redirected, "live": live, "waiting": waiting}


def _get(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200 and response.streaming
    return response.getvalue().decode("utf-8")


def test_the_csv_has_the_annex_columns_and_served_visits_only(visits):
    response = Client().get("/cnap/open-data/services.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="services.csv"' in response["Content-Disposition"]
    header, *rows = list(csv.reader(io.StringIO(_get("/cnap/open-data/services.csv"))))
    assert header == annex_names() == SERVICE_COLUMNS
    by_uid = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert list(by_uid) == [visits["live"].code, visits["served"].code]  # oldest first
    booked = by_uid[visits["served"].code]
    assert booked["registrationDateTime"] == "2026-12-08T09:00" and booked["providDate"] == "2026-12-08"
    assert booked["code"] == "ПАСП" and booked["title"] == "Паспорт громадянина України"
    assert (booked["authorityId"], booked["authorityName"]) == ("37976485", "ГУ ДМС у Житомирській області")
    assert (booked["amount"], booked["currency"], booked["applicantType"]) == ("0.00", "UAH", "Фізична особа")
    assert booked["applicantName"] == booked["applicantId"] == booked["issuedDate"] == ""
    live = by_uid[visits["live"].code]
    assert live["registrationDateTime"] == "2026-12-08T08:30" and live["amount"] == "50.50"
    assert (live["authorityId"], live["authorityName"]) == ("04053625", "Житомирська міська рада")
    required = [
        c["name"]
        for c in json.loads((ANNEX / "annex-38-services.json").read_text())["tableSchema"]["columns"]
        if c["required"]
    ]
    assert all(row[name] for row in by_uid.values() for name in required)


def test_the_json_has_the_same_rows(visits):
    items = json.loads(_get("/cnap/open-data/services.json"))
    assert [list(item) for item in items] == [SERVICE_COLUMNS, SERVICE_COLUMNS]
    assert {item["uid"] for item in items} == {visits["live"].code, visits["served"].code}
    response = Client().get("/cnap/open-data/services.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_no_personal_data_is_published(visits):
    text = _get("/cnap/open-data/services.csv") + _get("/cnap/open-data/services.json")
    for booking in CentreBooking.objects.all():
        assert booking.full_name not in text and booking.email not in text
        assert booking.token not in text
    assert "@" not in text and "067" not in text and "Іван" not in text
    assert visits["booked"].code not in text and visits["redirected"].code not in text
    assert visits["waiting"].code not in text


def test_an_empty_set_is_a_header_and_an_empty_list():
    assert _get("/cnap/open-data/services.csv").strip() == ",".join(SERVICE_COLUMNS)
    assert json.loads(_get("/cnap/open-data/services.json")) == []


def test_a_served_visit_appears_once_it_is_served():
    c = centre()
    visit = book(c["extract"], TUESDAY, "09:00")
    assert visit.code not in _get("/cnap/open-data/services.csv")
    CentreBooking.objects.filter(pk=visit.pk).update(status=CentreBookingStatus.SERVED)
    assert visit.code in _get("/cnap/open-data/services.csv")
    assert dt.date(2026, 12, 8).isoformat() in _get("/cnap/open-data/services.json")
