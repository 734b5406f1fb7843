"""recompute_queue(): the exact positions of one queue (one age group of one institution).

The rule: a confirmed out-of-turn benefit before a confirmed first-in-turn one before the general
queue (a claimed or refused benefit counts as general), then the date and time of filing, then the
application's id. Active and offered applications hold positions (an offered one keeps its place
until the parent accepts — then it leaves every queue — or declines). The age group's row is locked
first (SELECT … FOR UPDATE), so writers of one queue run one after another on PostgreSQL.

One recompute reads the few columns of one queue in one query, sorts in Python and writes only what
changed: a block of places that moved by the same step (everyone behind a new or a leaving
application) is one `UPDATE … SET position = position ± k` over a range of the (age_group, position)
index; each changed position gets its PositionChange row (one bulk INSERT).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, ExpressionWrapper, F, IntegerField, When

from hromada.core import clock
from hromada.kindergarten import notify
from hromada.kindergarten.models import (
    QUEUED_STATUSES,
    AgeGroup,
    Application,
    Benefit,
    BenefitStatus,
    PositionChange,
    Preference,
)

_BENEFIT_RANK = {Benefit.OUT_OF_TURN.value: 0, Benefit.FIRST_IN_TURN.value: 1}
#: A block of places shifted by one step is moved with one range UPDATE from this size on.
_MIN_BLOCK = 8
_CHUNK = 500
#: Applications read by primary key per query (SQLite's limit of bound parameters is far above it).
_READ_CHUNK = 5000

_Row = tuple[int, int, int | None, int | None, str, str, str, dt.datetime]
_Change = tuple[_Row, int | None]


def benefit_rank(benefit: str, benefit_status: str) -> int:
    """0 out of turn, 1 first in turn, 2 general (a benefit counts only once confirmed)."""
    if benefit_status == BenefitStatus.CONFIRMED:
        return _BENEFIT_RANK.get(str(benefit), 2)
    return 2


def sort_key(application: Application) -> tuple[int, dt.datetime, int]:
    """The queue order of an application (the same in every queue it stands in)."""
    return (
        benefit_rank(application.benefit, application.benefit_status),
        application.filed_at,
        application.pk,
    )


def lock_groups(group_ids: Iterable[int]) -> list[int]:
    """Lock the queues in id order (one order for every writer, so two writers never deadlock)."""
    ids = sorted(set(group_ids))
    if ids:
        list(
            AgeGroup.objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    return ids


def recompute_queue(
    age_group: AgeGroup | int, *, reason: str, cause: Application | None = None, locked: bool = False
) -> int:
    """Renumber one queue 1..n by the rule; returns how many positions changed. `locked`: the caller
    holds the group's lock already (recompute_queues, the services)."""
    group_id = age_group if isinstance(age_group, int) else age_group.pk
    with transaction.atomic(savepoint=False):
        if not locked:
            lock_groups([group_id])
        rows = _queue_rows(group_id)
        queued = sorted(
            (r for r in rows if r[4] in QUEUED_STATUSES), key=lambda r: (benefit_rank(r[5], r[6]), r[7], r[1])
        )
        wanted = {r[0]: i for i, r in enumerate(queued, start=1)}
        changed = [(r, wanted.get(r[0])) for r in rows if r[2] != wanted.get(r[0])]
        if not changed:
            return 0
        at = clock.now()
        rest, shifted = _shift_block(group_id, changed, reason=reason, cause=cause, at=at)
        if rest:
            Preference.objects.bulk_update(
                [Preference(pk=row[0], position=new) for row, new in rest], ["position"], batch_size=_CHUNK
            )
            _history(group_id, rest, reason=reason, cause=cause, at=at)
        _tell_parents(changed, told_already=shifted)
    return len(changed)


def _queue_rows(group_id: int) -> list[_Row]:
    """The queue's preferences with their applications' sort columns, in two reads that each follow
    an index — the group's preferences (age_group index), then their applications by primary key —
    instead of one join that PostgreSQL answers with a hash join over every application of the city
    (bench/kindergarten.py: 10–16 ms a queue at 50,000 applications)."""
    prefs = list(
        Preference.objects.filter(age_group_id=group_id)
        .order_by()
        .values_list("pk", "application_id", "position", "notified_position")
    )
    apps: dict[int, tuple[str, str, str, dt.datetime]] = {}
    ids = [row[1] for row in prefs]
    for start in range(0, len(ids), _READ_CHUNK):
        for pk, *columns in (
            Application.objects.filter(pk__in=ids[start : start + _READ_CHUNK])
            .order_by()
            .values_list("pk", "status", "benefit", "benefit_status", "filed_at")
        ):
            apps[pk] = tuple(columns)  # type: ignore[assignment]
    return [
        (pk, app_id, position, told, *apps[app_id])
        for pk, app_id, position, told in prefs
        if position is not None or apps[app_id][0] in QUEUED_STATUSES
    ]


