"""Звернення in the JSON API: /api/v1/appeals. Thin: parse, call one service or selector, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from pydantic import Field

from hromada.accounts.http import ApiRequest
from hromada.appeals import selectors, services
from hromada.appeals.api.schemas import (
    AnswerIn,
    AppealOut,
    AppealPage,
    DeclineExtensionIn,
    EventOut,
    ExtendIn,
    ExtensionRequestIn,
    ForwardIn,
    NoteIn,
    ReassignIn,
    ReopenIn,
    ResolutionIn,
)
from hromada.appeals.models import OPEN_STATUSES, Appeal, Applicant
from hromada.appeals.permissions import can_register_appeal
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services.workflow import forwarding_status
from hromada.core import clock
from hromada.core.api_types import Date, ObjectId, Paging, Text, page_size
from hromada.core.audit import record_read
from hromada.core.errors import PermissionDenied

router = Router(tags=["appeals"])
#: The operation ids the API had when this router was `hromada/appeals/api.py`: clients generated from
#: the OpenAPI document keep their method names.
_OPERATION_ID = "hromada_appeals_api_{}"

#: The longest page of the staff list (as the workspace's list offers).
MAX_PAGE_SIZE = 200


def _today() -> dt.date:
    return clock.today()


def appeal_out(appeal: Appeal) -> dict:
    """The appeal as the API shows it; `appeal` comes from selectors.appeal_detail (all prefetched) or,
    just registered, from services.register_appeal (related objects attached)."""
    today = _today()
    forwarding = forwarding_status(appeal)
    return {
        "id": appeal.pk,
        "number": appeal.number,
        "status": appeal.status,
        "channel": appeal.channel_id,
        "kind": appeal.kind_id,
        "subject": appeal.subject_id,
        "feature": appeal.feature_id,
        "received_at": appeal.received_at,
        "registered_at": appeal.registered_on,
        "due_date": appeal.due_date,
        "extension_requested_until": appeal.extension_requested_until,
        "overdue": _overdue(appeal, today),
        "priority": appeal.priority,
        "signatories": appeal.signatories,
        "signed": appeal.signed,
        "external_id": appeal.external_id,
        "summary": appeal.summary,
        "text": appeal.text,
        "applicants": [
            {
                "name": a.name,
                "address": a.address,
                "email": a.email,
                "phone": a.phone,
                "sex": a.sex_id,
                "social_status": a.social_status_id,
                "categories": [c.code for c in a.categories.all()],
            }
            for a in appeal.applicants.all()
        ],
        "issues": [
            {"id": i.pk, "position": i.position, "topic": i.topic_id, "text": i.text, "result": i.result_id}
            for i in appeal.issues.all()
        ],
        "lead_department": appeal.lead_department.code if appeal.lead_department else None,
        "lead_executor": appeal.lead_executor.username if appeal.lead_executor else None,
        "co_departments": [a.department.code for a in appeal.assignments.all() if not a.is_lead],
        "links": {
            "repeated_of": _ref(appeal.repeated_of_id, appeal.repeated_of_number),  # type: ignore[attr-defined]
            "duplicate_of": _ref(appeal.duplicate_of_id, appeal.duplicate_of_number),  # type: ignore[attr-defined]
        },
        "forwarding": {"to": appeal.forwarded_to, **forwarding},
        "answered_at": appeal.answered_at,
        "closed_at": appeal.closed_at,
    }


def _ref(appeal_id: int | None, number: str | None) -> dict | None:
    return {"id": appeal_id, "number": number} if appeal_id else None


def _overdue(appeal: Appeal, today: dt.date) -> bool:
    return appeal.status in OPEN_STATUSES and appeal.due_date is not None and appeal.due_date < today


def _detail(request: ApiRequest, appeal_id: int) -> dict:
    return appeal_out(selectors.appeal_detail(request.auth, appeal_id))


@router.post(
    "/appeals",
    response={201: AppealOut},
    summary="Register an appeal",
    operation_id=_OPERATION_ID.format("register"),
)
def register(request: ApiRequest, payload: AppealRegisterIn) -> Status[dict[str, Any]]:
    if not can_register_appeal(request.auth):
        raise PermissionDenied(_("Your role does not allow registering appeals."))
    # The new appeal comes back with its applicants and issues attached: no need to read it back.
    appeal = services.register_appeal(payload, actor=request.auth)
    return Status(201, appeal_out(appeal))


class ListQuery(Paging):
    status: Text | None = Field(None, max_length=20)
    channel: Text | None = Field(None, max_length=40)
    topic: Text | None = Field(None, max_length=40)
    department: Text | None = Field(None, max_length=40)
    priority: bool | None = None
    overdue: bool | None = None
    due_before: Date | None = None
    received_from: Date | None = None
    received_to: Date | None = None
    text: Text | None = Field(None, max_length=200)
    search: Text | None = Field(
        None,
        max_length=200,
        description="The staff list's search box: a registration index (К-2194, 2194), an applicant's "
        "name (any order, in part), a phone in any format, an e-mail, or words of the text.",
    )
    page_size: int = page_size(25, MAX_PAGE_SIZE)


#: What a list item shows: the rest of the row (full text, lemmas…) stays in the database.
LIST_COLUMNS = (
    "number",
    "status",
    "channel",
    "registered_on",
    "due_date",
    "priority",
    "summary",
    "lead_department",
    "lead_department__code",
)


@router.get(
    "/appeals",
    response=AppealPage,
    summary="List appeals visible to you",
    operation_id=_OPERATION_ID.format("list_appeals"),
)
def list_appeals(request: ApiRequest, q: Query[ListQuery]) -> dict[str, Any]:
    page, page_size = q.page, q.page_size
    f = selectors.AppealFilter(**q.dict(exclude={"page", "page_size", "search"}), q=q.search)
    today = _today()
    qs = selectors.list_appeals(request.auth, f, today=today)
    count, count_exact = selectors.count_capped(qs, settings.HROMADA_LIST_COUNT_LIMIT)
    rows = list(
        qs.only(*LIST_COLUMNS).prefetch_related(
            Prefetch("applicants", queryset=Applicant.objects.only("appeal_id", "name", "position"))
        )[(page - 1) * page_size : page * page_size]
    )
    items = [
        {
            "id": a.pk,
            "number": a.number,
            "status": a.status,
            "channel": a.channel_id,
            "registered_at": a.registered_on,
            "due_date": a.due_date,
            "overdue": _overdue(a, today),
            "priority": a.priority,
            "summary": a.summary,
            "applicant": next((x.name for x in a.applicants.all()), ""),
            "lead_department": a.lead_department.code if a.lead_department else None,
        }
        for a in rows
    ]
    return {
        "count": count,
        "count_exact": count_exact,
        "page": page,
        "page_size": page_size,
        "items": items,
    }


@router.get(
    "/appeals/{appeal_id}",
    response=AppealOut,
    summary="One appeal",
    operation_id=_OPERATION_ID.format("get_appeal"),
)
def get_appeal(request: ApiRequest, appeal_id: ObjectId) -> dict[str, Any]:
    # Each answer is an audited read (it carries the applicants' contacts). A comment, not a docstring:
    # ninja would put a docstring into the OpenAPI description.
    detail = _detail(request, appeal_id)
    record_read(
        actor=request.auth,
        app="appeals",
        object_type="appeal",
        object_id=appeal_id,
        page="api",
        path=request.path,
    )
    return detail


@router.get(
    "/appeals/{appeal_id}/events",
    response=list[EventOut],
    summary="The appeal's timeline",
    operation_id=_OPERATION_ID.format("events"),
)
def events(request: ApiRequest, appeal_id: ObjectId) -> list[dict[str, Any]]:
    appeal = selectors.get_appeal(request.auth, appeal_id)
    return [
        {"at": e.at, "actor": e.actor.username if e.actor else None, "action": e.action, "data": e.data}
        for e in appeal.events.select_related("actor").order_by("at", "id")
    ]


@router.post(
    "/appeals/{appeal_id}/resolution",
    response=AppealOut,
    summary="Give a resolution",
    operation_id=_OPERATION_ID.format("resolution"),
)
def resolution(request: ApiRequest, appeal_id: ObjectId, payload: ResolutionIn) -> dict[str, Any]:
    services.resolve_appeal(actor=request.auth, appeal_id=appeal_id, **payload.dict())
    return _detail(request, appeal_id)


@router.post(
    "/appeals/{appeal_id}/extend",
    response=AppealOut,
    summary="Extend the term",
    operation_id=_OPERATION_ID.format("extend"),
)
def extend(request: ApiRequest, appeal_id: ObjectId, payload: ExtendIn) -> dict[str, Any]:
    services.extend_term(actor=request.auth, appeal_id=appeal_id, **payload.dict())
    return _detail(request, appeal_id)


@router.post(
    "/appeals/{appeal_id}/extension-request",
    response=AppealOut,
    summary="Ask the head for a longer term",
    operation_id=_OPERATION_ID.format("extension_request"),
)
def extension_request(
    request: ApiRequest, appeal_id: ObjectId, payload: ExtensionRequestIn
) -> dict[str, Any]:
    services.request_extension(actor=request.auth, appeal_id=appeal_id, **payload.dict())
    return _detail(request, appeal_id)


@router.post(
    "/appeals/{appeal_id}/extension-request/decline",
    response=AppealOut,
    summary="Decline a requested extension",
    operation_id=_OPERATION_ID.format("decline_extension_request"),
)
def decline_extension_request(
    request: ApiRequest, appeal_id: ObjectId, payload: DeclineExtensionIn
) -> dict[str, Any]:
    services.decline_extension(actor=request.auth, appeal_id=appeal_id, reason=payload.reason)
    return _detail(request, appeal_id)


@router.post(
    "/appeals/{appeal_id}/forward",
    response=AppealOut,
    summary="Forward to the competent body",
    operation_id=_OPERATION_ID.format("forward"),
)
def forward(request: ApiRequest, appeal_id: ObjectId, payload: ForwardIn) -> dict[str, Any]:
    services.forward_appeal(actor=request.auth, appeal_id=appeal_id, **payload.dict())
    return _detail(request, appeal_id)


@router.post(
    "/appeals/{appeal_id}/notes",
    response={201: AppealOut},
    summary="Add a progress note or draft",
    operation_id=_OPERATION_ID.format("notes"),
)
def notes(request: ApiRequest, appeal_id: ObjectId, payload: NoteIn) -> Status[dict[str, Any]]:
    services.add_note(actor=request.auth, appeal_id=appeal_id, **payload.dict())
    return Status(201, _detail(request, appeal_id))


@router.post(
    "/appeals/{appeal_id}/reassign",
    response=AppealOut,
    summary="Reassign within the department",
    operation_id=_OPERATION_ID.format("reassign"),
)
def reassign(request: ApiRequest, appeal_id: ObjectId, payload: ReassignIn) -> dict[str, Any]:
    services.reassign_executor(actor=request.auth, appeal_id=appeal_id, executor=payload.executor)
    return _detail(request, appeal_id)


@router.post(
    "/appeals/{appeal_id}/answer",
    response=AppealOut,
    summary="Answer issues",
    operation_id=_OPERATION_ID.format("answer"),
)
def answer(request: ApiRequest, appeal_id: ObjectId, payload: AnswerIn) -> dict[str, Any]:
    services.answer_appeal(
        actor=request.auth,
        appeal_id=appeal_id,
        text=payload.text,
        results=[(r.issue, r.result) for r in payload.results],
    )
    return _detail(request, appeal_id)


@router.post(
    "/appeals/{appeal_id}/close",
    response=AppealOut,
    summary="Take off control",
    operation_id=_OPERATION_ID.format("close"),
)
def close(request: ApiRequest, appeal_id: ObjectId) -> dict[str, Any]:
    services.close_appeal(actor=request.auth, appeal_id=appeal_id)
    return _detail(request, appeal_id)


@router.post(
    "/appeals/{appeal_id}/reopen",
    response=AppealOut,
    summary="Return for rework",
    operation_id=_OPERATION_ID.format("reopen"),
)
def reopen(request: ApiRequest, appeal_id: ObjectId, payload: ReopenIn) -> dict[str, Any]:
    services.reopen_appeal(actor=request.auth, appeal_id=appeal_id, **payload.dict())
    return _detail(request, appeal_id)
