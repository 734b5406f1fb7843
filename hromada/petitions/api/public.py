"""Public JSON API of e-petitions (електронні петиції): the list, one petition, its signatories, and a
signed-in resident's signature and own petitions (drafts: create, edit, submit) — a session, like the
portal's pages; CSRF token required.

The outputs are explicit schemas holding only what the public page shows: never the author's e-mail,
nor anyone's address, nor the fraud-check keys of a signature.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.security import SessionAuth

from hromada.core import clock, ratelimit
from hromada.core.api_types import ErrorOut, FieldErrorOut, ObjectId, PageNumber, page_out
from hromada.notifications.services import public_url
from hromada.petitions import selectors, services
from hromada.petitions.api.schemas import (
    MAX_PAGE_SIZE,
    DraftIn,
    DraftOut,
    OwnPetitionPageOut,
    PetitionFilters,
    PetitionOut,
    PetitionPageOut,
    SignatoryPageOut,
    SignatureIn,
    SignatureOut,
)
from hromada.petitions.models import PUBLIC_STATUSES, Petition, PetitionAttachment, PetitionStatus, Signature
from hromada.reference import selectors as ref
from hromada.reference.models import Topic
from hromada.residents.http import ResidentApiRequest
from hromada.residents.models import Resident
from hromada.residents.services import resident_of

router = Router(tags=["petitions"], auth=None)

# The operation ids are the API's contract (clients name their methods after them): they are written
# out, so that the module's move from the portal to the petitions app did not rename them.


class ResidentSession(SessionAuth):
    """A resident signed in to the portal's cabinet (staff accounts have no resident: 401)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Resident | None:
        return resident_of(request.user)


# --- Helpers --------------------------------------------------------------------------------------


def _days_left(p: Petition) -> int | None:
    if p.status != PetitionStatus.COLLECTING or p.deadline is None:
        return None
    return max(0, (p.deadline - clock.today()).days + 1)


def _summary(p: Petition) -> dict[str, object]:
    topic = ref.vocabulary(Topic).get(p.category_id)
    return {
        "id": p.pk,
        "title": p.title,
        "status": p.status,
        "status_label": str(p.get_status_display()),
        "category": p.category_id,
        "category_name": topic.name if topic else "",
        "published_at": p.published_at,
        "deadline": p.deadline,
        "threshold": p.threshold,
        "signature_count": p.signature_count,
        "paper_count": p.paper_count,
        "total_count": p.total_count,
        "days_left": _days_left(p),
        "url": public_url(reverse("portal:petition", args=[p.pk])),
    }


def _get(petition_id: int) -> Petition:
    return selectors.public_petition(petition_id)  # NotFound → 404 by the API's handler


def _own(p: Petition) -> dict[str, object]:
    public = p.status in PUBLIC_STATUSES
    return {
        "id": p.pk,
        "title": p.title,
        "status": p.status,
        "status_label": str(p.get_status_display()),
        "category": p.category_id,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
        "submitted_at": p.submitted_at,
        "moderation_due": p.moderation_due,
        "moderation_reason": p.moderation_reason
        if p.status in (PetitionStatus.RETURNED, PetitionStatus.REFUSED)
        else "",
        "published_at": p.published_at,
        "deadline": p.deadline,
        "total_count": p.total_count,
        "editable": p.status in (PetitionStatus.DRAFT, PetitionStatus.RETURNED),
        "url": public_url(reverse("portal:petition", args=[p.pk])) if public else None,
    }


def _draft(p: Petition) -> dict[str, object]:
    return {**_own(p), "text": p.text}


DRAFT_REFUSALS: dict[int, object] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


# --- Operations -----------------------------------------------------------------------------------


