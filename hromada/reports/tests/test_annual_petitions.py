"""E-petitions in the annual "dialogue with the community" summary: each step counted by its own date
in Kyiv time, printed even when none, numerals agreeing, in the note, the tables, JSON, text and DOCX.

The Ukrainian sentences come from the catalogue (/tmp/i18n/petitions_staff.json until merged)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pytest
from docx import Document

from hromada.accounts.models import User
from hromada.petitions.models import Petition, PetitionStatus
from hromada.petitions.selectors import YearCounts
from hromada.reports.annual import (
    annual_docx,
    annual_json,
    annual_note,
    annual_summary,
    annual_tables,
    annual_text,
    petitions_sentence,
)
from hromada.residents.models import Resident
from hromada.testing import kyiv

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


def _petition(author: Resident, status: str, **dates: dt.datetime) -> Petition:
    created = dates.get("submitted_at") or kyiv(2024, 1, 1)
    return Petition.objects.create(
        author=author,
        author_name=author.full_name,
        author_email=author.email,
        title="Петиція",
        text="Текст",
        category_id="communal",
        status=status,
        created_at=created,
        updated_at=created,
        **dates,
    )


@pytest.fixture
def author(db) -> Resident:
    user = User.objects.create_user(username="author", password="pw")
    return Resident.objects.create(
        user=user, full_name="Коваль Олена", email="olena@example.com", created_at=kyiv(2024, 1, 1)
    )


@pytest.fixture
def petitions_of_2025(author, settings):
    """Steps around the New Year boundaries (Kyiv is UTC+2 in winter: 00:30 on 1 January in Kyiv is
    still the old year in UTC), a petition that spans two years, a draft never submitted."""
    settings.HROMADA_NOW = "2026-11-20T12:00:00"
    _petition(author, PetitionStatus.DRAFT)
    # submitted in 2024 (Kyiv), published on New Year's night: 2025.
    _petition(
        author,
        PetitionStatus.COLLECTING,
        submitted_at=kyiv(2024, 12, 31, 23, 50),
        published_at=kyiv(2025, 1, 1, 0, 30),
    )
    # the whole way in 2025
    _petition(
        author,
        PetitionStatus.ANSWERED,
        submitted_at=kyiv(2025, 3, 1, 10),
        published_at=kyiv(2025, 3, 3, 10),
        threshold_reached_at=kyiv(2025, 4, 1, 10),
        answered_at=kyiv(2025, 4, 10, 10),
    )
    # reached in 2025, answered on New Year's night: 2026
    _petition(
        author,
        PetitionStatus.ANSWERED,
        submitted_at=kyiv(2025, 10, 1, 10),
        published_at=kyiv(2025, 10, 3, 10),
        threshold_reached_at=kyiv(2025, 12, 31, 23, 59),
        answered_at=kyiv(2026, 1, 1, 0, 30),
    )
    _petition(author, PetitionStatus.REFUSED, submitted_at=kyiv(2025, 12, 31, 23, 59))
    _petition(author, PetitionStatus.MODERATION, submitted_at=kyiv(2026, 1, 1, 0, 10))


def test_petitions_are_counted_by_the_kyiv_date_of_each_step_when_they_cross_new_year(petitions_of_2025):
    counts = {year: annual_summary(year, today=TODAY).petitions for year in (2024, 2025, 2026)}
    assert counts == {
        2024: YearCounts(submitted=1, published=0, reached_threshold=0, answered=0),
        2025: YearCounts(submitted=3, published=3, reached_threshold=2, answered=1),
        2026: YearCounts(submitted=1, published=0, reached_threshold=0, answered=1),
    }


def test_note_tables_and_json_carry_the_counts_when_there_were_petitions(petitions_of_2025):
    summary = annual_summary(2025, today=TODAY)
    assert (
        "Мешканці подали 3 електронні петиції. Для збору підписів оприлюднено 3 петиції. "
        "Необхідну кількість підписів зібрали 2 петиції. Рада надала відповідь на 1 петицію."
    ) in annual_note(summary)
    assert annual_json(summary)["petitions"] == {
        "submitted": 3,
        "published": 3,
        "reached_threshold": 2,
        "answered": 1,
    }
    table = next(t for t in annual_tables(summary) if t.key == "petitions")
    assert (table.title, table.rows) == (
        "Електронні петиції",
        [
            ["Подано петицій", 3],
            ["Оприлюднено петицій для збору підписів", 3],
            ["Петицій, що зібрали необхідну кількість підписів", 2],
            ["Петицій, на які надано відповідь", 1],
        ],
    )


def test_zeros_are_printed_not_left_out_when_there_were_no_petitions(petitions_of_2025):
    summary = annual_summary(2023, today=TODAY)
    assert annual_json(summary)["petitions"] == {
        "submitted": 0,
        "published": 0,
        "reached_threshold": 0,
        "answered": 0,
    }
    assert (
        "Мешканці подали 0 електронних петицій. Для збору підписів оприлюднено 0 петицій. "
        "Необхідну кількість підписів зібрали 0 петицій. Рада надала відповідь на 0 петицій."
    ) in annual_note(summary)
    assert re.search(r"\nПодано петицій +0\n", annual_text(summary))


@pytest.mark.parametrize(
    ("count", "sentence"),
    [
        (
            1,
            "Мешканці подали 1 електронну петицію. Для збору підписів оприлюднено 1 петицію. "
            "Необхідну кількість підписів зібрала 1 петиція. Рада надала відповідь на 1 петицію.",
        ),
        (
            2,
            "Мешканці подали 2 електронні петиції. Для збору підписів оприлюднено 2 петиції. "
            "Необхідну кількість підписів зібрали 2 петиції. Рада надала відповідь на 2 петиції.",
        ),
        (
            5,
            "Мешканці подали 5 електронних петицій. Для збору підписів оприлюднено 5 петицій. "
            "Необхідну кількість підписів зібрали 5 петицій. Рада надала відповідь на 5 петицій.",
        ),
        (
            11,
            "Мешканці подали 11 електронних петицій. Для збору підписів оприлюднено 11 петицій. "
            "Необхідну кількість підписів зібрали 11 петицій. Рада надала відповідь на 11 петицій.",
        ),
        (
            21,
            "Мешканці подали 21 електронну петицію. Для збору підписів оприлюднено 21 петицію. "
            "Необхідну кількість підписів зібрала 21 петиція. Рада надала відповідь на 21 петицію.",
        ),
        (
            24,
            "Мешканці подали 24 електронні петиції. Для збору підписів оприлюднено 24 петиції. "
            "Необхідну кількість підписів зібрали 24 петиції. Рада надала відповідь на 24 петиції.",
        ),
    ],
)
def test_note_agrees_the_numerals_when_every_count_is(count, sentence):
    assert petitions_sentence(YearCounts(count, count, count, count)) == sentence


def test_note_places_the_petitions_after_the_public_questions(db):
    summary = dataclasses.replace(annual_summary(2023, today=TODAY), petitions=YearCounts(1, 1, 0, 0))
    note = annual_note(summary)
    assert note[2].startswith("Рада відповіла на 0 публічних запитань")
    assert note[3].startswith("Мешканці подали 1 електронну петицію.")


def test_docx_and_text_show_the_petitions_section(petitions_of_2025):
    summary = annual_summary(2025, today=TODAY)
    doc = Document(io.BytesIO(annual_docx(summary, council_name="Міська рада")))
    assert any(p.text.startswith("Мешканці подали 3 електронні петиції.") for p in doc.paragraphs)
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["Петицій, що зібрали необхідну кількість підписів", "2"] in rows
    assert "Електронні петиції\nПоказник" in annual_text(summary)
