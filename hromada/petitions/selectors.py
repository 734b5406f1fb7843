"""Reading е-петиції: the public lists and page, the feeds and open data, the author's own, the
moderators' queue, the staff card's parts, the fraud page's signatures, the dashboard's and the annual
report's counts.

Nothing here writes. The public selectors show only PUBLIC_STATUSES (a draft, a petition on moderation
or returned to its author stays private) and only what the law publishes (names, never an e-mail or an
address); the staff ones are for moderators and heads, who see every petition ever submitted (a draft
is its author's alone and is "not found" for staff).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import TruncHour
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.core.errors import NotFound, PermissionDenied
from hromada.core.textsearch import search_key
from hromada.petitions.models import (
    PUBLIC_STATUSES,
    Invalidation,
    PaperSignatures,
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionStatus,
    Signature,
)
from hromada.petitions.permissions import can_see_petition_pages
from hromada.residents.models import Resident

SORTS = ("newest", "most_signed", "nearest", "ending_soon")
LIVE_COUNT_SECONDS = 2


def _search(qs: QuerySet[Petition], q: str) -> QuerySet[Petition]:
    """Every word of `q` in the title, text or answer (lower-cased `search_text`: SQLite's LIKE folds
    ASCII only, so Cyrillic needs the stored lower-case copy)."""
    for word in search_key(q or "").split()[:10]:
        qs = qs.filter(search_text__contains=word)
    return qs


def public_petitions(
    *, status: str = "", q: str = "", category: str = "", sort: str = "newest"
) -> QuerySet[Petition]:
    """The public list: status one of PUBLIC_STATUSES ("" = all public; anything else = nothing);
    sort newest | most_signed | nearest (collecting, fewest signatures missing) | ending_soon."""
    public = [s.value for s in PUBLIC_STATUSES]
    qs = Petition.objects.select_related("category")
    if status:
        qs = qs.filter(status=status) if status in public else qs.none()
    else:
        qs = qs.filter(status__in=public)
    if category:
        qs = qs.filter(category_id=category)
    qs = _search(qs, q)
    collecting_first = Case(
        When(status=PetitionStatus.COLLECTING, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    if sort == "most_signed":
        return qs.annotate(total=F("signature_count") + F("paper_count")).order_by(
            "-total", "-published_at", "-pk"
        )
    if sort == "nearest":
        return qs.annotate(
            collecting_first=collecting_first,
            missing=F("threshold") - F("signature_count") - F("paper_count"),
        ).order_by("collecting_first", "missing", "-published_at", "-pk")
    if sort == "ending_soon":
        return qs.annotate(collecting_first=collecting_first).order_by(
            "collecting_first", "deadline", "-published_at", "-pk"
        )
    return qs.order_by("-published_at", "-pk")


def public_petition(petition_id: int) -> Petition:
    """A published petition (any public state) or NotFound: private ones do not exist for the public."""
    petition = (
        Petition.objects.select_related("category")
        .filter(pk=petition_id, status__in=[s.value for s in PUBLIC_STATUSES])
        .first()
    )
    if petition is None:
        raise NotFound(_("No such petition."))
    return petition


def signatories(petition: Petition) -> QuerySet[Signature]:
    """Valid signatures, oldest first. Only `name` and `signed_at` may be published."""
    return Signature.objects.filter(
        petition=petition, withdrawn_at__isnull=True, invalidation__isnull=True
    ).order_by("signed_at", "pk")


def live_signature(resident: Resident, petition: Petition) -> Signature | None:
    """The resident's signature that is not withdrawn (an invalidated one too: it keeps its slot)."""
    if resident is None or resident.pk is None:
        return None
    return Signature.objects.filter(petition=petition, signer=resident, withdrawn_at__isnull=True).first()


def petitions_of(author: Resident) -> QuerySet[Petition]:
    """The author's own petitions in every state, newest first."""
    return Petition.objects.filter(author=author).select_related("category").order_by("-created_at", "-pk")


