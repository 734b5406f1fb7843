"""Резолюція, продовження, пересилання, виконання, відповідь, зняття з контролю, повернення на доопрацювання.

Each function is one legal step: it locks the appeal row, checks the actor and the state, changes it,
and appends an event with the values before and after — all in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from hromada.accounts.models import Department, Role, User
from hromada.appeals import deadlines, notify, permissions
from hromada.appeals.errors import TermTooLong, UnansweredIssues, WrongStatus
from hromada.appeals.models import (
    OPEN_STATUSES,
    Answer,
    Appeal,
    Assignment,
    Attachment,
    Issue,
    Note,
    NoteKind,
    Resolution,
    Status,
    Term,
)
from hromada.appeals.selectors import author_appeal, get_appeal
from hromada.appeals.services.common import clock, local_today, record_event, term_rules
from hromada.core.errors import DomainError, FieldError, PermissionDenied, ValidationFailed
from hromada.core.files import store_file
from hromada.core.uploads import FileRefused, detect_content_type
from hromada.reference import selectors as ref
from hromada.reference.models import Result


def _d(day: dt.date | None) -> str:
    return date_format(day, "d.m.Y") if day else "—"


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Your role does not allow this action."))


def _require_status(appeal: Appeal, allowed: Sequence[str], action: str) -> None:
    if appeal.status not in allowed:
        raise WrongStatus(action, appeal.get_status_display())


def _due_from(
    start: dt.date, *, term: str | None, due_date: dt.date | None, rules: deadlines.TermRules
) -> tuple[str, dt.date]:
    """The due date of a resolution or a reopening: a legal term, or an explicit date within 1 month."""
    if due_date is not None:
        if due_date < start:
            raise ValidationFailed(
                [
                    FieldError(
                        "due_date",
                        _("The due date cannot be earlier than %(start)s.") % {"start": _d(start)},
                        "too_early",
                    )
                ]
            )
        limit = deadlines.month_limit(start)
        if due_date > limit:
            raise TermTooLong(
                _("Without an extension the term may not exceed 1 month: the latest date is %(date)s.")
                % {"date": _d(limit)},
                field="due_date",
            )
        return Term.DATE, deadlines.settle(due_date, rules, limit=limit)
    if term in (Term.SHORT, Term.MONTH):
        return term, deadlines.due_date_for_term(start, term, rules)
    raise ValidationFailed([FieldError("term", _("Choose a term: 15d, 1m, or give a due date."), "required")])


@transaction.atomic
def resolve_appeal(
    *,
    actor: User,
    appeal_id: int,
    lead_department: str,
    lead_executor: str | None = None,
    co_departments: Sequence[str] = (),
    term: str | None = None,
    due_date: dt.date | None = None,
    instruction: str = "",
    now: dt.datetime | None = None,
) -> Appeal:
    """Резолюція: the head names the lead department (and person), co-executors, the term, an instruction.
    A later resolution replaces the executors and the term of an earlier one."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_resolve_appeal(actor):
        raise _deny()
    _require_status(appeal, OPEN_STATUSES, pgettext("appeal action", "resolved"))
    errors: list[FieldError] = []
    departments = Department.objects.in_bulk([lead_department, *co_departments], field_name="code")
    lead = departments.get(lead_department)
    if lead is None or not lead.is_active:
        errors.append(
            FieldError(
                "lead_department", _("Unknown department “%(code)s”.") % {"code": lead_department}, "unknown"
            )
        )
    co: list[Department] = []
    for i, code in enumerate(dict.fromkeys(co_departments)):
        dept = departments.get(code)
        if dept is None or not dept.is_active:
            errors.append(
                FieldError(
                    f"co_departments.{i}", _("Unknown department “%(code)s”.") % {"code": code}, "unknown"
                )
            )
        elif code != lead_department:
            co.append(dept)
    executor = None
    if lead_executor:
        executor = User.objects.filter(username=lead_executor, is_active=True).first()
        if executor is None or lead is None or executor.department_id != lead.pk:
            errors.append(FieldError("lead_executor", _("The executor must work in the lead department.")))
    if errors:
        raise ValidationFailed(errors)
    assert lead is not None
    rules = term_rules()
    term_kind, due = _due_from(appeal.registered_on, term=term, due_date=due_date, rules=rules)

    before = {
        "status": appeal.status,
        "due_date": appeal.due_date,
        "lead_department": appeal.lead_department_id
        and Department.objects.get(pk=appeal.lead_department_id).code,
    }
    resolution = Resolution.objects.create(
        appeal=appeal,
        author=actor,
        lead_department=lead,
        lead_executor=executor,
        term=term_kind,
        due_date=due,
        instruction=instruction,
        created_at=now,
    )
    resolution.co_departments.set(co)
    Assignment.objects.filter(appeal=appeal).delete()
    Assignment.objects.bulk_create(
        [Assignment(appeal=appeal, department=lead, is_lead=True)]
        + [Assignment(appeal=appeal, department=d) for d in co]
    )
    appeal.lead_department = lead
    appeal.lead_executor = executor
    appeal.due_date = due
    appeal.status = Status.IN_PROGRESS
    appeal.save(update_fields=["lead_department", "lead_executor", "due_date", "status"])
    record_event(
        appeal,
        "resolved",
        actor=actor,
        at=now,
        before=before,
        after={"status": appeal.status, "due_date": due, "lead_department": lead.code},
        lead_executor=executor.username if executor else None,
        co_departments=[d.code for d in co],
        term=term_kind,
        instruction=instruction,
    )
    notify.assigned(appeal, [lead, *co], executor)
    return appeal


