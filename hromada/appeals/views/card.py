"""Картка звернення: everything about one appeal, and the actions the person's role allows, in place.

Each action is a small form that posts to its own URL and calls one service. Without JavaScript it is a
plain POST and a redirect back to the card with a message; with htmx the answer is the card itself,
swapped in place. A service's refusal comes back onto the form's fields with status 422 (403 when the
role may not do it at all) and nothing changes. The card is read in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import URLPattern, path, reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.accounts.access import role_required
from hromada.accounts.models import Department, Role, User
from hromada.appeals import deadlines, letters, permissions, selectors, services
from hromada.appeals.forms.actions import (
    ActionForm,
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
from hromada.appeals.models import (
    OPEN_STATUSES,
    Answer,
    Appeal,
    AppealEvent,
    Attachment,
    Note,
    NoteKind,
    Resolution,
    Status,
    Term,
)
from hromada.appeals.services.common import term_rules
from hromada.appeals.services.workflow import forwarding_status
from hromada.core import clock
from hromada.core.audit import record_read
from hromada.core.errors import DomainError, NotFound
from hromada.core.errors import PermissionDenied as DomainPermissionDenied
from hromada.core.forms import add_domain_error
from hromada.reference import selectors as ref
from hromada.reference.models import (
    AuthorCategory,
    Channel,
    Feature,
    Kind,
    ReferenceItem,
    Result,
    Sex,
    SocialStatus,
    Subject,
    Topic,
)

#: Roles that work with appeals (the others see no appeal at all).
CARD_ROLES = (Role.REGISTRAR, Role.HEAD, Role.CONTROLLER, Role.EXECUTOR)


def _day(value: dt.date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _name(item: ReferenceItem | None, code: str | None = None) -> str:
    """A vocabulary entry's name in the page's language (the code when the entry is gone)."""
    if item is None:
        return code or "—"
    if get_language() == "en" and item.name_en:
        return item.name_en
    return item.name


def _vocab(model: type[ReferenceItem], code: str | None) -> str:
    return _name(ref.vocabulary(model).get(code or ""), code) if code else "—"


def _person(user: User | None) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or user.username


# --- what the card reads -------------------------------------------------------------------------


class Card:
    """One appeal and everything its card shows. Each part is one query, read when first used; the
    appeal itself (with issues, applicants and assignments) comes from `selectors.appeal_detail`."""

    def __init__(self, user: User, appeal: Appeal) -> None:
        self.user = user
        self.appeal = appeal
        self.today = clock.today()
        self.rules = term_rules()

    @classmethod
    def load(cls, user: User, appeal_id: int) -> Card:
        try:
            return cls(user, selectors.appeal_detail(user, appeal_id))
        except NotFound:
            raise Http404 from None

    @cached_property
    def issues(self) -> list[Any]:
        return list(self.appeal.issues.all())

    @cached_property
    def linked(self) -> list[dict[str, Any]]:
        """Appeals this one repeats or duplicates and appeals that repeat or duplicate it — those the
        person may open (one query: an executor may not see every linked appeal)."""
        pk = self.appeal.pk
        earlier = [i for i in (self.appeal.repeated_of_id, self.appeal.duplicate_of_id) if i]
        return list(
            selectors.appeals_visible_to(self.user)
            .filter(Q(repeated_of_id=pk) | Q(duplicate_of_id=pk) | Q(pk__in=earlier))
            .order_by("id")
            .values("id", "number", "repeated_of_id", "duplicate_of_id")[:200]
        )

    @cached_property
    def resolution(self) -> Resolution | None:
        """The resolution in force (a later one replaces the earlier; all of them are in the timeline)."""
        return self.appeal.resolutions.select_related("author").order_by("-created_at", "-id").first()

    @cached_property
    def notes(self) -> list[Note]:
        return list(self.appeal.notes.select_related("author").order_by("created_at", "id"))

    @cached_property
    def answers(self) -> list[Answer]:
        return list(self.appeal.answers.select_related("author").order_by("created_at", "id"))

    @cached_property
    def attachments(self) -> list[Attachment]:
        return list(
            self.appeal.attachments.only("appeal_id", "original_name", "size", "uploaded_at").order_by(
                "uploaded_at", "id"
            )
        )

    @cached_property
    def events(self) -> list[AppealEvent]:
        return list(self.appeal.events.select_related("actor").order_by("at", "id"))

    @cached_property
    def departments(self) -> dict[str, Department]:
        """Every department by code: the timeline names them and the resolution chooses among them."""
        return {d.code: d for d in Department.objects.only("code", "name", "is_active").order_by("name")}

    @cached_property
    def executors(self) -> list[User]:
        """Every executor of the council (active or not: the timeline names former ones too)."""
        return list(
            User.objects.filter(role=Role.EXECUTOR)
            .only("username", "first_name", "last_name", "department_id", "is_active")
            .order_by("last_name", "first_name", "username")
        )

    @cached_property
    def people(self) -> dict[str, User]:
        return {u.username: u for u in self.executors}

    # --- presentation of single values ---

    def department_name(self, code: str | None) -> str:
        if not code:
            return "—"
        dept = self.departments.get(code)
        return dept.name if dept else code

    def person_name(self, username: str | None) -> str:
        if not username:
            return "—"
        person = self.people.get(username)
        return _person(person) if person else username

    def issue_label(self, issue_id: int | str) -> str:
        for issue in self.issues:
            if str(issue.pk) == str(issue_id):
                return _("Issue №%(n)s") % {"n": issue.position}
        return _("Issue %(id)s") % {"id": issue_id}

    # --- the term ---

    @cached_property
    def term_left(self) -> dict[str, Any] | None:
        """Days left or overdue, in words, while the term runs; nothing once answered or closed."""
        appeal = self.appeal
        if appeal.due_date is None or appeal.status not in OPEN_STATUSES:
            return None
        days = (appeal.due_date - self.today).days
        if days < 0:
            text = ngettext("overdue by %(n)d day", "overdue by %(n)d days", -days) % {"n": -days}
            return {"text": text, "overdue": True}
        if days == 0:
            return {"text": _("the term ends today"), "overdue": False, "soon": True}
        text = ngettext("%(n)d day left", "%(n)d days left", days) % {"n": days}
        return {"text": text, "overdue": False, "soon": days <= 3}

    @cached_property
    def latest_allowed(self) -> dt.date:
        return deadlines.latest_allowed(self.appeal.registered_on, self.rules)

    @cached_property
    def forwarding(self) -> dict[str, Any]:
        return forwarding_status(self.appeal)

    @property
    def letter_ready(self) -> bool:
        """Is there an answer letter (or its draft) this person may print? See appeals.letters."""
        appeal = self.appeal
        if appeal.subject_id == "anonymous" or not letters.can_view_letter(self.user, appeal):
            return False
        return bool(self.answers) or any(n.kind == NoteKind.DRAFT_ANSWER for n in self.notes)

    # --- the parts of the card ---

    def facts(self) -> dict[str, Any]:
        appeal = self.appeal
        return {
            "channel": _vocab(Channel, appeal.channel_id),
            "kind": _vocab(Kind, appeal.kind_id),
            "subject": _vocab(Subject, appeal.subject_id),
            "feature": _vocab(Feature, appeal.feature_id),
        }

    def applicants(self) -> list[dict[str, Any]]:
        return [
            {
                "name": a.name,
                "address": a.address,
                "phone": a.phone,
                "email": a.email,
                "sex": _vocab(Sex, a.sex_id) if a.sex_id else "",
                "social_status": _vocab(SocialStatus, a.social_status_id) if a.social_status_id else "",
                "categories": [
                    {"name": _name(ref.vocabulary(AuthorCategory).get(c.code, c)), "priority": c.priority}
                    for c in a.categories.all()
                ],
            }
            for a in self.appeal.applicants.all()
        ]

    def issue_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "id": i.pk,
                "position": i.position,
                "topic": _vocab(Topic, i.topic_id),
                "text": i.text,
                "result": _vocab(Result, i.result_id) if i.result_id else "",
                "answered_at": i.answered_at,
            }
            for i in self.issues
        ]

    def assignments(self) -> dict[str, Any]:
        rows = list(self.appeal.assignments.all())
        lead = next((a.department for a in rows if a.is_lead), None) or self.appeal.lead_department
        return {
            "lead": lead.name if lead else "",
            "executor": _person(self.appeal.lead_executor) if self.appeal.lead_executor_id else "",
            "co": sorted(a.department.name for a in rows if not a.is_lead),
        }

    def links(self) -> dict[str, Any]:
        appeal = self.appeal
        visible = {row["id"] for row in self.linked}

        def ref_to(appeal_id: int | None, number: str | None) -> dict[str, Any] | None:
            if not appeal_id:
                return None
            return {"id": appeal_id, "number": number or str(appeal_id), "visible": appeal_id in visible}

        later = [r for r in self.linked if appeal.pk in (r["repeated_of_id"], r["duplicate_of_id"])]
        return {
            "repeated_of": ref_to(appeal.repeated_of_id, appeal.repeated_of_number),  # type: ignore[attr-defined]
            "duplicate_of": ref_to(appeal.duplicate_of_id, appeal.duplicate_of_number),  # type: ignore[attr-defined]
            "repeats": [r for r in later if r["repeated_of_id"] == appeal.pk],
            "duplicates": [r for r in later if r["duplicate_of_id"] == appeal.pk],
        }

    def timeline(self) -> list[dict[str, Any]]:
        return [
            {"at": e.at, "actor": _person(e.actor) if e.actor_id else _("the system"), **describe(e, self)}
            for e in self.events
        ]


# --- the journal in words ------------------------------------------------------------------------


def _iso_day(value: Any) -> str:
    if not value:
        return "—"
    try:
        return _day(dt.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _status(code: Any) -> str:
    return str(Status(code).label) if code in Status.values else (str(code) if code else "—")


def describe(event: AppealEvent, card: Card) -> dict[str, Any]:
    """A journal entry as a clerk reads it: what happened, what changed (before → after), details."""
    data = event.data or {}
    before, after = data.get("before") or {}, data.get("after") or {}
    changes: list[dict[str, str]] = []
    lines: list[str] = []

    def change(key: str, label: str, show: Callable[[Any], str]) -> None:
        if key in before or key in after:
            old, new = before.get(key), after.get(key)
            if key in before and key in after and old == new:
                return
            changes.append({"label": label, "before": show(old) if key in before else "", "after": show(new)})

    change("status", _("Status"), _status)
    change("due_date", _("Term of consideration"), _iso_day)
    change("lead_department", _("Lead department"), card.department_name)
    change("lead_executor", _("Lead executor"), card.person_name)
    change("extension_requested_until", _("Extension requested until"), _iso_day)
    results_before, results_after = before.get("results") or {}, after.get("results") or {}
    for issue_id in dict.fromkeys([*results_after, *results_before]):
        old, new = results_before.get(issue_id), results_after.get(issue_id)
        if old != new:
            changes.append(
                {
                    "label": _("%(issue)s, result") % {"issue": card.issue_label(issue_id)},
                    "before": _vocab(Result, old),
                    "after": _vocab(Result, new),
                }
            )

    action = event.action
    title = str(event.get_action_display())
    if action == "registered":
        title = _("Registered as %(number)s") % {"number": data.get("number", "")}
        if data.get("due_date"):
            lines.append(_("Due date: %(date)s") % {"date": _iso_day(data["due_date"])})
        if data.get("repeated_of"):
            lines.append(_("Recognised as a repeated appeal."))
        if data.get("duplicate_of"):
            lines.append(_("Recognised as a duplicate appeal."))
        if data.get("not_considered"):
            lines.append(_("Anonymous: not considered (Law art. 8)."))
    elif action == "resolved":
        if data.get("term") in Term.values:
            lines.append(_("Term: %(term)s") % {"term": Term(data["term"]).label})
        if data.get("lead_executor"):
            lines.append(_("Lead executor: %(name)s") % {"name": card.person_name(data["lead_executor"])})
        if data.get("co_departments"):
            names = ", ".join(card.department_name(c) for c in data["co_departments"])
            lines.append(_("Co-executors: %(names)s") % {"names": names})
        if data.get("instruction"):
            lines.append(_("Instruction: %(text)s") % {"text": data["instruction"]})
    elif action == "extension_requested":
        changes = [{"label": _("Requested due date"), "before": "", "after": _iso_day(after.get("due_date"))}]
    elif action == "forwarded":
        lines.append(_("To: %(body)s") % {"body": data.get("to", "")})
        if data.get("late"):
            lines.append(
                _("Forwarded late: the 5-day limit ended on %(date)s.")
                % {"date": _iso_day(data.get("deadline"))}
            )
    elif action == "author_information":
        if data.get("text"):
            lines.append(data["text"])
        if data.get("files"):
            lines.append(_("Files: %(names)s") % {"names": ", ".join(data["files"])})
    elif action == "attachment":
        title = _("File attached: %(name)s (%(size)s)") % {
            "name": data.get("name", ""),
            "size": filesizeformat(data.get("size") or 0),
        }
    if data.get("reason"):
        lines.append(_("Reason: %(text)s") % {"text": data["reason"]})
    return {"action": action, "title": title, "changes": changes, "lines": lines}


# --- the actions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One action of the card: its form, the roles that may post it, the service it calls."""

    slug: str
    title: Any
    button: Any
    done: Any
    roles: tuple[str, ...]
    run: Callable[..., Any]
    #: May this person do it at all (the service's own predicate)?
    permitted: Callable[[User, Appeal], bool]
    #: Does the appeal's state allow it now (to offer it; the service checks again)?
    now: Callable[[Appeal], bool]