def moderation_queue() -> QuerySet[Petition]:
    """Петиції на модерації, the most urgent first."""
    return (
        Petition.objects.filter(status=PetitionStatus.MODERATION)
        .select_related("category")
        .order_by("moderation_due", "submitted_at", "pk")
    )


def staff_petitions(user: User, *, status: str = "", q: str = "") -> QuerySet[Petition]:
    """Every petition past its draft (moderators and heads); others are refused."""
    if not can_see_petition_pages(user):
        raise PermissionDenied(_("Your role does not allow this."))
    qs = Petition.objects.exclude(status=PetitionStatus.DRAFT).select_related("category")
    if status:
        qs = qs.filter(status=status)
    return _search(qs, q).order_by("-updated_at", "-pk")


def signatures_per_hour(petition: Petition) -> list[tuple[dt.datetime, int]]:
    """Valid online signatures per hour of the council's time zone, oldest first: spikes show fraud."""
    rows = (
        signatories(petition)
        .annotate(hour=TruncHour("signed_at", tzinfo=timezone.get_current_timezone()))
        .values("hour")
        .annotate(n=Count("id"))
        .order_by("hour")
    )
    return [(row["hour"], row["n"]) for row in rows]


def top_sources(petition: Petition, limit: int = 10) -> dict[str, list[tuple[str, int]]]:
    """The e-mail domains and (hashed) addresses with the most valid signatures: what to invalidate."""
    found: dict[str, list[tuple[str, int]]] = {}
    for field in ("email_domain", "ip_key"):
        rows = (
            signatories(petition)
            .exclude(**{field: ""})
            .values(field)
            .annotate(n=Count("id"))
            .order_by("-n", field)[:limit]
        )
        found[field] = [(row[field], row["n"]) for row in rows]
    return found


def live_count(petition_id: int) -> tuple[int, int]:
    """(online, paper) for the live counter; cached ≤ 2 s, so a viral petition's page polls cheaply."""
    key = f"petitions:count:{petition_id}"
    hit = cache.get(key)
    if hit is not None:
        return hit
    row = Petition.objects.filter(pk=petition_id).values_list("signature_count", "paper_count").first()
    if row is None:
        raise NotFound(_("No such petition."))
    counts = (int(row[0]), int(row[1]))
    cache.set(key, counts, LIVE_COUNT_SECONDS)
    return counts


# --- Feeds and open data ---------------------------------------------------------------------------

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


# --- The staff side: the card, the fraud page, the counts ----------------------------------------------

#: Valid signatures: neither withdrawn by the signer nor invalidated by a moderator.
VALID = Q(withdrawn_at__isnull=True, invalidation__isnull=True)


def staff_petition(petition_id: int) -> Petition:
    """The card's petition with the people it names; drafts are not found."""
    try:
        return (
            Petition.objects.select_related("category", "moderated_by", "answered_by")
            .exclude(status=PetitionStatus.DRAFT)
            .get(pk=petition_id)
        )
    except Petition.DoesNotExist:
        raise NotFound("No such petition.") from None


def journal(petition: Petition) -> list[PetitionEvent]:
    """The petition's journal, oldest first, with who did each step."""
    return list(PetitionEvent.objects.filter(petition=petition).select_related("actor").order_by("at", "id"))


def attachments(petition: Petition) -> list[PetitionAttachment]:
    return list(PetitionAttachment.objects.filter(petition=petition).order_by("part", "uploaded_at", "id"))


def attachment(petition: Petition, attachment_id: int) -> PetitionAttachment:
    try:
        return PetitionAttachment.objects.get(petition=petition, pk=attachment_id)
    except PetitionAttachment.DoesNotExist:
        raise NotFound("No such file.") from None


def paper_batches(petition: Petition) -> list[PaperSignatures]:
    return list(
        PaperSignatures.objects.filter(petition=petition)
        .select_related("added_by")
        .order_by("added_at", "id")
    )


