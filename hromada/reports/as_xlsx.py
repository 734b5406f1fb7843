"""The appeals report as an XLSX workbook: one sheet per table, numbers as numbers.

Each sheet: the table's title in row 1, the column headings in row 2, the rows from row 3, the total
last. Counts and percents are numbers (a percent is the whole number printed elsewhere as "58%"),
average days a decimal number, an empty figure an empty cell — so a clerk can sum and chart them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from hromada.reports.figures import AppealsReport
from hromada.reports.tables import DAYS, Table, appeals_tables

_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31


def sheet_name(name: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts (≤ 31 characters, none of []:*?/\\), unique in the workbook."""
    base = _SHEET_UNSAFE.sub(" ", name).strip()[:SHEET_NAME_MAX] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    taken.add(candidate.lower())
    return candidate


def render_workbook(tables: Sequence[Table]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    bold = Font(bold=True)
    taken: set[str] = set()
    for table in tables:
        ws = wb.create_sheet(sheet_name(table.sheet, taken))
        ws.append([table.title])
        ws["A1"].font = bold
        ws.append([c.label for c in table.columns])
        for cell in ws[2]:
            cell.font = bold
        for row in table.rows:
            ws.append(list(row))
        if table.total:
            ws.append(list(table.total))
            for cell in ws[ws.max_row]:
                cell.font = bold
        for i, column in enumerate(table.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = 48 if i == 1 else 16
            if column.kind == DAYS:
                for (cell,) in ws.iter_rows(min_row=3, min_col=i, max_col=i):
                    cell.number_format = "0.0"
        ws.freeze_panes = "B3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def appeals_xlsx(report: AppealsReport) -> bytes:
    """Every table of the report, every row (the empty ones too: a spreadsheet filters by itself)."""
    return render_workbook(appeals_tables(report))
