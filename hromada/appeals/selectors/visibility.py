"""Who sees which appeal: row-level visibility of the register lives here and only here."""

from __future__ import annotations

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from hromada.accounts.models import Role, User
from hromada.appeals.models import Appeal, Applicant, Assignment
from hromada.appeals.permissions import SEE_ALL
from hromada.core.errors import NotFound


def appeals_visible_to(user: User) -> QuerySet[Appeal]:
    """Registrars, heads and controllers see the whole register; an executor sees the appeals assigned
    to their department (lead or co-executor); anyone else sees nothing."""
    qs = Appeal.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.role in SEE_ALL:
        return qs
    if user.role == Role.EXECUTOR and user.department_id:
        # The lead department is a column of the appeal (and of the open work-list index); only
        # co-executing departments need the assignments. Asking "any assignment of my department"
        # instead made PostgreSQL hash all of a big department's assignments for every list count.
        return qs.filter(
            Q(lead_department_id=user.department_id)
            | Exists(
                Assignment.objects.filter(
                    appeal=OuterRef("pk"), department_id=user.department_id, is_lead=False
                )
            )
        )
    return qs.none()


def _one(qs: QuerySet[Appeal], *, for_update: bool) -> Appeal:
    """The one appeal of `qs`, row-locked for a service when asked; NotFound when there is none, the
    same for an appeal that does not exist and one the asker may not see."""
    if for_update:
        qs = (
            qs.select_for_update(of=("self",))
            if connection.features.has_select_for_update_of
            else qs.select_for_update()
        )
    appeal = qs.first()
    if appeal is None:
        raise NotFound(_("Appeal not found."), field="id")
    return appeal


def get_appeal(user: User, appeal_id: int, *, for_update: bool = False) -> Appeal:
    """The appeal if `user` may see it; otherwise NotFound (never say it exists)."""
    qs = appeals_visible_to(user).filter(pk=appeal_id)
    return _one(qs, for_update=for_update)


def appeals_of_author(email: str) -> QuerySet[Appeal]:
    """Мої звернення: every appeal with an applicant of this (confirmed) e-mail, from any channel,
    newest first. Anonymous appeals carry no author and are never listed. Uses the applicant e-mail
    index; the caller must have confirmed that the e-mail belongs to the person asking."""
    key = email.strip().lower()
    if not key:
        return Appeal.objects.none()
    authored = Applicant.objects.filter(email_key=key).values("appeal_id")
    return (
        Appeal.objects.filter(pk__in=Subquery(authored))
        .exclude(subject_id="anonymous")
        .order_by("-received_at", "-id")
    )


def author_appeal(email: str, appeal_id: int, *, for_update: bool = False) -> Appeal:
    """One appeal of the author with this e-mail; NotFound for any other (never say it exists)."""
    qs = appeals_of_author(email).filter(pk=appeal_id).order_by()
    return _one(qs, for_update=for_update)


def appeal_detail(user: User, appeal_id: int) -> Appeal:
    """Everything the card shows, in a fixed number of queries.

    Few joins on purpose: vocabulary codes are columns of the appeal (names come from the reference
    cache) and a linked appeal needs only its number (annotated as `repeated_of_number` and
    `duplicate_of_number`). Joining all of them made PostgreSQL spend several milliseconds planning a
    nine-table join on every card and every registration's answer."""
    qs = (
        appeals_visible_to(user)
        .select_related("lead_department", "lead_executor")
        .annotate(
            repeated_of_number=F("repeated_of__number"),
            duplicate_of_number=F("duplicate_of__number"),
        )
        .prefetch_related(
            "issues",
            "applicants__categories",
            "assignments__department",
        )
    )
    appeal = qs.filter(pk=appeal_id).first()
    if appeal is None:
        raise NotFound(_("Appeal not found."), field="id")
    return appeal
