"""Публічні сторінки звернень: the e-appeal form and tracking, the portal's face of the register.
Public on purpose: no role_required.

Every answer that shows a registration number or a tracking code is `Cache-Control: no-store`; the
code travels only in POST bodies (never in a URL, so it does not land in access logs).
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hromada.appeals.forms.public import EAppealForm, TrackForm
from hromada.appeals.models import Appeal
from hromada.appeals.public_schemas import EAppealIn
from hromada.appeals.selectors import public_status
from hromada.appeals.services import file_e_appeal, find_by_tracking
from hromada.core import ratelimit
from hromada.core.errors import ValidationFailed
from hromada.core.forms import add_domain_error, filled_honeypot
from hromada.core.pages import private as _private
from hromada.residents.services import resident_of

#: The session key of the last receipt: the "received" page is a GET page (Post/Redirect/Get), so a
#: reload shows the same receipt and neither files the appeal again nor counts against the limit.
RECEIPT_KEY = "portal:e-appeal-receipt"

#: Seconds the blank form's HTML is reused: the vocabularies behind its lists are cached as long.
BLANK_FORM_SECONDS = 5


def _blank_form_fields() -> str:
    """The blank e-appeal form's fields, rendered once per language and process every few seconds:
    Django's widget rendering was most of the page's time (the CSRF token is outside this part)."""
    key = f"portal:blank-eappeal-form:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("appeals/public/_eappeal_fields.html", {"form": EAppealForm()})
        cache.set(key, html, BLANK_FORM_SECONDS)
    return mark_safe(html)  # our own template's output, escaped when rendered


@require_http_methods(["GET", "POST"])
def new_appeal(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        # A signed-in resident's name and e-mail are filled in (the cabinet lists appeals by that e-mail).
        resident = resident_of(request.user)
        if resident is not None:
            form = EAppealForm(initial={"name": resident.full_name, "email": resident.email})
            return _private(render(request, "appeals/public/new.html", {"form": form}))
        return render(request, "appeals/public/new.html", {"fields_html": _blank_form_fields()})
    form = EAppealForm(request.POST, request.FILES)
    if filled_honeypot(request.POST):
        # A bot filled the honeypot: it is told "received" and nothing is saved.
        request.session[RECEIPT_KEY] = {"appeal": None}
        return redirect("portal:filed")
    email = request.POST.get("email", "").strip()
    # RateLimited: the 429 page (core.middleware)
    ratelimit.check_page(ratelimit.filing_limit(), request, email)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("attachments", "website")}
        try:
            appeal, code = file_e_appeal(EAppealIn(**data), form.cleaned_data["attachments"])
        except ValidationFailed as exc:
            add_domain_error(form, exc)
        else:
            ratelimit.hit_page(ratelimit.filing_limit(), request, email)
            request.session[RECEIPT_KEY] = {"appeal": appeal.pk, "code": code, "email": data["email"]}
            return redirect("portal:filed")
    return _private(render(request, "appeals/public/new.html", {"form": form}, status=422))


@require_GET
def filed(request: HttpRequest) -> HttpResponse:
    """The receipt of the e-appeal this browser filed last: number, date and tracking code. Kept in
    the session (server-side), never in the URL; without one, the form."""
    receipt = request.session.get(RECEIPT_KEY)
    if not isinstance(receipt, dict):
        return redirect("portal:new")
    appeal_id = receipt.get("appeal")
    appeal = Appeal.objects.filter(pk=appeal_id).first() if isinstance(appeal_id, int) else None
    context = {"appeal": appeal, "code": receipt.get("code", ""), "email": receipt.get("email", "")}
    return _private(render(request, "appeals/public/filed.html", context))


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        # A letter's link fills the form in (appeals.letters.links): the author only presses the button.
        initial = {key: request.GET.get(key, "")[:40] for key in ("number", "code")}
        return _private(render(request, "appeals/public/track.html", {"form": TrackForm(initial=initial)}))
    form = TrackForm(request.POST)
    if not form.is_valid():
        return _private(render(request, "appeals/public/track.html", {"form": form}, status=422))
    ratelimit.check_page(ratelimit.tracking_limit(), request)
    ratelimit.hit_page(ratelimit.tracking_limit(), request)
    appeal = find_by_tracking(form.cleaned_data["number"], form.cleaned_data["code"])
    if appeal is None:
        context = {
            "form": form,
            "not_found": _("No appeal with this number and code. Check both and try again."),
        }
        return _private(render(request, "appeals/public/track.html", context, status=404))
    return _private(
        render(request, "appeals/public/status.html", {"status": public_status(appeal), "form": TrackForm()})
    )
