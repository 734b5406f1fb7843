"""The appeals report as an XLSX workbook: one sheet per table, numbers as numbers.

Each sheet: the table's title in row 1, the column headings in row 2, the rows from row 3, the total
last. Counts and percents are numbers (a percent is the whole number printed elsewhere as "58%"),
average days a decimal number, an empty figure an empty cell — so a clerk can sum and chart them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from hromada.core import tabular
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
    """Through the one formula-safe writer (hromada.core.tabular): a department or topic name that
    starts with "=" stays a text cell."""
    wb = tabular.new_workbook()
    taken: set[str] = set()
    for table in tables:
        widths = [48 if i == 0 else 16 for i in range(len(table.columns))]
        ws = tabular.add_sheet(wb, sheet_name(table.sheet, taken), widths=widths, freeze="B3")
        days = {i: "0.0" for i, column in enumerate(table.columns) if column.kind == DAYS}
        tabular.append_row(ws, [table.title], bold=True)
        tabular.append_row(ws, [c.label for c in table.columns], bold=True)
        for row in table.rows:
            tabular.append_row(ws, row, number_formats=days)
        if table.total:
            tabular.append_row(ws, table.total, bold=True, number_formats=days)
    out = io.BytesIO()
    tabular.save_workbook(wb, out)
    return out.getvalue()


def appeals_xlsx(report: AppealsReport) -> bytes:
    """Every table of the report, every row (the empty ones too: a spreadsheet filters by itself)."""
    return render_workbook(appeals_tables(report))
