"""Лист-відповідь: the answer to an appeal as the council's official letter, for print and as DOCX.

The words of the letter are Ukrainian constants here, not gettext messages: a local self-government
body writes to a citizen in the state language (Law No. 2704-VIII) whatever language the clerk's
screen speaks, and the notice on appealing a refusal quotes Law No. 393/96-ВР art. 16 word for word.
The page around the letter (buttons, explanations) is translated as usual.

Plain functions: `letter_appeal` reads what the letter needs in a fixed number of queries,
`letter_state` says which letter (if any) the appeal has, `build_letter` lays out its content once for
both the page and the document, `render_docx` writes the document in memory.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from hromada.accounts.models import Role, User
from hromada.appeals import permissions
from hromada.appeals.models import Answer, Appeal, AppealEvent, Applicant, Issue, Note, NoteKind, Status
from hromada.appeals.selectors import appeals_visible_to
from hromada.core import clock
from hromada.core.documents import XML_UNSAFE, set_fonts
from hromada.core.errors import NotFound
from hromada.core.models import CouncilSettings
from hromada.reference import selectors as ref
from hromada.reference.models import Result, Topic

#: What the appeal has to print.
FINAL = "final"  # answered or closed: the answers given
DRAFT = "draft"  # not answered yet, the executor's newest draft answer: marked ПРОЄКТ
ANONYMOUS = "anonymous"  # no addressee: not considered, nothing is sent (Law art. 8)
MISSING = "missing"  # neither an answer nor a draft yet
PRINTABLE = (FINAL, DRAFT)

#: Results that refuse what the author asked, so the letter must say how to appeal (Law arts. 15, 16):
#: "refused" (Classifier 9.2) and "not_considered" (Law art. 8). A resolved, explained, forwarded or
#: returned issue decides nothing against the author.
REFUSAL_RESULTS = frozenset({"refused", "not_considered"})

DRAFT_MARK = "ПРОЄКТ"
APPEAL_NOTICE = (
    "Відповідно до статті 16 Закону України «Про звернення громадян» скаргу на рішення, що "
    "оскаржується, може бути подано до органу вищого рівня або до суду протягом одного року з моменту "
    "його прийняття, але не пізніше одного місяця з часу ознайомлення громадянина з прийнятим рішенням."
)
RESULTS_HEADING = "Результати розгляду питань:"
NO_RESULT_YET = "результат ще не визначено"
BLANK_DATE = "____________"

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


@dataclass(frozen=True)
class Letter:
    """The content of one letter, laid out once for the page and the DOCX."""

    appeal_id: int
    number: str
    draft: bool
    letterhead: list[str]  # the body's name first, then its contact lines
    outgoing: str  # "№ К-12 від 21.11.2026"
    addressee: list[str]
    regarding: str
    body: list[str]  # paragraphs of the answer text(s)
    results: list[str] = field(default_factory=list)
    appeal_notice: str = ""
    signatory_position: str = ""
    signatory_name: str = ""
    executor: str = ""

    @property
    def title(self) -> str:
        return f"Відповідь на звернення № {self.number}"

    @property
    def draft_mark(self) -> str:
        return DRAFT_MARK if self.draft else ""

    @property
    def results_heading(self) -> str:
        return RESULTS_HEADING if self.results else ""


def letter_appeal(user: User, appeal_id: int) -> Appeal:
    """The appeal with everything its letter prints, if `user` may see it (else NotFound).

    Five queries whatever the appeal holds: the appeal (with its lead executor and the time of its
    last rework), issues, applicants, answers and draft answers. Topic and result names come from the
    reference cache."""
    last_rework = (
        AppealEvent.objects.filter(appeal=OuterRef("pk"), action="reopened").order_by("-at").values("at")[:1]
    )
    qs = (
        appeals_visible_to(user)
        .select_related("lead_executor")
        .annotate(reopened_at=Subquery(last_rework))
        .prefetch_related(
            Prefetch("issues", Issue.objects.only("appeal_id", "position", "topic_id", "result_id")),
            Prefetch(
                "applicants", Applicant.objects.only("appeal_id", "position", "name", "address", "email")
            ),
            Prefetch(
                "answers",
                Answer.objects.select_related("author").order_by("created_at", "id"),
                to_attr="letter_answers",
            ),
            Prefetch(
                "notes",
                Note.objects.filter(kind=NoteKind.DRAFT_ANSWER)
                .select_related("author")
                .order_by("created_at", "id"),
                to_attr="letter_drafts",
            ),
        )
    )
    appeal = qs.filter(pk=appeal_id).first()
    if appeal is None:
        raise NotFound(_("Appeal not found."), field="id")
    return appeal


def can_view_letter(user: User, appeal: Appeal) -> bool:
    """Those who give, sign off or send the answer: the head and the lead department's executor (who
    answer), the controller (who closes), the registrar (who dispatches the outgoing mail). A
    co-executing department only contributes notes: the letter is not theirs to print."""
    return (
        permissions.can_answer_appeal(user, appeal)
        or permissions.can_close_appeal(user)
        or user.has_role(Role.REGISTRAR)
    )


def _current_answers(appeal: Appeal) -> list[Answer]:
    """Answers since the last rework: a returned answer was not the council's last word."""
    answers: list[Answer] = appeal.letter_answers  # type: ignore[attr-defined]
    since = getattr(appeal, "reopened_at", None)
    return [a for a in answers if since is None or a.created_at >= since]


