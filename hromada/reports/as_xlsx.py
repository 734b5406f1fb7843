"""The appeals report as an XLSX workbook: one sheet per table, numbers as numbers, native charts.

Each sheet: the table's title in row 1, the column headings in row 2, the rows from row 3, the total
last. Counts and percents are numbers (a percent is the whole number printed elsewhere as "58%"),
average days a decimal number, an empty figure an empty cell — so a clerk can sum and chart them.

Діаграми: the series the page and the DOCX draw (charts.py) — by channel, the leading topics, by
month, each department's on-time rate — and the results of the issues are native spreadsheet charts
beside their tables. They reference the sheet's own cells (values, categories, and the heading cell
that names each series) instead of carrying copies, so a clerk who corrects a figure sees the bar
follow, and Excel and LibreOffice draw them without any picture in the file.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.series_factory import SeriesFactory
from openpyxl.utils import get_column_letter, quote_sheetname

from hromada.core import tabular
from hromada.reports.charts import BAR_COLOUR, TOP_TOPICS, appeals_charts
from hromada.reports.figures import AppealsReport
from hromada.reports.tables import DAYS, Table, appeals_tables

_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
#: The rows of a table: its title is row 1, the headings row 2.
HEADING_ROW = 2
FIRST_ROW = 3
#: The colour of a year earlier's bars: the accent, lighter (the values are printed on both).
EARLIER_COLOUR = "8fb3de"


@dataclass(frozen=True)
class SheetChart:
    """A native chart of one table's sheet: the 0-based columns of its series (each named by its
    heading) against the first column's labels."""

    table: str
    title: str
    series: tuple[int, ...]
    #: Horizontal bars for long labels (names); upright columns for months.
    horizontal: bool = True
    #: A percent chart: the axis runs from 0 to 100.
    percent: bool = False
    #: Only the first rows with a value in the first series (the table lists the largest first).
    top: int | None = None


def appeals_sheet_charts(report: AppealsReport, tables: Sequence[Table]) -> list[SheetChart]:
    """The page's charts (their titles from charts.py) and the results of the issues; the breakdowns
    show this period beside the same period a year earlier, as their tables do."""
    titles = {chart.key: chart.title for chart in appeals_charts(report)}
    results = next(t.title for t in tables if t.key == "results")
    return [
        SheetChart("channels", titles["channels"], (1, 3)),
        SheetChart("topics", titles["topics"], (1, 3), top=TOP_TOPICS),
        SheetChart("results", results, (1, 3)),
        SheetChart("departments", titles["on_time"], (6,), percent=True),
        SheetChart("months", titles["months"], (1, 2), horizontal=False),
    ]


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


def _column_range(sheet: str, column: int, first: int, last: int) -> str:
    letter = get_column_letter(column + 1)
    return f"{quote_sheetname(sheet)}!${letter}${first}:${letter}${last}"


def chart_rows(table: Table, spec: SheetChart) -> int:
    """How many of the table's rows the chart shows (0: no chart)."""
    if spec.top is None:
        return len(table.rows)
    first = spec.series[0]
    return min(spec.top, sum(1 for row in table.rows if isinstance(row[first], int) and row[first] > 0))


def sheet_chart(sheet: str, table: Table, spec: SheetChart) -> BarChart | None:
    """The chart over rows 3… of the sheet; None when it would have no bar."""
    rows = chart_rows(table, spec)
    if not rows:
        return None
    last = FIRST_ROW + rows - 1
    chart = BarChart()
    chart.type = "bar" if spec.horizontal else "col"
    chart.title = spec.title
    chart.style = 10
    labels = AxDataSource(strRef=StrRef(f=_column_range(sheet, 0, FIRST_ROW, last)))
    for i, column in enumerate(spec.series):
        values = Reference(range_string=_column_range(sheet, column, FIRST_ROW, last))
        series = SeriesFactory(values)
        heading = _column_range(sheet, column, HEADING_ROW, HEADING_ROW).split(":")[0]
        series.tx = SeriesLabel(strRef=StrRef(f=heading))
        series.cat = labels
        series.graphicalProperties.solidFill = BAR_COLOUR.lstrip("#") if i == 0 else EARLIER_COLOUR
        series.graphicalProperties.line.noFill = True
        chart.series.append(series)
    chart.dataLabels = DataLabelList(showVal=True)  # every bar prints its value: nothing by colour alone
    if spec.horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # the first row on top, as in the table
        chart.y_axis.crosses = "max"  # and the value axis stays below the bars
    if spec.percent:
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl would hide both axes
    chart.legend.position = "b"
    if len(spec.series) == 1:
        chart.legend = None
    chart.width = 18
    chart.height = max(7.5, 1.0 + rows * 0.5 * len(spec.series)) if spec.horizontal else 7.5
    return chart


def render_workbook(tables: Sequence[Table], charts: Sequence[SheetChart] = ()) -> bytes:
    """Through the one formula-safe writer (hromada.core.tabular): a department or topic name that
    starts with "=" stays a text cell. A table with a chart gets it to the right of its columns."""
    wb = tabular.new_workbook()
    taken: set[str] = set()
    wanted = {spec.table: spec for spec in charts}
    for table in tables:
        widths = [48 if i == 0 else 16 for i in range(len(table.columns))]
        name = sheet_name(table.sheet, taken)
        ws = tabular.add_sheet(wb, name, widths=widths, freeze="B3")
        days = {i: "0.0" for i, column in enumerate(table.columns) if column.kind == DAYS}
        tabular.append_row(ws, [table.title], bold=True)
        tabular.append_row(ws, [c.label for c in table.columns], bold=True)
        for row in table.rows:
            tabular.append_row(ws, row, number_formats=days)
        if table.total:
            tabular.append_row(ws, table.total, bold=True, number_formats=days)
        chart = sheet_chart(name, table, wanted[table.key]) if table.key in wanted else None
        if chart is not None:
            ws.add_chart(chart, f"{get_column_letter(len(table.columns) + 2)}{FIRST_ROW}")
    out = io.BytesIO()
    tabular.save_workbook(wb, out)
    return out.getvalue()


def appeals_xlsx(report: AppealsReport) -> bytes:
    """Every table of the report, every row (the empty ones too: a spreadsheet filters by itself),
    and the charts of the page beside their tables."""
    tables = appeals_tables(report)
    return render_workbook(tables, appeals_sheet_charts(report, tables))
