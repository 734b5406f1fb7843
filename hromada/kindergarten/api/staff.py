"""The kindergarten queue in the staff JSON API (/api/v1/kindergarten), a token or a staff session.

For the education department (the education officer and the administrator; every other role 403):
the applications with filters, a paper application typed in (201 with its number and the secret code,
shown once), the card, the benefit's check (confirm / refuse, the positions move at once), cancelling,
offering a group's free place to the first waiting application, and the parent's answer to an offer
taken by phone or in person (accept → enrolled, out of every queue; decline → back in the queue
without that institution). Thin: the rules, the positions and the letters are the services'.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from hromada.accounts.http import ApiRequest
from hromada.core.api_types import ErrorOut, FieldErrorOut, ObjectId, page_out
from hromada.core.errors import NotFound, PermissionDenied
from hromada.kindergarten import selectors, services
from hromada.kindergarten.api.schemas_staff import (
    KgApplicationIn,
    KgApplicationOut,
    KgApplicationsOut,
    KgApplicationsQuery,
    KgBenefitDecisionIn,
    KgFiledOut,
    KgNoteIn,
)
from hromada.kindergarten.api.shapes import application_out, row_out
from hromada.kindergarten.models import AgeGroup, Application
from hromada.kindergarten.permissions import can_manage_queue

router = Router(tags=["kindergarten"])

STAFF: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: list[FieldErrorOut]}
STAFF_CHANGE: dict[int, Any] = {**STAFF, 409: ErrorOut}


def _manager(user: Any) -> None:
    """The queue is the education department's (403 for every other role)."""
    if not can_manage_queue(user):
        raise PermissionDenied(_("Your role does not allow this action."))


def _application(application_id: int) -> Application:
    found = (
        Application.objects.select_related("offer_preference__institution").filter(pk=application_id).first()
    )
    if found is None:
        raise NotFound(_("No such application."), field="application_id")
    return found


def _card(application: Application) -> dict[str, Any]:
    return application_out(_application(application.pk))


@router.get(
    "/applications",
    response={200: KgApplicationsOut, **STAFF},
    summary="Applications to preschool institutions (staff)",
    operation_id="kindergarten_applications",
)
def applications(request: ApiRequest, query: Query[KgApplicationsQuery]) -> dict[str, Any]:
    """Filtered by a search (number, surname, certificate), status, institution and the benefit's
    check (`benefit_status=claimed`: documents to check); newest first."""
    _manager(request.auth)
    rows = selectors.applications_for_staff(
        actor=request.auth,
        query=query.q,
        status=query.status,
        institution_id=query.institution_id,
        benefit_status=query.benefit_status,
    )
    return page_out(rows, query.page_size, query.page, row_out)


@router.post(
    "/applications",
    response={201: KgFiledOut, **STAFF_CHANGE},
    summary="File a paper application (staff)",
    operation_id="kindergarten_file_paper",
)
def file_paper(request: ApiRequest, payload: KgApplicationIn) -> Status[dict[str, Any]]:
    """201 with the number and the secret code (give both to the parent: the code is not kept);
    409 `duplicate_child` when the child is already queued; 422 `no_age_group`,
    `too_many_preferences` and field errors."""
    _manager(request.auth)
    data = services.ApplicationInput(**payload.model_dump())
    filed = services.file_application(actor=request.auth, data=data, on_paper=True)
    return Status(201, {**_card(filed.application), "code": filed.code})


@router.get(
    "/applications/{int:application_id}",
    response={200: KgApplicationOut, **STAFF},
    summary="An application's card (staff)",
    operation_id="kindergarten_application",
)
def application(request: ApiRequest, application_id: ObjectId) -> dict[str, Any]:
    _manager(request.auth)
    return application_out(_application(application_id))


@router.post(
    "/applications/{int:application_id}/benefit",
    response={200: KgApplicationOut, **STAFF_CHANGE},
    summary="Confirm or refuse the benefit after checking its document (staff)",
    operation_id="kindergarten_benefit",
)
def benefit(request: ApiRequest, application_id: ObjectId, payload: KgBenefitDecisionIn) -> dict[str, Any]:
    """`confirm` moves the application ahead in every queue at once; `refuse` (with the reason in
    `note`) puts it among the general queue. 409 `no_benefit` when none is claimed."""
    _manager(request.auth)
    found = _application(application_id)
    if payload.decision == "confirm":
        changed = services.confirm_benefit(actor=request.auth, application=found, note=payload.note)
    else:
        changed = services.refuse_benefit(actor=request.auth, application=found, note=payload.note)
    return _card(changed)


@router.post(
    "/applications/{int:application_id}/cancel",
    response={200: KgApplicationOut, **STAFF_CHANGE},
    summary="Cancel an application (staff)",
    operation_id="kindergarten_cancel",
)
def cancel(request: ApiRequest, application_id: ObjectId, payload: KgNoteIn) -> dict[str, Any]:
    """It leaves every queue; those behind it move up. 409 `wrong_status` once it is closed."""
    _manager(request.auth)
    found = _application(application_id)
    return _card(services.cancel_application(actor=request.auth, application=found, note=payload.note))


@router.post(
    "/groups/{int:age_group_id}/offer",
    response={200: KgApplicationOut, **STAFF_CHANGE},
    summary="Offer the group's free place to the first waiting application (staff)",
    operation_id="kindergarten_offer",
)
def offer(request: ApiRequest, age_group_id: ObjectId) -> dict[str, Any]:
    """The application offered, with the deadline to answer; 409 `no_free_place` when the group is
    full, `nobody_waiting` when nobody waits."""
    _manager(request.auth)
    group = AgeGroup.objects.filter(pk=age_group_id).first()
    if group is None:
        raise NotFound(_("No such group."), field="age_group_id")
    return _card(services.offer_place(actor=request.auth, age_group=group))


@router.post(
    "/applications/{int:application_id}/offer/accept",
    response={200: KgApplicationOut, **STAFF_CHANGE},
    summary="The parent accepted the offered place (staff)",
    operation_id="kindergarten_accept_offer",
)
def accept(request: ApiRequest, application_id: ObjectId) -> dict[str, Any]:
    """Enrolled: the application leaves every queue. 409 `offer_expired` past the deadline,
    `wrong_status` without an offer."""
    _manager(request.auth)
    found = _application(application_id)
    return _card(services.accept_offer(actor=request.auth, application=found))


@router.post(
    "/applications/{int:application_id}/offer/decline",
    response={200: KgApplicationOut, **STAFF_CHANGE},
    summary="The parent declined the offered place (staff)",
    operation_id="kindergarten_decline_offer",
)
def decline(request: ApiRequest, application_id: ObjectId) -> dict[str, Any]:
    """Back in the queues without the declined institution (cancelled when none is left)."""
    _manager(request.auth)
    found = _application(application_id)
    return _card(services.decline_offer(actor=request.auth, application=found))