def _shift_block(
    group_id: int, changed: list[_Change], *, reason: str, cause: Application | None, at: dt.datetime
) -> tuple[list[_Change], set[int]]:
    """Move the largest block of places that shift by one step (everyone behind an application that
    came, left or moved) with one range UPDATE, its history with one INSERT … SELECT; returns the
    changes left to write one by one. The block is used only when the range holds exactly its rows
    (a queue that was not 1..n before — rows written around the services — is written row by row)."""
    steps: dict[int, list[_Change]] = defaultdict(list)
    for item in changed:
        old, new = item[0][2], item[1]
        if old is not None and new is not None:
            steps[new - old].append(item)
    if not steps:
        return changed, set()
    step, block = max(steps.items(), key=lambda kv: len(kv[1]))
    olds = [row[2] or 0 for row, _new in block]
    low, high = min(olds), max(olds)
    if len(block) < _MIN_BLOCK or high - low + 1 != len(block):
        return changed, set()
    in_range = Preference.objects.filter(age_group_id=group_id, position__gte=low, position__lte=high)
    if in_range.count() != len(block):
        return changed, set()
    _block_history(group_id, low, high, step, reason=reason, cause=cause, at=at)
    # The told place moves in the same statement (a second UPDATE would write every row again):
    # set it when the row had none, or when the new place is better by NOTIFY_STEP (_tell_parents).
    new_position = ExpressionWrapper(F("position") + step, output_field=IntegerField())
    in_range.update(
        position=new_position,
        notified_position=Case(
            When(notified_position__isnull=True, then=new_position),
            When(
                notified_position__gte=new_position + int(settings.HROMADA_KINDERGARTEN_NOTIFY_STEP),
                then=new_position,
            ),
            default=F("notified_position"),
            output_field=IntegerField(),
        ),
    )
    moved = {row[0] for row, _new in block}
    return [item for item in changed if item[0][0] not in moved], moved


def _block_history(
    group_id: int, low: int, high: int, step: int, *, reason: str, cause: Application | None, at: dt.datetime
) -> None:
    """One PositionChange per place in low..high (old → old + step), written by the database."""
    q = connection.ops.quote_name
    changes, prefs = q(PositionChange._meta.db_table), q(Preference._meta.db_table)
    columns = ", ".join(
        q(c)
        for c in (
            "application_id",
            "preference_id",
            "age_group_id",
            "old_position",
            "new_position",
            "reason",
            "cause_id",
            "note",
            "at",
        )
    )
    pos, group = q("position"), q("age_group_id")
    sql = (
        f"INSERT INTO {changes} ({columns}) "
        f"SELECT {q('application_id')}, {q('id')}, {group}, {pos}, {pos} + %s, "
        f"%s, CAST(%s AS INTEGER), '', %s FROM {prefs} "
        f"WHERE {group} = %s AND {pos} >= %s AND {pos} <= %s"
    )
    when: Any = connection.ops.adapt_datetimefield_value(at)
    params: list[Any] = [step, reason, cause.pk if cause else None, when, group_id, low, high]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _history(
    group_id: int, changed: Sequence[_Change], *, reason: str, cause: Application | None, at: dt.datetime
) -> None:
    PositionChange.objects.bulk_create(
        [
            PositionChange(
                application_id=row[1],
                preference_id=row[0],
                age_group_id=group_id,
                old_position=row[2],
                new_position=new,
                reason=reason,
                cause=cause,
                at=at,
            )
            for row, new in changed
        ],
        batch_size=_CHUNK,
    )


def _tell_parents(changed: Sequence[_Change], *, told_already: Collection[int] = ()) -> None:
    """A place entered for the first time becomes the told one (the filing letter and the status page
    show it); a place better by NOTIFY_STEP or more than the told one gets a letter. The rows of a
    shifted block (`told_already`) had their told place moved by the block's UPDATE itself."""
    step = int(settings.HROMADA_KINDERGARTEN_NOTIFY_STEP)
    fresh: list[int] = []
    improved: list[int] = []
    for row, new in changed:
        if new is None:
            continue
        told = row[3]
        if told is None:
            fresh.append(row[0])
        elif told - new >= step:
            improved.append(row[0])
    for pks in (
        [pk for pk in fresh if pk not in told_already],
        [pk for pk in improved if pk not in told_already],
    ):
        for start in range(0, len(pks), _CHUNK):
            Preference.objects.filter(pk__in=pks[start : start + _CHUNK]).update(
                notified_position=F("position")
            )
    if improved:
        notify.positions_improved(improved)


def recompute_queues(
    group_ids: Iterable[int], *, reason: str, cause: Application | None = None, locked: bool = False
) -> int:
    """Recompute every affected queue, having locked them all in one order first."""
    ids = sorted(set(group_ids))
    total = 0
    with transaction.atomic(savepoint=False):
        if not locked:
            lock_groups(ids)
        for group_id in ids:
            total += recompute_queue(group_id, reason=reason, cause=cause, locked=True)
    return total


def remove_preferences(prefs: Iterable[Preference], *, reason: str, cause: Application | None) -> set[int]:
    """Take preferences out of their queues for good (a declined institution, a changed choice): the
    parent's history keeps their last places. Returns the groups to recompute."""
    prefs = list(prefs)
    at = clock.now()
    PositionChange.objects.bulk_create(
        [
            PositionChange(
                application_id=p.application_id,
                preference=None,
                age_group_id=p.age_group_id,
                old_position=p.position,
                new_position=None,
                reason=reason,
                cause=cause,
                at=at,
            )
            for p in prefs
            if p.position is not None
        ]
    )
    Preference.objects.filter(pk__in=[p.pk for p in prefs]).delete()
    return {p.age_group_id for p in prefs}