@transaction.atomic
def extend_term(
    *, actor: User, appeal_id: int, due_date: dt.date, reason: str, now: dt.datetime | None = None
) -> Appeal:
    """Продовження строку (Law art. 20): later than the current due date, never past 45 days from
    registration."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_resolve_appeal(actor):
        raise _deny()
    _require_status(appeal, OPEN_STATUSES, pgettext("appeal action", "extended"))
    if not reason.strip():
        raise ValidationFailed([FieldError("reason", _("Give the reason for the extension."), "required")])
    new_due = _checked_new_due_date(appeal, due_date)
    before = {"due_date": appeal.due_date}
    appeal.due_date = new_due
    appeal.extension_requested_until = None
    appeal.save(update_fields=["due_date", "extension_requested_until"])
    record_event(
        appeal, "extended", actor=actor, at=now, before=before, after={"due_date": new_due}, reason=reason
    )
    notify.extended(appeal)
    return appeal


def _checked_new_due_date(appeal: Appeal, due_date: dt.date) -> dt.date:
    """The due date an extension to `due_date` gives, or the error that says why it may not."""
    rules = term_rules()
    latest = deadlines.latest_allowed(appeal.registered_on, rules)
    if due_date > deadlines.ceiling(appeal.registered_on, rules):
        raise TermTooLong(
            _(
                "The term may not exceed %(days)s days from registration (%(registered)s): "
                "the latest allowed date is %(latest)s."
            )
            % {"days": rules.max_days, "registered": _d(appeal.registered_on), "latest": _d(latest)},
            field="due_date",
        )
    new_due = deadlines.settle(due_date, rules, limit=deadlines.ceiling(appeal.registered_on, rules))
    if appeal.due_date and new_due <= appeal.due_date:
        raise ValidationFailed(
            [
                FieldError(
                    "due_date",
                    _("The new due date must be later than the current one (%(due)s).")
                    % {"due": _d(appeal.due_date)},
                    "not_later",
                )
            ]
        )
    return new_due


@transaction.atomic
def request_extension(
    *, actor: User, appeal_id: int, due_date: dt.date, reason: str, now: dt.datetime | None = None
) -> Appeal:
    """Клопотання про продовження строку: the lead department's executor asks the head for a longer
    term; the same limits as the extension itself are checked now, so the head gets a grantable one."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_answer_appeal(actor, appeal):
        raise _deny()
    _require_status(appeal, (Status.IN_PROGRESS,), pgettext("appeal action", "extended"))
    if not reason.strip():
        raise ValidationFailed([FieldError("reason", _("Give the reason for the extension."), "required")])
    new_due = _checked_new_due_date(appeal, due_date)
    appeal.extension_requested_until = new_due
    appeal.save(update_fields=["extension_requested_until"])
    note = Note.objects.create(
        appeal=appeal, author=actor, kind=NoteKind.EXTENSION_REQUEST, text=reason.strip(), created_at=now
    )
    record_event(
        appeal, "extension_requested", actor=actor, at=now, after={"due_date": new_due}, note_id=note.pk
    )
    return appeal


