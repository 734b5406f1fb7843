"""The appeals report as JSON, text, DOCX and XLSX (read back), and through `hromada report`."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from hromada.reports import periods
from hromada.reports.as_docx import appeals_docx
from hromada.reports.as_json import report_json
from hromada.reports.as_text import render_text
from hromada.reports.as_xlsx import appeals_xlsx, sheet_name
from hromada.reports.figures import appeals_report
from hromada.reports.note import appeals_note
from hromada.testing import NO_LIBREOFFICE, convert_to_pdf, soffice

TODAY = dt.date(2026, 11, 20)
Q1 = ("--from", "2025-01-01", "--to", "2025-03-31")


@pytest.fixture
def report(register):
    return appeals_report(periods.quarter(2025, 1), today=TODAY)


def nonzero(shares: dict) -> dict:
    return {code: (s["count"], s["percent"]) for code, s in shares.items() if s["count"]}


def test_json_has_the_documented_shape_and_every_figure(report):
    data = report_json(report)
    assert list(data) == ["period", "appeals", "issues", "departments", "previous"]
    assert data["period"] == {
        "from": "2025-01-01",
        "to": "2025-03-31",
        "title": "I квартал 2025 року",
        "as_of": "2025-03-31",
    }
    appeals = data["appeals"]
    assert list(appeals) == [
        "total", "by_channel", "by_channel_group", "by_kind", "collective", "anonymous", "repeated",
        "duplicates", "priority", "by_month",
    ]  # fmt: skip
    assert appeals["total"] == 8
    assert appeals["by_channel"]["gov_hotline"] == {
        "name": "Урядова гаряча лінія (Урядовий контактний центр, 1545)",
        "count": 2,
        "percent": 25,
    }
    assert appeals["by_channel"]["email"] == {"name": "Електронною поштою", "count": 0, "percent": 0}
    assert nonzero(appeals["by_channel"]) == {
        "post": (2, 25), "personal_reception": (1, 13), "web": (1, 13), "phone": (1, 13),
        "gov_hotline": (2, 25), "regional_hotline": (1, 13),
    }  # fmt: skip
    assert nonzero(appeals["by_channel_group"]) == {
        "written": (2, 25), "oral": (1, 13), "electronic": (1, 13), "phone": (1, 13), "hotline": (3, 38),
    }  # fmt: skip
    assert appeals["by_channel_group"]["hotline"]["name"] == "Через гарячі лінії"
    assert nonzero(appeals["by_kind"]) == {"proposal": (1, 13), "application": (5, 63), "complaint": (2, 25)}
    assert [appeals[k] for k in ("collective", "anonymous", "repeated", "duplicates")] == [1, 1, 1, 1]
    assert (appeals["priority"]["total"], appeals["priority"]["percent"]) == (3, 38)
    assert nonzero(appeals["priority"]["by_category"]) == {"combatant": (2, 25), "disability_2": (1, 13)}
    assert appeals["by_month"] == {"2025-01": 2, "2025-02": 3, "2025-03": 3}
    issues = data["issues"]
    assert (issues["total"], issues["pending"]) == (9, 1)
    assert nonzero(issues["by_topic"]) == {
        "transport": (2, 22), "social_protection": (1, 11), "communal": (5, 56), "housing": (1, 11),
    }  # fmt: skip
    assert nonzero(issues["by_result"]) == {
        "resolved": (3, 33), "refused": (1, 11), "explained": (2, 22), "forwarded": (1, 11),
        "not_considered": (1, 11),
    }  # fmt: skip
    assert data["departments"] == [
        {
            "code": "communal", "name": "Департамент ЖКГ", "received": 5, "answered": 3,
            "answered_on_time": 2, "answered_late": 1, "open_overdue": 1, "overdue": 2, "average_days": 10.3,
            "on_time_percent": 50,
        },
        {
            "code": "social", "name": "Управління соцзахисту", "received": 2, "answered": 1,
            "answered_on_time": 1, "answered_late": 0, "open_overdue": 0, "overdue": 0, "average_days": 7.0,
            "on_time_percent": 100,
        },
    ]  # fmt: skip


def test_json_compares_with_the_same_period_a_year_earlier(report):
    previous = report_json(report)["previous"]
    assert list(previous) == ["period", "appeals", "issues", "departments", "change"]
    assert previous["period"]["title"] == "I квартал 2024 року"
    assert previous["appeals"]["total"] == 5
    assert nonzero(previous["appeals"]["by_channel"]) == {
        "post": (2, 40),
        "phone": (1, 20),
        "gov_hotline": (2, 40),
    }
    assert (
        previous["departments"][1]["on_time_percent"] == 0
        and previous["departments"][1]["average_days"] is None
    )
    assert previous["change"] == {
        "appeals": {"difference": 3, "percent": 60},
        "issues": {"difference": 4, "percent": 80},
        "priority": {"difference": 2, "percent": 200},
        "overdue": {"difference": 1, "percent": 100},
    }


def test_text_has_the_note_then_aligned_tables(report):
    text = render_text(report)
    lines = text.splitlines()
    assert lines[0] == "Інформація про роботу зі зверненнями громадян за I квартал 2025 року"
    for paragraph in appeals_note(report):
        assert paragraph in lines
    assert "Звернення за каналами надходження" in lines
    channel_header = lines[lines.index("Звернення за каналами надходження") + 1]
    assert channel_header.split("  ")[0] == "Канал надходження"
    assert "I квартал 2025 року" in channel_header and "I квартал 2024 року" in channel_header
    assert any(
        line.startswith("Поштою") and line.split()[-5:] == ["2", "25%", "2", "40%", "0"] for line in lines
    )
    assert any(
        line.startswith("Усього") and line.split()[-5:] == ["8", "100%", "5", "100%", "+3"] for line in lines
    )
    assert any(
        line.startswith("На розгляді") and line.split()[-5:] == ["1", "11%", "4", "80%", "−3"]
        for line in lines
    )
    department = next(line for line in lines if line.startswith("Департамент ЖКГ"))
    assert department.split()[2:] == ["5", "3", "2", "2", "10,3", "50%", "1", "0"]
    assert "Електронною поштою" not in text  # rows with nothing in either period are left out


def test_docx_reads_back_with_the_note_tables_and_charts(report):
    doc = Document(io.BytesIO(appeals_docx(report, council_name="Вишнівська міська рада")))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[:2] == [
        "Вишнівська міська рада",
        "Інформація про роботу зі зверненнями громадян за I квартал 2025 року",
    ]
    assert texts[2:8] == appeals_note(report)
    assert "Діаграми" in texts
    styles = [(p.text, p.style.name if p.style else None) for p in doc.paragraphs if p.text]
    assert (texts[1], "Heading 1") in styles  # real headings, for navigation and screen readers
    assert ("Звернення за каналами надходження", "Heading 2") in styles  # the table
    assert ("Звернення за каналами надходження", "Heading 3") in styles  # the chart
    assert doc.core_properties.title == texts[1] and doc.core_properties.language == "uk-UA"

    tables = doc.tables
    assert len(tables) == 9 + 4  # nine tables, four charts
    channels = [[c.text for c in row.cells] for row in tables[0].rows]
    assert channels[0] == [
        "Канал надходження",
        "I квартал 2025 року",
        "%",
        "I квартал 2024 року",
        "%",
        "Зміна",
    ]
    assert ["Поштою", "2", "25%", "2", "40%", "0"] in channels
    assert channels[-1] == ["Усього", "8", "100%", "5", "100%", "+3"]
    departments = [[c.text for c in row.cells] for row in tables[7].rows]
    assert departments[1] == ["Департамент ЖКГ", "5", "3", "2", "2", "10,3", "50%", "1", "0"]
    assert departments[-1] == ["Усього", "7", "4", "3", "2", "9,5", "60%", "2", "1"]
    on_time = [[c.text for c in row.cells] for row in tables[12].rows]
    assert on_time == [["Департамент ЖКГ", "", "50%"], ["Управління соцзахисту", "", "100%"]]
    assert len(doc.inline_shapes) == 6 + 4 + 3 + 2  # one bar per channel, topic, month, department
    widths = [shape.width for shape in doc.inline_shapes][-2:]
    assert widths[1] == 2 * widths[0]  # 100% is twice as long as 50%


def test_xlsx_has_one_sheet_per_table_with_numbers_as_numbers(report):
    wb = load_workbook(io.BytesIO(appeals_xlsx(report)))
    assert wb.sheetnames == [
        "Канали", "Форми надходження", "Види", "Суб'єкти та ознаки", "Пільгові категорії", "Тематика питань",
        "Результати розгляду", "Виконавці", "Місяці",
    ]  # fmt: skip
    ws = wb["Канали"]
    assert ws["A1"].value == "Звернення за каналами надходження"
    assert [c.value for c in ws[2]] == [
        "Канал надходження",
        "I квартал 2025 року",
        "%",
        "I квартал 2024 року",
        "%",
        "Зміна",
    ]
    rows = {r[0]: r[1:] for r in ws.iter_rows(min_row=3, values_only=True)}
    assert len(rows) == 12 + 1  # every channel, empty ones too, and the total
    assert rows["Поштою"] == (2, 25, 2, 40, 0)
    assert rows["Електронною поштою"] == (0, 0, 0, 0, 0)
    assert rows["Усього"] == (8, 100, 5, 100, 3)
    assert all(isinstance(v, int) for row in rows.values() for v in row)
    subjects = {r[0]: r[1:] for r in wb["Суб'єкти та ознаки"].iter_rows(min_row=3, values_only=True)}
    assert subjects["Дублетні (не враховано в загальній кількості)"] == (1, None, 0, None, 1)
    departments = list(wb["Виконавці"].iter_rows(min_row=3, values_only=True))
    assert departments[0] == ("Департамент ЖКГ", 5, 3, 2, 2, 10.3, 50, 1, 0)
    assert departments[-1] == ("Усього", 7, 4, 3, 2, 9.5, 60, 2, 1)
    months = list(wb["Місяці"].iter_rows(min_row=3, values_only=True))
    assert months == [("01.2025", 2, 1, 1), ("02.2025", 3, 2, 1), ("03.2025", 3, 2, 1)]


def test_xlsx_holds_no_formula_cell_when_a_department_is_named_like_one(register):
    from hromada.accounts.models import Department

    evil = '=HYPERLINK("http://evil","x")'
    Department.objects.filter(name="Департамент ЖКГ").update(name=evil)
    wb = load_workbook(io.BytesIO(appeals_xlsx(appeals_report(periods.quarter(2025, 1), today=TODAY))))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    first = wb["Виконавці"]["A3"]
    assert (first.value, first.data_type) == (evil, "s")
    assert wb["Виконавці"]["F3"].number_format == "0.0"  # average days still a number with one decimal


def test_sheet_names_are_cut_and_made_unique_when_too_long_or_repeated():
    taken: set[str] = set()
    name = sheet_name("Питання: за тематикою [усі] / 2025", taken)
    assert name == "Питання  за тематикою  усі    2" and len(name) == 31
    long = "Д" * 40
    assert sheet_name(long, taken) == "Д" * 31
    assert sheet_name(long, taken) == "Д" * 27 + " (2)"


def run(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("report", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_command_writes_text_and_json_to_standard_output(report):
    assert run("appeals", *Q1) == render_text(report)
    data = json.loads(run("appeals", *Q1, "--format", "json"))
    assert data == json.loads(json.dumps(report_json(report)))


def test_command_writes_docx_and_xlsx_to_a_file(report, tmp_path):
    run("appeals", *Q1, "--format", "docx", "--output", str(tmp_path / "q1.docx"))
    assert Document(str(tmp_path / "q1.docx")).paragraphs[1].text.endswith("за I квартал 2025 року")
    run(
        "appeals",
        "--from",
        "01.01.2025",
        "--to",
        "31.03.2025",
        "--format",
        "xlsx",
        "--output",
        str(tmp_path / "q1.xlsx"),
    )
    assert load_workbook(tmp_path / "q1.xlsx")["Канали"]["B3"].value == 2


def test_command_speaks_english_when_asked(report):
    assert run("appeals", *Q1, "--language", "en").startswith(
        "Report on the work with citizens' appeals in quarter I of 2025\n\n"
        "In quarter I of 2025 the council received 8 appeals."
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("appeals", *Q1, "--format", "docx"), "--output FILE is required for docx"),
        (("appeals", "--from", "2025-13-01", "--to", "2025-03-31"), "Not a date"),
        (("appeals", "--from", "2025-03-01", "--to", "2025-02-01"), "--to is earlier than --from"),
        (("annual", "--year", "1900"), "--year must be between"),
    ],
)
def test_command_refuses_bad_arguments(db, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


@pytest.mark.skipif(soffice() is None, reason=NO_LIBREOFFICE)
def test_docx_converts_to_pdf_when_libreoffice_opens_it(report, tmp_path):
    source = tmp_path / "zvit.docx"
    source.write_bytes(appeals_docx(report, council_name="Міська рада"))
    pdf = convert_to_pdf(source, tmp_path)
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 20_000  # the note, nine tables and four charts, not an empty page
