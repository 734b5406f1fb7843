"""Earlier applicants, for the registration form: search as you type and the likely-repeat notice.

The register holds a million appeals, so as many applicants. Search asks only the normalised key
columns that registration writes (`name_key` by prefix through its index, `phone_key` and `email_key`
by equality), with a LIMIT, in one query, plus one for the author categories of what it found.

"The same person" and "an earlier appeal on the same topic" mean exactly what registration means by
them: the functions of `services.repeats` that decide `repeated_of` are reused here, not rewritten.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from hromada.accounts.models import User
from hromada.appeals.models import Applicant, Status
from hromada.appeals.permissions import can_audit_reads, can_register_appeal
from hromada.appeals.schemas import AppealRegisterIn, ApplicantIn
from hromada.appeals.selectors import search
from hromada.appeals.services.repeats import _known_from_db, _latest, _Person, _persons
from hromada.core import textsearch

#: Fewer letters than this match too many people to be worth a query.
MIN_NAME_KEY = 3
#: A phone number is searched once it is complete (the key is its last 9 digits).
PHONE_DIGITS = 9
LIMIT = 10
#: A repeated appeal is flagged before saving when the earlier one is at most this old.
REPEAT_WINDOW = dt.timedelta(days=365)


@dataclass
class EarlierAppeal:
    id: int
    number: str
    registered_on: dt.date
    summary: str
    status: str

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


@dataclass
class EarlierApplicant:
    """One person found, with the contact details of their latest appeal among those found."""

    key: _Person
    name: str
    address: str
    phone: str
    email: str
    sex: str
    social_status: str
    applicant_id: int
    categories: list[str] = field(default_factory=list)
    appeals: list[EarlierAppeal] = field(default_factory=list)


@dataclass(frozen=True)
class LikelyRepeat:
    appeal_id: int
    number: str
    received_at: dt.datetime


def _search_key(query: str) -> tuple[str, str] | None:
    """What was typed, as it is searched: ("email", key), ("phone", key) or ("name", key)."""
    query = query.strip()
    if "@" in query:
        return "email", query.lower()
    if not any(ch.isalpha() for ch in query):
        digits = re.sub(r"\D", "", query)
        if len(digits) < PHONE_DIGITS:
            return None
        return "phone", textsearch.phone_key(digits)
    key = textsearch.person_name_key(query)
    if len(key) < MIN_NAME_KEY:
        return None
    return "name", key


def _condition(query: str) -> tuple[Q, tuple[str, ...]] | None:
    """The indexed condition and order for what was typed: an e-mail, a phone number or a name."""
    found = _search_key(query)
    if found is None:
        return None
    kind, key = found
    if kind == "email":
        return Q(email_key=key), ("-appeal_id",)
    if kind == "phone":
        return Q(phone_key=key), ("-appeal_id",)
    return search.name_prefix(key), ("name_key", "-appeal_id")


def searchable(query: str) -> bool:
    return _condition(query) is not None


def audit_key(query: str) -> str:
    """The audit log's object_id for a search: "name:<key>", "phone:<key>" or "email:<key>" (empty when
    nothing is searched), so that the searches that found a person are found again by their keys."""
    found = _search_key(query)
    return f"{found[0]}:{found[1]}" if found else ""


_ROW_FIELDS = (
    "id",
    "name",
    "address",
    "phone",
    "email",
    "sex_id",
    "social_status_id",
    "name_key",
    "email_key",
    "phone_key",
    "address_key",
    "appeal_id",
    "appeal__number",
    "appeal__registered_on",
    "appeal__summary",
    "appeal__status",
)


def search_applicants(user: User, query: str, *, limit: int = LIMIT) -> list[EarlierApplicant]:
    """Earlier applicants whose name starts with `query`, or whose phone or e-mail is `query`,
    each with their appeals among the rows found. Two queries at most; personal data only for
    those who register appeals (and for the administrator's audit page)."""
    found = _condition(query)
    if found is None or not (can_register_appeal(user) or can_audit_reads(user)):
        return []
    condition, order = found
    rows = Applicant.objects.filter(condition).order_by(*order).values(*_ROW_FIELDS)[:limit]
    return _people(rows)


def _people(rows: Iterable[dict[str, Any]], *, categories: bool = True) -> list[EarlierApplicant]:
    people: list[EarlierApplicant] = []
    for row in rows:
        key = _Person(row["name_key"], row["email_key"], row["phone_key"], row["address_key"])
        person = next((p for p in people if p.key.same_as(key)), None)
        if person is None:
            person = EarlierApplicant(
                key=key,
                name=row["name"],
                address=row["address"],
                phone=row["phone"],
                email=row["email"],
                sex=row["sex_id"] or "",
                social_status=row["social_status_id"] or "",
                applicant_id=row["id"],
            )
            people.append(person)
        person.appeals.append(
            EarlierAppeal(
                id=row["appeal_id"],
                number=row["appeal__number"],
                registered_on=row["appeal__registered_on"],
                summary=row["appeal__summary"],
                status=row["appeal__status"],
            )
        )
    if people and categories:
        by_id = {p.applicant_id: p for p in people}
        links = Applicant.categories.through.objects.filter(applicant_id__in=list(by_id)).values_list(
            "applicant_id", "authorcategory_id"
        )
        for applicant_id, code in links:
            by_id[applicant_id].categories.append(code)
    return people


#: The most appeals of one person the audit page gathers.
PERSON_APPEALS_LIMIT = 1000


def person_for_audit(user: User, applicant_id: int) -> EarlierApplicant | None:
    """The person of one applicant row with all their appeals (the same person as registration means
    it: the same name and the same e-mail, phone or address), for the administrator's audit page."""
    if not can_audit_reads(user):
        return None
    row = Applicant.objects.filter(pk=applicant_id).values("name_key").first()
    if row is None:
        return None
    rows = list(
        Applicant.objects.filter(name_key=row["name_key"])
        .order_by("-appeal_id")
        .values(*_ROW_FIELDS)[:PERSON_APPEALS_LIMIT]
    )
    chosen = next((r for r in rows if r["id"] == applicant_id), None)
    if chosen is None:
        return None
    rows.remove(chosen)
    people = _people([chosen, *rows], categories=False)
    return people[0]


def audit_keys_of(person: EarlierApplicant) -> list[str]:
    """The audit keys (see `audit_key`) of every search that finds this person: their e-mail, their
    phone, and each prefix of their name that a search would take."""
    keys = {f"name:{person.key.name[:n]}" for n in range(MIN_NAME_KEY, len(person.key.name) + 1)}
    keys |= {f"email:{person.key.email}"} if person.key.email else set()
    keys |= {f"phone:{person.key.phone}"} if person.key.phone else set()
    return sorted(keys)


def likely_repeat(
    user: User, *, applicant: ApplicantIn, topics: Iterable[str], received_at: dt.datetime
) -> LikelyRepeat | None:
    """The latest appeal of the same person on one of `topics` within the last year before
    `received_at`, if any: what registration would link as `repeated_of` (it looks back further)."""
    topics = set(topics)
    if not topics or not can_register_appeal(user):
        return None
    # Only what the detection reads: the applicant and no card number.
    item = AppealRegisterIn.model_construct(applicants=[applicant], external_id="", issues=[])
    persons = _persons(item)
    if not persons[0].name:
        return None
    by_name, _by_ext = _known_from_db([(0, item, persons)])
    since = received_at - REPEAT_WINDOW
    earlier = [
        known
        for person in persons
        for known in by_name.get(person.name, [])
        if since <= known.received_at <= received_at
        and known.topics & topics
        and any(person.same_as(other) for other in known.persons)
    ]
    latest = _latest(earlier)
    if latest is None or latest.appeal_id is None:
        return None
    return LikelyRepeat(latest.appeal_id, latest.appeal_number, latest.received_at)