@transaction.atomic
def decline_extension(*, actor: User, appeal_id: int, reason: str, now: dt.datetime | None = None) -> Appeal:
    """The head refuses a requested extension; the term stays."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_resolve_appeal(actor):
        raise _deny()
    if appeal.extension_requested_until is None:
        raise ValidationFailed([FieldError("reason", _("No extension has been requested."), "no_request")])
    if not reason.strip():
        raise ValidationFailed([FieldError("reason", _("Give the reason for the refusal."), "required")])
    before = {"extension_requested_until": appeal.extension_requested_until}
    appeal.extension_requested_until = None
    appeal.save(update_fields=["extension_requested_until"])
    record_event(appeal, "extension_declined", actor=actor, at=now, before=before, reason=reason.strip())
    return appeal


@transaction.atomic
def forward_appeal(
    *, actor: User, appeal_id: int, to: str, reason: str, now: dt.datetime | None = None
) -> Appeal:
    """Пересилання за належністю (Law art. 7): to the competent body, within 5 days of registration.
    A late forwarding is still recorded — and marked late, for the controller and the reports."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_resolve_appeal(actor):
        raise _deny()
    _require_status(appeal, OPEN_STATUSES, pgettext("appeal action", "forwarded"))
    errors = []
    if not to.strip():
        errors.append(FieldError("to", _("Name the body the appeal is forwarded to."), "required"))
    if not reason.strip():
        errors.append(FieldError("reason", _("Give the reason for forwarding."), "required"))
    if errors:
        raise ValidationFailed(errors)
    rules = term_rules()
    today = local_today(now)
    deadline = deadlines.forward_deadline(appeal.registered_on, rules)
    before = {"status": appeal.status}
    appeal.status = Status.FORWARDED
    appeal.forwarded_to = to.strip()
    appeal.forwarded_on = today
    appeal.closed_at = now
    appeal.save(update_fields=["status", "forwarded_to", "forwarded_on", "closed_at"])
    appeal.issues.filter(result__isnull=True).update(result_id="forwarded", answered_at=now)
    record_event(
        appeal,
        "forwarded",
        actor=actor,
        at=now,
        before=before,
        after={"status": appeal.status},
        to=appeal.forwarded_to,
        reason=reason,
        deadline=deadline,
        late=today > deadline,
    )
    notify.forwarded(appeal)
    return appeal


def forwarding_status(appeal: Appeal) -> dict[str, object]:
    """The 5-day forwarding limit as the card and the API show it."""
    deadline = deadlines.forward_deadline(appeal.registered_on, term_rules())
    return {
        "deadline": deadline,
        "forwarded_on": appeal.forwarded_on,
        "late": bool(appeal.forwarded_on and appeal.forwarded_on > deadline),
    }


@transaction.atomic
def add_note(
    *, actor: User, appeal_id: int, text: str, draft_answer: bool = False, now: dt.datetime | None = None
) -> Note:
    """Хід виконання: a progress note or a draft answer by an executor of an assigned department."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_add_note(actor, appeal):
        raise _deny()
    if not text.strip():
        raise ValidationFailed([FieldError("text", _("The note is empty."), "required")])
    if appeal.status in (Status.CLOSED, Status.FORWARDED):
        raise WrongStatus(pgettext("appeal action", "changed"), appeal.get_status_display())
    kind = NoteKind.DRAFT_ANSWER if draft_answer else NoteKind.PROGRESS
    note = Note.objects.create(appeal=appeal, author=actor, kind=kind, text=text.strip(), created_at=now)
    record_event(appeal, "draft_answer" if draft_answer else "note", actor=actor, at=now, note_id=note.pk)
    return note


@transaction.atomic
def reassign_executor(
    *, actor: User, appeal_id: int, executor: str, now: dt.datetime | None = None
) -> Appeal:
    """Передача виконання within the lead department."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_reassign_appeal(actor, appeal):
        raise _deny()
    _require_status(appeal, (Status.IN_PROGRESS,), pgettext("appeal action", "reassigned"))
    person = User.objects.filter(username=executor, is_active=True, role=Role.EXECUTOR).first()
    if person is None or person.department_id != appeal.lead_department_id:
        raise ValidationFailed([FieldError("executor", _("The executor must work in the lead department."))])
    before = {"lead_executor": appeal.lead_executor.username if appeal.lead_executor else None}
    appeal.lead_executor = person
    appeal.save(update_fields=["lead_executor"])
    record_event(
        appeal, "reassigned", actor=actor, at=now, before=before, after={"lead_executor": person.username}
    )
    notify.reassigned(appeal, person)
    return appeal


