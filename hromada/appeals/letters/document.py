"""The letter as a DOCX (Типова інструкція з діловодства: A4, margins, Times New Roman 14), written in
memory, and its file name in Latin and Ukrainian letters."""

from __future__ import annotations

import datetime as dt
import io
import re
from urllib.parse import quote

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from hromada.appeals.letters.content import Letter
from hromada.core import clock
from hromada.core.documents import XML_UNSAFE, set_fonts

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Діловодство (Типова інструкція з діловодства, КМУ No. 1242 of 2011; ДСТУ 4163:2020): A4, margins
# 30/10/20/20 mm (left/right/top/bottom), Times New Roman 14.
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = Mm(30), Mm(10), Mm(20), Mm(20)
TEXT_WIDTH = Mm(210 - 30 - 10)
FONT_NAME = "Times New Roman"
FONT_SIZE = Pt(14)
SMALL_SIZE = Pt(12)
PARAGRAPH_INDENT = Mm(12.5)
ADDRESSEE_INDENT = Mm(90)


def _set_fonts(rpr: BaseOxmlElement) -> None:
    """Times New Roman for every script and Ukrainian spelling."""
    set_fonts(rpr, font=FONT_NAME, language="uk-UA")


def _bottom_border(paragraph: Paragraph) -> None:
    """The rule under the letterhead."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    border.append(bottom)
    # Schema order matters to Word: pBdr comes before these.
    ppr.insert_element_before(
        border, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr"
    )


#: Control characters XML 1.0 cannot hold (a pasted answer may carry them); tabs and newlines stay.


def _add(
    doc: DocxDocument,
    text: str,
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    bold: bool = False,
    size: Pt | None = None,
    first_line: Mm | None = None,
    left: Mm | None = None,
    before: int = 0,
) -> Paragraph:
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    if align is not None:
        fmt.alignment = align
    if first_line is not None:
        fmt.first_line_indent = first_line
    if left is not None:
        fmt.left_indent = left
    if before:
        fmt.space_before = Pt(before)
    run = paragraph.add_run(XML_UNSAFE.sub("", text))
    if bold:
        run.bold = True
    if size is not None:
        run.font.size = size
    return paragraph


def render_docx(letter: Letter, *, council_name: str = "", now: dt.datetime | None = None) -> bytes:
    """The letter as a DOCX document, built in memory."""
    doc = Document()
    # The stock template carries a picture of its own empty first page: not this letter's.
    package_rels = doc.part.package.rels
    for rid in [rid for rid, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        package_rels.pop(rid)
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM

    normal = doc.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = FONT_SIZE
    _set_fonts(normal.element.get_or_add_rPr())
    pf = normal.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(0), 1.0

    props = doc.core_properties
    # python-docx writes the time as given with a "Z": give it UTC.
    moment = (now or clock.now()).astimezone(dt.UTC).replace(tzinfo=None)
    props.title = letter.title
    props.author = props.last_modified_by = council_name
    props.language = "uk-UA"
    props.created = props.modified = moment
    props.revision = 1
    props.comments = props.subject = props.keywords = props.category = ""

    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    if letter.draft:
        _add(doc, letter.draft_mark, align=WD_ALIGN_PARAGRAPH.RIGHT, bold=True)
    head = letter.letterhead
    last = None
    for i, line in enumerate(head):
        last = _add(doc, line, align=center, bold=i == 0, size=None if i == 0 else SMALL_SIZE)
    if last is not None:
        _bottom_border(last)

    _add(doc, letter.outgoing, before=12)
    for i, line in enumerate(letter.addressee):
        _add(doc, line, left=ADDRESSEE_INDENT, before=12 if i == 0 else 0)
    _add(doc, letter.regarding, before=12)
    if letter.salutation:
        _add(doc, letter.salutation, align=center, before=12)

    for i, text in enumerate(letter.body):
        _add(doc, text, align=justify, first_line=PARAGRAPH_INDENT, before=12 if i == 0 else 0)
    if letter.results:
        _add(doc, letter.results_heading, first_line=PARAGRAPH_INDENT, before=12)
        for line in letter.results:
            _add(doc, line, align=justify, first_line=PARAGRAPH_INDENT)
    if letter.appeal_notice:
        _add(doc, letter.appeal_notice, align=justify, first_line=PARAGRAPH_INDENT, before=12)
    if letter.status_link:
        _add(doc, letter.status_link, align=justify, first_line=PARAGRAPH_INDENT, before=12)

    signature = _add(doc, f"{letter.signatory_position}\t{letter.signatory_name}".rstrip(), before=36)
    signature.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    signature.paragraph_format.keep_together = True
    if letter.executor:
        _add(doc, letter.executor, size=SMALL_SIZE, before=48)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- File name ------------------------------------------------------------------------------------

# The national transliteration (CMU Resolution No. 55 of 27.01.2010); the first form is for the start
# of a word.
_TRANSLIT: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "є": ("ye", "ie"), "ж": ("zh", "zh"), "з": ("z", "z"),
    "и": ("y", "y"), "і": ("i", "i"), "ї": ("yi", "i"), "й": ("y", "i"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"),
    "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"),
    "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ю": ("yu", "iu"), "я": ("ya", "ia"), "ь": ("", ""), "'": ("", ""),
    "’": ("", ""),
}  # fmt: skip


def transliterate(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        forms = _TRANSLIT.get(ch.lower())
        if forms is None:
            out.append(ch)
            continue
        latin = forms[0] if i == 0 or not text[i - 1].isalpha() else forms[1]
        out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


def docx_filename(letter: Letter) -> tuple[str, str]:
    """(ASCII name, Ukrainian name): vidpovid-K-12.docx and відповідь-К-12.docx."""
    stem = "proiekt-vidpovid" if letter.draft else "vidpovid"
    ascii_number = re.sub(r"[^A-Za-z0-9._-]+", "-", transliterate(letter.number)).strip("-._") or "lyst"
    unicode_stem = "проєкт-відповідь" if letter.draft else "відповідь"
    unicode_number = re.sub(r'[\\/:*?"<>|\s]+', "-", letter.number).strip("-.") or str(letter.appeal_id)
    return f"{stem}-{ascii_number}.docx", f"{unicode_stem}-{unicode_number}.docx"


def content_disposition(letter: Letter) -> str:
    """An attachment with a plain ASCII name for old clients and the Ukrainian one (RFC 6266)."""
    plain, full = docx_filename(letter)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(full, safe='')}"
