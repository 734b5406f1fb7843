"""Картка звернення: everything about one appeal, and the actions the person's role allows, in place.

Each action is a small form that posts to its own URL and calls one service (the list of them is
`card_actions`, the rules of posting them `hromada.accounts.card_actions`). Without JavaScript it is a
plain POST and a redirect back to the card with a message; with htmx the answer is the card itself,
swapped in place. A service's refusal comes back onto the form's fields with its own 4xx status (422
for a field, 409 for a step the state does not allow; 403 when the person may not do it at all) and
nothing changes. The card is read in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.accounts.access import role_required
from hromada.accounts.card_actions import ActionForm, CardAction, action_urls, perform
from hromada.accounts.http import StaffRequest
from hromada.accounts.models import Department, Role, User
from hromada.appeals import deadlines, letters, selectors
from hromada.appeals.models import (
    Answer,
    Appeal,
    AppealEvent,
    Note,
    NoteKind,
    Resolution,
    Status,
)
from hromada.appeals.services.common import term_rules
from hromada.appeals.services.workflow import forwarding_status
from hromada.appeals.views.card_actions import ACTIONS, build_form, card_actions
from hromada.appeals.views.timeline import describe
from hromada.appeals.views.wording import item_name, person, vocab
from hromada.core import clock
from hromada.core.audit import record_read
from hromada.core.downloads import FileLink, file_link
from hromada.core.errors import NotFound
from hromada.reference import selectors as ref
from hromada.reference.models import (
    AuthorCategory,
    Channel,
    Feature,
    Kind,
    Result,
    Sex,
    SocialStatus,
    Subject,
    Topic,
)

#: Roles that work with appeals (the others see no appeal at all).
CARD_ROLES = (Role.REGISTRAR, Role.HEAD, Role.CONTROLLER, Role.EXECUTOR)


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
    def linked(self) -> list[Mapping[str, Any]]:
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
    def attachments(self) -> list[FileLink]:
        """The appeal's files, each with its download and (PDF, image) its preview."""
        rows = self.appeal.attachments.only(
            "appeal_id", "original_name", "content_type", "size", "uploaded_at"
        ).order_by("uploaded_at", "id")
        return [
            file_link(
                f,
                download="appeals:attachment",
                preview="appeals:attachment-preview",
                args=[f.appeal_id, f.pk],
            )
            for f in rows
        ]

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
        someone = self.people.get(username)
        return person(someone) if someone else username

    def issue_label(self, issue_id: int | str) -> str:
        for issue in self.issues:
            if str(issue.pk) == str(issue_id):
                return _("Issue №%(n)s") % {"n": issue.position}
        return _("Issue %(id)s") % {"id": issue_id}

    # --- the term ---

    @cached_property
    def term_left(self) -> dict[str, Any] | None:
        """Days left or overdue, in words, while the term runs; nothing once answered or closed."""
        term = selectors.term_of(self.appeal, self.today)
        days = term.days_left
        if days is None:
            return None
        if term.overdue:
            text = ngettext("overdue by %(n)d day", "overdue by %(n)d days", -days) % {"n": -days}
            return {"text": text, "overdue": True}
        if term.ends_today:
            return {"text": _("the term ends today"), "overdue": False, "soon": True}
        text = ngettext("%(n)d day left", "%(n)d days left", days) % {"n": days}
        return {"text": text, "overdue": False, "soon": term.soon}

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
            "channel": vocab(Channel, appeal.channel_id),
            "kind": vocab(Kind, appeal.kind_id),
            "subject": vocab(Subject, appeal.subject_id),
            "feature": vocab(Feature, appeal.feature_id),
            "letter": getattr(ref.vocabulary(Channel).get(appeal.channel_id), "group", "") == "written",
        }

    def applicants(self) -> list[dict[str, Any]]:
        return [
            {
                "name": a.name,
                "address": a.address,
                "phone": a.phone,
                "email": a.email,
                "sex": vocab(Sex, a.sex_id) if a.sex_id else "",
                "social_status": vocab(SocialStatus, a.social_status_id) if a.social_status_id else "",
                "categories": [
                    {"name": item_name(ref.vocabulary(AuthorCategory).get(c.code, c)), "priority": c.priority}
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
                "topic": vocab(Topic, i.topic_id),
                "text": i.text,
                "result": vocab(Result, i.result_id) if i.result_id else "",
                "answered_at": i.answered_at,
            }
            for i in self.issues
        ]

    def assignments(self) -> dict[str, Any]:
        rows = list(self.appeal.assignments.all())
        lead = next((a.department for a in rows if a.is_lead), None) or self.appeal.lead_department
        return {
            "lead": lead.name if lead else "",
            "executor": person(self.appeal.lead_executor) if self.appeal.lead_executor_id else "",
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
            {"at": e.at, "actor": person(e.actor) if e.actor_id else _("the system"), **describe(e, self)}
            for e in self.events
        ]


# --- the page and its actions ----------------------------------------------------------------------


def _render(
    request: StaffRequest, card: Card, *, bound: ActionForm | None = None, status: int = 200
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
        "actions": card_actions(card, bound),
        "letter_ready": card.letter_ready,
    }
    context["partial"] = _swaps_card(request)
    template = "appeals/_card_body.html" if context["partial"] else "appeals/card.html"
    return render(request, template, context, status=status)


def _swaps_card(request: StaffRequest) -> bool:
    """An htmx request from the card's own forms gets the card alone (other htmx use gets the page)."""
    htmx = request.htmx  # type: ignore[attr-defined]
    return bool(htmx) and not htmx.boosted and htmx.target == "appeal-card"


@role_required(*CARD_ROLES)
def card(request: StaffRequest, appeal_id: int) -> HttpResponse:
    """The card. Each open is recorded in the audit log (one INSERT): the card shows the applicants'
    contacts, and "who looked at this person's data" must be answerable. A refused open records nothing."""
    card_ = Card.load(request.user, appeal_id)
    record_read(
        actor=request.user,
        app="appeals",
        object_type="appeal",
        object_id=appeal_id,
        page="card",
        path=request.path,
    )
    return _render(request, card_)


def _act(request: StaffRequest, appeal_id: int, action: CardAction[Appeal]) -> HttpResponse:
    """One posted action; after success the card itself for htmx, else a redirect back to it."""
    user = request.user
    card_ = Card.load(user, appeal_id)

    def success() -> HttpResponse:
        if _swaps_card(request):
            return _render(request, Card.load(user, appeal_id))
        return redirect("appeals:card", appeal_id=appeal_id)

    return perform(
        request,
        action,
        card_.appeal,
        build_form(action.slug, card_, request.POST, request.FILES),
        target={"appeal_id": appeal_id},
        success=success,
        reshow=lambda form, status: _render(request, card_, bound=form, status=status),
    )


urlpatterns: list[URLPattern] = [
    path("<int:appeal_id>/", card, name="card"),
    *action_urls(ACTIONS, _act, object_kwarg="appeal_id", name_prefix="card", view_prefix="card_"),
]
