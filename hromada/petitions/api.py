"""E-petitions (електронні петиції) for staff in the JSON API: /api/v1/petitions.

Thin: parse, call one service or selector, render. Auth is the API's default (a bearer token or a staff
session); the roles are the services' and selectors' business: the moderator moderates, counts paper
signatures and invalidates; the head answers; both read. Refusals are the API's usual ones: 403 role,
404 unknown (a draft is its author's alone: not found), 409 wrong state, 422 a list of field errors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from hromada.accounts.models import Role, User
from hromada.core import clock
from hromada.core.api_types import Count, DateTime, ErrorOut, FieldErrorOut, ObjectId, Paging, Text, page_size
from hromada.core.audit import record_read
from hromada.core.errors import NotFound, PermissionDenied
from hromada.petitions import selectors, services, staff_selectors
from hromada.petitions.models import Invalidation, PaperSignatures, Petition, PetitionStatus

router = Router(tags=["petitions (staff)"])

StaffStatus = Literal[
    "", "moderation", "returned", "refused", "collecting", "consideration", "answered", "closed", "converted"
]
MAX_PAGE_SIZE = 100
#: Reasons and answers are letters, not books.
REASON_MAX = 20_000


# --- Schemas --------------------------------------------------------------------------------------


class StaffFilters(Paging):
    status: StaffStatus = Field("", description="one status (drafts are never listed); empty: all")
    q: Text = Field("", max_length=200, description="words of the title, text or answer")
    overdue: bool = Field(False, description="only those past the moderation or answer term")
    page_size: int = page_size(25, MAX_PAGE_SIZE)


class StateOut(Schema):
    """Where a petition stands: what an action changes."""

    id: int
    title: str
    status: str
    status_label: str
    category: str
    submitted_at: dt.datetime | None
    moderation_due: dt.date | None
    published_at: dt.datetime | None
    deadline: dt.date | None
    threshold: int | None
    signature_count: int = Field(description="valid online signatures")
    paper_count: int
    total_count: int
    answer_due: dt.date | None
    overdue: bool = Field(description="past the moderation or the answer term")


class StaffPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[StateOut]


class AuthorOut(Schema):
    name: str
    email: str


class StaffAnswerOut(Schema):
    supported: bool | None
    text: str
    decision_url: str
    answered_at: dt.datetime | None
    answered_by: str | None


class EventOut(Schema):
    at: dt.datetime
    action: str
    actor: str | None = Field(description="staff username; null for the author's and the system's steps")
    data: dict[str, Any]


class PaperOut(Schema):
    id: int
    count: int
    protocol: str
    added_at: dt.datetime
    added_by: str


class InvalidationOut(Schema):
    id: int
    petition_id: int
    reason: str
    signature_total: int
    created_at: dt.datetime
    created_by: str
    reverted_at: dt.datetime | None
    reverted_by: str | None


class StaffPetitionOut(StateOut):
    text: str
    category_name: str
    author: AuthorOut
    created_at: dt.datetime
    moderated_at: dt.datetime | None
    moderated_by: str | None
    moderation_reason: str = Field(description="why it was returned (private) or refused (public)")
    threshold_reached_at: dt.datetime | None
    answer: StaffAnswerOut | None
    closed_at: dt.datetime | None
    converted_appeal_id: int | None
    paper_batches: list[PaperOut]
    invalidations: list[InvalidationOut]
    events: list[EventOut]


class PaperAddedOut(PaperOut):
    petition: StateOut


class InvalidationResultOut(InvalidationOut):
    petition: StateOut


class ReasonIn(Schema):
    reason: Text = Field("", max_length=REASON_MAX)


class PaperIn(Schema):
    count: Count | None = None
    protocol: Text = Field("", max_length=200)


class AnswerIn(Schema):
    supported: bool | None = None
    text: Text = Field("", max_length=REASON_MAX)
    decision_url: Text = Field("", max_length=200)


class InvalidateIn(Schema):
    """The union of the criteria, as the service reads it; times without a zone are Kyiv time."""

    reason: Text = Field("", max_length=REASON_MAX)
    signature_ids: list[ObjectId] = Field(default_factory=list, max_length=10_000)
    email_domain: Text = Field("", max_length=253)
    ip_key: Text = Field("", max_length=64)
    signed_from: DateTime | None = None
    signed_to: DateTime | None = None


class HourOut(Schema):
    hour: dt.datetime
    count: int


class SourceOut(Schema):
    value: str
    count: int


class SourcesOut(Schema):
    email_domain: list[SourceOut]
    ip_key: list[SourceOut] = Field(description="keyed hashes of the signers' addresses, never addresses")


REFUSALS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
CHANGES: dict[int, Any] = {**REFUSALS, 409: ErrorOut, 422: list[FieldErrorOut]}


# --- Helpers --------------------------------------------------------------------------------------


def _name(user: User | None) -> str | None:
    return user.username if user is not None else None


def _overdue(p: Petition, today: dt.date) -> bool:
    if p.status == PetitionStatus.MODERATION and p.moderation_due:
        return p.moderation_due < today
    if p.status == PetitionStatus.CONSIDERATION and p.answer_due:
        return p.answer_due < today
    return False


def _state(p: Petition, today: dt.date | None = None) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "status": p.status,
        "status_label": str(p.get_status_display()),
        "category": p.category_id,
        "submitted_at": p.submitted_at,
        "moderation_due": p.moderation_due,
        "published_at": p.published_at,
        "deadline": p.deadline,
        "threshold": p.threshold,
        "signature_count": p.signature_count,
        "paper_count": p.paper_count,
        "total_count": p.total_count,
        "answer_due": p.answer_due,
        "overdue": _overdue(p, today or clock.today()),
    }


def _paper(b: PaperSignatures) -> dict[str, Any]:
    return {
        "id": b.pk,
        "count": b.count,
        "protocol": b.protocol,
        "added_at": b.added_at,
        "added_by": b.added_by.username,
    }


def _invalidation(i: Invalidation) -> dict[str, Any]:
    return {
        "id": i.pk,
        "petition_id": i.petition_id,
        "reason": i.reason,
        "signature_total": i.signature_total,
        "created_at": i.created_at,
        "created_by": i.created_by.username,
        "reverted_at": i.reverted_at,
        "reverted_by": _name(i.reverted_by),
    }


def _current(petition_id: int) -> dict[str, Any]:
    """The petition's state after a step that changed its counters in the database."""
    return _state(staff_selectors.staff_petition(petition_id))


