"""Резолюція, продовження, пересилання, передача виконання.

Each function is one legal step: it locks the appeal row, checks the actor and the state, changes it,
and appends an event with the values before and after — all in one transaction. The answer, closing and
rework steps are in `answers`, the files and the author's additions in `attachments`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from hromada.accounts.models import Department, Role, User
from hromada.appeals import deadlines, notify, permissions
from hromada.appeals.errors import TermTooLong
from hromada.appeals.models import OPEN_STATUSES, Appeal, Assignment, Note, NoteKind, Resolution, Status
from hromada.appeals.selectors import get_appeal

# Re-exported: `e_appeals` imports the attachment step from here.
from hromada.appeals.services.attachments import add_attachment
from hromada.appeals.services.common import (
    clock,
    deny,
    due_from,
    local_today,
    record_event,
    require_status,
    short_date,
    term_rules,
)
from hromada.core.errors import FieldError, ValidationFailed

__all__ = [
    "add_attachment",
    "decline_extension",
    "extend_term",
    "forward_appeal",
    "forwarding_status",
    "reassign_executor",
    "request_extension",
    "resolve_appeal",
]


def _resolution_executors(
    lead_department: str, co_departments: Sequence[str], lead_executor: str | None
) -> tuple[Department, list[Department], User | None]:
    """The departments and person a resolution names, or every reason they cannot be named at once
    (an unknown or closed department, an executor from another department)."""
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
    return lead, co, executor


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
        raise deny()
    require_status(appeal, OPEN_STATUSES, pgettext("appeal action", "resolved"))
    lead, co, executor = _resolution_executors(lead_department, co_departments, lead_executor)
    rules = term_rules()
    term_kind, due = due_from(
        appeal.registered_on,
        term=term,
        due_date=due_date,
        rules=rules,
        today=local_today(now),
    )

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
        raise deny()
    require_status(appeal, OPEN_STATUSES, pgettext("appeal action", "extended"))
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
            % {
                "days": rules.max_days,
                "registered": short_date(appeal.registered_on),
                "latest": short_date(latest),
            },
            field="due_date",
        )
    new_due = deadlines.settle(due_date, rules, limit=deadlines.ceiling(appeal.registered_on, rules))
    if appeal.due_date and new_due <= appeal.due_date:
        raise ValidationFailed(
            [
                FieldError(
                    "due_date",
                    _("The new due date must be later than the current one (%(due)s).")
                    % {"due": short_date(appeal.due_date)},
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
        raise deny()
    require_status(appeal, (Status.IN_PROGRESS,), pgettext("appeal action", "extended"))
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
        raise deny()
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
        raise deny()
    require_status(appeal, OPEN_STATUSES, pgettext("appeal action", "forwarded"))
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
def reassign_executor(
    *, actor: User, appeal_id: int, executor: str, now: dt.datetime | None = None
) -> Appeal:
    """Передача виконання within the lead department."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_reassign_appeal(actor, appeal):
        raise deny()
    require_status(appeal, (Status.IN_PROGRESS,), pgettext("appeal action", "reassigned"))
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
