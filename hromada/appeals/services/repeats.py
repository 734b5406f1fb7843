"""Повторні та дублікати: which earlier appeals a new one repeats or duplicates.

"The same person" is the same normalised name and one of e-mail, phone or address; "repeated" is an
earlier appeal of that person on a shared topic, "duplicate" the same text through another channel.
Registration decides `repeated_of` / `duplicate_of` with these, and the registration form's notice
(`appeals.applicants`) reuses them, so both mean the same.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from hromada.appeals.models import Appeal, Applicant, Issue
from hromada.appeals.schemas import AppealRegisterIn
from hromada.core import textsearch


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
