"""The one CSV/XLSX writer: no text arrives as a live formula, numbers and dates stay real values, and
no module outside it writes a CSV or a workbook by hand (so that the next export cannot forget)."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from pathlib import Path

import openpyxl
import pytest

from hromada.core import tabular

ROOT = Path(__file__).resolve().parents[2]  # the hromada package
WRITER = ROOT / "core" / "tabular.py"

#: An oracle of its own (not the writer's): what Excel and LibreOffice would evaluate.
_RUNS = re.compile(r"^(?:[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20])")
_ONLY_DIGITS = re.compile(r"\s*[+\-]?[\d\s().\-]+")

HOSTILE = [
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '   =HYPERLINK("http://evil","x")',
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    '＝HYPERLINK("http://evil","x")',
    "＋cmd|' /C calc'!A0",
    "－1+cmd",
    "＠SUM(A1)",
]


def live_formulas(cells: Iterable[str]) -> list[str]:
    """The CSV cells a spreadsheet would run as formulas."""
    return [c for c in cells if _RUNS.match(c) and not _ONLY_DIGITS.fullmatch(c)]


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_cell_is_defused_when_text_starts_like_a_formula(text: str):
    (_header, row) = csv.reader(io.StringIO("".join(tabular.csv_lines([[text]], ["title"])), newline=""))
    assert row == ["'" + text]
    assert live_formulas(row) == []


@pytest.mark.parametrize(
    "text", ["+380671234567", "-", "- 5", "(044) 123-45-67", "Ліфт = зламаний", "e-mail: a@b.ua", ""]
)
def test_csv_cell_is_kept_when_text_cannot_run(text: str):
    (_h, row) = csv.reader(io.StringIO("".join(tabular.csv_lines([[text]], ["x"])), newline=""))
    assert row == [text]


def test_csv_keeps_numbers_and_formats_dates_when_given_values():
    lines = tabular.csv_lines(
        [[12, -3, 2.5, dt.date(2026, 11, 2), dt.datetime(2026, 11, 2, 10, 5), None, True]],
        ["a", "b", "c", "d", "e", "f", "g"],
        delimiter=";",
        byte_order_mark=True,
        date_format="%d.%m.%Y",
        datetime_format="%d.%m.%Y %H:%M",
    )
    text = "".join(lines)
    assert text.startswith("\ufeffa;b;")
    assert text.splitlines()[1] == "12;-3;2.5;02.11.2026;02.11.2026 10:05;;true"


def test_xlsx_text_is_a_string_cell_and_numbers_and_dates_are_values_when_written():
    wb = tabular.new_workbook()
    ws = tabular.add_sheet(wb, "Аркуш", widths=[20], freeze="A2")
    tabular.append_row(ws, ["Назва"], bold=True)
    tabular.append_row(ws, [*HOSTILE, 7, 2.5, dt.date(2026, 11, 2), "нуль\x00байт"])
    out = io.BytesIO()
    tabular.save_workbook(wb, out)

    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
    assert sheet["A1"].font.bold
    row = next(iter(sheet.iter_rows(min_row=2)))
    for cell, text in zip(row, HOSTILE, strict=False):
        assert cell.data_type == "s"
        assert cell.value.replace("\r", "\n") == text.replace("\r", "\n")  # XML folds a lone CR
    assert all(cell.data_type != "f" for cell in row)
    seven, half, day, control = (c.value for c in row[len(HOSTILE) :])
    assert (seven, half, day, control) == (7, 2.5, dt.datetime(2026, 11, 2), "нульбайт")
    assert row[len(HOSTILE) + 2].is_date


_RAW_WRITERS = {("csv", "writer"), ("csv", "DictWriter"), ("openpyxl", "Workbook")}


def _calls_a_raw_writer(tree: ast.AST) -> list[str]:
    """`csv.writer(`, `csv.DictWriter(`, `openpyxl.Workbook(` or a `Workbook(` imported from openpyxl."""
    found = []
    from_openpyxl = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("openpyxl")
        for alias in node.names
        if alias.name == "Workbook"
    }
    from_csv = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "csv"
        for alias in node.names
        if alias.name in {"writer", "DictWriter"}
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if (func.value.id, func.attr) in _RAW_WRITERS:
                found.append(f"{func.value.id}.{func.attr}")
        elif isinstance(func, ast.Name) and func.id in from_openpyxl | from_csv:
            found.append(func.id)
    return found


def test_no_module_writes_csv_or_xlsx_when_it_is_not_the_one_writer():
    offenders = {}
    for path in ROOT.rglob("*.py"):
        if path == WRITER or "tests" in path.parts or "migrations" in path.parts:
            continue
        calls = _calls_a_raw_writer(ast.parse(path.read_text(encoding="utf-8")))
        if calls:
            offenders[str(path.relative_to(ROOT))] = calls
    assert offenders == {}, "write CSV and XLSX through hromada.core.tabular"


def test_the_guard_sees_a_raw_writer_when_one_is_written():
    source = "import csv\nfrom openpyxl import Workbook as W\ncsv.writer(f)\nW()\n"
    assert _calls_a_raw_writer(ast.parse(source)) == ["csv.writer", "W"]
