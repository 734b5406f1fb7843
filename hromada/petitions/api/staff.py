"""E-petitions (електронні петиції) for staff in the JSON API: /api/v1/petitions.

Thin: parse, call one service or selector, render. Auth is the API's default (a bearer token or a staff
session); the roles are the services' and selectors' business: the moderator moderates, counts paper
signatures and invalidates; the head answers; both read. Refusals are the API's usual ones: 403 role,
404 unknown (a draft is its author's alone: not found), 409 wrong state, 422 a list of field errors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from hromada.accounts.http import ApiRequest
from hromada.accounts.models import User
from hromada.core import clock
from hromada.core.api_types import ErrorOut, FieldErrorOut, ObjectId, page_out
from hromada.core.audit import record_read
from hromada.core.errors import NotFound, PermissionDenied
from hromada.petitions import selectors, services
from hromada.petitions.api.schemas import (
    AnswerIn,
    HourOut,
    InvalidateIn,
    InvalidationResultOut,
    PaperAddedOut,
    PaperIn,
    ReasonIn,
    SourcesOut,
    StaffFilters,
    StaffPageOut,
    StaffPetitionOut,
    StateOut,
)
from hromada.petitions.models import Invalidation, PaperSignatures, Petition, PetitionStatus
from hromada.petitions.permissions import can_invalidate_signatures

router = Router(tags=["petitions (staff)"])

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
    return _state(selectors.staff_petition(petition_id))


def _moderator(user: User) -> None:
    """The fraud data (hourly counts, top sources) is the moderator's tool, as on the fraud page."""
    if not can_invalidate_signatures(user):
        raise PermissionDenied(_("Your role does not allow this."))


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value)


# --- Reading --------------------------------------------------------------------------------------


@router.get(
    "",
    response={200: StaffPageOut, **REFUSALS},
    summary="E-petitions (staff list)",
    operation_id="hromada_petitions_api_list_petitions",
)
def list_petitions(request: ApiRequest, filters: Query[StaffFilters]) -> dict[str, Any]:
    """Every petition past its draft, the last changed first; `overdue` keeps those past their term."""
    today = clock.today()
    qs = selectors.staff_petitions(request.auth, status=filters.status, q=filters.q)
    if filters.overdue:
        qs = qs.filter(selectors.past_term(today=today))
    qs = qs.defer("text", "search_text", "answer_text", "author_email", "moderation_reason")
    return page_out(qs, filters.page_size, filters.page, lambda p: _state(p, today))


@router.get(
    "/{int:petition_id}",
    response={200: StaffPetitionOut, **REFUSALS},
    summary="One e-petition (staff)",
    operation_id="hromada_petitions_api_get_petition",
)
def get_petition(request: ApiRequest, petition_id: ObjectId) -> dict[str, Any]:
    """The staff card's data with the author's name and e-mail: each read is recorded in the audit log."""
    user = request.auth
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
        "paper_batches": [_paper(b) for b in selectors.paper_batches(p)],
        "invalidations": [_invalidation(i) for i in selectors.invalidations(p)],
        "events": [
            {"at": e.at, "action": e.action, "actor": _name(e.actor), "data": e.data or {}}
            for e in selectors.journal(p)
        ],
    }


@router.get(
    "/{int:petition_id}/signatures-per-hour",
    response={200: list[HourOut], **REFUSALS},
    summary="Valid signatures per hour (moderator)",
    operation_id="hromada_petitions_api_signatures_per_hour",
)
def signatures_per_hour(request: ApiRequest, petition_id: ObjectId) -> list[dict[str, Any]]:
    """Hours of the council's time zone with at least one valid online signature, oldest first."""
    _moderator(request.auth)
    petition = selectors.staff_petition(petition_id)
    return [{"hour": hour, "count": n} for hour, n in selectors.signatures_per_hour(petition)]


