"""Хід виконання, відповідь, зняття з контролю, повернення на доопрацювання.

One legal step per function, in one transaction, journaled like the steps in `workflow`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from hromada.accounts.models import User
from hromada.appeals import notify, permissions
from hromada.appeals.errors import UnansweredIssues, WrongStatus
from hromada.appeals.models import Answer, Appeal, Issue, Note, NoteKind, Status, Term
from hromada.appeals.selectors import get_appeal
from hromada.appeals.services.common import (
    clock,
    deny,
    due_from,
    local_today,
    record_event,
    require_status,
    term_rules,
)
from hromada.core.errors import FieldError, ValidationFailed
from hromada.reference import selectors as ref
from hromada.reference.models import Result


@transaction.atomic
def add_note(
    *, actor: User, appeal_id: int, text: str, draft_answer: bool = False, now: dt.datetime | None = None
) -> Note:
    """Хід виконання: a progress note or a draft answer by an executor of an assigned department."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_add_note(actor, appeal):
        raise deny()
    if not text.strip():
        raise ValidationFailed([FieldError("text", _("The note is empty."), "required")])
    if appeal.status in (Status.CLOSED, Status.FORWARDED):
        raise WrongStatus(pgettext("appeal action", "changed"), appeal.get_status_display())
    kind = NoteKind.DRAFT_ANSWER if draft_answer else NoteKind.PROGRESS
    note = Note.objects.create(appeal=appeal, author=actor, kind=kind, text=text.strip(), created_at=now)
    record_event(appeal, "draft_answer" if draft_answer else "note", actor=actor, at=now, note_id=note.pk)
    return note


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
        raise deny()
    require_status(appeal, (Status.IN_PROGRESS, Status.ANSWERED), pgettext("appeal action", "answered"))
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
        raise deny()
    require_status(appeal, (Status.IN_PROGRESS, Status.ANSWERED), pgettext("appeal action", "closed"))
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
        raise deny()
    require_status(
        appeal, (Status.ANSWERED, Status.CLOSED, Status.FORWARDED), pgettext("appeal action", "reopened")
    )
    if appeal.subject_id == "anonymous":
        raise WrongStatus(pgettext("appeal action", "reopened"), appeal.get_status_display())
    if not reason.strip():
        raise ValidationFailed([FieldError("reason", _("Give the reason for the rework."), "required")])
    rules = term_rules()
    today = local_today(now)
    _kind, due = due_from(
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
