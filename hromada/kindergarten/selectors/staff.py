"""The lists: institutions with their groups, the staff's list of applications with filters, and a
parent's own applications."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from hromada.kindergarten.models import AgeGroup, Application, Institution
from hromada.kindergarten.permissions import can_manage_queue


def institutions_with_groups(
    school_year: int | None = None, *, include_inactive: bool = False
) -> list[Institution]:
    """Institutions by name with `age_groups` prefetched (of `school_year` only, when given)."""
    groups = AgeGroup.objects.order_by("school_year", "age")
    if school_year is not None:
        groups = groups.filter(school_year=school_year)
    institutions = Institution.objects.order_by("name", "pk")
    if not include_inactive:
        institutions = institutions.filter(active=True)
    return list(institutions.prefetch_related(Prefetch("age_groups", queryset=groups)))


def applications_for_staff(
    *,
    actor: Any,
    query: str = "",
    status: str = "",
    institution_id: int | None = None,
    benefit_status: str = "",
) -> QuerySet[Application]:
    """The applications a queue manager sees, newest first; nothing for anyone else."""
    if not can_manage_queue(actor):
        return Application.objects.none()
    qs = Application.objects.all()
    query = (query or "").strip()
    if query:
        qs = qs.filter(
            Q(number__iexact=query)
            | Q(child_surname__icontains=query)
            | Q(certificate_number__icontains=query)
            | Q(parent_name__icontains=query)
            | Q(parent_phone__icontains=query)
        )
    if status:
        qs = qs.filter(status=status)
    if benefit_status:
        qs = qs.filter(benefit_status=benefit_status)
    if institution_id:
        qs = qs.filter(preferences__age_group__institution_id=institution_id).distinct()
    return qs.order_by("-filed_at", "-pk")


def applications_of_parent(user: Any) -> QuerySet[Application]:
    """What a signed-in parent filed, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    return Application.objects.filter(filed_by_id=user.pk).order_by("-filed_at", "-pk")
