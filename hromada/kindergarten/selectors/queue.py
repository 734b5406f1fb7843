"""Reads of the queues: the public list, the parent's positions and history, the lookup by number
and code, free places. Each is a fixed small number of queries on the (age_group, position) index or
the unique number."""

from __future__ import annotations

import datetime as dt
import hmac
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from hromada.kindergarten.ages import age_group_title
from hromada.kindergarten.models import (
    AgeGroup,
    Application,
    ApplicationStatus,
    Benefit,
    BenefitStatus,
    PositionChange,
    Preference,
)

#: Compared against when no application has the number, so that a miss costs what a hit costs.
_NO_HASH = "0" * 64


@dataclass(frozen=True)
class QueuePosition:
    """One row of "my positions"."""

    preference_id: int
    rank: int
    institution_id: int
    institution_name: str
    age_group_id: int
    age_group_name: str
    position: int | None
    queue_length: int


@dataclass(frozen=True)
class PublicQueueRow:
    """One place of a public list: no personal data, exactly these fields."""

    position: int
    number: str
    birth_year: int
    benefit: bool
    filed_on: dt.date
    status: str

    @property
    def status_label(self) -> str:
        """The status as the page shows it ("у черзі"), not its stored value."""
        return str(ApplicationStatus(self.status).label)


def application_for_lookup(number: str, code: str) -> Application | None:
    """The application with this number whose code matches (the hashes compared in constant time)."""
    number = (number or "").strip().upper()
    application = Application.objects.filter(number=number).first() if number else None
    digest = Application.hash_code(code or "")
    stored = application.code_hash if application is not None else _NO_HASH
    if not hmac.compare_digest(stored, digest) or application is None or not code:
        return None
    return application


def positions_of(application: Application) -> list[QueuePosition]:
    """The application's place in each chosen queue (in the parent's order) and each queue's length."""
    prefs = list(
        Preference.objects.filter(application_id=application.pk)
        .select_related("institution", "age_group")
        .order_by("rank")
    )
    lengths = dict(
        Preference.objects.filter(age_group_id__in=[p.age_group_id for p in prefs], position__isnull=False)
        .order_by()  # Meta.ordering would join every application into the count
        .values("age_group_id")
        .annotate(n=Count("pk"))
        .values_list("age_group_id", "n")
    )
    return [
        QueuePosition(
            preference_id=p.pk,
            rank=p.rank,
            institution_id=p.institution_id,
            institution_name=p.institution.name,
            age_group_id=p.age_group_id,
            age_group_name=group_name(p.age_group),
            position=p.position,
            queue_length=lengths.get(p.age_group_id, 0),
        )
        for p in prefs
    ]


def group_name(age_group: AgeGroup) -> str:
    """The group's own name, else the usual one for its age."""
    return age_group.name or age_group_title(age_group.age)


def position_history(application: Application) -> list[PositionChange]:
    """Every change of the application's places, oldest first, with the queue's institution."""
    return list(
        PositionChange.objects.filter(application_id=application.pk)
        .select_related("age_group__institution")
        .order_by("at", "id")
    )


def public_queue(
    age_group: AgeGroup | int, *, offset: int = 0, limit: int | None = None
) -> list[PublicQueueRow]:
    """The public list of one queue in position order: one query over the queue's index (a page of
    it with `offset`/`limit`; positions are 1..n, so page k starts at position offset + 1)."""
    group_id = age_group if isinstance(age_group, int) else age_group.pk
    rows = (
        Preference.objects.filter(age_group_id=group_id, position__isnull=False)
        .order_by("position")
        .values_list(
            "position",
            "application__number",
            "application__birth_date",
            "application__benefit",
            "application__benefit_status",
            "application__filed_at",
            "application__status",
        )
    )
    if offset or limit is not None:
        rows = rows[offset : None if limit is None else offset + limit]
    zone = timezone.get_current_timezone()
    return [
        PublicQueueRow(
            position=position or 0,
            number=number,
            birth_year=birth.year,
            benefit=benefit != Benefit.NONE and benefit_status == BenefitStatus.CONFIRMED,
            filed_on=filed_at.astimezone(zone).date(),
            status=status,
        )
        for position, number, birth, benefit, benefit_status, filed_at, status in rows
    ]


@dataclass(frozen=True)
class GroupCounts:
    """Places taken (enrolled + open offers) and the queue's length of many groups in three
    queries whatever their number: the one rule behind free_places and queue_length, which the
    lists of institutions (page and API) read for all their groups at once."""

    taken: Counter[int]
    waiting: Counter[int]

    @classmethod
    def of(cls, group_ids: Iterable[int]) -> GroupCounts:
        ids = list(group_ids)
        taken: Counter[int] = Counter()
        enrolled = (
            Application.objects.filter(_enrolled_in(ids))
            .order_by()
            .values_list("enrolled_group_id")
            .annotate(n=Count("pk"))
        )
        offered = (
            Application.objects.filter(_offered_in(ids))
            .order_by()
            .values_list("offer_preference__age_group_id")
            .annotate(n=Count("pk"))
        )
        for group_id, n in [*enrolled, *offered]:
            taken[group_id] += n
        # A position is held by a queued application only; order_by(): Preference's default order
        # (by application) would join every application into the count.
        waiting = Counter(
            dict(
                Preference.objects.filter(age_group_id__in=ids, position__isnull=False)
                .order_by()
                .values_list("age_group_id")
                .annotate(n=Count("pk"))
            )
        )
        return cls(taken=taken, waiting=waiting)

    def free(self, group: AgeGroup) -> int:
        return max(0, group.capacity - self.taken[group.pk])

    def waiting_in(self, group: AgeGroup) -> int:
        return self.waiting[group.pk]


def _enrolled_in(ids: list[int]) -> Q:
    """Places taken by children enrolled in these groups."""
    return Q(status=ApplicationStatus.ENROLLED, enrolled_group_id__in=ids)


def _offered_in(ids: list[int]) -> Q:
    """Places held by offers of these groups still open."""
    return Q(status=ApplicationStatus.OFFERED, offer_preference__age_group_id__in=ids)


def free_places(age_group: AgeGroup) -> int:
    """Capacity − children enrolled in the group − offers of it still open (never below 0): one
    count, by the same conditions as GroupCounts."""
    ids = [age_group.pk]
    taken = Application.objects.filter(_enrolled_in(ids) | _offered_in(ids)).order_by().count()
    return max(0, age_group.capacity - taken)


def queue_length(age_group: AgeGroup) -> int:
    """Queued places of the group (only queued applications hold a position)."""
    return Preference.objects.filter(age_group_id=age_group.pk, position__isnull=False).order_by().count()