def _in(*statuses: str) -> Callable[[Appeal], bool]:
    return lambda appeal: appeal.status in statuses


_OPEN = _in(*OPEN_STATUSES)

ACTIONS: list[Action] = [
    Action(
        "resolve",
        gettext_lazy("Resolution"),
        gettext_lazy("Give the resolution"),
        gettext_lazy("The resolution is given."),
        (Role.HEAD,),
        services.resolve_appeal,
        lambda user, appeal: permissions.can_resolve_appeal(user),
        _OPEN,
    ),
    Action(
        "extend",
        gettext_lazy("Extend the term"),
        gettext_lazy("Extend"),
        gettext_lazy("The term is extended."),
        (Role.HEAD,),
        services.extend_term,
        lambda user, appeal: permissions.can_resolve_appeal(user),
        _OPEN,
    ),
    Action(
        "decline-extension",
        gettext_lazy("Decline the requested extension"),
        gettext_lazy("Decline"),
        gettext_lazy("The requested extension is declined."),
        (Role.HEAD,),
        services.decline_extension,
        lambda user, appeal: permissions.can_resolve_appeal(user),
        lambda appeal: appeal.extension_requested_until is not None,
    ),
    Action(
        "forward",
        gettext_lazy("Forward to the competent body"),
        gettext_lazy("Forward"),
        gettext_lazy("The appeal is forwarded."),
        (Role.HEAD,),
        services.forward_appeal,
        lambda user, appeal: permissions.can_resolve_appeal(user),
        _OPEN,
    ),
    Action(
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
        _in(Status.IN_PROGRESS),
    ),
    Action(
        "reassign",
        gettext_lazy("Pass to another executor"),
        gettext_lazy("Pass"),
        gettext_lazy("The executor is changed."),
        (Role.HEAD, Role.EXECUTOR),
        services.reassign_executor,
        permissions.can_reassign_appeal,
        _in(Status.IN_PROGRESS),
    ),
    Action(
        "answer",
        gettext_lazy("Answer"),
        gettext_lazy("Give the answer"),
        gettext_lazy("The answer is saved."),
        (Role.HEAD, Role.EXECUTOR),
        services.answer_appeal,
        permissions.can_answer_appeal,
        _in(Status.IN_PROGRESS, Status.ANSWERED),
    ),
    Action(
        "note",
        gettext_lazy("Progress note"),
        gettext_lazy("Add the note"),
        gettext_lazy("The note is added."),
        (Role.HEAD, Role.EXECUTOR),
        services.add_note,
        permissions.can_add_note,
        _in(Status.REGISTERED, Status.IN_PROGRESS, Status.ANSWERED),
    ),
    Action(
        "close",
        gettext_lazy("Take off control"),
        gettext_lazy("Take off control"),
        gettext_lazy("The appeal is taken off control."),
        (Role.HEAD, Role.CONTROLLER),
        services.close_appeal,
        lambda user, appeal: permissions.can_close_appeal(user),
        _in(Status.IN_PROGRESS, Status.ANSWERED),
    ),
    Action(
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
    Action(
        "attach",
        gettext_lazy("Attach a file"),
        gettext_lazy("Attach"),
        gettext_lazy("The file is attached."),
        (Role.HEAD, Role.REGISTRAR, Role.EXECUTOR),
        services.add_attachment,
        permissions.can_add_attachment,
        lambda appeal: True,
    ),
]
BY_SLUG = {a.slug: a for a in ACTIONS}


def _term_choices(start: dt.date, card: Card) -> list[tuple[str, str]]:
    """The legal terms with the date each gives, so that the head sees what a choice means."""
    return [
        (
            term,
            _("%(term)s: until %(date)s")
            % {"term": label, "date": _day(deadlines.due_date_for_term(start, term, card.rules))},
        )
        for term, label in ((Term.SHORT, Term.SHORT.label), (Term.MONTH, Term.MONTH.label))
    ] + [(Term.DATE, str(Term.DATE.label))]


def build_form(slug: str, card: Card, data: Any = None, files: Any = None) -> ActionForm:
    """The action's form with the choices this appeal offers (bound when data is given)."""
    appeal = card.appeal
    args = (data, files) if data is not None else ()
    if slug == "resolve":
        active = [(code, d.name) for code, d in card.departments.items() if d.is_active]
        executors: dict[int, list[tuple[str, str]]] = {}
        for person in card.executors:
            if person.is_active and person.department_id:
                executors.setdefault(person.department_id, []).append((person.username, _person(person)))
        grouped = [(d.name, executors[d.pk]) for d in card.departments.values() if d.pk in executors]
        limit = deadlines.month_limit(appeal.registered_on)
        return ResolveForm(
            *args,
            terms=_term_choices(appeal.registered_on, card),
            departments=active,
            executors=grouped,
            month_limit=limit,
            month_limit_text=_("not later than %(date)s (1 month from registration)") % {"date": _day(limit)},
            initial={
                "lead_department": appeal.lead_department.code if appeal.lead_department else "",
                "co_departments": [a.department.code for a in appeal.assignments.all() if not a.is_lead],
            },
        )
    if slug in ("extend", "request-extension"):
        latest_text = _("The latest allowed date is %(date)s (%(days)s days from registration).") % {
            "date": _day(card.latest_allowed),
            "days": card.rules.max_days,
        }
        form_class = ExtendForm if slug == "extend" else RequestExtensionForm
        initial = {"due_date": appeal.extension_requested_until} if slug == "extend" else {}
        return form_class(*args, latest=card.latest_allowed, latest_text=latest_text, initial=initial)
    if slug == "decline-extension":
        return DeclineExtensionForm(*args)
    if slug == "forward":
        return ForwardForm(*args)
    if slug == "note":
        return NoteForm(*args, allow_draft=permissions.can_answer_appeal(card.user, appeal))
    if slug == "reassign":
        choices = [
            (p.username, _person(p))
            for p in card.executors
            if p.is_active
            and p.department_id == appeal.lead_department_id
            and p.pk != appeal.lead_executor_id
        ]
        return ReassignForm(*args, executors=choices)
    if slug == "answer":
        issues = [
            (
                i.pk,
                _("Issue №%(n)s: %(topic)s") % {"n": i.position, "topic": _vocab(Topic, i.topic_id)},
                _("Now: %(result)s") % {"result": _vocab(Result, i.result_id)} if i.result_id else "",
            )
            for i in card.issues
        ]
        results = [(code, _name(item)) for code, item in ref.active(Result).items()]
        return AnswerForm(*args, issues=issues, results=results)
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
            "date": _day(appeal.extension_requested_until)
        }
    if slug == "forward":
        return _("An appeal outside the council's competence is forwarded within 5 days: by %(date)s.") % {
            "date": _day(card.forwarding["deadline"])
        }
    if slug == "request-extension" and appeal.extension_requested_until:
        return _("An extension until %(date)s is already requested; a new request replaces it.") % {
            "date": _day(appeal.extension_requested_until)
        }
    if slug == "close":
        return _("Only when every issue has a result.")
    if slug == "reopen":
        return _("The new term is counted from today; the results are cleared, the timeline keeps them.")
    return ""


