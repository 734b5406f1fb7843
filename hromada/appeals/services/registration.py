"""Реєстрація звернень: one service for the web form, the API and batch imports.

A batch is registered with a fixed number of queries whatever its size (look-ups of earlier appeals,
numbers, bulk inserts), which is what lets a contact-center import run at thousands of appeals a second
through the very same rules as a single phone call.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

from django.db import IntegrityError, transaction
from django.utils import timezone

from hromada.accounts.models import User
from hromada.appeals import deadlines, notify
from hromada.appeals.errors import AlreadyRegistered
from hromada.appeals.models import Appeal, Status
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services.common import clock, term_rules
from hromada.appeals.services.registration_checks import substance, validate_registration
from hromada.appeals.services.registration_rows import Plan, related_rows
from hromada.appeals.services.repeats import _Known, _known_from_db, _latest, _Person, _persons
from hromada.core import textsearch
from hromada.core.bulk import bulk_insert
from hromada.core.errors import FieldError, ValidationFailed
from hromada.core.models import CouncilSettings, Counter
from hromada.reference import selectors as ref
from hromada.reference.models import (
    AuthorCategory,
    Channel,
    ChannelGroup,
)

NUMBER_COUNTER = "appeals"


@dataclass
class RegistrationOutcome:
    """What happened to one item of a batch: registered, already there, or refused with errors."""

    index: int
    appeal: Appeal | None = None
    existing: Appeal | None = None
    errors: list[FieldError] = field(default_factory=list)


def _prefix(item: AppealRegisterIn, subject: str) -> str:
    """Registration index letter (Instruction 348): the author's surname initial; КО or БП marks."""
    if subject == "anonymous":
        return "БП"
    if subject == "collective":
        return "КО"
    for ch in item.applicants[0].name:
        if ch.isalpha():
            return ch.upper()
    return "БП"


def _subject(item: AppealRegisterIn) -> str:
    if item.anonymous:
        return "anonymous"
    if len(item.applicants) > 1 or item.signatories > 1:
        return "collective"
    return "individual"


@dataclass
class _Batch:
    """What the planning of a batch needs at hand: the council's rules and vocabularies, the earlier
    appeals found once for the whole batch (grown by its own appeals as they are planned)."""

    actor: User | None
    now: dt.datetime
    council: CouncilSettings
    by_name: dict[str, list[_Known]]
    by_ext: dict[str, list[_Known]]
    channels: dict[str, Channel]
    priority_codes: set[str]
    due_dates: Callable[[dt.date], dt.date]
    existing_ids: dict[int, int] = field(default_factory=dict)
    seen_ext: dict[tuple[str, str], int] = field(default_factory=dict)
    plans: list[Plan] = field(default_factory=list)


@transaction.atomic
def register_appeals(
    items: Sequence[AppealRegisterIn],
    *,
    actor: User | None,
    now: dt.datetime | None = None,
    attach_related: bool = False,
) -> list[RegistrationOutcome]:
    """Register a batch. Invalid items are reported, not saved; items whose (channel, external id) is
    already registered come back as `existing`. The caller decides whether to keep a partly invalid
    batch (imports with --skip-invalid) or roll it back (the default).

    With `attach_related` each new appeal carries its applicants (with their categories), issues and
    (no) assignments as if prefetched, so it can be shown without reading it back."""
    now = clock(now)
    outcomes = [RegistrationOutcome(i) for i in range(len(items))]
    valid: list[tuple[int, AppealRegisterIn, list[_Person]]] = []
    for i, item in enumerate(items):
        outcomes[i].errors = validate_registration(item, now)
        if not outcomes[i].errors:
            valid.append((i, item, _persons(item)))
    if not valid:
        return outcomes

    council = CouncilSettings.load()
    rules = term_rules(council)
    by_name, by_ext = _known_from_db(valid)
    batch = _Batch(
        actor=actor,
        now=now,
        council=council,
        by_name=by_name,
        by_ext=by_ext,
        channels=ref.vocabulary(Channel),
        priority_codes={c for c, cat in ref.vocabulary(AuthorCategory).items() if cat.priority},
        # A batch registers appeals of a few days: work out each day's due date once.
        due_dates=lru_cache(maxsize=None)(lambda day: deadlines.due_date_for_term(day, "1m", rules)),
    )
    for order, (i, item, persons) in enumerate(valid):
        _plan(batch, order, i, item, persons)
    _number_and_insert(batch)
    rows = related_rows(batch.plans, actor=actor, now=now)
    for i, _item, appeal, *_rest in batch.plans:
        outcomes[i].appeal = appeal
    rows.insert()
    if attach_related:
        rows.attach(batch.plans)
    _resolve_existing(batch.existing_ids, outcomes)
    return outcomes