def _moderator(user: User) -> None:
    """The fraud data (hourly counts, top sources) is the moderator's tool, as on the fraud page."""
    if not user.has_role(Role.MODERATOR):
        raise PermissionDenied(_("Your role does not allow this."))


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value)


# --- Reading --------------------------------------------------------------------------------------


@router.get("", response={200: StaffPageOut, **REFUSALS}, summary="E-petitions (staff list)")
def list_petitions(request: HttpRequest, filters: Query[StaffFilters]):  # type: ignore[no-untyped-def]
    """Every petition past its draft, the last changed first; `overdue` keeps those past their term."""
    today = clock.today()
    qs = selectors.staff_petitions(request.auth, status=filters.status, q=filters.q)  # type: ignore[arg-type]
    if filters.overdue:
        qs = qs.filter(staff_selectors.past_term(today=today))
    qs = qs.defer("text", "search_text", "answer_text", "author_email", "moderation_reason")
    page = Paginator(qs, filters.page_size).get_page(filters.page)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "items": [_state(p, today) for p in page.object_list],
    }


@router.get(
    "/{int:petition_id}", response={200: StaffPetitionOut, **REFUSALS}, summary="One e-petition (staff)"
)
def get_petition(request: HttpRequest, petition_id: ObjectId):  # type: ignore[no-untyped-def]
    """The staff card's data with the author's name and e-mail: each read is recorded in the audit log."""
    user: User = request.auth  # type: ignore[attr-defined]
    p = (
        selectors.staff_petitions(user)
        .select_related("moderated_by", "answered_by")
        .filter(pk=petition_id)
        .first()
    )
    if p is None:
        raise NotFound(_("No such petition."))
    record_read(
        actor=user, app="petitions", object_type="petition", object_id=p.pk, page="api", path=request.path
    )
    answered = p.answered_at is not None
    return {
        **_state(p),
        "text": p.text,
        "category_name": p.category.name,
        "author": {"name": p.author_name, "email": p.author_email},
        "created_at": p.created_at,
        "moderated_at": p.moderated_at,
        "moderated_by": _name(p.moderated_by),
        "moderation_reason": p.moderation_reason,
        "threshold_reached_at": p.threshold_reached_at,
        "answer": {
            "supported": p.answer_supported,
            "text": p.answer_text,
            "decision_url": p.answer_decision_url,
            "answered_at": p.answered_at,
            "answered_by": _name(p.answered_by),
        }
        if answered
        else None,
        "closed_at": p.closed_at,
        "converted_appeal_id": p.converted_appeal_id,
        "paper_batches": [_paper(b) for b in staff_selectors.paper_batches(p)],
        "invalidations": [_invalidation(i) for i in staff_selectors.invalidations(p)],
        "events": [
            {"at": e.at, "action": e.action, "actor": _name(e.actor), "data": e.data or {}}
            for e in staff_selectors.journal(p)
        ],
    }


@router.get(
    "/{int:petition_id}/signatures-per-hour",
    response={200: list[HourOut], **REFUSALS},
    summary="Valid signatures per hour (moderator)",
)
def signatures_per_hour(request: HttpRequest, petition_id: ObjectId):  # type: ignore[no-untyped-def]
    """Hours of the council's time zone with at least one valid online signature, oldest first."""
    _moderator(request.auth)  # type: ignore[arg-type]
    petition = staff_selectors.staff_petition(petition_id)
    return [{"hour": hour, "count": n} for hour, n in selectors.signatures_per_hour(petition)]


