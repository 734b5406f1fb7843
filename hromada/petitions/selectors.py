"""Reading е-петиції: the public lists and page, the author's own, the moderators' queue and counts.

Nothing here writes. The public selectors show only PUBLIC_STATUSES (a draft, a petition on moderation
or returned to its author stays private); the staff ones are for moderators and heads.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When
from django.db.models.functions import TruncHour
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import Role, User
from hromada.core.errors import NotFound, PermissionDenied
from hromada.core.textsearch import search_key
from hromada.petitions.models import PUBLIC_STATUSES, Petition, PetitionStatus, Signature
from hromada.residents.models import Resident

SORTS = ("newest", "most_signed", "nearest", "ending_soon")
#: Roles that see every petition past its draft (moderators work on them, heads answer them).
STAFF_ROLES = (Role.MODERATOR, Role.HEAD)
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
    if not user.has_role(*STAFF_ROLES):
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