def _current_draft(appeal: Appeal, answers: list[Answer]) -> Note | None:
    """The newest draft answer written after the last answer and the last rework (older drafts were
    used or returned)."""
    drafts: list[Note] = appeal.letter_drafts  # type: ignore[attr-defined]
    if not drafts:
        return None
    newest = drafts[-1]
    since = getattr(appeal, "reopened_at", None)
    if since is not None and newest.created_at < since:
        return None
    if answers and newest.created_at <= answers[-1].created_at:
        return None
    return newest


def letter_state(appeal: Appeal) -> str:
    """FINAL, DRAFT, ANONYMOUS or MISSING (see the constants)."""
    if appeal.subject_id == "anonymous":
        return ANONYMOUS
    answers = _current_answers(appeal)
    if appeal.status in (Status.ANSWERED, Status.CLOSED) and answers:
        return FINAL
    if appeal.status != Status.FORWARDED and _current_draft(appeal, answers) is not None:
        return DRAFT
    return MISSING


def _d(day: dt.date) -> str:
    return dateformat.format(day, "d.m.Y")


def _local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _paragraphs(text: str) -> list[str]:
    """One paragraph per non-empty line, as a clerk types them."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _person(user: User | None) -> str:
    if user is None:
        return ""
    name = user.get_full_name() or user.username
    # The account has no phone of its own yet; printed once accounts keep one.
    phone = str(getattr(user, "phone", "") or "")
    return f"{name}, тел. {phone}" if phone else name


def _letterhead(council: CouncilSettings) -> list[str]:
    name = council.letterhead_name.strip() or council.council_name.upper()
    contacts = [
        f"тел. {council.letterhead_phone}" if council.letterhead_phone else "",
        f"e-mail: {council.letterhead_email}" if council.letterhead_email else "",
        council.letterhead_website,
    ]
    lines = [
        name,
        council.letterhead_address,
        ", ".join(c for c in contacts if c),
        f"Код ЄДРПОУ {council.edrpou}" if council.edrpou else "",
    ]
    return [line.strip() for line in lines if line.strip()]


def _addressee(appeal: Appeal) -> list[str]:
    """The author's name as given (Ukrainian needs the dative, which a machine gets wrong), then where
    the letter goes: the postal address and the e-mail."""
    applicants = list(appeal.applicants.all())
    if not applicants:
        return []
    first = applicants[0]
    name = f"{first.name} та інші" if appeal.subject_id == "collective" else first.name
    return [line for line in (name, first.address, first.email) if line]


def _result_lines(issues: list[Issue]) -> list[str]:
    topics = ref.vocabulary(Topic)
    results = ref.vocabulary(Result)
    lines = []
    for issue in issues:
        topic = topics[issue.topic_id].name if issue.topic_id in topics else issue.topic_id
        if issue.result_id:
            result = results[issue.result_id].name if issue.result_id in results else issue.result_id
            result = result[:1].lower() + result[1:]
        else:
            result = NO_RESULT_YET
        lines.append(f"{issue.position}. {topic} — {result}")
    return lines


def build_letter(appeal: Appeal, *, council: CouncilSettings) -> Letter:
    """The letter of an appeal read by `letter_appeal` whose state is FINAL or DRAFT."""
    state = letter_state(appeal)
    if state not in PRINTABLE:
        raise ValueError(f"appeal {appeal.pk} has no letter ({state})")
    answers = _current_answers(appeal)
    draft = _current_draft(appeal, answers) if state == DRAFT else None
    body = [p for a in answers for p in _paragraphs(a.text)]
    if draft is not None:
        body += _paragraphs(draft.text)
        date = BLANK_DATE
    else:
        answered = appeal.answered_at or answers[-1].created_at
        date = _d(_local_date(answered))
    issues = list(appeal.issues.all())
    refused = any(issue.result_id in REFUSAL_RESULTS for issue in issues)
    executor = appeal.lead_executor or (draft.author if draft is not None else answers[-1].author)
    return Letter(
        appeal_id=appeal.pk,
        number=appeal.number,
        draft=draft is not None,
        letterhead=_letterhead(council),
        outgoing=f"№ {appeal.number} від {date}",
        addressee=_addressee(appeal),
        regarding=f"Щодо звернення від {_d(appeal.registered_on)} № {appeal.number}",
        body=body,
        results=_result_lines(issues),
        appeal_notice=APPEAL_NOTICE if refused else "",
        signatory_position=council.letter_signatory_position.strip(),
        signatory_name=council.letter_signatory_name.strip(),
        executor=f"Виконавець: {_person(executor)}" if executor is not None else "",
    )


# --- DOCX -----------------------------------------------------------------------------------------


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
    normal.font.name = FONT_NAME  # type: ignore[attr-defined]
    normal.font.size = FONT_SIZE  # type: ignore[attr-defined]
    _set_fonts(normal.element.get_or_add_rPr())
    pf = normal.paragraph_format  # type: ignore[attr-defined]
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

    for i, text in enumerate(letter.body):
        _add(doc, text, align=justify, first_line=PARAGRAPH_INDENT, before=12 if i == 0 else 0)
    if letter.results:
        _add(doc, letter.results_heading, first_line=PARAGRAPH_INDENT, before=12)
        for line in letter.results:
            _add(doc, line, align=justify, first_line=PARAGRAPH_INDENT)
    if letter.appeal_notice:
        _add(doc, letter.appeal_notice, align=justify, first_line=PARAGRAPH_INDENT, before=12)

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
