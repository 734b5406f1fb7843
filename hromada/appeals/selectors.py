"""Reads of the register. Row-level visibility lives here and only here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import Department, Role, User
from hromada.appeals.models import OPEN_STATUSES, Appeal, Assignment, Issue, Note, NoteKind, Status
from hromada.appeals.permissions import SEE_ALL
from hromada.core import textsearch
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
        return qs.filter(
            Exists(Assignment.objects.filter(appeal=OuterRef("pk"), department_id=user.department_id))
        )
    return qs.none()


def get_appeal(user: User, appeal_id: int, *, for_update: bool = False) -> Appeal:
    """The appeal if `user` may see it; otherwise NotFound (never say it exists)."""
    qs = appeals_visible_to(user).filter(pk=appeal_id)
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


@dataclass(frozen=True)
class AppealFilter:
    status: str | None = None
    channel: str | None = None
    topic: str | None = None
    department: str | None = None
    priority: bool | None = None
    overdue: bool | None = None
    due_before: dt.date | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    text: str | None = None
    #: Only open appeals (registered, in progress).
    open: bool | None = None
    registered_on: dt.date | None = None
    #: What the appeal waits for: "resolution" (the head's), "signature" (a draft answer to be
    #: given), "extension" (a requested extension to be granted or declined).
    awaiting: str | None = None


AWAITING = ("resolution", "signature", "extension")


def _text_condition(query: str) -> Q | RawSQL | None:
    lemmas = [textsearch.lemma(w) for w in textsearch.words(query)]
    if not lemmas:
        return None
    if connection.vendor == "postgresql":
        # Matches the expression index appeal_search_lemmas_fts (migration 0002).
        return RawSQL(
            "to_tsvector('simple'::regconfig, appeals_appeal.search_lemmas)"
            " @@ plainto_tsquery('simple'::regconfig, %s)",
            [" ".join(lemmas)],
            output_field=BooleanField(),
        )
    condition = Q()
    for lemma in lemmas:
        condition &= Q(search_lemmas__contains=lemma)
    return condition


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filter_appeals(qs: QuerySet[Appeal], f: AppealFilter, *, today: dt.date) -> QuerySet[Appeal]:
    if f.status:
        qs = qs.filter(status=f.status)
    if f.channel:
        qs = qs.filter(channel_id=f.channel)
    if f.topic:
        qs = qs.filter(Exists(Issue.objects.filter(appeal=OuterRef("pk"), topic_id=f.topic)))
    if f.department:
        # The department's id as a scalar subquery, not a join on its code: with the join PostgreSQL
        # cannot tell which department it is and planned for the average one, hashing every
        # assignment of the department (~0.7 s at a million appeals instead of a few ms).
        department = Department.objects.filter(code=f.department).values("id")[:1]
        qs = qs.filter(
            Exists(Assignment.objects.filter(appeal=OuterRef("pk"), department_id=Subquery(department)))
        )
    if f.priority is not None:
        qs = qs.filter(priority=f.priority)
    if f.open:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if f.registered_on:
        qs = qs.filter(registered_on=f.registered_on)
    if f.awaiting == "resolution":
        qs = qs.filter(status=Status.REGISTERED)
    elif f.awaiting == "signature":
        qs = qs.filter(
            Exists(Note.objects.filter(appeal=OuterRef("pk"), kind=NoteKind.DRAFT_ANSWER)),
            status=Status.IN_PROGRESS,
        )
    elif f.awaiting == "extension":
        qs = qs.filter(extension_requested_until__isnull=False, status=Status.IN_PROGRESS)
    if f.overdue is True:
        qs = qs.filter(status__in=OPEN_STATUSES, due_date__lt=today)
    elif f.overdue is False:
        qs = qs.exclude(status__in=OPEN_STATUSES, due_date__lt=today)
    if f.due_before:
        qs = qs.filter(due_date__lt=f.due_before)
    if f.received_from:
        qs = qs.filter(received_at__gte=_day_start(f.received_from))
    if f.received_to:
        qs = qs.filter(received_at__lt=_day_start(f.received_to + dt.timedelta(days=1)))
    if f.text:
        condition = _text_condition(f.text)
        if condition is not None:
            qs = qs.filter(condition)
    return qs


def worklist_order(qs: QuerySet[Appeal]) -> QuerySet[Appeal]:
    """Priority authors first (Law art. 20), then the nearest due date, then the newest."""
    return qs.order_by("-priority", "due_date", "-id")


def overdue_appeals(user: User, *, today: dt.date) -> QuerySet[Appeal]:
    return worklist_order(filter_appeals(appeals_visible_to(user), AppealFilter(overdue=True), today=today))


def list_appeals(user: User, f: AppealFilter, *, today: dt.date) -> QuerySet[Appeal]:
    return worklist_order(filter_appeals(appeals_visible_to(user), f, today=today)).select_related(
        "lead_department"
    )
