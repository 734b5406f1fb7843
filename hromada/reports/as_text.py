"""The appeals report as plain text: the note, then its tables in aligned columns (for a terminal,
an e-mail, or pasting into a document)."""

from __future__ import annotations

from hromada.reports.figures import AppealsReport
from hromada.reports.note import appeals_note, report_title
from hromada.reports.tables import TEXT, Table, appeals_tables, cell_text


def table_text(table: Table) -> str:
    """A table in aligned columns: text to the left, numbers to the right."""
    header = [c.label for c in table.columns]
    body = [[cell_text(v, c.kind) for v, c in zip(row, table.columns, strict=True)] for row in table.rows]
    total = (
        [cell_text(v, c.kind) for v, c in zip(table.total, table.columns, strict=True)]
        if table.total
        else None
    )
    lines_all = [header, *body, *([total] if total else [])]
    widths = [max(len(line[i]) for line in lines_all) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        parts = []
        for i, (value, column) in enumerate(zip(cells, table.columns, strict=True)):
            parts.append(value.ljust(widths[i]) if column.kind == TEXT else value.rjust(widths[i]))
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    out = [table.title, line(header), rule, *(line(cells) for cells in body)]
    if total:
        out += [rule, line(total)]
    return "\n".join(out)


def render_text(report: AppealsReport) -> str:
    """The title, the note's paragraphs, then every table that has something in it."""
    parts = [report_title(report.period), "", *(p + "\n" for p in appeals_note(report))]
    for table in appeals_tables(report):
        parts.append(table_text(table.without_empty_rows()) + "\n")
    return "\n".join(parts).rstrip() + "\n"
