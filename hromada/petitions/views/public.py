"""Публічні сторінки електронних петицій: the list, a petition, signing, the signatories, files.

Public on purpose (no role_required): what they show is what the law publishes — the title, text,
author's name, counts, the signatories' names and dates, the answer. Never an e-mail or an address.
Signing is the hot path of a viral petition: the view does the session, the rate-limit check and the
service's own queries, nothing else, and answers with a redirect (post/redirect/get).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hromada.core import clock, paging, ratelimit
from hromada.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from hromada.core.pages import private as _private
from hromada.notifications.services import public_url
from hromada.petitions import selectors, services
from hromada.petitions.forms import PetitionSearchForm, SignForm
from hromada.petitions.models import Petition, PetitionAttachment, PetitionStatus, Signature
from hromada.petitions.views.files import download
from hromada.reference import selectors as ref
from hromada.reference.models import Topic
from hromada.residents.models import Resident
from hromada.residents.services import resident_of

PAGE_SIZE = 20
SIGNATORIES_PAGE_SIZE = 50

#: Columns the public list reads: not the text, not the author's e-mail.
LIST_FIELDS = (
    "id",
    "title",
    "status",
    "category_id",
    "published_at",
    "deadline",
    "threshold",
    "signature_count",
    "paper_count",
)


def _topic_name(code: str | None) -> str:
    topic = ref.vocabulary(Topic).get(code or "")
    return topic.name if topic else ""


def days_left(petition: Petition, today: dt.date | None = None) -> int | None:
    """Whole days of collection left, today included; None when the petition is not collecting."""
    if petition.status != PetitionStatus.COLLECTING or petition.deadline is None:
        return None
    return max(0, (petition.deadline - (today or clock.today())).days + 1)


def days_left_text(days: int | None) -> str:
    if days is None:
        return ""
    return ngettext("%(count)s day left", "%(count)s days left", days) % {"count": days}


def petition_path(petition_id: int) -> str:
    return reverse("portal:petition", args=[petition_id])


def absolute_url(path: str) -> str:
    """The portal's own address (HROMADA_PUBLIC_URL), never the request's Host header."""
    return public_url(path)


def paged(request: HttpRequest, qs: Any, query: dict[str, str], size: int = PAGE_SIZE) -> dict[str, Any]:
    """One page of `qs` and the links to its neighbours, keeping the filters (the cabinet's list too)."""
    return paging.paged(request, qs, size, query=query).context()


def _row(p: Petition, today: dt.date) -> dict[str, Any]:
    days = days_left(p, today)
    return {
        "id": p.pk,
        "title": p.title,
        "status": p.status,
        "status_label": p.get_status_display(),
        "category": _topic_name(p.category_id),
        "published_at": p.published_at,
        "threshold": p.threshold,
        "total": p.total_count,
        "days_left": days_left_text(days),
    }


@require_GET
def petitions(request: HttpRequest) -> HttpResponse:
    """Public petitions, 20 a page: status and category filters, search, four orders."""
    form = PetitionSearchForm(request.GET)
    context: dict[str, Any] = {"form": form}
    if not form.is_valid():
        return render(request, "petitions/public/list.html", context, status=400)
    data = form.cleaned_data
    qs = (
        selectors.public_petitions(
            status=data["status"], q=data["q"], category=data["category"], sort=data["sort"]
        )
        .select_related(None)
        .only(*LIST_FIELDS)
    )
    query = {k: v for k, v in data.items() if v and not (k == "sort" and v == "newest")}
    context.update(paged(request, qs, query))
    count = context["page"].paginator.count
    context["count_text"] = ngettext("%(count)s petition found", "%(count)s petitions found", count) % {
        "count": count
    }
    today = clock.today()
    context["rows"] = [_row(p, today) for p in context["page"].object_list]
    return render(request, "petitions/public/list.html", context)


def _share_links(petition: Petition) -> list[tuple[str, str]]:
    url = quote(absolute_url(petition_path(petition.pk)), safe="")
    title = quote(petition.title, safe="")
    return [
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={url}"),
        ("Telegram", f"https://t.me/share/url?url={url}&text={title}"),
        ("X", f"https://x.com/intent/post?url={url}&text={title}"),
        ("e-mail", f"mailto:?subject={title}&body={url}"),
    ]


def _detail_context(request: HttpRequest, petition: Petition) -> dict[str, Any]:
    resident = resident_of(request.user)
    signature: Signature | None = None
    if resident is not None:
        signature = selectors.live_signature(resident, petition)
    attachments = list(petition.attachments.order_by("id"))
    collecting = petition.status == PetitionStatus.COLLECTING
    return {
        "petition": petition,
        "category": _topic_name(petition.category_id),
        "days_left": days_left_text(days_left(petition)),
        "resident": resident,
        "signature": signature,
        "collecting": collecting,
        "can_sign": collecting and resident is not None and resident.is_confirmed and signature is None,
        "sign_form": SignForm(),
        "share_links": _share_links(petition),
        "petition_files": [a for a in attachments if a.part == PetitionAttachment.Part.PETITION],
        "answer_files": [a for a in attachments if a.part == PetitionAttachment.Part.ANSWER],
        "sign_in_url": f"{reverse('portal:sign-in')}?{urlencode({'next': petition_path(petition.pk)})}",
        "signed": request.GET.get("signed") == "1",
        "withdrawn": request.GET.get("withdrawn") == "1",
    }


def _public_or_404(petition_id: int) -> Petition:
    try:
        return selectors.public_petition(petition_id)
    except NotFound:
        raise Http404 from None


def _anonymous_plain(request: HttpRequest) -> bool:
    """A reader with no session, no pending message and no query: the page is the same for all of them."""
    return (
        not request.GET
        and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        and "messages" not in request.COOKIES
    )


@require_GET
def petition(request: HttpRequest, petition_id: int) -> HttpResponse:
    """One public petition; a draft, one on moderation or returned to its author is 404.

    For anonymous readers the rendered page is reused for HROMADA_PUBLIC_PAGE_CACHE_SECONDS (1 s) per
    process and language: a viral petition's page is read far more often than it changes, and its
    count may lag by that second (the issue allows "a few")."""
    seconds = settings.HROMADA_PUBLIC_PAGE_CACHE_SECONDS
    key = f"portal:petition-page:{petition_id}:{get_language()}"
    if seconds and _anonymous_plain(request):
        content = cache.get(key)
        if content is None:
            found = _public_or_404(petition_id)
            content = render(request, "petitions/public/detail.html", _detail_context(request, found)).content
            cache.set(key, content, seconds)
        return HttpResponse(content)
    found = _public_or_404(petition_id)
    response = render(request, "petitions/public/detail.html", _detail_context(request, found))
    # A signed-in resident's page says whether they signed: not for shared caches.
    return _private(response) if request.user.is_authenticated else response


def _denied(request: HttpRequest, petition_id: int, exc: DomainError) -> HttpResponse:
    """The petition's page with the refusal said in words, under the refusal's HTTP status."""
    if isinstance(exc, NotFound):
        raise Http404 from None
    found = _public_or_404(petition_id)
    context = {**_detail_context(request, found), "error": str(exc.message)}
    status = exc.status if exc.status >= 400 else 409
    return _private(render(request, "petitions/public/detail.html", context, status=status))


def _signer(request: HttpRequest, petition_id: int) -> Resident | HttpResponse:
    """The signed-in resident, or the answer for anyone else (sign-in page, or a refusal)."""
    resident = resident_of(request.user)
    if resident is not None:
        return resident
    if not request.user.is_authenticated:
        return redirect(f"{reverse('portal:sign-in')}?{urlencode({'next': petition_path(petition_id)})}")
    return _denied(
        request,
        petition_id,
        PermissionDenied(
            _("Only residents sign petitions: sign in to the residents' cabinet."),
            code="not_resident_account",
        ),
    )


@require_POST
def sign(request: HttpRequest, petition_id: int) -> HttpResponse:
    """Підписати петицію: rate-limited per address and per e-mail domain; then the service decides."""
    resident = _signer(request, petition_id)
    if isinstance(resident, HttpResponse):
        return resident
    ip, domain = ratelimit.check_signing_source(request, resident.email)
    try:
        services.sign_petition(
            signer=resident,
            petition_id=petition_id,
            wants_updates=request.POST.get("wants_updates") == "on",
            ip=ip,
        )
    except DomainError as exc:
        return _denied(request, petition_id, exc)
    ratelimit.hit_signing(ip, domain)
    return redirect(f"{petition_path(petition_id)}?signed=1")


@require_POST
def withdraw(request: HttpRequest, petition_id: int) -> HttpResponse:
    """Відкликати підпис, while the petition is collecting."""
    resident = _signer(request, petition_id)
    if isinstance(resident, HttpResponse):
        return resident
    ip, domain = ratelimit.check_signing_source(request, resident.email)
    try:
        services.withdraw_signature(signer=resident, petition_id=petition_id)
    except NotFound as exc:
        # No live signature: said on the petition's page (409) rather than a bare 404.
        return _denied(request, petition_id, Conflict(exc.message, code=exc.code))
    except DomainError as exc:
        return _denied(request, petition_id, exc)
    ratelimit.hit_signing(ip, domain)
    return redirect(f"{petition_path(petition_id)}?withdrawn=1")


@require_GET
def signatories(request: HttpRequest, petition_id: int) -> HttpResponse:
    """Names and dates of the valid signatures, oldest first (the law publishes the list)."""
    found = _public_or_404(petition_id)
    qs = selectors.signatories(found).only("id", "name", "signed_at")
    context = {"petition": found, **paged(request, qs, {}, SIGNATORIES_PAGE_SIZE)}
    return render(request, "petitions/public/signatories.html", context)


@require_GET
def attachment(request: HttpRequest, petition_id: int, attachment_id: int) -> FileResponse:
    """A file of a public petition or of its answer, always as a download (never rendered inline)."""
    found = _public_or_404(petition_id)
    try:
        item = found.attachments.get(pk=attachment_id)
    except PetitionAttachment.DoesNotExist:
        raise Http404 from None
    return download(item)