def _plan(batch: _Batch, order: int, i: int, item: AppealRegisterIn, persons: list[_Person]) -> None:
    """Plan one valid item: skip it as `existing` when its card is already registered (earlier or in
    this batch), else build its unsaved appeal with the earlier appeals it repeats or duplicates."""
    if item.external_id:
        key = (item.channel, item.external_id)
        if key in batch.seen_ext:
            batch.existing_ids[i] = -1 - batch.seen_ext[key]  # an earlier line of this batch
            return
        same = [k for k in batch.by_ext.get(item.external_id, []) if k.channel == item.channel]
        if same:
            # by_ext holds appeals read from the database: saved, so with an id.
            batch.existing_ids[i] = cast(int, same[0].appeal_id)
            return
        batch.seen_ext[key] = i
    received = item.received_at or batch.now
    if timezone.is_naive(received):
        received = timezone.make_aware(received)
    found = textsearch.words(substance(item))
    text_hash = textsearch.fingerprint_words(found)
    topics = {issue.topic for issue in item.issues}
    repeated, duplicate = _earlier(batch, item, persons, received, text_hash, topics)
    appeal = _new_appeal(batch, item, received, found, text_hash, repeated, duplicate)
    batch.plans.append((i, item, appeal, repeated, duplicate, persons))
    if not item.anonymous:  # later items of this batch may repeat this one
        known = _Known(appeal, item.channel, received, text_hash, topics, persons, order=order + 1)
        for name in {p.name for p in persons}:
            batch.by_name[name].append(known)
        if item.external_id:
            batch.by_ext[item.external_id].append(known)


def _earlier(
    batch: _Batch,
    item: AppealRegisterIn,
    persons: list[_Person],
    received: dt.datetime,
    text_hash: str,
    topics: set[str],
) -> tuple[_Known | None, _Known | None]:
    """The latest earlier appeal this one repeats (same person, shared topic) and the latest it
    duplicates (same text or card through another channel)."""
    repeated: _Known | None = None
    duplicate: _Known | None = None
    if not item.anonymous:
        earlier = [
            k
            for p in persons
            for k in batch.by_name.get(p.name, [])
            if k.received_at <= received and any(p.same_as(q) for q in k.persons)
        ]
        repeated = _latest([k for k in earlier if k.topics & topics])
        duplicate = _latest(
            [k for k in earlier if text_hash and k.text_hash == text_hash and k.channel != item.channel]
        )
    if duplicate is None and item.external_id:
        duplicate = _latest([k for k in batch.by_ext.get(item.external_id, []) if k.channel != item.channel])
    return repeated, duplicate


