"""The one writer of every CSV and XLSX file the platform produces, public (open data) or staff (exports,
reports): a text cell can never arrive in a spreadsheet as a live formula.

Why one module: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and Excel also after
a tab, a carriage return, leading spaces, or the full-width forms `＝＋－＠` that it folds to ASCII),
so `=HYPERLINK("http://evil","x")` in a petition's title or `+cmd|' /C calc'!A0` as a signer's name
would run on the clerk's or the journalist's machine (OWASP "CSV injection"). Each writer defusing on
its own was how the open data came to have no defusing at all; `core/tests/test_tabular.py` fails when
any other module calls `csv.writer(` or `openpyxl.Workbook(`.

- CSV: such a text gets a leading apostrophe (OWASP's advice; Excel and LibreOffice then show it as
  text). A number written as text that only a phone or a sum of digits could be (`+380671234567`,
  `-5`) is left as it is: without letters, a reference or a function, no formula can do harm.
- XLSX: text is always a string cell (never a formula cell), so it is kept exactly as written; numbers,
  dates and date-times are real cells. The workbook is openpyxl's write-only one: constant memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from django.http import StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

#: What a spreadsheet takes as the start of a formula (after any leading whitespace).
FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
#: Characters that start a formula even before the leading whitespace is looked past.
_CONTROL_START = ("\t", "\r")
#: Digits with the separators of a phone or a plain number: no function, no reference, no harm.
_HARMLESS_NUMBER = re.compile(r"\s*[+\-]?[\d\s().\-]+")

BOLD = Font(bold=True)


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could run `text` as a formula."""
    if text.startswith(_CONTROL_START):
        return True
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in FORMULA_START and not _HARMLESS_NUMBER.fullmatch(text)


def defuse(text: str) -> str:
    """The text a CSV cell may carry: a formula-like one gets a leading apostrophe."""
    return "'" + text if is_formula_like(text) else text


# --- CSV ---------------------------------------------------------------------------------------------


class _Echo:
    """csv.writer writes into this and gets the line back, to be yielded."""

    def write(self, value: str) -> str:
        return value


def csv_text(value: Any, *, date_format: str = "%Y-%m-%d", datetime_format: str = "%Y-%m-%dT%H:%M:%S") -> str:
    """One CSV cell: empty for None, dates in the given formats, numbers as they are, text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.strftime(datetime_format)
    if isinstance(value, dt.date):
        return value.strftime(date_format)
    if isinstance(value, int | float | Decimal):
        return str(value)
    return defuse(str(value))


def csv_lines(
    rows: Iterable[Sequence[Any]],
    header: Sequence[str],
    *,
    delimiter: str = ",",
    byte_order_mark: bool = False,
    date_format: str = "%Y-%m-%d",
    datetime_format: str = "%Y-%m-%dT%H:%M:%S",
) -> Iterator[str]:
    """The CSV file line by line (RFC 4180 quoting, CRLF), the header first, for a streamed response."""
    writer = csv.writer(_Echo(), delimiter=delimiter, lineterminator="\r\n")
    first = writer.writerow([defuse(str(title)) for title in header])
    yield ("\ufeff" + first) if byte_order_mark else first
    for row in rows:
        yield writer.writerow(
            [csv_text(v, date_format=date_format, datetime_format=datetime_format) for v in row]
        )


def csv_response(lines: Iterable[str], filename: str) -> StreamingHttpResponse:
    """A streamed CSV download: the first bytes leave at once and memory stays flat."""
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- XLSX --------------------------------------------------------------------------------------------

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def new_workbook() -> Workbook:
    """A write-only workbook with no sheet yet (add them with add_sheet)."""
    return Workbook(write_only=True)


def add_sheet(
    workbook: Workbook, title: str, *, widths: Sequence[float] = (), freeze: str | None = None
) -> WriteOnlyWorksheet:
    """A new sheet; column widths (in characters, from column A) and frozen panes must come before any
    row in a write-only sheet, so they are set here."""
    ws = workbook.create_sheet(title)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    if freeze:
        ws.freeze_panes = freeze
    return ws


def xlsx_cell(
    ws: WriteOnlyWorksheet, value: Any, *, bold: bool = False, number_format: str | None = None
) -> Any:
    """One cell: text as a string cell (never a formula), numbers and dates as real values."""
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # openpyxl would take a text starting with "=" for a formula
    elif value is None or isinstance(value, bool | int | float | Decimal | dt.date | dt.time):
        cell = WriteOnlyCell(ws, value=value)
        if number_format is None and isinstance(value, dt.datetime):
            number_format = "DD.MM.YYYY HH:MM"
        elif number_format is None and isinstance(value, dt.date):
            number_format = "DD.MM.YYYY"
    else:
        return xlsx_cell(ws, str(value), bold=bold, number_format=number_format)
    if bold:
        cell.font = BOLD
    if number_format:
        cell.number_format = number_format
    return cell


def append_row(
    ws: WriteOnlyWorksheet,
    values: Iterable[Any],
    *,
    bold: bool = False,
    number_formats: dict[int, str] | None = None,
) -> None:
    """Append one row; `number_formats` maps a 0-based column index to its format (e.g. "0.0")."""
    formats = number_formats or {}
    ws.append([xlsx_cell(ws, v, bold=bold, number_format=formats.get(i)) for i, v in enumerate(values)])


def save_workbook(workbook: Workbook, target: IO[bytes]) -> None:
    workbook.save(target)
