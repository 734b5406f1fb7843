"""Черга петицій і картка петиції: the staff list and the card with the actions a role allows.

Each action is a small form that posts to its own URL and calls one service; without JavaScript it
is a plain POST and a redirect back to the card (PRG). A service's refusal comes back onto the form
with its status (422 for a field, 409 for a step the petition's state does not allow) and nothing
changes. The moderator moderates and adds paper signatures; the head answers; each action's URL
refuses the other role (403) even when the form is posted by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from hromada.accounts.access import role_required
from hromada.accounts.card_actions import CardAction, action_urls, offered_actions, perform
from hromada.accounts.http import StaffRequest
from hromada.accounts.models import Role, User
from hromada.core import clock
from hromada.core.errors import NotFound
from hromada.core.paging import paged
from hromada.petitions import permissions, selectors, services
from hromada.petitions.charts import signatures_phrase
from hromada.petitions.forms import (
    ActionForm,
    AnswerForm,
    PaperForm,
    PetitionFilterForm,
    PublishForm,
    RefuseForm,
    ReturnForm,
)
from hromada.petitions.models import Petition, PetitionAttachment, PetitionEvent, PetitionStatus
from hromada.petitions.permissions import PETITION_ROLES
from hromada.petitions.views.files import download, record_petition_read

PAGE_SIZE = 25
QUEUE_SIZE = 50


def person(user: User | None) -> str:
    if user is None:
        return _("the system")
    return user.get_full_name() or user.username


def load(petition_id: int) -> Petition:
    try:
        return selectors.staff_petition(petition_id)
    except NotFound:
        raise Http404 from None


@dataclass(frozen=True)
class Term:
    """The term a petition waits on: "moderate by" or "answer by", and whether it has passed."""

    label: str
    day: dt.date
    overdue: bool


def term_of(petition: Petition, today: dt.date) -> Term | None:
    if petition.status == PetitionStatus.MODERATION and petition.moderation_due:
        return Term(_("moderate by"), petition.moderation_due, petition.moderation_due < today)
    if petition.status == PetitionStatus.CONSIDERATION and petition.answer_due:
        return Term(_("answer by"), petition.answer_due, petition.answer_due < today)
    return None


# --- the list ----------------------------------------------------------------------------------------


def _row(p: Petition, today: dt.date) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "status": p.get_status_display(),
        "status_code": p.status,
        "submitted_at": p.submitted_at,
        "total": p.total_count,
        "threshold": p.threshold,
        "term": term_of(p, today),
    }


def _list_url(**params: str) -> str:
    query = {k: v for k, v in params.items() if v}
    return reverse("petitions:list") + ("?" + urlencode(query) if query else "")


@role_required(*PETITION_ROLES)
@require_GET
def petition_list(request: StaffRequest) -> HttpResponse:
    """Status tabs and a search; the role's own queue first (the moderator's petitions to moderate,
    the head's petitions to answer), the nearest term on top and passed terms said in words."""
    user = request.user
    today = clock.today()
    form = PetitionFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "petitions/list.html", {"form": form, "status_counts": []}, status=400)
    status, q = form.cleaned_data["status"], form.cleaned_data["q"].strip()
    overdue = bool(form.cleaned_data.get("overdue"))
    counts = selectors.status_counts()
    context: dict[str, Any] = {
        "form": form,
        "status_counts": [
            {
                "label": s.label,
                "count": counts[s.value],
                "url": _list_url(status=s.value),
                "current": status == s.value,
            }
            for s in PetitionStatus
            if s != PetitionStatus.DRAFT
        ],
    }
    if not status and not q and not overdue:
        if user.role == Role.MODERATOR:
            queue = selectors.moderation_queue()
            context["queue_title"] = _("Moderation queue")
        else:
            queue = selectors.answer_queue()
            context["queue_title"] = _("Awaiting the council's answer")
        context["queue"] = [_row(p, today) for p in queue[:QUEUE_SIZE]]
    found_qs = selectors.staff_petitions(user, status=status, q=q)
    if overdue:
        found_qs = found_qs.filter(selectors.past_term(today=today))
    query = {"status": status, "q": q, "overdue": "1" if overdue else ""}
    found = paged(request, found_qs, PAGE_SIZE, query={k: v for k, v in query.items() if v}, base=_list_url())
    total = found.page.paginator.count
    context.update(
        found.context(),
        rows=[_row(p, today) for p in found.page.object_list],
        count_text=ngettext("%(count)s petition", "%(count)s petitions", total) % {"count": total},
    )
    return render(request, "petitions/list.html", context)


