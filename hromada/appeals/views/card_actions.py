"""The actions of an appeal's card: which there are (roles, the service, when they are offered), the
form each shows with the choices this appeal offers, and the line of law above it. The rules of
posting them are `hromada.accounts.card_actions`, the same for every card."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hromada.accounts.card_actions import ActionForm, CardAction, in_status, offered_actions
from hromada.accounts.models import Role
from hromada.appeals import deadlines, permissions, services
from hromada.appeals.forms.actions import (
    AnswerForm,
    AttachmentForm,
    CloseForm,
    DeclineExtensionForm,
    ExtendForm,
    ForwardForm,
    NoteForm,
    ReassignForm,
    ReopenForm,
    RequestExtensionForm,
    ResolveForm,
)
from hromada.appeals.models import OPEN_STATUSES, Appeal, Status, Term
from hromada.appeals.views.wording import day, item_name, person, vocab
from hromada.reference import selectors as ref
from hromada.reference.models import Result, Topic

if TYPE_CHECKING:
    from hromada.appeals.views.card import Card

_OPEN = in_status(*OPEN_STATUSES)

ACTIONS: list[CardAction[Appeal]] = [
    CardAction(
        "resolve",
        gettext_lazy("Resolution"),
        gettext_lazy("Give the resolution"),
        gettext_lazy("The resolution is given."),
        (Role.HEAD,),
        services.resolve_appeal,
        lambda user, appeal: permissions.can_resolve_appeal(user),
        _OPEN,
    ),
    CardAction(
        "extend",
        gettext_lazy("Extend the term"),
        gettext_lazy("Extend"),
        gettext_lazy("The term is extended."),
        (Role.HEAD,),
        services.extend_term,
        lambda user, appeal: permissions.can_resolve_appeal(user),
        _OPEN,
    ),
    CardAction(
        "decline-extension",
        gettext_lazy("Decline the requested extension"),
        gettext_lazy("Decline"),
        gettext_lazy("The requested extension is declined."),
        (Role.HEAD,),
        services.decline_extension,
        lambda user, appeal: permissions.can_resolve_appeal(user),
        lambda appeal: appeal.extension_requested_until is not None,
    ),
    CardAction(
        "forward",
        gettext_lazy("Forward to the competent body"),
        gettext_lazy("Forward"),
        gettext_lazy("The appeal is forwarded."),
        (Role.HEAD,),
        services.forward_appeal,
        lambda user, appeal: permissions.can_resolve_appeal(user),
        _OPEN,
    ),
    CardAction(
        "request-extension",
        gettext_lazy("Ask for a longer term"),
        gettext_lazy("Send the request"),
        gettext_lazy("The extension request is sent to the head."),
        (Role.EXECUTOR,),
        services.request_extension,
        # The head extends the term directly; the request is the executor's way to ask for it.
        lambda user, appeal: (
            permissions.can_answer_appeal(user, appeal) and not permissions.can_resolve_appeal(user)
        ),
        in_status(Status.IN_PROGRESS),
    ),
    CardAction(
        "reassign",
        gettext_lazy("Pass to another executor"),
        gettext_lazy("Pass"),
        gettext_lazy("The executor is changed."),
        (Role.HEAD, Role.EXECUTOR),
        services.reassign_executor,
        permissions.can_reassign_appeal,
        in_status(Status.IN_PROGRESS),
    ),
    CardAction(
        "answer",
        gettext_lazy("Answer"),
        gettext_lazy("Give the answer"),
        gettext_lazy("The answer is saved."),
        (Role.HEAD, Role.EXECUTOR),
        services.answer_appeal,
        permissions.can_answer_appeal,
        in_status(Status.IN_PROGRESS, Status.ANSWERED),
    ),
    CardAction(
        "note",
        gettext_lazy("Progress note"),
        gettext_lazy("Add the note"),
        gettext_lazy("The note is added."),
        (Role.HEAD, Role.EXECUTOR),
        services.add_note,
        permissions.can_add_note,
        in_status(Status.REGISTERED, Status.IN_PROGRESS, Status.ANSWERED),
    ),
    CardAction(
        "close",
        gettext_lazy("Take off control"),
        gettext_lazy("Take off control"),
        gettext_lazy("The appeal is taken off control."),
        (Role.HEAD, Role.CONTROLLER),
        services.close_appeal,
        lambda user, appeal: permissions.can_close_appeal(user),
        in_status(Status.IN_PROGRESS, Status.ANSWERED),
    ),
    CardAction(
        "reopen",
        gettext_lazy("Return for rework"),
        gettext_lazy("Return for rework"),
        gettext_lazy("The appeal is returned for rework."),
        (Role.HEAD, Role.CONTROLLER, Role.REGISTRAR),
        services.reopen_appeal,
        lambda user, appeal: permissions.can_reopen_appeal(user),
        lambda appeal: (
            appeal.status in (Status.ANSWERED, Status.CLOSED, Status.FORWARDED)
            and appeal.subject_id != "anonymous"
        ),
    ),
    CardAction(
        "attach",
        gettext_lazy("Attach a file"),
        gettext_lazy("Attach"),
        gettext_lazy("The file is attached."),
        (Role.HEAD, Role.REGISTRAR, Role.EXECUTOR),
        services.add_attachment,
        permissions.can_add_attachment,
        multipart=True,
    ),
]


def _term_choices(start: dt.date, card: Card) -> list[tuple[str, str]]:
    """The legal terms with the date each gives, so that the head sees what a choice means."""
    choices: list[tuple[str, str]] = [
        (
            term,
            _("%(term)s: until %(date)s")
            % {"term": label, "date": day(deadlines.due_date_for_term(start, term, card.rules))},
        )
        for term, label in ((Term.SHORT, Term.SHORT.label), (Term.MONTH, Term.MONTH.label))
    ]
    return [*choices, (Term.DATE, str(Term.DATE.label))]


def _resolve_form(card: Card, args: tuple[Any, ...]) -> ResolveForm:
    appeal = card.appeal
    active = [(code, d.name) for code, d in card.departments.items() if d.is_active]
    executors: dict[int, list[tuple[str, str]]] = {}
    codes = {d.pk: code for code, d in card.departments.items()}
    departments_of: dict[str, str] = {}
    for someone in card.executors:
        if someone.is_active and someone.department_id:
            executors.setdefault(someone.department_id, []).append((someone.username, person(someone)))
            departments_of[someone.username] = codes.get(someone.department_id, "")
    grouped = [(d.name, executors[d.pk]) for d in card.departments.values() if d.pk in executors]
    limit = deadlines.month_limit(appeal.registered_on)
    return ResolveForm(
        *args,
        terms=_term_choices(appeal.registered_on, card),
        departments=active,
        executors=grouped,
        executor_departments=departments_of,
        month_limit=limit,
        month_limit_text=_("not later than %(date)s (1 month from registration)") % {"date": day(limit)},
        initial={
            "lead_department": appeal.lead_department.code if appeal.lead_department else "",
            "co_departments": [a.department.code for a in appeal.assignments.all() if not a.is_lead],
        },
    )


def _new_due_date_form(slug: str, card: Card, args: tuple[Any, ...]) -> ActionForm:
    latest_text = _("The latest allowed date is %(date)s (%(days)s days from registration).") % {
        "date": day(card.latest_allowed),
        "days": card.rules.max_days,
    }
    form_class = ExtendForm if slug == "extend" else RequestExtensionForm
    initial = {"due_date": card.appeal.extension_requested_until} if slug == "extend" else {}
    return form_class(*args, latest=card.latest_allowed, latest_text=latest_text, initial=initial)


def _reassign_form(card: Card, args: tuple[Any, ...]) -> ReassignForm:
    appeal = card.appeal
    choices = [
        (p.username, person(p))
        for p in card.executors
        if p.is_active and p.department_id == appeal.lead_department_id and p.pk != appeal.lead_executor_id
    ]
    return ReassignForm(*args, executors=choices)


def _answer_form(card: Card, args: tuple[Any, ...]) -> AnswerForm:
    issues = [
        (
            i.pk,
            _("Issue №%(n)s: %(topic)s") % {"n": i.position, "topic": vocab(Topic, i.topic_id)},
            _("Now: %(result)s") % {"result": vocab(Result, i.result_id)} if i.result_id else "",
        )
        for i in card.issues
    ]
    results = [(code, item_name(item)) for code, item in ref.active(Result).items()]
    return AnswerForm(*args, issues=issues, results=results)


def build_form(slug: str, card: Card, data: Any = None, files: Any = None) -> ActionForm:
    """The action's form with the choices this appeal offers (bound when data is given)."""
    args = (data, files) if data is not None else ()
    if slug == "resolve":
        return _resolve_form(card, args)
    if slug in ("extend", "request-extension"):
        return _new_due_date_form(slug, card, args)
    if slug == "decline-extension":
        return DeclineExtensionForm(*args)
    if slug == "forward":
        return ForwardForm(*args)
    if slug == "note":
        return NoteForm(*args, allow_draft=permissions.can_answer_appeal(card.user, card.appeal))
    if slug == "reassign":
        return _reassign_form(card, args)
    if slug == "answer":
        return _answer_form(card, args)
    if slug == "close":
        return CloseForm(*args)
    if slug == "reopen":
        return ReopenForm(*args, terms=_term_choices(card.today, card))
    if slug == "attach":
        return AttachmentForm(*args)
    raise Http404