@transaction.atomic
def answer_appeal(
    *,
    actor: User,
    appeal_id: int,
    text: str,
    results: Sequence[tuple[int, str]],
    now: dt.datetime | None = None,
) -> Answer:
    """Відповідь (Law arts. 15, 19): the answer text and a result for one or more issues. When every
    issue has a result the appeal is answered and may be closed."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_answer_appeal(actor, appeal):
        raise _deny()
    _require_status(appeal, (Status.IN_PROGRESS, Status.ANSWERED), pgettext("appeal action", "answered"))
    issues = {issue.pk: issue for issue in appeal.issues.all()}
    known_results = ref.active(Result)
    errors = []
    if not text.strip():
        errors.append(FieldError("text", _("Write the answer."), "required"))
    if not results:
        errors.append(FieldError("results", _("Give a result for at least one issue."), "required"))
    seen = set()
    for i, (issue_id, result) in enumerate(results):
        if issue_id not in issues:
            errors.append(
                FieldError(f"results.{i}.issue", _("This issue does not belong to the appeal."), "unknown")
            )
        elif issue_id in seen:
            errors.append(FieldError(f"results.{i}.issue", _("The issue is given twice."), "duplicate"))
        seen.add(issue_id)
        if result not in known_results:
            errors.append(
                FieldError(
                    f"results.{i}.result", _("Unknown result “%(code)s”.") % {"code": result}, "unknown"
                )
            )
    if errors:
        raise ValidationFailed(errors)
    answer = Answer.objects.create(appeal=appeal, author=actor, text=text.strip(), created_at=now)
    before = {str(pk): issues[pk].result_id for pk, _r in results}
    changed = []
    for issue_id, result in results:
        issue = issues[issue_id]
        issue.result_id = result
        issue.answered_at = now
        changed.append(issue)
    Issue.objects.bulk_update(changed, ["result", "answered_at"])
    before_status = appeal.status
    if all(issue.result_id for issue in issues.values()):
        appeal.status = Status.ANSWERED
        appeal.answered_at = now
        appeal.save(update_fields=["status", "answered_at"])
    record_event(
        appeal,
        "answered",
        actor=actor,
        at=now,
        before={"status": before_status, "results": before},
        after={"status": appeal.status, "results": {str(pk): r for pk, r in results}},
        answer_id=answer.pk,
    )
    notify.answered(answer)
    return answer


@transaction.atomic
def close_appeal(*, actor: User, appeal_id: int, now: dt.datetime | None = None) -> Appeal:
    """Зняття з контролю: only when every issue has a result."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_close_appeal(actor):
        raise _deny()
    _require_status(appeal, (Status.IN_PROGRESS, Status.ANSWERED), pgettext("appeal action", "closed"))
    open_issues = list(appeal.issues.filter(result__isnull=True).select_related("topic"))
    if open_issues:
        names = "; ".join(
            f"№{i.position} ({i.topic.name}{': ' + i.text[:60] if i.text else ''})" for i in open_issues
        )
        raise UnansweredIssues(
            _("The appeal cannot be closed: these issues have no result: %(issues)s.") % {"issues": names},
            field="issues",
        )
    before = {"status": appeal.status}
    appeal.status = Status.CLOSED
    appeal.closed_at = now
    if appeal.answered_at is None:
        appeal.answered_at = now
    appeal.save(update_fields=["status", "closed_at", "answered_at"])
    record_event(appeal, "closed", actor=actor, at=now, before=before, after={"status": appeal.status})
    return appeal