# Declared before "/{int:petition_id}" (which takes integers only anyway): "mine" is not an id.
@router.get(
    "/mine",
    auth=ResidentSession(),
    response={200: OwnPetitionPageOut, 401: ErrorOut},
    summary="My e-petitions",
    operation_id="hromada_portal_petitions_api_my_petitions",
)
def my_petitions(
    request: ResidentApiRequest,
    response: HttpResponse,
    page: PageNumber = 1,
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """The signed-in resident's petitions in every state (drafts too), the newest first."""
    qs = selectors.petitions_of(request.auth).defer("text", "search_text", "answer_text")
    response["Cache-Control"] = "no-store"
    return page_out(qs, page_size, page, _own)


@router.post(
    "",
    auth=ResidentSession(),
    response={201: DraftOut, 422: list[FieldErrorOut], **DRAFT_REFUSALS},
    summary="Create a draft e-petition",
    operation_id="hromada_portal_petitions_api_create_draft",
)
def create_draft(request: ResidentApiRequest, payload: DraftIn) -> Status[dict[str, object]]:
    """A draft only its author sees; `submit` sends it to moderation. 403 `unconfirmed` e-mail."""
    petition = services.create_petition_draft(
        author=request.auth,
        title=payload.title,
        text=payload.text,
        category=payload.category,
    )
    return Status(201, _draft(petition))


@router.put(
    "/{int:petition_id}",
    auth=ResidentSession(),
    response={200: DraftOut, 422: list[FieldErrorOut], **DRAFT_REFUSALS},
    summary="Edit my draft e-petition",
    operation_id="hromada_portal_petitions_api_update_draft",
)
def update_draft(request: ResidentApiRequest, petition_id: ObjectId, payload: DraftIn) -> dict[str, object]:
    """Only a draft or a petition returned for edits (409 otherwise); another's petition is 404."""
    petition = services.update_petition_draft(
        author=request.auth,
        petition_id=petition_id,
        title=payload.title,
        text=payload.text,
        category=payload.category,
    )
    return _draft(petition)


@router.post(
    "/{int:petition_id}/submit",
    auth=ResidentSession(),
    response={200: DraftOut, **DRAFT_REFUSALS},
    summary="Submit my e-petition for moderation",
    operation_id="hromada_portal_petitions_api_submit_draft",
)
def submit_draft(request: ResidentApiRequest, petition_id: ObjectId) -> dict[str, object]:
    """To moderation; the moderator decides within the charter's working days (`moderation_due`)."""
    return _draft(services.submit_petition(author=request.auth, petition_id=petition_id))


def _signatory(s: Signature) -> dict[str, object]:
    return {"name": s.name, "signed_on": timezone.localtime(s.signed_at).date()}


@router.get(
    "",
    response=PetitionPageOut,
    summary="Public e-petitions",
    operation_id="hromada_portal_petitions_api_list_petitions",
)
def list_petitions(request: HttpRequest, filters: Query[PetitionFilters]) -> dict[str, Any]:
    """Public petitions (collecting, under consideration, answered, closed, converted, refused), with
    search, filters and the orders of the portal's list."""
    qs = selectors.public_petitions(
        status=filters.status, q=filters.q, category=filters.category, sort=filters.sort
    ).defer("text", "answer_text", "search_text", "author_email")
    return page_out(qs, filters.page_size, filters.page, _summary)


@router.get(
    "/{int:petition_id}",
    response={200: PetitionOut, 404: ErrorOut},
    summary="One e-petition",
    operation_id="hromada_portal_petitions_api_get_petition",
)
def get_petition(request: HttpRequest, petition_id: ObjectId) -> dict[str, object]:
    p = _get(petition_id)
    answered = p.status == PetitionStatus.ANSWERED
    attachments = [
        {
            "name": a.original_name,
            "content_type": a.content_type,
            "size": a.size,
            "part": a.part,
            "url": public_url(reverse("portal:petition-attachment", args=[p.pk, a.pk])),
        }
        for a in p.attachments.order_by("id")
        if answered or a.part == PetitionAttachment.Part.PETITION
    ]
    return {
        **_summary(p),
        "text": p.text,
        "author_name": p.author_name,
        "refusal_reason": p.moderation_reason if p.status == PetitionStatus.REFUSED else "",
        "answer": {
            "supported": p.answer_supported,
            "text": p.answer_text,
            "decision_url": p.answer_decision_url,
            "answered_at": p.answered_at,
        }
        if answered
        else None,
        "attachments": attachments,
    }


@router.get(
    "/{int:petition_id}/signatories",
    response={200: SignatoryPageOut, 404: ErrorOut},
    summary="Signatories of an e-petition",
    operation_id="hromada_portal_petitions_api_list_signatories",
)
def list_signatories(
    request: HttpRequest,
    petition_id: ObjectId,
    page: PageNumber = 1,
    page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """Names and dates of the valid signatures, oldest first: what the law publishes, nothing more."""
    qs = selectors.signatories(_get(petition_id)).only("id", "name", "signed_at")
    return page_out(qs, page_size, page, _signatory)


@router.post(
    "/{int:petition_id}/signature",
    auth=ResidentSession(),
    response={201: SignatureOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut},
    summary="Sign an e-petition",
    operation_id="hromada_portal_petitions_api_sign_petition",
)
def sign_petition(
    request: ResidentApiRequest,
    petition_id: ObjectId,
    response: HttpResponse,
    payload: SignatureIn | None = None,
) -> Status[dict[str, object]]:
    """The signed-in resident signs (session cookie and CSRF token). Refusals: 403 `unconfirmed`,
    `under_age`, `not_resident`; 409 `not_collecting`, `already_signed`; 429 too many from one source."""
    resident = request.auth
    ip, domain = ratelimit.check_signing_source(request, resident.email)
    signature = services.sign_petition(
        signer=resident,
        petition_id=petition_id,
        wants_updates=bool(payload and payload.wants_updates),
        ip=ip,
    )
    ratelimit.hit_signing(ip, domain)
    online, paper = selectors.live_count(petition_id)
    response["Cache-Control"] = "no-store"
    return Status(
        201,
        {
            "petition_id": petition_id,
            "signed_at": signature.signed_at,
            "wants_updates": signature.wants_updates,
            "total_count": online + paper,
        },
    )


@router.delete(
    "/{int:petition_id}/signature",
    auth=ResidentSession(),
    response={204: None, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut},
    summary="Withdraw one's signature",
    operation_id="hromada_portal_petitions_api_withdraw_signature",
)
def withdraw_signature(request: ResidentApiRequest, petition_id: ObjectId) -> Status[None]:
    """Only while the petition collects signatures (409 otherwise); 404 when not signed."""
    resident = request.auth
    ip, domain = ratelimit.check_signing_source(request, resident.email)
    services.withdraw_signature(signer=resident, petition_id=petition_id)
    ratelimit.hit_signing(ip, domain)
    return Status(204, None)
