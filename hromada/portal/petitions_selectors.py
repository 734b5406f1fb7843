"""Reads of the public e-petitions (електронні петиції) that only the portal needs: the feeds and the
open data sets. Only public petitions and only what the law publishes (the author's and signatories'
names, never an e-mail or an address)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import QuerySet

from hromada.petitions.models import PUBLIC_STATUSES, Petition, PetitionStatus, Signature

#: Items in a feed: readers poll often and keep what they saw.
FEED_ITEMS = 30

#: Columns read for the open data rows (the text and answer are long, but the set is small).
_OPEN_DATA_FIELDS = (
    "id",
    "title",
    "text",
    "category_id",
    "status",
    "author_name",
    "created_at",
    "published_at",
    "signature_count",
    "paper_count",
    "answered_at",
    "answer_decision_url",
    "answer_text",
)


def recently_published(limit: int = FEED_ITEMS) -> QuerySet[Petition]:
    """Petitions that started collecting (or later moved on), newest first."""
    return (
        Petition.objects.filter(status__in=PUBLIC_STATUSES, published_at__isnull=False)
        .only("id", "title", "text", "author_name", "published_at", "category_id")
        .order_by("-published_at", "-id")[:limit]
    )


def recently_answered(limit: int = FEED_ITEMS) -> QuerySet[Petition]:
    """Answered petitions, the latest answer first."""
    return (
        Petition.objects.filter(status=PetitionStatus.ANSWERED, answered_at__isnull=False)
        .only("id", "title", "answer_text", "answer_supported", "answered_at", "author_name")
        .order_by("-answered_at", "-id")[:limit]
    )


def open_data_petitions() -> QuerySet[Petition]:
    """Every public petition, oldest first (a stable order for people who diff the data set)."""
    return Petition.objects.filter(status__in=PUBLIC_STATUSES).only(*_OPEN_DATA_FIELDS).order_by("id")


def petition_uid(petition_id: int, created_at: dt.datetime) -> str:
    """The data set's identifier: the day the petition was started and its number, e.g. 2026-11-20-17."""
    return f"{created_at:%Y-%m-%d}-{petition_id}"


def open_data_signatures(chunk_size: int = 2000) -> Iterator[tuple[int, str, dt.datetime]]:
    """(petition id, signer's name, signed at) of every valid signature of a published petition,
    streamed in chunks: a viral petition has 100,000 of them."""
    return (
        Signature.objects.filter(
            petition__status__in=PUBLIC_STATUSES,
            withdrawn_at__isnull=True,
            invalidation__isnull=True,
        )
        .order_by("petition_id", "signed_at", "id")
        .values_list("petition_id", "name", "signed_at")
        .iterator(chunk_size=chunk_size)
    )
