"""The text of the note: the sentences of a council's quarterly note, numerals agreeing with nouns."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from hromada.reports import periods
from hromada.reports.figures import AppealGroup, AppealsReport, IssueGroup, appeals_report, summarize
from hromada.reports.note import appeals_note, appeals_phrase, issues_phrase, report_title

TODAY = dt.date(2026, 11, 20)
HOTLINES = (
    "Урядова гаряча лінія (Урядовий контактний центр, 1545) — 2; "
    "Гаряча лінія голови облдержадміністрації (регіональний контактний центр) — 1"
)


@pytest.mark.parametrize(
    ("count", "appeals", "issues"),
    [
        (1, "1 звернення", "1 питання"),
        (2, "2 звернення", "2 питання"),
        (3, "3 звернення", "3 питання"),
        (5, "5 звернень", "5 питань"),
        (11, "11 звернень", "11 питань"),
        (12, "12 звернень", "12 питань"),
        (21, "21 звернення", "21 питання"),
        (22, "22 звернення", "22 питання"),
        (25, "25 звернень", "25 питань"),
        (111, "111 звернень", "111 питань"),
        (1221, "1221 звернення", "1221 питання"),
        (2104, "2104 звернення", "2104 питання"),
        (2230, "2230 звернень", "2230 питань"),
    ],
)
def test_numerals_agree_with_nouns_when_in_ukrainian(count, appeals, issues):
    assert (appeals_phrase(count), issues_phrase(count)) == (appeals, issues)


def test_note_of_the_known_register_reads_as_a_council_note(register):
    report = appeals_report(periods.quarter(2025, 1), today=TODAY)
    assert (
        report_title(report.period) == "Інформація про роботу зі зверненнями громадян за I квартал 2025 року"
    )
    assert appeals_note(report) == [
        "За I квартал 2025 року до ради надійшло 8 звернень. Ще 1 дублетне звернення повторно не враховано. "
        "Це на 60% більше, ніж за аналогічний період попереднього року (5 звернень).",
        f"З них 3 звернення (38%) надійшло через гарячі лінії: {HOTLINES}. "
        "В електронній формі надійшло 1 звернення, засобами телефонного зв'язку — 1 звернення. "
        "У письмовій формі надійшло 2 звернення, на особистому прийомі — 1 звернення.",
        "За видами: Пропозиція (зауваження) — 1 (13%); Заява (клопотання) — 5 (63%); Скарга — 2 (25%). "
        "Колективних звернень — 1, анонімних — 1, повторних — 1.",
        "Від громадян пільгових категорій надійшло 3 звернення (38%), зокрема: "
        "Учасник бойових дій — 2; Особа з інвалідністю II групи — 1.",
        "У зверненнях порушено 9 питань. Найчастіше порушувалися питання за тематикою: "
        "Комунальне господарство — 5 (56%); Транспорт і зв'язок — 2 (22%); Соціальний захист — 1 (11%). "
        "За результатами розгляду: Вирішено позитивно — 3 (33%); Відмовлено у задоволенні — 1 (11%); "
        "Дано роз'яснення — 2 (22%); Надіслано за належністю (ст. 7 Закону) — 1 (11%); "
        "Не підлягає розгляду (ст. 8 Закону) — 1 (11%). 1 питання перебуває на розгляді.",
        "Станом на 31.03.2025 виконавці надали відповіді на 4 звернення, з них вчасно — 3. "
        "Прострочено (відповідь із порушенням строку або не надана в строк) — 2.",
    ]


def _report(
    current: list[AppealGroup], previous: list[AppealGroup], issues: list[IssueGroup]
) -> AppealsReport:
    period = periods.quarter(2025, 2)
    return AppealsReport(
        summarize(period, period.end, current, issues, {}, {}),
        summarize(period.year_earlier(), period.year_earlier().end, previous, [], {}, {}),
    )


def test_note_agrees_21_appeals_and_says_fewer_when_a_year_earlier_had_more(db):
    report = _report(
        [
            AppealGroup("post", "application", "individual", 2025, 4, 21, 2, 0, 0),
        ],
        [AppealGroup("post", "complaint", "individual", 2024, 4, 25, 0, 0, 0)],
        [IssueGroup("communal", "resolved", 16), IssueGroup("communal", None, 5)],
    )
    first, channels, _kinds, priority, issues = appeals_note(report)
    assert first == (
        "За II квартал 2025 року до ради надійшло 21 звернення. "
        "Ще 2 дублетні звернення повторно не враховано. "
        "Це на 16% менше, ніж за аналогічний період попереднього року (25 звернень)."
    )
    assert channels.startswith(
        "Через гарячі лінії звернень не надходило. В електронній формі надійшло 0 звернень"
    )
    assert priority == "Від громадян пільгових категорій звернень не надходило."
    assert issues.startswith("У зверненнях порушено 21 питання.")
    assert issues.endswith("5 питань перебувають на розгляді.")


def test_note_says_as_many_or_nothing_a_year_earlier_when_so(db):
    same = _report([AppealGroup("web", "proposal", "individual", 2025, 5, 3, 0, 0, 0)],
                   [AppealGroup("web", "proposal", "individual", 2024, 5, 3, 0, 0, 0)], [])  # fmt: skip
    assert same.current.total == 3
    assert appeals_note(same)[0].endswith("Це стільки ж, скільки за аналогічний період попереднього року.")
    none = _report([AppealGroup("web", "proposal", "individual", 2025, 5, 1, 0, 0, 0)], [], [])
    assert appeals_note(none)[0] == (
        "За II квартал 2025 року до ради надійшло 1 звернення. "
        "За аналогічний період попереднього року звернень у реєстрі немає."
    )


def test_note_of_an_empty_period_is_one_sentence(register):
    report = appeals_report(periods.year(2020), today=TODAY)
    assert appeals_note(report) == ["За 2020 рік звернень до ради не надходило."]


def test_note_is_english_when_the_language_is_english(register):
    with translation.override("en"):
        note = appeals_note(appeals_report(periods.quarter(2025, 1), today=TODAY))
    assert note[0] == (
        "In quarter I of 2025 the council received 8 appeals. "
        "Another 1 duplicate appeal was not counted again. "
        "That is 60% more than in the same period a year earlier (5 appeals)."
    )
    assert note[-1] == "As of 31.03.2025 the executors answered 4 appeals, 3 of them on time; overdue: 2."