def _intro(slug: str, card: Card) -> str:
    """A line above the form that says what the law or the appeal's state means for this action."""
    appeal = card.appeal
    if slug == "decline-extension" and appeal.extension_requested_until:
        return _("The executor asks to extend the term until %(date)s.") % {
            "date": day(appeal.extension_requested_until)
        }
    if slug == "forward":
        return _("An appeal outside the council's competence is forwarded within 5 days: by %(date)s.") % {
            "date": day(card.forwarding["deadline"])
        }
    if slug == "request-extension" and appeal.extension_requested_until:
        return _("An extension until %(date)s is already requested; a new request replaces it.") % {
            "date": day(appeal.extension_requested_until)
        }
    if slug == "close":
        return _("Only when every issue has a result.")
    if slug == "reopen":
        return _("The new term is counted from today; the results are cleared, the timeline keeps them.")
    return ""


def _offered_form(card: Card, action: CardAction[Appeal]) -> ActionForm | None:
    form = build_form(action.slug, card)
    if isinstance(form, ReassignForm) and not form.has_candidates():
        return None  # nobody else in the department to pass it to
    return form


def card_actions(card: Card, bound: ActionForm | None = None) -> list[dict[str, Any]]:
    """The actions to offer, each with its form and intro; a form re-shown with errors stays open."""
    shown = offered_actions(
        ACTIONS,
        card.user,
        card.appeal,
        bound,
        url=lambda action: reverse(f"appeals:card-{action.slug}", args=[card.appeal.pk]),
        form_for=lambda action: _offered_form(card, action),
    )
    for row in shown:
        row["intro"] = _intro(row["slug"], card)
    return shown
