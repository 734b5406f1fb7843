"""Reads of the staff side of e-petitions (електронні петиції) beyond the shared selectors: the card's
parts, the fraud page's filtered signatures, the dashboard's and the annual report's counts.

Row-level visibility is simple here: the moderator and the head see every petition that was ever
submitted; a draft is its author's alone and is "not found" for staff.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from hromada.core.errors import NotFound
from hromada.petitions.models import (
    Invalidation,
    PaperSignatures,
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionStatus,
    Signature,
)

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
