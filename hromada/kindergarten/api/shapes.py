"""The API's output dicts of groups, positions, history and applications (public and staff apart: the
public shapes name no person)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hromada.kindergarten import selectors
from hromada.kindergarten.models import (
    AgeGroup,
    Application,
    PositionChange,
)


def group_out(group: AgeGroup, counts: selectors.GroupCounts) -> dict[str, Any]:
    return {
        "id": group.pk,
        "school_year": group.school_year,
        "age": group.age,
        "name": selectors.group_name(group),
        "capacity": group.capacity,
        "language": group.language,
        "specialisation": group.specialisation,
        "free_places": counts.free(group),
        "queue_length": counts.waiting[group.pk],
    }


def queue_group_out(group: AgeGroup) -> dict[str, Any]:
    return {
        "id": group.pk,
        "institution_id": group.institution_id,
        "institution_name": group.institution.name,
        "name": selectors.group_name(group),
        "school_year": group.school_year,
        "age": group.age,
        "capacity": group.capacity,
        "free_places": selectors.free_places(group),
    }


def positions_out(positions: Iterable[selectors.QueuePosition]) -> list[dict[str, Any]]:
    return [
        {
            "rank": p.rank,
            "institution_id": p.institution_id,
            "institution_name": p.institution_name,
            "group_id": p.age_group_id,
            "group_name": p.age_group_name,
            "position": p.position,
            "queue_length": p.queue_length,
        }
        for p in positions
    ]


def history_out(changes: Iterable[PositionChange]) -> list[dict[str, Any]]:
    return [
        {
            "at": c.at,
            "group_id": c.age_group_id,
            "institution_name": c.age_group.institution.name,
            "old_position": c.old_position,
            "new_position": c.new_position,
            "reason": c.reason,
            "reason_label": str(c.get_reason_display()),
        }
        for c in changes
    ]


def _offered_institution(application: Application) -> str | None:
    offer = application.offer_preference
    return offer.institution.name if offer is not None else None


def lookup_out(
    application: Application, positions: Iterable[selectors.QueuePosition], history: list[dict[str, Any]]
) -> dict[str, Any]:
    """What the holder of the number and code sees: the state and the positions, not the child's data."""
    return {
        "number": application.number or "",
        "status": application.status,
        "status_label": str(application.get_status_display()),
        "benefit": application.benefit,
        "benefit_status": application.benefit_status,
        "filed_at": application.filed_at,
        "offer_deadline": application.offer_deadline,
        "offered_institution": _offered_institution(application),
        "positions": positions_out(positions),
        "history": history,
    }


def row_out(a: Application) -> dict[str, Any]:
    """One line of the staff list."""
    return {
        "id": a.pk,
        "number": a.number or "",
        "child_surname": a.child_surname,
        "child_name": a.child_name,
        "child_patronymic": a.child_patronymic,
        "birth_date": a.birth_date,
        "benefit": a.benefit,
        "benefit_status": a.benefit_status,
        "status": a.status,
        "status_label": str(a.get_status_display()),
        "filed_at": a.filed_at,
        "on_paper": a.filed_by_id is None,
    }


def application_out(a: Application) -> dict[str, Any]:
    """The staff card: everything about the application, its positions and their history."""
    return {
        **row_out(a),
        "status_note": a.status_note,
        "sex": a.sex,
        "certificate_series": a.certificate_series,
        "certificate_number": a.certificate_number,
        "parent_name": a.parent_name,
        "parent_phone": a.parent_phone,
        "parent_email": a.parent_email,
        "parent_address": a.parent_address,
        "registered_in_community": a.registered_in_community,
        "school_year": a.school_year,
        "start_month": a.start_month,
        "offer_deadline": a.offer_deadline,
        "offered_group_id": a.offer_preference.age_group_id if a.offer_preference is not None else None,
        "enrolled_group_id": a.enrolled_group_id,
        "enrolled_at": a.enrolled_at,
        "closed_at": a.closed_at,
        "positions": positions_out(selectors.positions_of(a)),
        "history": history_out(selectors.position_history(a)),
    }