def _actions(card: Card, bound: ActionForm | None = None) -> list[dict[str, Any]]:
    """The actions to offer, each with its form; a form re-shown with errors stays on the card."""
    shown = []
    for action in ACTIONS:
        is_bound = bound is not None and bound.slug == action.slug
        if not is_bound and not (action.now(card.appeal) and card.user.has_role(*action.roles)):
            continue
        if not is_bound and not action.permitted(card.user, card.appeal):
            continue
        form = bound if is_bound else build_form(action.slug, card)
        if isinstance(form, ReassignForm) and not is_bound and not form.has_candidates():
            continue  # nobody else in the department to pass it to
        shown.append(
            {
                "slug": action.slug,
                "url": reverse(f"appeals:card-{action.slug}", args=[card.appeal.pk]),
                "intro": _intro(action.slug, card),
                "title": action.title,
                "button": action.button,
                "form": form,
                "open": is_bound,
                "multipart": action.slug == "attach",
            }
        )
    return shown


def _render(
    request: HttpRequest, card: Card, *, bound: ActionForm | None = None, status: int = 200
) -> HttpResponse:
    appeal = card.appeal
    context = {
        "appeal": appeal,
        "card": card,
        "facts": card.facts(),
        "applicants": card.applicants(),
        "issues": card.issue_rows(),
        "assignments": card.assignments(),
        "resolution": card.resolution,
        "links": card.links(),
        "notes": card.notes,
        "answers": card.answers,
        "attachments": card.attachments,
        "timeline": card.timeline(),
        "term_left": card.term_left,
        "forwarding": card.forwarding if appeal.status == Status.FORWARDED else None,
        "actions": _actions(card, bound),
        "letter_ready": card.letter_ready,
    }
    context["partial"] = _swaps_card(request)
    template = "appeals/_card_body.html" if context["partial"] else "appeals/card.html"
    return render(request, template, context, status=status)


