"""The XLSX report's native charts, read back with openpyxl: one beside each charted table, titled in
the active language, its series and labels pointing at the sheet's own cells; and, where LibreOffice
Calc is installed, the workbook with its charts opens and prints to PDF."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.utils import translation
from openpyxl import load_workbook
from openpyxl.chart.bar_chart import BarChart

from hromada.reports import periods
from hromada.reports.as_xlsx import appeals_xlsx
from hromada.reports.figures import appeals_report
from hromada.testing import NO_LIBREOFFICE_CALC, convert_to_pdf, soffice_calc

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def workbook(register):
    return load_workbook(io.BytesIO(appeals_xlsx(appeals_report(periods.quarter(2025, 1), today=TODAY))))


def title(chart: BarChart) -> str:
    return "".join(run.t for p in chart.title.tx.rich.p for run in (p.r or []))


def refs(chart: BarChart) -> list[tuple[str, str, str]]:
    """(values, series name, labels) of each series."""
    return [(s.val.numRef.f, s.tx.strRef.f, s.cat.strRef.f) for s in chart.series]


def test_charted_sheets_have_one_chart_each_and_the_others_none(workbook):
    counts = {ws.title: len(ws._charts) for ws in workbook.worksheets}
    assert counts == {
        "Канали": 1, "Форми надходження": 0, "Види": 0, "Суб'єкти та ознаки": 0, "Пільгові категорії": 0,
        "Тематика питань": 1, "Результати розгляду": 1, "Виконавці": 1, "Місяці": 1,
    }  # fmt: skip


def test_chart_titles_are_those_of_the_page_when_in_ukrainian(workbook):
    titles = {ws.title: title(ws._charts[0]) for ws in workbook.worksheets if ws._charts}
    assert titles == {
        "Канали": "Звернення за каналами надходження",
        "Тематика питань": "Найпоширеніші тематики питань",
        "Результати розгляду": "Результати розгляду питань",
        "Виконавці": "Вчасно розглянуті звернення за виконавцями, %",
        "Місяці": "Звернення за місяцями реєстрації",
    }


def test_chart_titles_are_english_when_the_language_is_english(register):
    with translation.override("en"):
        data = appeals_xlsx(appeals_report(periods.quarter(2025, 1), today=TODAY))
    wb = load_workbook(io.BytesIO(data))
    titles = [title(ws._charts[0]) for ws in wb.worksheets if ws._charts]
    assert titles == [
        "Appeals by channel",
        "Leading topics of the issues",
        "Results of consideration of the issues",
        "Answered on time by department, %",
        "Appeals by month of registration",
    ]


def test_breakdown_charts_reference_this_period_and_a_year_earlier_in_the_sheet(workbook):
    ws = workbook["Канали"]
    (chart,) = ws._charts
    assert chart.type == "bar"  # horizontal: the channel names are long
    assert refs(chart) == [
        ("'Канали'!$B$3:$B$14", "'Канали'!$B$2", "'Канали'!$A$3:$A$14"),
        ("'Канали'!$D$3:$D$14", "'Канали'!$D$2", "'Канали'!$A$3:$A$14"),
    ]  # the 12 channels, not the total in row 15
    assert (ws["A15"].value, ws["B2"].value, ws["D2"].value) == (
        "Усього",
        "I квартал 2025 року",
        "I квартал 2024 року",
    )
    assert chart.dataLabels.showVal  # every bar prints its value
    assert (chart.anchor._from.col, chart.anchor._from.row) == (7, 2)  # H3: right of the six columns


def test_topics_chart_shows_only_the_topics_raised_largest_first(workbook):
    ws = workbook["Тематика питань"]
    (chart,) = ws._charts
    sheet = "'Тематика питань'"
    assert refs(chart)[0] == (f"{sheet}!$B$3:$B$6", f"{sheet}!$B$2", f"{sheet}!$A$3:$A$6")
    counts = [ws.cell(row, 2).value for row in range(3, 8)]
    assert counts[:4] == sorted(counts[:4], reverse=True) and all(counts[:4]) and not counts[4]


def test_results_months_and_departments_charts_reference_their_columns(workbook):
    (results,) = workbook["Результати розгляду"]._charts
    last = workbook["Результати розгляду"].max_row - 1  # the row before the total
    assert workbook["Результати розгляду"].cell(last, 1).value == "На розгляді"
    assert refs(results)[0][0] == f"'Результати розгляду'!$B$3:$B${last}"

    (months,) = workbook["Місяці"]._charts
    assert months.type == "col"
    assert refs(months) == [
        ("'Місяці'!$B$3:$B$5", "'Місяці'!$B$2", "'Місяці'!$A$3:$A$5"),
        ("'Місяці'!$C$3:$C$5", "'Місяці'!$C$2", "'Місяці'!$A$3:$A$5"),
    ]

    (on_time,) = workbook["Виконавці"]._charts
    assert refs(on_time) == [("'Виконавці'!$G$3:$G$4", "'Виконавці'!$G$2", "'Виконавці'!$A$3:$A$4")]
    assert (on_time.y_axis.scaling.min, on_time.y_axis.scaling.max) == (0, 100)
    assert [workbook["Виконавці"].cell(r, 7).value for r in (3, 4)] == [50, 100]


def test_no_chart_is_drawn_when_the_period_has_no_appeals(db):
    wb = load_workbook(io.BytesIO(appeals_xlsx(appeals_report(periods.quarter(2019, 1), today=TODAY))))
    assert len(wb["Тематика питань"]._charts) == 0  # no topic raised: no empty chart
    assert len(wb["Виконавці"]._charts) == 0  # no department led an appeal
    assert len(wb["Канали"]._charts) == 1  # every channel is listed, at 0


@pytest.mark.skipif(soffice_calc() is None, reason=NO_LIBREOFFICE_CALC)
def test_xlsx_with_its_charts_converts_to_pdf_when_libreoffice_calc_opens_it(register, tmp_path):
    source = tmp_path / "zvit.xlsx"
    source.write_bytes(appeals_xlsx(appeals_report(periods.quarter(2025, 1), today=TODAY)))
    pdf = convert_to_pdf(source, tmp_path)
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "zvit.pdf"), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert "Найпоширеніші тематики питань" in text  # a chart's title: no sheet cell holds it
