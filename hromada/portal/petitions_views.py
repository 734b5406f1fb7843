"""Публічні сторінки електронних петицій and the author's petitions in the cabinet.

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
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hromada.core import clock, ratelimit
from hromada.core.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationFailed
from hromada.core.forms import add_domain_error
from hromada.core.pages import private as _private
from hromada.core.pages import too_many as _too_many
from hromada.petitions import selectors, services
from hromada.petitions.models import Petition, PetitionAttachment, PetitionStatus, Signature
from hromada.portal.account import resident_required
from hromada.portal.petitions_forms import PetitionDraftForm, PetitionSearchForm, SignForm
from hromada.reference import selectors as ref
from hromada.reference.models import Topic
from hromada.residents.models import Resident
from hromada.residents.services import public_url, resident_of

PAGE_SIZE = 20
SIGNATORIES_PAGE_SIZE = 50
MY_PETITIONS_PAGE_SIZE = 20

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
EDITABLE = (PetitionStatus.DRAFT, PetitionStatus.RETURNED)


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


def _paged(request: HttpRequest, qs: Any, query: dict[str, str], size: int = PAGE_SIZE) -> dict[str, Any]:
    page = Paginator(qs, size).get_page(request.GET.get("page"))

    def url(number: int) -> str:
        params = {**query, **({"page": str(number)} if number > 1 else {})}
        return "?" + urlencode(params) if params else "?"

    return {
        "page": page,
        "previous_url": url(page.previous_page_number()) if page.has_previous() else "",
        "next_url": url(page.next_page_number()) if page.has_next() else "",
    }


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
        return render(request, "portal/petitions/list.html", context, status=400)
    data = form.cleaned_data
    qs = (
        selectors.public_petitions(
            status=data["status"], q=data["q"], category=data["category"], sort=data["sort"]
        )
        .select_related(None)
        .only(*LIST_FIELDS)
    )
    query = {k: v for k, v in data.items() if v and not (k == "sort" and v == "newest")}
    context.update(_paged(request, qs, query))
    count = context["page"].paginator.count
    context["count_text"] = ngettext("%(count)s petition found", "%(count)s petitions found", count) % {
        "count": count
    }
    today = clock.today()
    context["rows"] = [_row(p, today) for p in context["page"].object_list]
    return render(request, "portal/petitions/list.html", context)


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
            content = render(request, "portal/petitions/detail.html", _detail_context(request, found)).content
            cache.set(key, content, seconds)
        return HttpResponse(content)
    found = _public_or_404(petition_id)
    response = render(request, "portal/petitions/detail.html", _detail_context(request, found))
    # A signed-in resident's page says whether they signed: not for shared caches.
    return _private(response) if request.user.is_authenticated else response


def _denied(request: HttpRequest, petition_id: int, exc: DomainError) -> HttpResponse:
    """The petition's page with the refusal said in words, under the refusal's HTTP status."""
    if isinstance(exc, NotFound):
        raise Http404 from None
    found = _public_or_404(petition_id)
    context = {**_detail_context(request, found), "error": str(exc.message)}
    status = exc.status if exc.status >= 400 else 409
    return _private(render(request, "portal/petitions/detail.html", context, status=status))


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


def _limited(request: HttpRequest, resident: Resident) -> tuple[str, str, HttpResponse | None]:
    ip = ratelimit.client_ip(request)
    domain = resident.email.rpartition("@")[2]
    try:
        ratelimit.check_signing(ip, domain)
    except ratelimit.RateLimited as exc:
        return ip, domain, _too_many(request, exc)
    return ip, domain, None


@require_POST
def sign(request: HttpRequest, petition_id: int) -> HttpResponse:
    """Підписати петицію: rate-limited per address and per e-mail domain; then the service decides."""
    resident = _signer(request, petition_id)
    if isinstance(resident, HttpResponse):
        return resident
    ip, domain, limited = _limited(request, resident)
    if limited:
        return limited
    try:
        services.sign(
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
    ip, domain, limited = _limited(request, resident)
    if limited:
        return limited
    try:
        services.withdraw(signer=resident, petition_id=petition_id)
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
    context = {"petition": found, **_paged(request, qs, {}, SIGNATORIES_PAGE_SIZE)}
    return render(request, "portal/petitions/signatories.html", context)


@require_GET
def attachment(request: HttpRequest, petition_id: int, attachment_id: int) -> FileResponse:
    """A file of a public petition or of its answer, always as a download (never rendered inline)."""
    found = _public_or_404(petition_id)
    try:
        item = found.attachments.get(pk=attachment_id)
    except PetitionAttachment.DoesNotExist:
        raise Http404 from None
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type or "application/octet-stream",
    )


# --- The author's cabinet ----------------------------------------------------------------------------


def _own(resident: Resident, petition_id: int) -> Petition:
    """The resident's own petition; another resident's (or none) is 404, the same answer."""
    found = selectors.petitions_of(resident).filter(pk=petition_id).first()
    if found is None:
        raise Http404
    return found


@resident_required
def my_petitions(request: HttpRequest, resident: Resident) -> HttpResponse:
    qs = (
        selectors.petitions_of(resident)
        .select_related(None)
        .only("id", "title", "status", "created_at", "submitted_at", "published_at", "moderation_reason")
    )
    context = {
        "resident": resident,
        **_paged(request, qs, {}, MY_PETITIONS_PAGE_SIZE),
        "submitted": request.GET.get("submitted") == "1",
    }
    return render(request, "portal/petitions/my_list.html", context)


def _draft_data(form: PetitionDraftForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "text": data["text"],
        "category": data["category"],
        "uploads": data["attachments"],
    }


@require_http_methods(["GET", "POST"])
@resident_required
def new_petition(request: HttpRequest, resident: Resident) -> HttpResponse:
    """Створити петицію: a draft only the author sees until it is submitted for moderation."""
    if request.method != "POST":
        return render(request, "portal/petitions/draft_form.html", {"form": PetitionDraftForm()})
    form = PetitionDraftForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            created = services.create_draft(author=resident, **_draft_data(form))
        except ValidationFailed as exc:
            add_domain_error(form, exc)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            return redirect(f"{reverse('portal:my-petition-edit', args=[created.pk])}?saved=1")
    return render(request, "portal/petitions/draft_form.html", {"form": form}, status=422)


@require_http_methods(["GET", "POST"])
@resident_required
def edit_petition(request: HttpRequest, resident: Resident, petition_id: int) -> HttpResponse:
    """Редагувати чернетку (or a petition the moderator returned for edits)."""
    own = _own(resident, petition_id)
    if own.status not in EDITABLE:
        return redirect("portal:my-petitions")
    context: dict[str, Any] = {
        "petition": own,
        "attachments": list(own.attachments.order_by("id")),
        "saved": request.GET.get("saved") == "1",
    }
    if request.method != "POST":
        initial = {"title": own.title, "text": own.text, "category": own.category_id}
        return render(
            request,
            "portal/petitions/draft_form.html",
            {**context, "form": PetitionDraftForm(initial=initial)},
        )
    form = PetitionDraftForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.update_draft(author=resident, petition_id=own.pk, **_draft_data(form))
        except NotFound:
            raise Http404 from None
        except ValidationFailed as exc:
            add_domain_error(form, exc)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            return redirect(f"{reverse('portal:my-petition-edit', args=[own.pk])}?saved=1")
    context.update(form=form, saved=False)
    return render(request, "portal/petitions/draft_form.html", context, status=422)


@require_POST
@resident_required
def submit_petition(request: HttpRequest, resident: Resident, petition_id: int) -> HttpResponse:
    """Подати на модерацію: the moderators have the charter's working days to publish or refuse."""
    own = _own(resident, petition_id)
    try:
        services.submit(author=resident, petition_id=own.pk)
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        initial = {"title": own.title, "text": own.text, "category": own.category_id}
        form = PetitionDraftForm(initial=initial)
        context = {
            "petition": own,
            "attachments": list(own.attachments.order_by("id")),
            "form": form,
            "submit_errors": [str(e.message) for e in exc.errors]
            if isinstance(exc, ValidationFailed)
            else [str(exc.message)],
        }
        status = 422 if isinstance(exc, ValidationFailed) else (exc.status if exc.status >= 400 else 409)
        return render(request, "portal/petitions/draft_form.html", context, status=status)
    return redirect(f"{reverse('portal:my-petitions')}?submitted=1")
