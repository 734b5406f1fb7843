""" "Receptions held" in the annual summary: personal receptions (days held, came, did not come,
appeals registered) and the centre (bookings, served, no-shows, live tickets served, average wait),
counted by the visit's day within the year, printed even when none, in the note, tables, JSON,
text and DOCX."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from typing import Any

import pytest
from django.utils import translation
from docx import Document

from hromada.receptions.models import (
    CentreBooking,
    CentrePerson,
    CentreService,
    Official,
    QueueTicket,
    ReceptionBooking,
    Window,
)
from hromada.receptions.selectors.summary import ReceptionsYear, receptions_year
from hromada.reports.annual import (
    annual_docx,
    annual_json,
    annual_note,
    annual_summary,
    annual_tables,
    annual_text,
)
from hromada.reports.annual_receptions import receptions_sentences
from hromada.testing import kyiv

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


def _visit(
    official: Official, day: dt.date, status: str, starts: dt.time | None = None, **extra: Any
) -> ReceptionBooking:
    return ReceptionBooking.objects.create(
        official=official,
        day=day,
        starts=starts,
        status=status,
        channel="portal",
        full_name="Коваленко Іван",
        topic_id="communal",
        created_at=kyiv(2024, 12, 1),
        **extra,
    )


def _centre_booking(
    service: CentreService, window: Window, day: dt.date, status: str, n: int
) -> CentreBooking:
    person = CentrePerson.objects.create(key=f"p{n}@example.org")
    return CentreBooking.objects.create(
        service=service,
        window=window,
        day=day,
        starts=dt.time(9, n % 60),
        ends=dt.time(10, n % 60),
        status=status,
        person=person,
        full_name="Петренко Олена",
        created_at=kyiv(2024, 12, 1),
    )


def _ticket(service: CentreService, day: dt.date, number: int, status: str, **times: object) -> QueueTicket:
    return QueueTicket.objects.create(day=day, number=number, service=service, status=status, **times)


@pytest.fixture
def receptions_of_2025(settings):
    """Two officials' receptions in 2025 and on both sides of it; the centre's visits likewise."""
    settings.HROMADA_NOW = "2026-11-20T12:00:00"
    mayor = Official.objects.create(full_name="Міський Голова", position="Міський голова", place="каб. 1")
    deputy = Official.objects.create(full_name="Заступник Голови", position="Заступник", place="каб. 2")
    new_year_eve, first_day = dt.date(2024, 12, 31), dt.date(2026, 1, 1)
    march, june = dt.date(2025, 3, 3), dt.date(2025, 6, 2)
    _visit(mayor, new_year_eve, "came")  # 2024
    _visit(mayor, march, "came", starts=dt.time(10), appeal_id=101)
    _visit(mayor, march, "came", starts=dt.time(10, 15))
    _visit(mayor, march, "not_came", starts=dt.time(10, 30))
    _visit(mayor, march, "cancelled", starts=dt.time(10, 45))
    _visit(mayor, march, "came", appeal_id=102)  # a walk-in
    _visit(deputy, june, "not_came", starts=dt.time(14))
    _visit(deputy, dt.date(2025, 12, 31), "booked", starts=dt.time(14))  # never marked: not held
    _visit(deputy, first_day, "came", appeal_id=103)  # 2026

    service = CentreService.objects.create(code="ДОВ", name="Довідка", group="Довідки")
    window = Window.objects.create(number="1")
    day = dt.date(2025, 5, 6)
    served = _centre_booking(service, window, day, "served", 1)
    _centre_booking(service, window, day, "no_show", 2)
    _centre_booking(service, window, day, "cancelled", 3)
    _centre_booking(service, window, dt.date(2025, 12, 31), "served", 4)
    _centre_booking(service, window, new_year_eve, "served", 5)  # 2024
    # the booked visitor: due 09:01, called 09:05 (4 min); a live one: issued 09:00, called 09:10 (10)
    QueueTicket.objects.create(
        day=day,
        number=1,
        service=service,
        booking=served,
        status="served",
        due_at=kyiv(2025, 5, 6, 9, 1),
        issued_at=kyiv(2025, 5, 6, 8, 50),
        called_at=kyiv(2025, 5, 6, 9, 5),
    )
    _ticket(service, day, 2, "served", issued_at=kyiv(2025, 5, 6, 9), called_at=kyiv(2025, 5, 6, 9, 10))
    _ticket(service, day, 3, "not_present", issued_at=kyiv(2025, 5, 6, 9), called_at=kyiv(2025, 5, 6, 9, 1))
    _ticket(service, day, 4, "waiting", issued_at=kyiv(2025, 5, 6, 12))
    _ticket(
        service, new_year_eve, 1, "served", issued_at=kyiv(2024, 12, 31, 9), called_at=kyiv(2024, 12, 31, 11)
    )


def test_receptions_are_counted_by_the_visit_day_within_the_year(receptions_of_2025):
    assert receptions_year(2025) == ReceptionsYear(
        reception_days=2,
        came=3,
        not_came=2,
        appeals=2,
        bookings=3,
        served=2,
        no_shows=1,
        live_served=1,
        average_wait=5.0,  # (4 + 10 + 1) / 3
    )
    assert receptions_year(2024) == ReceptionsYear(
        reception_days=1, came=1, bookings=1, served=1, live_served=1, average_wait=120.0
    )
    assert receptions_year(2026).appeals == 1


def test_note_tables_and_json_carry_the_counts(receptions_of_2025, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        counts = receptions_year(2025)
    summary = annual_summary(2025, today=TODAY)
    assert summary.receptions == counts
    assert annual_json(summary)["receptions"] == {
        "personal": {"reception_days": 2, "came": 3, "not_came": 2, "appeals": 2},
        "centre": {"bookings": 3, "served": 2, "no_shows": 1, "live_served": 1, "average_wait_minutes": 5.0},
    }
    tables = {t.key: t for t in annual_tables(summary)}
    assert [row[1] for row in tables["receptions"].rows] == [2, 3, 2, 2]
    assert [row[1] for row in tables["centre"].rows] == [3, 2, 1, 1, "5,0"]
    note = annual_note(summary)
    assert note[4:6] == receptions_sentences(counts)  # after the petitions, before the channels


def test_zeros_are_printed_when_there_were_no_receptions(db):
    summary = annual_summary(2023, today=TODAY)
    assert summary.receptions == ReceptionsYear()
    data = annual_json(summary)["receptions"]
    assert data["personal"] == {"reception_days": 0, "came": 0, "not_came": 0, "appeals": 0}
    assert data["centre"]["average_wait_minutes"] is None
    tables = {t.key: t for t in annual_tables(summary)}
    assert tables["centre"].rows[-1][1] is None  # printed as "—"
    assert len(annual_note(summary)) == 6


def test_sentences_agree_the_numerals_in_english():
    with translation.override("en"):
        one = receptions_sentences(ReceptionsYear(1, 1, 1, 1, 1, 1, 1, 1, 2.5))
        many = receptions_sentences(ReceptionsYear(5, 5, 5, 5, 5, 5, 5, 5, None))
    assert (
        one[0].startswith("Officials held 1 day of")
        and "1 appeal made at receptions was registered" in one[0]
    )
    assert "1 visitor of the live queue was served." in one[1] and "2.5 min" in one[1]
    assert (
        many[0].startswith("Officials held 5 days of")
        and "5 appeals made at receptions were registered" in many[0]
    )
    assert "min." not in many[1]


def test_docx_and_text_show_the_receptions_sections(receptions_of_2025):
    summary = annual_summary(2025, today=TODAY)
    doc = Document(io.BytesIO(annual_docx(summary, council_name="Міська рада")))
    paragraphs = [p.text for p in doc.paragraphs]
    assert all(sentence in paragraphs for sentence in receptions_sentences(summary.receptions))
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    wait = next(t for t in annual_tables(summary) if t.key == "centre").rows[-1][0]
    assert [wait, "5,0"] in rows
    assert dataclasses.asdict(summary.receptions)["bookings"] == 3
    assert "5,0" in annual_text(summary)
