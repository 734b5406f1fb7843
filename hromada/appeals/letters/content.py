"""What a letter says: which letter an appeal has, who may see it, and its content laid out once
for the page and the document (see the package's docstring on the language of the letter)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import Role, User
from hromada.appeals import permissions
from hromada.appeals.letters.links import status_url
from hromada.appeals.models import Answer, Appeal, AppealEvent, Applicant, Issue, Note, NoteKind, Status
from hromada.appeals.selectors import appeals_visible_to
from hromada.core.errors import NotFound
from hromada.core.models import CouncilSettings
from hromada.notifications.salutation import ukrainian_salutation
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
DEAR_APPLICANTS = "Шановні заявники!"
STATUS_LINK = (
    "Стан розгляду звернення можна переглянути на сторінці {url} "
    "(код відстеження надіслано в листі про реєстрацію звернення)."
)


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
    salutation: str = ""  # "Шановна Ірино Степанівно!" (hromada.notifications.salutation)
    results: list[str] = field(default_factory=list)
    appeal_notice: str = ""
    status_link: str = ""  # "Стан розгляду звернення: https://…" (e-appeals only)
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


def _salutation(appeal: Appeal) -> str:
    """ "Шановна Ірино Степанівно!" to the first author; the neutral plural to a collective appeal."""
    if appeal.subject_id == "collective":
        return DEAR_APPLICANTS
    applicants = list(appeal.applicants.all())
    return ukrainian_salutation(applicants[0].name if applicants else "")


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
        salutation=_salutation(appeal),
        body=body,
        results=_result_lines(issues),
        appeal_notice=APPEAL_NOTICE if refused else "",
        status_link=STATUS_LINK.format(url=link) if (link := status_url(appeal)) else "",
        signatory_position=council.letter_signatory_position.strip(),
        signatory_name=council.letter_signatory_name.strip(),
        executor=f"Виконавець: {_person(executor)}" if executor is not None else "",
    )
