"""The annual "dialogue with the community" summary over the known register."""

from __future__ import annotations

import datetime as dt
import io
import json

from django.core.management import call_command
from docx import Document

from hromada.receptions.selectors.summary import ReceptionsYear
from hromada.reports.annual import annual_docx, annual_json, annual_note, annual_summary, annual_text
from hromada.reports.annual_receptions import receptions_sentences

TODAY = dt.date(2026, 11, 20)


def test_summary_counts_appeals_e_appeals_and_hotline_cards(register):
    summary = annual_summary(2025, today=TODAY)
    assert (summary.total, summary.e_appeals, summary.hotline_cards) == (11, 2, 4)  # q9 is a duplicate
    assert [(s.code, s.count, s.percent) for s in summary.busiest_channels] == [
        ("gov_hotline", 3, 27),
        ("post", 2, 18),
        ("web", 2, 18),
        ("phone", 2, 18),
        ("personal_reception", 1, 9),
    ]


def test_summary_json_has_its_documented_shape_and_nothing_faked(register):
    data = annual_json(annual_summary(2025, today=TODAY))
    assert list(data) == [
        "year",
        "period",
        "appeals",
        "busiest_channels",
        "issues",
        "questions",
        "petitions",
        "receptions",
    ]
    assert data["period"] == {
        "from": "2025-01-01",
        "to": "2025-12-31",
        "title": "2025 рік",
        "as_of": "2025-12-31",
    }
    assert data["appeals"] == {"total": 11, "electronic": 2, "hotline_cards": 4}
    assert data["busiest_channels"][0] == {
        "code": "gov_hotline",
        "name": "Урядова гаряча лінія (Урядовий контактний центр, 1545)",
        "count": 3,
        "percent": 27,
    }
    issues = data["issues"]
    assert (issues["total"], issues["pending"]) == (12, 4)
    assert {c: (s["count"], s["percent"]) for c, s in issues["by_topic"].items() if s["count"]} == {
        "transport": (2, 17),
        "social_protection": (1, 8),
        "health": (1, 8),
        "communal": (6, 50),
        "housing": (1, 8),
        "education": (1, 8),
    }
    # public questions, petitions and receptions exist (counted even when zero: see
    # test_annual_questions.py, test_annual_petitions.py, test_annual_receptions.py); features that
    # do not exist yet are left out, not printed as zeros
    assert data["questions"] == {"answered": 0}
    assert not {"open_data"} & {*data, *data["appeals"]}


def test_summary_note_agrees_numerals(register):
    assert annual_note(annual_summary(2025, today=TODAY)) == [
        "У 2025 році до ради надійшло 11 звернень, з них через вебсайт та електронною поштою — 2 звернення.",
        "Опрацьовано 4 картки гарячих ліній урядового та регіонального контактних центрів.",
        "Рада відповіла на 0 публічних запитань мешканців.",
        "Мешканці подали 0 електронних петицій. Для збору підписів оприлюднено 0 петицій. "
        "Необхідну кількість підписів зібрали 0 петицій. Рада надала відповідь на 0 петицій.",
        *receptions_sentences(ReceptionsYear()),
        "Найбільше звернень надійшло такими каналами: "
        "Урядова гаряча лінія (Урядовий контактний центр, 1545) — 3 (27%); Поштою — 2 (18%); "
        "Через вебсайт (електронне звернення) — 2 (18%); "
        "Засобами телефонного зв'язку (телефон ради, міська гаряча лінія) — 2 (18%); "
        "На особистому прийомі — 1 (9%).",
        "У зверненнях порушено 12 питань. Найчастіше порушувалися питання за тематикою: "
        "Комунальне господарство — 6 (50%); Транспорт і зв'язок — 2 (17%); Соціальний захист — 1 (8%); "
        "Охорона здоров'я — 1 (8%); Житлова політика — 1 (8%).",
        "За результатами розгляду: Вирішено позитивно — 3 (25%); Відмовлено у задоволенні — 1 (8%); "
        "Дано роз'яснення — 2 (17%); Надіслано за належністю (ст. 7 Закону) — 1 (8%); "
        "Не підлягає розгляду (ст. 8 Закону) — 1 (8%).",
    ]


def test_summary_of_a_quiet_year_says_so_without_listing_nothing(register):
    assert annual_note(annual_summary(2020, today=TODAY)) == [
        "У 2020 році до ради надійшло 0 звернень, з них через вебсайт та електронною поштою — 0 звернень.",
        "Опрацьовано 0 карток гарячих ліній урядового та регіонального контактних центрів.",
        "Рада відповіла на 0 публічних запитань мешканців.",
        "Мешканці подали 0 електронних петицій. Для збору підписів оприлюднено 0 петицій. "
        "Необхідну кількість підписів зібрали 0 петицій. Рада надала відповідь на 0 петицій.",
        *receptions_sentences(ReceptionsYear()),
    ]


def test_summary_docx_and_text_read_back(register):
    summary = annual_summary(2025, today=TODAY)
    doc = Document(io.BytesIO(annual_docx(summary, council_name="Міська рада")))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[1] == "Діалог з громадою: підсумки 2025 року"
    note = annual_note(summary)
    assert texts[2 : 2 + len(note)] == note
    overview = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert overview == [
        ["Показник", "Кількість", "%"],
        ["Надійшло звернень", "11", "100%"],
        ["Електронні звернення (вебсайт та електронна пошта)", "2", "18%"],
        ["Картки гарячих ліній", "4", "36%"],
    ]
    text = annual_text(summary)
    assert text.startswith(
        "Діалог з громадою: підсумки 2025 року\n\nУ 2025 році до ради надійшло 11 звернень"
    )


def test_command_writes_the_summary_as_text_json_and_docx(register, tmp_path):
    out = io.StringIO()
    call_command("report", "annual", "--year", "2025", stdout=out)
    assert out.getvalue() == annual_text(annual_summary(2025, today=TODAY))
    out = io.StringIO()
    call_command("report", "annual", "--year", "2025", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["appeals"] == {"total": 11, "electronic": 2, "hotline_cards": 4}
    call_command(
        "report", "annual", "--year", "2025", "--format", "docx", "--output", str(tmp_path / "a.docx")
    )
    assert Document(str(tmp_path / "a.docx")).paragraphs[1].text == "Діалог з громадою: підсумки 2025 року"