@router.get(
    "/{int:petition_id}/sources",
    response={200: SourcesOut, **REFUSALS},
    summary="Top sources of valid signatures (moderator)",
)
def sources(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    petition_id: ObjectId,
    limit: int = Query(10, ge=1, le=100),  # type: ignore[type-arg]
):
    """The e-mail domains and address keys with the most valid signatures: what `invalidations` takes."""
    _moderator(request.auth)  # type: ignore[arg-type]
    petition = staff_selectors.staff_petition(petition_id)
    found = selectors.top_sources(petition, limit=limit)
    return {
        field: [{"value": value, "count": n} for value, n in found.get(field, [])]
        for field in ("email_domain", "ip_key")
    }


# --- Moderation, counting, answer -----------------------------------------------------------------


@router.post("/{int:petition_id}/publish", response={200: StateOut, **CHANGES}, summary="Publish for signing")
def publish(request: HttpRequest, petition_id: ObjectId):  # type: ignore[no-untyped-def]
    return _state(services.publish(actor=request.auth, petition_id=petition_id))  # type: ignore[arg-type]


@router.post("/{int:petition_id}/return", response={200: StateOut, **CHANGES}, summary="Return for edits")
def return_for_edits(request: HttpRequest, petition_id: ObjectId, payload: ReasonIn):  # type: ignore[no-untyped-def]
    petition = services.return_for_edits(actor=request.auth, petition_id=petition_id, reason=payload.reason)  # type: ignore[arg-type]
    return _state(petition)


@router.post("/{int:petition_id}/refuse", response={200: StateOut, **CHANGES}, summary="Refuse to publish")
def refuse(request: HttpRequest, petition_id: ObjectId, payload: ReasonIn):  # type: ignore[no-untyped-def]
    """The reason is published with the petition."""
    petition = services.refuse(actor=request.auth, petition_id=petition_id, reason=payload.reason)  # type: ignore[arg-type]
    return _state(petition)


@router.post(
    "/{int:petition_id}/paper-signatures",
    response={201: PaperAddedOut, **CHANGES},
    summary="Add paper signatures",
)
def paper_signatures(request: HttpRequest, petition_id: ObjectId, payload: PaperIn):  # type: ignore[no-untyped-def]
    """Counted in the total, so they may reach the threshold (then the petition is under consideration)."""
    batch = services.add_paper_signatures(
        actor=request.auth,  # type: ignore[arg-type]
        petition_id=petition_id,
        count=payload.count if payload.count is not None else 0,
        protocol=payload.protocol,
    )
    return Status(201, {**_paper(batch), "petition": _current(petition_id)})


@router.post("/{int:petition_id}/answer", response={200: StateOut, **CHANGES}, summary="The council's answer")
def answer(request: HttpRequest, petition_id: ObjectId, payload: AnswerIn):  # type: ignore[no-untyped-def]
    """The head's answer: published, and e-mailed to the author and the signatories who asked."""
    petition = services.answer(
        actor=request.auth,  # type: ignore[arg-type]
        petition_id=petition_id,
        supported=payload.supported,  # type: ignore[arg-type]
        text=payload.text,
        decision_url=payload.decision_url,
    )
    return _state(petition)


@router.post(
    "/{int:petition_id}/invalidations",
    response={201: InvalidationResultOut, **CHANGES},
    summary="Invalidate signatures",
)
def invalidate(request: HttpRequest, petition_id: ObjectId, payload: InvalidateIn):  # type: ignore[no-untyped-def]
    """Every valid signature matching any criterion (ids, e-mail domain, address key, time range)."""
    done = services.invalidate(
        actor=request.auth,  # type: ignore[arg-type]
        petition_id=petition_id,
        reason=payload.reason,
        signature_ids=payload.signature_ids,
        email_domain=payload.email_domain,
        ip_key=payload.ip_key,
        signed_from=_aware(payload.signed_from),
        signed_to=_aware(payload.signed_to),
    )
    return Status(201, {**_invalidation(done), "petition": _current(petition_id)})


@router.post(
    "/invalidations/{int:invalidation_id}/revert",
    response={200: InvalidationResultOut, **CHANGES},
    summary="Revert an invalidation",
)
def revert_invalidation(request: HttpRequest, invalidation_id: ObjectId):  # type: ignore[no-untyped-def]
    """The signatures count again (those not withdrawn since); this may reach the threshold."""
    done = services.revert_invalidation(actor=request.auth, invalidation_id=invalidation_id)  # type: ignore[arg-type]
    return {**_invalidation(done), "petition": _current(done.petition_id)}
