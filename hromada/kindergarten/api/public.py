"""The kindergarten queue in the public JSON API (/api/v1/public/kindergarten), no account.

The institutions and their groups with free places; the public list of one group's queue (paged:
position, number, birth year, benefit yes/no, date filed, status — never personal data); and "where is
my child": an application by its number and secret code, with its positions in every preferred
institution and their history (404 for a wrong pair, rate-limited per address like every look-up by a
secret). Thin: the order and the positions are the selectors'.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router

from hromada.core.api_types import ErrorOut, FieldErrorOut, ObjectId, page_out
from hromada.core.errors import NotFound
from hromada.kindergarten import selectors
from hromada.kindergarten.api import limits
from hromada.kindergarten.api.schemas_public import (
    KgInstitutionOut,
    KgInstitutionsQuery,
    KgLookupIn,
    KgLookupOut,
    KgQueueOut,
    KgQueueQuery,
)
from hromada.kindergarten.api.shapes import group_out, history_out, lookup_out, queue_group_out
from hromada.kindergarten.models import AgeGroup

public_router = Router(tags=["kindergarten (public)"], auth=None)


@public_router.get(
    "/institutions",
    response={200: list[KgInstitutionOut], 422: list[FieldErrorOut]},
    summary="Preschool institutions with their groups and free places",
    operation_id="kindergarten_institutions",
)
def institutions(request: HttpRequest, query: Query[KgInstitutionsQuery]) -> list[dict[str, Any]]:
    """Active institutions by name; each group with its capacity, free places and queue length."""
    found = selectors.institutions_with_groups(query.school_year)
    counts = selectors.GroupCounts.of(g.pk for i in found for g in i.age_groups.all())
    return [
        {
            "id": i.pk,
            "name": i.name,
            "edrpou": i.edrpou,
            "address": i.address,
            "district": i.district,
            "territory": i.territory,
            "contact": i.contact,
            "groups": [group_out(g, counts) for g in i.age_groups.all()],
        }
        for i in found
    ]


def _group(age_group_id: int) -> AgeGroup:
    group = (
        AgeGroup.objects.select_related("institution")
        .filter(pk=age_group_id, institution__active=True)
        .first()
    )
    if group is None:
        raise NotFound(_("No such group."), field="age_group_id")
    return group


@public_router.get(
    "/queues/{int:age_group_id}",
    response={200: KgQueueOut, 404: ErrorOut, 422: list[FieldErrorOut]},
    summary="The public list of a group's queue",
    operation_id="kindergarten_queue",
)
def queue(request: HttpRequest, age_group_id: ObjectId, query: Query[KgQueueQuery]) -> dict[str, Any]:
    """Position, number, birth year, benefit yes/no, date filed and status of every waiting
    application of the group, in queue order — the structure of open data annex 42, no names."""
    group = _group(age_group_id)
    rows = selectors.public_queue(group)
    page = page_out(
        rows,
        query.page_size,
        query.page,
        lambda r: {
            "position": r.position,
            "number": r.number,
            "birth_year": r.birth_year,
            "benefit": r.benefit,
            "filed_on": r.filed_on,
            "status": r.status,
        },
    )
    return {"group": queue_group_out(group), **page}


@public_router.post(
    "/lookup",
    response={200: KgLookupOut, 404: ErrorOut, 422: list[FieldErrorOut], 429: ErrorOut},
    summary="An application's positions by its number and secret code",
    operation_id="kindergarten_lookup",
)
def lookup(request: HttpRequest, payload: KgLookupIn, response: HttpResponse) -> dict[str, Any]:
    """The positions in every preferred institution and their history; 404 when the number and the
    code do not match (the same answer for an unknown number); 429 after too many attempts."""
    limits.lookup(request)
    application = selectors.application_for_lookup(payload.number, payload.code)
    if application is None:
        raise NotFound(_("No application with this number and code."), field="code")
    response["Cache-Control"] = "no-store"
    return lookup_out(
        application, selectors.positions_of(application), history_out(selectors.position_history(application))
    )
