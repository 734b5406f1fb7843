"""Reads for an export of the register: the list page's appeals streamed as plain records."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import KW_ONLY, dataclass
from typing import Any

from django.db.models import QuerySet

from hromada.accounts.models import User
from hromada.appeals.models import Appeal, Applicant, Issue
from hromada.appeals.selectors.lists import AppealFilter, filter_appeals, sort_appeals
from hromada.appeals.selectors.visibility import appeals_visible_to


def appeals_for_export(user: User, f: AppealFilter, *, today: dt.date, sort: str = "") -> QuerySet[Appeal]:
    """The list page's appeals (same visibility, filters and order) for an export: count it with
    count_capped(), read it with export_records()."""
    return sort_appeals(filter_appeals(appeals_visible_to(user), f, today=today), sort)


@dataclass(frozen=True, slots=True)
class ExportApplicant:
    name: str
    phone: str
    email: str
    address: str


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One appeal as an export writes it: vocabulary codes (names come from the reference cache)."""

    number: str
    registered_on: dt.date
    received_at: dt.datetime
    channel: str
    kind: str
    subject: str
    summary: str
    status: str
    lead_department_id: int | None
    due_date: dt.date | None
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    # By keyword: the columns of a row fill the fields above positionally, these two come after.
    _: KW_ONLY
    applicants: list[ExportApplicant]
    topics: list[str]


_EXPORT_FIELDS = (
    "id",
    "number",
    "registered_on",
    "received_at",
    "channel_id",
    "kind_id",
    "subject_id",
    "summary",
    "status",
    "lead_department_id",
    "due_date",
    "answered_at",
    "closed_at",
)


def export_records(qs: QuerySet[Appeal], *, limit: int, chunk_size: int = 2000) -> Iterator[ExportRecord]:
    """The first `limit` appeals of `qs`, streamed from the database (a server-side cursor on
    PostgreSQL), with their applicants and topics read in two queries per `chunk_size` appeals.

    Plain tuples, not model instances: an export of 100,000 appeals spent most of its time building
    models and cloning the prefetch querysets of each one."""
    chunk: list[tuple[Any, ...]] = []
    for row in qs[:limit].values_list(*_EXPORT_FIELDS).iterator(chunk_size=chunk_size):
        chunk.append(row)
        if len(chunk) >= chunk_size:
            yield from _export_chunk(chunk)
            chunk = []
    if chunk:
        yield from _export_chunk(chunk)


def _export_chunk(rows: list[tuple[Any, ...]]) -> Iterator[ExportRecord]:
    ids = [row[0] for row in rows]
    applicants: dict[int, list[ExportApplicant]] = defaultdict(list)
    for appeal_id, *person in (
        Applicant.objects.filter(appeal_id__in=ids)
        .order_by("appeal_id", "position", "id")
        .values_list("appeal_id", "name", "phone", "email", "address")
    ):
        applicants[appeal_id].append(ExportApplicant(*person))
    topics: dict[int, list[str]] = defaultdict(list)
    for appeal_id, topic in (
        Issue.objects.filter(appeal_id__in=ids)
        .order_by("appeal_id", "position", "id")
        .values_list("appeal_id", "topic_id")
    ):
        if topic not in topics[appeal_id]:
            topics[appeal_id].append(topic)
    for pk, *values in rows:
        yield ExportRecord(*values, applicants=applicants.get(pk, []), topics=topics.get(pk, []))