def _new_appeal(
    batch: _Batch,
    item: AppealRegisterIn,
    received: dt.datetime,
    found: list[str],
    text_hash: str,
    repeated: _Known | None,
    duplicate: _Known | None,
) -> Appeal:
    """The unsaved appeal of one item: its dates by the council's rules, its kind of author, and links
    to earlier appeals already in the database (links within the batch wait for the insert)."""
    electronic = batch.channels[item.channel].group == ChannelGroup.ELECTRONIC
    registered_on = deadlines.registration_date(
        timezone.localtime(received), electronic=electronic, rules=term_rules(batch.council)
    )
    subject = _subject(item)
    feature = "duplicate" if duplicate else "repeated" if repeated else "primary"
    priority = any(code in batch.priority_codes for a in item.applicants for code in a.categories)
    now = batch.now
    appeal = Appeal(
        year=registered_on.year,
        seq=0,
        number=_prefix(item, subject),  # completed with the number below
        channel_id=item.channel,
        kind_id=item.kind,
        subject_id=subject,
        feature_id=feature,
        signatories=max(item.signatories, len(item.applicants), 1),
        signed=item.signed,
        received_at=received.astimezone(dt.UTC),  # as it reads back from the database
        registered_on=registered_on,
        due_date=None if item.anonymous else batch.due_dates(registered_on),
        status=Status.CLOSED if item.anonymous else Status.REGISTERED,
        closed_at=now if item.anonymous else None,
        priority=priority,
        summary=item.summary,
        text=item.text,
        external_id=item.external_id,
        registered_by=batch.actor,
        text_hash=text_hash,
        search_lemmas=textsearch.lemmatize_words(found),
    )
    for link, attr in ((repeated, "repeated_of"), (duplicate, "duplicate_of")):
        if link is not None and isinstance(link.appeal, int):
            setattr(appeal, f"{attr}_id", link.appeal)
    return appeal


def _number_and_insert(batch: _Batch) -> None:
    """Number the planned appeals, insert them, then link those that repeat an appeal of this batch."""
    appeals = [plan[2] for plan in batch.plans]
    numbers_needed: dict[int, int] = defaultdict(int)
    for appeal in appeals:
        numbers_needed[appeal.year] += 1
    # Numbers last, just before the inserts, so the counter row is locked for as short a time as possible.
    first_seq = {year: Counter.take(NUMBER_COUNTER, year, n) for year, n in sorted(numbers_needed.items())}
    number_format = batch.council.number_format
    for appeal in appeals:
        appeal.seq = first_seq[appeal.year]
        first_seq[appeal.year] += 1
        appeal.number = number_format.format(prefix=appeal.number, seq=appeal.seq, year=appeal.year)
    bulk_insert(appeals)

    in_batch_links = []
    for _i, _item, appeal, repeated, duplicate, _p in batch.plans:
        changed = False
        for link, attr in ((repeated, "repeated_of"), (duplicate, "duplicate_of")):
            if link is not None and isinstance(link.appeal, Appeal):
                setattr(appeal, f"{attr}_id", link.appeal.pk)
                changed = True
        if changed:
            in_batch_links.append(appeal)
    if in_batch_links:
        Appeal.objects.bulk_update(in_batch_links, ["repeated_of", "duplicate_of"])


def _resolve_existing(existing_ids: dict[int, int], outcomes: list[RegistrationOutcome]) -> None:
    """Fill `existing` of the skipped items: an appeal in the database, or an earlier line's appeal."""
    if not existing_ids:
        return
    resolved = {}
    db_ids = [v for v in existing_ids.values() if v >= 0]
    if db_ids:
        resolved = Appeal.objects.in_bulk(db_ids)
    for i, ref_id in existing_ids.items():
        outcomes[i].existing = resolved.get(ref_id) if ref_id >= 0 else outcomes[-1 - ref_id].appeal


def register_appeal(
    item: AppealRegisterIn, *, actor: User | None, now: dt.datetime | None = None, notify_authors: bool = True
) -> Appeal:
    """Register one appeal or raise: ValidationFailed (field errors), AlreadyRegistered (same card).
    The appeal comes back with its related objects attached (see `register_appeals`).
    `notify_authors=False` is for a caller that sends the authors its own letter instead (the portal's
    e-appeal with its tracking code, a petition registered as an appeal)."""
    try:
        (outcome,) = register_appeals([item], actor=actor, now=now, attach_related=True)
    except IntegrityError:  # the same card registered concurrently by another request
        existing = Appeal.objects.filter(channel_id=item.channel, external_id=item.external_id).first()
        if existing is None or not item.external_id:
            raise
        raise AlreadyRegistered(existing.pk, existing.number) from None
    if outcome.errors:
        raise ValidationFailed(outcome.errors)
    if outcome.existing is not None:
        raise AlreadyRegistered(outcome.existing.pk, outcome.existing.number)
    assert outcome.appeal is not None
    if notify_authors:
        notify.registered(outcome.appeal)
    return outcome.appeal