# --- the card ----------------------------------------------------------------------------------------


def _in(status: str) -> Callable[[Petition], bool]:
    return lambda petition: petition.status == status


def _moderator(user: User, petition: Petition) -> bool:
    return permissions.can_moderate_petition(user)


def _paper(user: User, petition: Petition) -> bool:
    return permissions.can_add_paper_signatures(user)


def _head(user: User, petition: Petition) -> bool:
    return permissions.can_answer_petition(user)


ACTIONS: list[CardAction[Petition]] = [
    CardAction(
        "publish",
        gettext_lazy("Publish for signing"),
        gettext_lazy("Publish"),
        gettext_lazy("The petition is published; the collection of signatures has begun."),
        (Role.MODERATOR,),
        services.publish_petition,
        permitted=_moderator,
        now=_in(PetitionStatus.MODERATION),
    ),
    CardAction(
        "return",
        gettext_lazy("Return to the author for edits"),
        gettext_lazy("Return"),
        gettext_lazy("The petition is returned to its author for edits."),
        (Role.MODERATOR,),
        services.return_petition_for_edits,
        permitted=_moderator,
        now=_in(PetitionStatus.MODERATION),
    ),
    CardAction(
        "refuse",
        gettext_lazy("Refuse to publish"),
        gettext_lazy("Refuse"),
        gettext_lazy("The petition is refused; the reason is published."),
        (Role.MODERATOR,),
        services.refuse_petition,
        permitted=_moderator,
        now=_in(PetitionStatus.MODERATION),
    ),
    CardAction(
        "paper",
        gettext_lazy("Add paper signatures"),
        gettext_lazy("Add"),
        gettext_lazy("The paper signatures are added to the count."),
        (Role.MODERATOR,),
        services.add_paper_signatures,
        permitted=_paper,
        now=_in(PetitionStatus.COLLECTING),
    ),
    CardAction(
        "answer",
        gettext_lazy("The council's answer"),
        gettext_lazy("Publish the answer"),
        gettext_lazy("The answer is published and sent to the author and the signatories who asked."),
        (Role.HEAD,),
        services.answer_petition,
        permitted=_head,
        now=_in(PetitionStatus.CONSIDERATION),
        multipart=True,
    ),
]
#: Each action's form (by the action's slug).
FORMS: dict[str, type[ActionForm]] = {
    "publish": PublishForm,
    "return": ReturnForm,
    "refuse": RefuseForm,
    "paper": PaperForm,
    "answer": AnswerForm,
}


def _event_lines(action: str, data: dict[str, Any]) -> list[str]:
    lines = []
    count = data.get("count")
    if action == "paper_added":
        lines.append(
            _("%(count)s on paper, protocol %(protocol)s")
            % {"count": count, "protocol": data.get("protocol", "")}
        )
    elif action in ("invalidated", "invalidation_reverted") and isinstance(count, int):
        lines.append(
            _("Invalidation No. %(number)s: %(signatures)s")
            % {"number": data.get("invalidation", ""), "signatures": signatures_phrase(count)}
        )
    elif action == "threshold_reached":
        lines.append(
            _("Online %(online)s, on paper %(paper)s, needed %(threshold)s")
            % {
                "online": data.get("online", 0),
                "paper": data.get("paper", 0),
                "threshold": data.get("threshold", 0),
            }
        )
    elif action == "answered" and "supported" in data:
        lines.append(str(_("Supported") if data["supported"] else _("Not supported")))
    if data.get("reason"):
        lines.append(_("Reason: %(text)s") % {"text": data["reason"]})
    return lines