@router.get(
    "/{int:petition_id}/sources",
    response={200: SourcesOut, **REFUSALS},
    summary="Top sources of valid signatures (moderator)",
    operation_id="hromada_petitions_api_sources",
)
def sources(
    request: ApiRequest,
    petition_id: ObjectId,
    limit: int = Query(10, ge=1, le=100),
) -> dict[str, list[dict[str, Any]]]:
    """The e-mail domains and address keys with the most valid signatures: what `invalidations` takes."""
    _moderator(request.auth)
    petition = selectors.staff_petition(petition_id)
    found = selectors.top_sources(petition, limit=limit)
    return {
        field: [{"value": value, "count": n} for value, n in found.get(field, [])]
        for field in ("email_domain", "ip_key")
    }


# --- Moderation, counting, answer -----------------------------------------------------------------


@router.post(
    "/{int:petition_id}/publish",
    response={200: StateOut, **CHANGES},
    summary="Publish for signing",
    operation_id="hromada_petitions_api_publish",
)
def publish(request: ApiRequest, petition_id: ObjectId) -> dict[str, Any]:
    return _state(services.publish_petition(actor=request.auth, petition_id=petition_id))


@router.post(
    "/{int:petition_id}/return",
    response={200: StateOut, **CHANGES},
    summary="Return for edits",
    operation_id="hromada_petitions_api_return_for_edits",
)
def return_for_edits(request: ApiRequest, petition_id: ObjectId, payload: ReasonIn) -> dict[str, Any]:
    petition = services.return_petition_for_edits(
        actor=request.auth, petition_id=petition_id, reason=payload.reason
    )
    return _state(petition)


@router.post(
    "/{int:petition_id}/refuse",
    response={200: StateOut, **CHANGES},
    summary="Refuse to publish",
    operation_id="hromada_petitions_api_refuse",
)
def refuse(request: ApiRequest, petition_id: ObjectId, payload: ReasonIn) -> dict[str, Any]:
    """The reason is published with the petition."""
    petition = services.refuse_petition(actor=request.auth, petition_id=petition_id, reason=payload.reason)
    return _state(petition)


@router.post(
    "/{int:petition_id}/paper-signatures",
    response={201: PaperAddedOut, **CHANGES},
    summary="Add paper signatures",
    operation_id="hromada_petitions_api_paper_signatures",
)
def paper_signatures(request: ApiRequest, petition_id: ObjectId, payload: PaperIn) -> Status[dict[str, Any]]:
    """Counted in the total, so they may reach the threshold (then the petition is under consideration)."""
    batch = services.add_paper_signatures(
        actor=request.auth,
        petition_id=petition_id,
        count=payload.count if payload.count is not None else 0,
        protocol=payload.protocol,
    )
    return Status(201, {**_paper(batch), "petition": _current(petition_id)})


@router.post(
    "/{int:petition_id}/answer",
    response={200: StateOut, **CHANGES},
    summary="The council's answer",
    operation_id="hromada_petitions_api_answer",
)
def answer(request: ApiRequest, petition_id: ObjectId, payload: AnswerIn) -> dict[str, Any]:
    """The head's answer: published, and e-mailed to the author and the signatories who asked."""
    petition = services.answer_petition(
        actor=request.auth,
        petition_id=petition_id,
        supported=payload.supported,
        text=payload.text,
        decision_url=payload.decision_url,
    )
    return _state(petition)


@router.post(
    "/{int:petition_id}/invalidations",
    response={201: InvalidationResultOut, **CHANGES},
    summary="Invalidate signatures",
    operation_id="hromada_petitions_api_invalidate",
)
def invalidate(request: ApiRequest, petition_id: ObjectId, payload: InvalidateIn) -> Status[dict[str, Any]]:
    """Every valid signature matching any criterion (ids, e-mail domain, address key, time range)."""
    done = services.invalidate_signatures(
        actor=request.auth,
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
    operation_id="hromada_petitions_api_revert_invalidation",
)
def revert_invalidation(request: ApiRequest, invalidation_id: ObjectId) -> dict[str, Any]:
    """The signatures count again (those not withdrawn since); this may reach the threshold."""
    done = services.revert_invalidation(actor=request.auth, invalidation_id=invalidation_id)
    return {**_invalidation(done), "petition": _current(done.petition_id)}
