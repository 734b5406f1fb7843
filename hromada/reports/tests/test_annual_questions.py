"""Public questions answered in the annual "dialogue with the community" summary: counted by the
answer's date in Kyiv time, printed even when none, in the note, the tables, JSON, text and DOCX."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pytest
from docx import Document

from hromada.questions import factories
from hromada.reports.annual import (
    annual_docx,
    annual_json,
    annual_note,
    annual_summary,
    annual_tables,
    annual_text,
)
from hromada.testing import kyiv

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def answered_questions(staff, settings):
    """Answers around the New Year boundaries (Kyiv is UTC+2 in winter, so 00:30 on 1 January in
    Kyiv is still the old year in UTC), one question awaiting its answer, one rejected."""
    settings.HROMADA_NOW = "2026-11-20T12:00:00"
    moderator, executor = staff["moderator"], staff["executor_communal"]
    asked = kyiv(2024, 12, 1, 10)
    for answered_at in [
        kyiv(2024, 12, 31, 23, 50),  # 2024
        kyiv(2025, 1, 1, 0, 10),  # 2025 (22:10 UTC on 31.12.2024)
        kyiv(2025, 6, 15, 12, 0),  # 2025
        kyiv(2025, 12, 31, 23, 59),  # 2025
        kyiv(2026, 1, 1, 0, 30),  # 2026 (22:30 UTC on 31.12.2025)
    ]:
        factories.answered(moderator, executor, at=asked, answered_at=answered_at)
    factories.published(moderator, at=kyiv(2025, 3, 1, 9))  # awaiting: not counted
    factories.rejected(moderator)


def test_questions_answered_are_counted_by_kyiv_year_when_answers_cross_new_year(answered_questions):
    counts = {year: annual_summary(year, today=TODAY).questions_answered for year in (2023, 2024, 2025, 2026)}
    assert counts == {2023: 0, 2024: 1, 2025: 3, 2026: 1}


def test_note_tables_and_json_carry_the_count_when_questions_were_answered(answered_questions):
    summary = annual_summary(2025, today=TODAY)
    assert "Рада відповіла на 3 публічні запитання мешканців." in annual_note(summary)
    assert annual_json(summary)["questions"] == {"answered": 3}
    table = next(t for t in annual_tables(summary) if t.key == "questions")
    assert (table.title, table.rows) == (
        "Публічні запитання",
        [["Надано відповідей на публічні запитання", 3]],
    )


def test_zero_is_printed_not_left_out_when_no_question_was_answered(answered_questions):
    summary = annual_summary(2023, today=TODAY)
    assert annual_note(summary)[2] == "Рада відповіла на 0 публічних запитань мешканців."
    assert annual_json(summary)["questions"] == {"answered": 0}
    assert re.search(r"\nНадано відповідей на публічні запитання +0\n", annual_text(summary))


@pytest.mark.parametrize(
    ("count", "sentence"),
    [
        (1, "Рада відповіла на 1 публічне запитання мешканців."),
        (2, "Рада відповіла на 2 публічні запитання мешканців."),
        (5, "Рада відповіла на 5 публічних запитань мешканців."),
        (11, "Рада відповіла на 11 публічних запитань мешканців."),
        (21, "Рада відповіла на 21 публічне запитання мешканців."),
        (24, "Рада відповіла на 24 публічні запитання мешканців."),
    ],
)
def test_note_agrees_the_numeral_when_count_is(db, count, sentence):
    summary = dataclasses.replace(annual_summary(2023, today=TODAY), questions_answered=count)
    assert sentence in annual_note(summary)


def test_docx_and_text_show_the_questions_section(answered_questions):
    summary = annual_summary(2025, today=TODAY)
    doc = Document(io.BytesIO(annual_docx(summary, council_name="Міська рада")))
    assert "Рада відповіла на 3 публічні запитання мешканців." in [p.text for p in doc.paragraphs]
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["Надано відповідей на публічні запитання", "3"] in rows
    text = annual_text(summary)
    assert "Публічні запитання\nПоказник" in text