@transaction.atomic
def reopen_appeal(
    *,
    actor: User,
    appeal_id: int,
    reason: str,
    term: str | None = None,
    due_date: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Appeal:
    """Повернення на доопрацювання: a contact center or a head returns the answer. The appeal reopens
    with a new term counted from today (15 days unless said otherwise); results are cleared, the journal
    keeps the old ones."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_reopen_appeal(actor):
        raise _deny()
    _require_status(
        appeal, (Status.ANSWERED, Status.CLOSED, Status.FORWARDED), pgettext("appeal action", "reopened")
    )
    if appeal.subject_id == "anonymous":
        raise WrongStatus(pgettext("appeal action", "reopened"), appeal.get_status_display())
    if not reason.strip():
        raise ValidationFailed([FieldError("reason", _("Give the reason for the rework."), "required")])
    rules = term_rules()
    today = local_today(now)
    _kind, due = _due_from(
        today, term=term or (None if due_date else Term.SHORT), due_date=due_date, rules=rules
    )
    issues = list(appeal.issues.all())
    before = {
        "status": appeal.status,
        "due_date": appeal.due_date,
        "results": {str(i.pk): i.result_id for i in issues},
    }
    appeal.status = Status.IN_PROGRESS if appeal.lead_department_id else Status.REGISTERED
    appeal.due_date = due
    appeal.answered_at = None
    appeal.closed_at = None
    appeal.forwarded_to = ""
    appeal.forwarded_on = None
    appeal.save(
        update_fields=["status", "due_date", "answered_at", "closed_at", "forwarded_to", "forwarded_on"]
    )
    appeal.issues.update(result=None, answered_at=None)
    record_event(
        appeal,
        "reopened",
        actor=actor,
        at=now,
        before=before,
        after={"status": appeal.status, "due_date": due},
        reason=reason,
    )
    return appeal


@transaction.atomic
def add_attachment(
    *, actor: User, appeal_id: int, upload: UploadedFile, now: dt.datetime | None = None
) -> Attachment:
    """Вкладення: size, count and type limits; the type is read from the content, not the name."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_add_attachment(actor, appeal):
        raise _deny()
    return _store_attachment(appeal, upload, uploaded_by=actor, now=now)


def _store_attachment(
    appeal: Appeal, upload: UploadedFile, *, uploaded_by: User, now: dt.datetime
) -> Attachment:
    """Check and save one file of a locked appeal: staff and authors go through the same limits."""
    limit = settings.HROMADA_ATTACHMENT_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationFailed(
            [
                FieldError(
                    "file",
                    _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)},
                    "too_large",
                )
            ]
        )
    if appeal.attachments.count() >= settings.HROMADA_ATTACHMENT_MAX_COUNT:
        raise ValidationFailed(
            [
                FieldError(
                    "file",
                    _("An appeal may have at most %(n)s files.")
                    % {"n": settings.HROMADA_ATTACHMENT_MAX_COUNT},
                    "too_many",
                )
            ]
        )
    try:
        content_type = detect_content_type(upload)
    except FileRefused as refused:
        raise ValidationFailed([FieldError("file", refused.message, refused.code)]) from refused
    attachment = Attachment(
        appeal=appeal,
        original_name=(upload.name or "file")[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=uploaded_by,
        uploaded_at=now,
    )
    store_file(attachment.file, upload.name or "file", upload)  # removed again if the step rolls back
    attachment.save()
    record_event(
        appeal, "attachment", actor=uploaded_by, at=now, name=attachment.original_name, size=attachment.size
    )
    return attachment


#: The most an author may add at once: as much as a whole e-appeal.
AUTHOR_INFORMATION_MAX_CHARS = 10_000


@transaction.atomic
def add_author_information(
    *,
    author: User,
    email: str,
    appeal_id: int,
    text: str,
    uploads: Sequence[UploadedFile] = (),
    now: dt.datetime | None = None,
) -> Appeal:
    """Доповнення до звернення: the author adds information (text and files) while the appeal is open.

    `email` is the author's confirmed e-mail: the appeal must have an applicant with it, or it does not
    exist for them (Appeal.DoesNotExist, shown as 404). The text goes into the journal, where the
    executors see it, and the executors are told by e-mail.
    """
    now = clock(now)
    appeal = author_appeal(email, appeal_id, for_update=True)
    if appeal.status not in OPEN_STATUSES:
        raise DomainError(
            _(
                "Consideration of this appeal is completed: information can no longer be added. "
                "File a new appeal."
            ),
            code="appeal_closed",
        )
    text = text.strip()
    errors = []
    if not text and not uploads:
        errors.append(FieldError("text", _("Write what you want to add or attach a file."), "required"))
    elif len(text) > AUTHOR_INFORMATION_MAX_CHARS:
        errors.append(
            FieldError(
                "text",
                _("At most %(n)s characters.") % {"n": AUTHOR_INFORMATION_MAX_CHARS},
                "too_long",
            )
        )
    if errors:
        raise ValidationFailed(errors)
    names = []
    for upload in uploads:
        try:
            names.append(_store_attachment(appeal, upload, uploaded_by=author, now=now).original_name)
        except ValidationFailed as exc:
            raise ValidationFailed(
                [FieldError("attachments", f"{upload.name}: {e.message}", e.code) for e in exc.errors]
            ) from None
    record_event(appeal, "author_information", actor=author, at=now, text=text, files=names)
    notify.author_added_information(appeal)
    return appeal