def status_counts() -> dict[str, int]:
    """Petitions per status for the list's tabs (every status, 0 where none); drafts are left out."""
    counts = {s.value: 0 for s in PetitionStatus if s != PetitionStatus.DRAFT}
    rows = (
        Petition.objects.exclude(status=PetitionStatus.DRAFT)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts


def answer_queue() -> QuerySet[Petition]:
    """Petitions under consideration, the nearest answer term first: the head's queue."""
    return Petition.objects.filter(status=PetitionStatus.CONSIDERATION).order_by("answer_due", "id")


def filtered_signatures(
    petition: Petition,
    *,
    email_domain: str = "",
    ip_key: str = "",
    signed_from: dt.datetime | None = None,
    signed_to: dt.datetime | None = None,
) -> QuerySet[Signature]:
    """The petition's valid signatures matching every given criterion, oldest first."""
    qs = Signature.objects.filter(VALID, petition=petition)
    if email_domain:
        qs = qs.filter(email_domain=email_domain.lower())
    if ip_key:
        qs = qs.filter(ip_key=ip_key)
    if signed_from:
        qs = qs.filter(signed_at__gte=signed_from)
    if signed_to:  # inclusive, as the invalidation service reads it
        qs = qs.filter(signed_at__lte=signed_to)
    return qs.order_by("signed_at", "id")


def invalidations(petition: Petition) -> list[Invalidation]:
    """The petition's invalidations, newest first, with who made and who reverted each."""
    return list(
        Invalidation.objects.filter(petition=petition)
        .select_related("created_by", "reverted_by")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class DeskCounts:
    """The dashboard's petition figures."""

    awaiting_moderation: int
    moderation_overdue: int
    awaiting_answer: int
    answer_overdue: int


def past_term(*, today: dt.date) -> Q:
    """Petitions past their term: moderation not done by its due day, or the answer not given by its."""
    return Q(status=PetitionStatus.MODERATION, moderation_due__lt=today) | Q(
        status=PetitionStatus.CONSIDERATION, answer_due__lt=today
    )


def desk_counts(*, today: dt.date) -> DeskCounts:
    """One aggregate over the two queues (both read from the (status, term) indexes)."""
    moderation = Q(status=PetitionStatus.MODERATION)
    consideration = Q(status=PetitionStatus.CONSIDERATION)
    row = Petition.objects.filter(moderation | consideration).aggregate(
        awaiting_moderation=Count("id", filter=moderation),
        moderation_overdue=Count("id", filter=moderation & Q(moderation_due__lt=today)),
        awaiting_answer=Count("id", filter=consideration),
        answer_overdue=Count("id", filter=consideration & Q(answer_due__lt=today)),
    )
    return DeskCounts(**{k: v or 0 for k, v in row.items()})


@dataclass(frozen=True)
class YearCounts:
    """Petitions in a year (the annual summary): each counted by the date of its own step."""

    submitted: int = 0
    published: int = 0
    reached_threshold: int = 0
    answered: int = 0


def year_counts(start: dt.datetime, end: dt.datetime) -> YearCounts:
    """Petitions submitted, published, reaching the threshold and answered in [start, end)."""

    def within(field: str) -> Q:
        return Q(**{f"{field}__gte": start, f"{field}__lt": end})

    row = Petition.objects.aggregate(
        submitted=Count("id", filter=within("submitted_at")),
        published=Count("id", filter=within("published_at")),
        reached_threshold=Count("id", filter=within("threshold_reached_at")),
        answered=Count("id", filter=within("answered_at")),
    )
    return YearCounts(**{k: v or 0 for k, v in row.items()})


def petition_ids_of_email(email: str, *, limit: int = 1000) -> list[int]:
    """The petitions a person of this e-mail wrote or signed (their name is on the card or in the
    signatory list), for the administrator's audit page."""
    if not email:
        return []
    email = email.strip().lower()
    authored = Petition.objects.filter(author_email__iexact=email).values_list("id", flat=True)[:limit]
    signed = Signature.objects.filter(signer__email=email).values_list("petition_id", flat=True)[:limit]
    return sorted(set(authored) | set(signed))