#: Steps the author takes on the portal (no staff actor): the journal names the author.
AUTHOR_ACTIONS = ("created", "edited", "submitted")


def timeline(events: list[PetitionEvent], petition: Petition) -> list[dict[str, Any]]:
    return [
        {
            "at": e.at,
            "actor": petition.author_name
            if e.actor is None and e.action in AUTHOR_ACTIONS
            else person(e.actor),
            "title": e.get_action_display(),
            "lines": _event_lines(e.action, e.data or {}),
        }
        for e in events
    ]


def _actions(user: User, petition: Petition, bound: ActionForm | None) -> list[dict[str, Any]]:
    return offered_actions(
        ACTIONS,
        user,
        petition,
        bound,
        url=lambda action: reverse(f"petitions:card-{action.slug}", args=[petition.pk]),
        form_for=lambda action: FORMS[action.slug](),
    )


def _render_card(
    request: StaffRequest, petition: Petition, *, bound: ActionForm | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    today = clock.today()
    files = selectors.attachments(petition)
    threshold = petition.threshold or services.charter().threshold
    context = {
        "petition": petition,
        "threshold": threshold,
        "term": term_of(petition, today),
        "moderation_overdue": petition.status == PetitionStatus.MODERATION
        and bool(petition.moderation_due and petition.moderation_due < today),
        "answer_overdue": petition.status == PetitionStatus.CONSIDERATION
        and bool(petition.answer_due and petition.answer_due < today),
        "petition_files": [f for f in files if f.part == PetitionAttachment.Part.PETITION],
        "answer_files": [f for f in files if f.part == PetitionAttachment.Part.ANSWER],
        "paper_batches": selectors.paper_batches(petition),
        "timeline": timeline(selectors.journal(petition), petition),
        "actions": _actions(user, petition, bound),
        "is_moderator": user.role == Role.MODERATOR,
        "has_signatures": petition.published_at is not None,
    }
    return render(request, "petitions/card.html", context, status=status)


@role_required(*PETITION_ROLES)
@require_GET
def petition_card(request: StaffRequest, petition_id: int) -> HttpResponse:
    """The card. It shows the author's name and e-mail: each view is recorded in the audit log."""
    petition = load(petition_id)
    record_petition_read(request, petition, "card")
    return _render_card(request, petition)


def _perform(request: StaffRequest, petition_id: int, action: CardAction[Petition]) -> HttpResponse:
    petition = load(petition_id)

    def reshow(form: ActionForm, status: int) -> HttpResponse:
        # as it is now, not as the refused step left the object
        return _render_card(request, load(petition_id), bound=form, status=status)

    return perform(
        request,
        action,
        petition,
        FORMS[action.slug](request.POST, request.FILES),
        target={"petition_id": petition.pk},
        success=lambda: redirect("petitions:card", petition_id=petition.pk),
        reshow=reshow,
    )


@role_required(*PETITION_ROLES)
@require_GET
def petition_file(request: StaffRequest, petition_id: int, attachment_id: int) -> FileResponse:
    """A file of the petition or of the answer, downloaded (never shown inline: its type is the
    uploader's)."""
    petition = load(petition_id)
    try:
        item = selectors.attachment(petition, attachment_id)
    except NotFound:
        raise Http404 from None
    return download(item)


urlpatterns: list[URLPattern] = [
    path("", petition_list, name="list"),
    path("<int:petition_id>/", petition_card, name="card"),
    path("<int:petition_id>/files/<int:attachment_id>/", petition_file, name="file"),
    *action_urls(ACTIONS, _perform, object_kwarg="petition_id", name_prefix="card", view_prefix="petition_"),
]
