"""The appeals report as a DOCX document: the note, its tables and its charts, ready to be signed.

Charts are Word tables of three columns — the label, a bar, the value — where each bar is a small
one-colour PNG (reports.png) whose width is the value's share of the longest bar: every word stays
real text, Word and LibreOffice lay it out alike, and no imaging library is needed. Each bar carries
its value as the picture's description for screen readers.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

from hromada.core import clock
from hromada.core.documents import XML_UNSAFE, set_fonts
from hromada.reports.charts import BAR_COLOUR, Chart, appeals_charts
from hromada.reports.figures import AppealsReport
from hromada.reports.note import appeals_note, report_title
from hromada.reports.png import hex_rgb, solid_png
from hromada.reports.tables import TEXT, Table, appeals_tables, cell_text

FONT_NAME = "Times New Roman"
FONT_SIZE = Pt(12)
TABLE_FONT_SIZE = Pt(9)
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN = Mm(20)
TEXT_WIDTH_MM = 170
FIRST_LINE = Mm(12.5)
BAR_MM = 80  # the longest bar of a chart
BAR_HEIGHT_MM = 3.5


def _set_fonts(rpr: BaseOxmlElement, language: str) -> None:
    set_fonts(rpr, font=FONT_NAME, language=language)


def _paragraph(
    doc: DocxDocument,
    text: str,
    *,
    style: str | None = None,
    bold: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    first_line: Mm | None = None,
    before: int = 0,
    after: int = 0,
    keep_with_next: bool = False,
) -> Paragraph:
    paragraph = doc.add_paragraph(style=style)
    fmt = paragraph.paragraph_format
    if align is not None:
        fmt.alignment = align
    if first_line is not None:
        fmt.first_line_indent = first_line
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = keep_with_next
    run = paragraph.add_run(XML_UNSAFE.sub("", text))
    run.bold = bold
    return paragraph


def _cell_paragraph(cell: _Cell, text: str, *, bold: bool = False, right: bool = False) -> Paragraph:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    if right:
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(XML_UNSAFE.sub("", text))
    run.bold = bold
    run.font.size = TABLE_FONT_SIZE
    return paragraph


def _repeat_header(row: _Row) -> None:
    """The header row repeats on every page the table spans."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _widths(table: DocxTable, widths_mm: Sequence[float]) -> None:
    """Column widths in the grid (LibreOffice lays out by it) and in every cell (Word does)."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        column.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def add_table(doc: DocxDocument, table: Table) -> None:
    _paragraph(doc, table.title, style="Heading 2", bold=True, before=12, after=4, keep_with_next=True)
    rows = [*table.rows, *([table.total] if table.total else [])]
    grid = doc.add_table(rows=1 + len(rows), cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, column in zip(grid.rows[0].cells, table.columns, strict=True):
        _cell_paragraph(cell, column.label, bold=True)
    _repeat_header(grid.rows[0])
    for r, values in enumerate(rows, start=1):
        is_total = table.total is not None and r == len(rows)
        for cell, value, column in zip(grid.rows[r].cells, values, table.columns, strict=True):
            _cell_paragraph(cell, cell_text(value, column.kind), bold=is_total, right=column.kind != TEXT)
    numbers = len(table.columns) - 1
    first = 60 if numbers > 5 else 80
    _widths(grid, [first, *([(TEXT_WIDTH_MM - first) / numbers] * numbers)])


def add_chart(doc: DocxDocument, chart: Chart) -> None:
    _paragraph(doc, chart.title, style="Heading 3", bold=True, before=12, after=4, keep_with_next=True)
    if not chart.bars:
        _paragraph(doc, _("No data."))
        return
    grid = doc.add_table(rows=len(chart.bars), cols=3)
    colour = hex_rgb(BAR_COLOUR)
    for row, bar in zip(grid.rows, chart.bars, strict=True):
        label, picture, value = row.cells
        _cell_paragraph(label, bar.label)
        length = chart.length(bar.value, BAR_MM)
        if length >= 0.5:
            pixels = max(1, round(length * 4))
            image = io.BytesIO(solid_png(pixels, 14, colour))
            run = picture.paragraphs[0].add_run()
            shape = run.add_picture(image, width=Mm(length), height=Mm(BAR_HEIGHT_MM))
            shape._inline.docPr.set("descr", f"{bar.label}: {bar.text}")
        _cell_paragraph(value, bar.text)
    _widths(grid, [TEXT_WIDTH_MM - BAR_MM - 25, BAR_MM + 3, 22])


def new_document(title: str, *, author: str, now: dt.datetime | None = None) -> DocxDocument:
    """An A4 document in Times New Roman with the core properties set."""
    doc = Document()
    # The stock template carries a thumbnail of its own empty page: not this document's.
    package_rels = doc.part.package.rels
    for rid in [rid for rid, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        package_rels.pop(rid)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    language = "en-GB" if (get_language() or "").startswith("en") else "uk-UA"
    normal = doc.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = FONT_SIZE
    _set_fonts(normal.element.get_or_add_rPr(), language)
    # Real headings (a screen reader and Word's navigation pane list them), in the body's font, black.
    for name, size in (("Heading 1", Pt(14)), ("Heading 2", Pt(12)), ("Heading 3", Pt(12))):
        heading = doc.styles[name]
        heading.font.size = size
        heading.font.bold = True
        heading.font.italic = False
        heading.font.color.rgb = RGBColor(0, 0, 0)
        rpr = heading.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:  # theme fonts would win over the named ones
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attr), None)
        _set_fonts(rpr, language)
    props = doc.core_properties
    moment = (now or clock.now()).astimezone(dt.UTC).replace(tzinfo=None)  # python-docx writes it as UTC
    props.title = title
    props.author = props.last_modified_by = author
    props.language = language
    props.created = props.modified = moment
    props.revision = 1
    props.comments = props.subject = props.keywords = props.category = ""
    return doc


def render_document(
    *,
    title: str,
    council_name: str,
    paragraphs: Sequence[str],
    tables: Sequence[Table] = (),
    charts: Sequence[Chart] = (),
    now: dt.datetime | None = None,
) -> bytes:
    """A report document: the council, the title, the note's paragraphs, the tables, the charts."""
    doc = new_document(title, author=council_name, now=now)
    if council_name:
        _paragraph(doc, council_name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, title, style="Heading 1", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=12)
    for text in paragraphs:
        _paragraph(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=FIRST_LINE, after=6)
    for table in tables:
        add_table(doc, table)
    if charts:
        _paragraph(doc, _("Charts"), style="Heading 2", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=18)
        for chart in charts:
            add_chart(doc, chart)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def appeals_docx(report: AppealsReport, *, council_name: str, now: dt.datetime | None = None) -> bytes:
    """The appeals report: the note, the tables without empty rows, the charts."""
    return render_document(
        title=report_title(report.period),
        council_name=council_name,
        paragraphs=appeals_note(report),
        tables=[table.without_empty_rows() for table in appeals_tables(report)],
        charts=appeals_charts(report),
        now=now,
    )