def _swaps_card(request: HttpRequest) -> bool:
    """An htmx request from the card's own forms gets the card alone (other htmx use gets the page)."""
    htmx = request.htmx  # type: ignore[attr-defined]
    return bool(htmx) and not htmx.boosted and htmx.target == "appeal-card"


@role_required(*CARD_ROLES)
def card(request: HttpRequest, appeal_id: int) -> HttpResponse:
    """The card. Each open is recorded in the audit log (one INSERT): the card shows the applicants'
    contacts, and "who looked at this person's data" must be answerable. A refused open records nothing."""
    card_ = Card.load(request.user, appeal_id)  # type: ignore[arg-type]
    record_read(
        actor=request.user,
        app="appeals",
        object_type="appeal",
        object_id=appeal_id,
        page="card",
        path=request.path,
    )
    return _render(request, card_)


def _perform(request: HttpRequest, appeal_id: int, action: Action) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    card_ = Card.load(user, appeal_id)
    form = build_form(action.slug, card_, request.POST, request.FILES)
    if form.is_valid():
        try:
            action.run(actor=user, appeal_id=appeal_id, **form.service_kwargs())
        except DomainPermissionDenied:
            raise PermissionDenied from None
        except NotFound:
            raise Http404 from None
        except DomainError as exc:
            aliases = form.error_aliases() if isinstance(form, AnswerForm) else None
            add_domain_error(form, exc, aliases=aliases)
        else:
            messages.success(request, str(action.done))
            if _swaps_card(request):
                return _render(request, Card.load(user, appeal_id))
            return redirect("appeals:card", appeal_id=appeal_id)
    elif not action.permitted(user, card_.appeal):
        # Nothing to correct for someone who may not do it at all.
        raise PermissionDenied
    form.focus_first_error()
    return _render(request, card_, bound=form, status=422)


def _action_view(action: Action) -> Callable[..., HttpResponse]:
    @role_required(*action.roles)
    @require_POST
    def view(request: HttpRequest, appeal_id: int) -> HttpResponse:
        return _perform(request, appeal_id, action)

    view.__name__ = view.__qualname__ = "card_" + action.slug.replace("-", "_")
    view.__doc__ = f"POST: {action.slug} on the card (calls {action.run.__name__})."
    return view


urlpatterns: list[URLPattern] = [
    path("<int:appeal_id>/", card, name="card"),
    *(path(f"<int:appeal_id>/{a.slug}/", _action_view(a), name=f"card-{a.slug}") for a in ACTIONS),
]
