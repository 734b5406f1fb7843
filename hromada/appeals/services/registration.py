"""Реєстрація звернень: one service for the web form, the API and batch imports.

A batch is registered with a fixed number of queries whatever its size (look-ups of earlier appeals,
numbers, bulk inserts), which is what lets a contact-center import run at thousands of appeals a second
through the very same rules as a single phone call.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.appeals import deadlines, notify
from hromada.appeals.errors import AlreadyRegistered
from hromada.appeals.models import Appeal, AppealEvent, Applicant, Issue, Status
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services.common import clock, jsonable, term_rules
from hromada.core import textsearch
from hromada.core.bulk import attach_prefetched, bulk_insert
from hromada.core.errors import FieldError, ValidationFailed
from hromada.core.models import CouncilSettings, Counter
from hromada.reference import selectors as ref
from hromada.reference.models import (
    AuthorCategory,
    Channel,
    ChannelGroup,
    Kind,
    Sex,
    SocialStatus,
    Topic,
)

FUTURE_TOLERANCE = dt.timedelta(minutes=5)
NUMBER_COUNTER = "appeals"


@dataclass
class RegistrationOutcome:
    """What happened to one item of a batch: registered, already there, or refused with errors."""

    index: int
    appeal: Appeal | None = None
    existing: Appeal | None = None
    errors: list[FieldError] = field(default_factory=list)


@dataclass
class _Person:
    name: str
    email: str
    phone: str
    address: str

    def same_as(self, other: _Person) -> bool:
        if not self.name or self.name != other.name:
            return False
        return any(
            a and a == b
            for a, b in ((self.email, other.email), (self.phone, other.phone), (self.address, other.address))
        )


@dataclass
class _Known:
    """An earlier appeal, as far as detection needs it."""

    appeal: Appeal | int
    channel: str
    received_at: dt.datetime
    text_hash: str
    topics: set[str]
    persons: list[_Person]
    order: int = 0  # for in-batch appeals: their position
    number: str = ""  # for earlier appeals: their registration index

    @property
    def appeal_id(self) -> int | None:
        return self.appeal if isinstance(self.appeal, int) else self.appeal.pk

    @property
    def appeal_number(self) -> str:
        return self.number if isinstance(self.appeal, int) else self.appeal.number


def _persons(item: AppealRegisterIn) -> list[_Person]:
    return [
        _Person(
            textsearch.person_name_key(a.name),
            a.email.lower(),
            textsearch.phone_key(a.phone),
            textsearch.address_key(a.address),
        )
        for a in item.applicants
    ]


def _substance(item: AppealRegisterIn) -> str:
    return "\n".join([item.summary, item.text, *(i.text for i in item.issues)]).strip()


def validate_registration(item: AppealRegisterIn, now: dt.datetime) -> list[FieldError]:
    """The checks of one item that need no other appeal: codes, required content, dates."""
    errors: list[FieldError] = []
    channels = ref.active(Channel)
    channel = channels.get(item.channel)
    if channel is None:
        errors.append(
            FieldError("channel", _("Unknown channel “%(code)s”.") % {"code": item.channel}, "unknown")
        )
    if item.kind not in ref.active(Kind):
        errors.append(FieldError("kind", _("Unknown kind “%(code)s”.") % {"code": item.kind}, "unknown"))
    if item.received_at is not None:
        received = item.received_at
        if timezone.is_naive(received):
            received = timezone.make_aware(received)
        if received > now + FUTURE_TOLERANCE:
            errors.append(FieldError("received_at", _("The receipt time cannot be in the future."), "future"))
    sexes, statuses, categories = ref.vocabulary(Sex), ref.active(SocialStatus), ref.active(AuthorCategory)
    for i, a in enumerate(item.applicants):
        path = f"applicants.{i}"
        if not a.name and not item.anonymous:
            errors.append(FieldError(f"{path}.name", _("Give the author's full name (ПІБ)."), "required"))
        if a.email:
            try:
                validate_email(a.email)
            except ValidationError:
                errors.append(FieldError(f"{path}.email", _("Enter a valid e-mail address."), "invalid"))
        if a.sex and a.sex not in sexes:
            errors.append(
                FieldError(f"{path}.sex", _("Unknown sex “%(code)s”.") % {"code": a.sex}, "unknown")
            )
        if a.social_status and a.social_status not in statuses:
            errors.append(
                FieldError(
                    f"{path}.social_status",
                    _("Unknown social status “%(code)s”.") % {"code": a.social_status},
                    "unknown",
                )
            )
        for code in a.categories:
            if code not in categories:
                errors.append(
                    FieldError(
                        f"{path}.categories",
                        _("Unknown author category “%(code)s”.") % {"code": code},
                        "unknown",
                    )
                )
    if not item.anonymous and not item.applicants:
        errors.append(
            FieldError(
                "applicants",
                _("Give the author's full name (ПІБ), or mark the appeal anonymous."),
                "required",
            )
        )
    if (
        channel is not None
        and channel.group == ChannelGroup.ELECTRONIC
        and not item.anonymous
        and item.applicants
        and not item.applicants[0].email
    ):
        errors.append(
            FieldError(
                "applicants.0.email",
                _("An electronic appeal must give an e-mail address for the answer (Law art. 5)."),
                "required",
            )
        )
    topics = ref.active(Topic)
    for i, issue in enumerate(item.issues):
        if issue.topic not in topics:
            errors.append(
                FieldError(
                    f"issues.{i}.topic",
                    _("Unknown or inactive topic “%(code)s”.") % {"code": issue.topic},
                    "unknown",
                )
            )
    if not _substance(item):
        errors.append(FieldError("text", _("Give the substance of the appeal."), "required"))
    return errors


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


def _known_from_db(
    items: list[tuple[int, AppealRegisterIn, list[_Person]]],
) -> tuple[dict[str, list[_Known]], dict[str, list[_Known]]]:
    """Earlier appeals that may be repeated or duplicated by the batch: by person name, by external id."""
    names = {p.name for _i, _item, persons in items for p in persons if p.name}
    ext_ids = {item.external_id for _i, item, _p in items if item.external_id}
    by_id: dict[int, _Known] = {}
    if names:
        # `_Person.same_as` needs the name and one of e-mail, phone, address to match. Asking the
        # database for exactly that (not for every namesake) keeps this look-up small in a register of
        # millions, where a common name has hundreds of appeals from other people.
        same_contact = Q()
        for key in ("email", "phone", "address"):
            values = {getattr(p, key) for _i, _item, persons in items for p in persons if p.name}
            values.discard("")
            if values:
                same_contact |= Q(**{f"{key}_key__in": values})
        if not same_contact:
            names = set()
    if names:
        rows = Applicant.objects.filter(same_contact, name_key__in=names).values_list(
            "appeal_id",
            "name_key",
            "email_key",
            "phone_key",
            "address_key",
            "appeal__channel_id",
            "appeal__received_at",
            "appeal__text_hash",
            "appeal__number",
        )
        for appeal_id, name, email, phone, address, channel, received, text_hash, number in rows:
            known = by_id.get(appeal_id)
            if known is None:
                known = by_id[appeal_id] = _Known(
                    appeal_id, channel, received, text_hash, set(), [], number=number
                )
            known.persons.append(_Person(name, email, phone, address))
    ext_rows: list[_Known] = []
    if ext_ids:
        for appeal_id, channel, received, text_hash, ext, number in Appeal.objects.filter(
            external_id__in=ext_ids
        ).values_list("id", "channel_id", "received_at", "text_hash", "external_id", "number"):
            known = by_id.get(appeal_id) or _Known(
                appeal_id, channel, received, text_hash, set(), [], number=number
            )
            by_id[appeal_id] = known
            ext_rows.append(known)
            known.external_id = ext  # type: ignore[attr-defined]
    if by_id:
        for appeal_id, topic in Issue.objects.filter(appeal_id__in=list(by_id)).values_list(
            "appeal_id", "topic_id"
        ):
            by_id[appeal_id].topics.add(topic)
    by_name: dict[str, list[_Known]] = defaultdict(list)
    for known in by_id.values():
        for name in {p.name for p in known.persons}:
            by_name[name].append(known)
    by_ext: dict[str, list[_Known]] = defaultdict(list)
    for known in ext_rows:
        by_ext[known.external_id].append(known)  # type: ignore[attr-defined]
    return by_name, by_ext


def _latest(candidates: list[_Known]) -> _Known | None:
    return max(candidates, key=lambda k: (k.received_at, k.order, k.appeal_id or 0), default=None)


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
    council = CouncilSettings.load()
    rules = term_rules(council)
    channels = ref.vocabulary(Channel)
    priority_codes = {c for c, cat in ref.vocabulary(AuthorCategory).items() if cat.priority}

    outcomes = [RegistrationOutcome(i) for i in range(len(items))]
    valid: list[tuple[int, AppealRegisterIn, list[_Person]]] = []
    for i, item in enumerate(items):
        outcomes[i].errors = validate_registration(item, now)
        if not outcomes[i].errors:
            valid.append((i, item, _persons(item)))
    if not valid:
        return outcomes

    by_name, by_ext = _known_from_db(valid)
    existing_ids: dict[int, int] = {}
    seen_ext: dict[tuple[str, str], int] = {}
    appeals: list[Appeal] = []
    plans: list[tuple[int, AppealRegisterIn, Appeal, _Known | None, _Known | None, list[_Person]]] = []
    numbers_needed: dict[int, int] = defaultdict(int)
    # A batch registers appeals of a few days: work out each day's due date once.
    due_dates = lru_cache(maxsize=None)(lambda day: deadlines.due_date_for_term(day, "1m", rules))

    for order, (i, item, persons) in enumerate(valid):
        if item.external_id:
            key = (item.channel, item.external_id)
            if key in seen_ext:
                existing_ids[i] = -1 - seen_ext[key]  # an earlier line of this batch
                continue
            same = [k for k in by_ext.get(item.external_id, []) if k.channel == item.channel]
            if same:
                existing_ids[i] = same[0].appeal_id  # type: ignore[assignment]
                continue
            seen_ext[key] = i
        received = item.received_at or now
        if timezone.is_naive(received):
            received = timezone.make_aware(received)
        electronic = channels[item.channel].group == ChannelGroup.ELECTRONIC
        registered_on = deadlines.registration_date(
            timezone.localtime(received), electronic=electronic, rules=rules
        )
        if item.anonymous:
            subject = "anonymous"
        elif len(item.applicants) > 1 or item.signatories > 1:
            subject = "collective"
        else:
            subject = "individual"
        found = textsearch.words(_substance(item))
        text_hash = textsearch.fingerprint_words(found)
        topics = {issue.topic for issue in item.issues}

        repeated: _Known | None = None
        duplicate: _Known | None = None
        if not item.anonymous:
            earlier = [
                k
                for p in persons
                for k in by_name.get(p.name, [])
                if k.received_at <= received and any(p.same_as(q) for q in k.persons)
            ]
            repeated = _latest([k for k in earlier if k.topics & topics])
            duplicate = _latest(
                [k for k in earlier if text_hash and k.text_hash == text_hash and k.channel != item.channel]
            )
        if duplicate is None and item.external_id:
            duplicate = _latest([k for k in by_ext.get(item.external_id, []) if k.channel != item.channel])
        feature = "duplicate" if duplicate else "repeated" if repeated else "primary"

        priority = any(code in priority_codes for a in item.applicants for code in a.categories)
        appeal = Appeal(
            year=registered_on.year,
            seq=0,
            number=_prefix(item, subject),  # completed with the number below
            channel_id=item.channel,
            kind_id=item.kind,
            subject_id=subject,
            feature_id=feature,
            signatories=max(item.signatories, len(item.applicants), 1),
            received_at=received.astimezone(dt.UTC),  # as it reads back from the database
            registered_on=registered_on,
            due_date=None if item.anonymous else due_dates(registered_on),
            status=Status.CLOSED if item.anonymous else Status.REGISTERED,
            closed_at=now if item.anonymous else None,
            priority=priority,
            summary=item.summary,
            text=item.text,
            external_id=item.external_id,
            registered_by=actor,
            text_hash=text_hash,
            search_lemmas=textsearch.lemmatize_words(found),
        )
        for link, attr in ((repeated, "repeated_of"), (duplicate, "duplicate_of")):
            if link is not None and isinstance(link.appeal, int):
                setattr(appeal, f"{attr}_id", link.appeal)
        numbers_needed[appeal.year] += 1
        appeals.append(appeal)
        plans.append((i, item, appeal, repeated, duplicate, persons))
        if not item.anonymous:  # later items of this batch may repeat this one
            known = _Known(appeal, item.channel, received, text_hash, topics, persons, order=order + 1)
            for name in {p.name for p in persons}:
                by_name[name].append(known)
            if item.external_id:
                by_ext[item.external_id].append(known)

    # Numbers last, just before the inserts, so the counter row is locked for as short a time as possible.
    first_seq = {year: Counter.take(NUMBER_COUNTER, year, n) for year, n in sorted(numbers_needed.items())}
    for appeal in appeals:
        appeal.seq = first_seq[appeal.year]
        first_seq[appeal.year] += 1
        appeal.number = council.number_format.format(prefix=appeal.number, seq=appeal.seq, year=appeal.year)
    bulk_insert(appeals)

    in_batch_links = []
    for _i, _item, appeal, repeated, duplicate, _p in plans:
        changed = False
        for link, attr in ((repeated, "repeated_of"), (duplicate, "duplicate_of")):
            if link is not None and isinstance(link.appeal, Appeal):
                setattr(appeal, f"{attr}_id", link.appeal.pk)
                changed = True
        if changed:
            in_batch_links.append(appeal)
    if in_batch_links:
        Appeal.objects.bulk_update(in_batch_links, ["repeated_of", "duplicate_of"])

    applicants: list[Applicant] = []
    applicant_categories: list[list[str]] = []
    issues: list[Issue] = []
    events: list[AppealEvent] = []
    spans: list[tuple[int, int, int, int]] = []  # per plan: its applicants' and issues' index ranges
    for i, item, appeal, repeated, duplicate, persons in plans:
        spans.append((len(applicants), len(applicants) + len(item.applicants), len(issues), 0))
        for pos, (a, p) in enumerate(zip(item.applicants, persons, strict=True)):
            applicants.append(
                Applicant(
                    appeal=appeal,
                    position=pos,
                    name=a.name,
                    address=a.address,
                    phone=a.phone,
                    email=a.email,
                    sex_id=a.sex or None,
                    social_status_id=a.social_status or None,
                    name_key=p.name,
                    email_key=p.email,
                    phone_key=p.phone,
                    address_key=p.address,
                )
            )
            applicant_categories.append(list(dict.fromkeys(a.categories)))
        for pos, issue in enumerate(item.issues, start=1):
            issues.append(
                Issue(
                    appeal=appeal,
                    position=pos,
                    topic_id=issue.topic,
                    text=issue.text,
                    result_id="not_considered" if item.anonymous else None,
                    answered_at=now if item.anonymous else None,
                )
            )
        data = {
            "number": appeal.number,
            "channel": appeal.channel_id,
            "feature": appeal.feature_id,
            "registered_on": appeal.registered_on,
            "due_date": appeal.due_date,
        }
        if repeated:
            data["repeated_of"] = appeal.repeated_of_id
        if duplicate:
            data["duplicate_of"] = appeal.duplicate_of_id
        if item.anonymous:
            data["not_considered"] = "anonymous (Law art. 8)"
        events.append(
            AppealEvent(appeal=appeal, actor=actor, at=now, action="registered", data=jsonable(data))
        )
        spans[-1] = (*spans[-1][:3], len(issues))
        outcomes[i].appeal = appeal
        appeal.repeated_of_number = repeated.appeal_number if repeated else None  # type: ignore[attr-defined]
        appeal.duplicate_of_number = duplicate.appeal_number if duplicate else None  # type: ignore[attr-defined]
    bulk_insert(applicants)
    through = Applicant.categories.through
    links = [
        through(applicant_id=a.pk, authorcategory_id=code)
        for a, codes in zip(applicants, applicant_categories, strict=True)
        for code in codes
    ]
    if links:
        bulk_insert(links)
    bulk_insert(issues)
    bulk_insert(events)
    if attach_related:
        vocabulary = ref.vocabulary(AuthorCategory)
        for applicant, codes in zip(applicants, applicant_categories, strict=True):
            found = sorted((vocabulary[code] for code in codes), key=lambda c: (c.position, c.code))
            attach_prefetched(applicant, "categories", found)
        for (_i, _item, appeal, *_rest), (a0, a1, i0, i1) in zip(plans, spans, strict=True):
            attach_prefetched(appeal, "applicants", applicants[a0:a1])
            attach_prefetched(appeal, "issues", issues[i0:i1])
            attach_prefetched(appeal, "assignments", [])

    if existing_ids:
        resolved = {}
        db_ids = [v for v in existing_ids.values() if v >= 0]
        if db_ids:
            resolved = Appeal.objects.in_bulk(db_ids)
        for i, ref_id in existing_ids.items():
            outcomes[i].existing = resolved.get(ref_id) if ref_id >= 0 else outcomes[-1 - ref_id].appeal
    return outcomes


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
