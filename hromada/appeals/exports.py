"""Вивантаження списку звернень: the staff list as CSV or XLSX, for a spreadsheet.

Rows come from selectors.export_records (visibility, filters and order of the list page), streamed in
chunks: a chunk's applicants and issues arrive in two queries, whatever the number of rows.

CSV choices (written for a clerk who double-clicks the file in Excel with Ukrainian regional settings):
- UTF-8 with a byte-order mark: without it Excel reads the Cyrillic as Windows-1251 mojibake;
- `;` as the separator: it is the list separator of the Ukrainian locale (the decimal separator is a
  comma), so Excel splits the columns by itself; values are quoted when they hold `;`, quotes or
  line breaks (RFC 4180 quoting of Python's csv module);
- dates as 21.11.2026 and date-times as 21.11.2026 14:05 (Kyiv time), which Excel reads as dates;
- several applicants, phones, topics… in one cell separated by "; ";
- a text cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP "CSV
  injection"); a phone number such as +380671234567 is left as it is (hromada.core.tabular).
XLSX: openpyxl in write-only mode (constant memory), real date cells, text always stored as text.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.appeals.models import Status
from hromada.appeals.selectors import ExportRecord
from hromada.core import tabular
from hromada.reference import selectors as ref
from hromada.reference.models import Channel, Kind, Topic

#: The most rows one export writes. For a longer list the page says so first and offers the first
#: EXPORT_LIMIT rows or going back to narrow the filters. Measured at a million appeals on the
#: benchmark machine (slow cores): 100,000 rows take ~10 s as CSV (streamed, first bytes after
#: ~0.5 s) and ~40 s as XLSX (openpyxl builds the whole file first).
EXPORT_LIMIT = 100_000
CSV_DELIMITER = ";"
MULTI_SEPARATOR = "; "


def export_header() -> list[str]:
    return [
        _("Registration index"),
        _("Registered on"),
        _("Received at"),
        _("Channel"),
        _("Kind"),
        _("Applicant"),
        _("Phone"),
        _("E-mail"),
        _("Address"),
        _("Topics"),
        _("Summary"),
        _("Status"),
        _("Lead department"),
        _("Due date"),
        _("Answered at"),
        _("Closed at"),
    ]


def _join(values: Iterable[str]) -> str:
    return MULTI_SEPARATOR.join(v for v in values if v)


def export_rows(records: Iterable[ExportRecord], *, departments: dict[int, str]) -> Iterator[list[Any]]:
    """One list of Python values per appeal (dates as dates, times in Kyiv time without the zone: a
    spreadsheet has no time zones), in export_header()'s order.

    `records` come from selectors.export_records; `departments` maps a department's id to its name.
    Names are looked up now, in the request's language: the rows are produced later, while the
    response streams."""
    channels = {code: item.name for code, item in ref.vocabulary(Channel).items()}
    kinds = {code: item.name for code, item in ref.vocabulary(Kind).items()}
    topics = {code: item.name for code, item in ref.vocabulary(Topic).items()}
    statuses = {code: str(label) for code, label in Status.choices}
    anonymous = _("anonymous")
    zone = timezone.get_current_timezone()

    def local(value: dt.datetime | None) -> dt.datetime | None:
        return value.astimezone(zone).replace(tzinfo=None, microsecond=0) if value else None

    def rows() -> Iterator[list[Any]]:
        for r in records:
            people = r.applicants
            yield [
                r.number,
                r.registered_on,
                local(r.received_at),
                channels.get(r.channel, r.channel),
                kinds.get(r.kind, r.kind),
                anonymous if r.subject == "anonymous" else _join(p.name for p in people),
                _join(p.phone for p in people),
                _join(p.email for p in people),
                _join(p.address for p in people),
                _join(topics.get(t, t) for t in r.topics),
                r.summary,
                statuses.get(r.status, r.status),
                departments.get(r.lead_department_id, "") if r.lead_department_id else "",
                r.due_date,
                local(r.answered_at),
                local(r.closed_at),
            ]

    return rows()


# --- CSV and XLSX: through the one formula-safe writer (hromada.core.tabular) -------------------------


def csv_lines(rows: Iterable[list[Any]], header: list[str]) -> Iterator[str]:
    return tabular.csv_lines(
        rows,
        header,
        delimiter=CSV_DELIMITER,
        byte_order_mark=True,
        date_format="%d.%m.%Y",
        datetime_format="%d.%m.%Y %H:%M",
    )


def csv_response(rows: Iterable[list[Any]], filename: str) -> StreamingHttpResponse:
    """Streamed: the first bytes leave at once and memory stays flat for 100,000 rows."""
    lines = csv_lines(rows, export_header())  # the header in the request's language, now
    return tabular.csv_response(lines, filename)


#: Column widths in characters, in export_header()'s order.
_WIDTHS = (12, 12, 17, 24, 16, 30, 18, 24, 30, 30, 40, 22, 30, 12, 17, 17)


def write_xlsx(rows: Iterable[list[Any]], target: Any) -> None:
    """Write the workbook to the binary file `target`."""
    wb = tabular.new_workbook()
    ws = tabular.add_sheet(wb, _("Appeals"), widths=_WIDTHS, freeze="A2")
    tabular.append_row(ws, export_header(), bold=True)
    for row in rows:
        tabular.append_row(ws, row)
    tabular.save_workbook(wb, target)


def xlsx_response(rows: Iterable[list[Any]], filename: str) -> FileResponse:
    """Built in a temporary file (an XLSX is a zip: it cannot be streamed as it is written)."""
    target = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    write_xlsx(rows, target)
    target.seek(0)
    return FileResponse(
        target,
        as_attachment=True,
        filename=filename,
        content_type=tabular.XLSX_CONTENT_TYPE,
    )
