"""Перевірка підписів: the moderator's fraud tools for one petition.

Signatures per hour (an SVG chart with its figures in a table), the e-mail domains and address keys
with the most signatures (keyed hashes, never addresses), the valid signatures filtered by domain,
key and time, and the bulk invalidation of exactly the filtered ones: a first POST shows how many
would go, the second (carrying that number) does it — if the number changed meanwhile, the moderator
is asked again. Invalidations are listed with a revert button. The services audit both directions;
viewing the list of signatories is audited here.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.accounts.models import Role
from hromada.core.errors import DomainError, NotFound
from hromada.core.errors import PermissionDenied as DomainPermissionDenied
from hromada.core.forms import add_domain_error
from hromada.core.paging import paged
from hromada.petitions import charts, selectors, services
from hromada.petitions.forms import InvalidateForm, SignatureFilterForm
from hromada.petitions.models import Invalidation, Petition
from hromada.petitions.views.files import record_petition_read
from hromada.petitions.views.staff import load, person

PAGE_SIZE = 50
#: How much of an address key the pages show: enough to tell keys apart, and nothing more.
KEY_PREFIX = 12
#: The criteria that the invalidation service takes one by one (a time range counts as one).
GROUPS = (("email_domain",), ("ip_key",), ("signed_from", "signed_to"))


def _fraud_url(petition: Petition, criteria: dict[str, Any] | None = None) -> str:
    url = reverse("petitions:fraud", args=[petition.pk])
    if not criteria:
        return url
    query = {k: (v.strftime("%Y-%m-%dT%H:%M") if hasattr(v, "strftime") else v) for k, v in criteria.items()}
    return url + "?" + urlencode(query)


def _service_criteria(petition: Petition, criteria: dict[str, Any]) -> dict[str, Any]:
    """What to pass to `services.invalidate_signatures`: one group of criteria as it is (the service takes any
    number of signatures that way), several — whose intersection the moderator saw — as the ids."""
    groups = [g for g in GROUPS if any(criteria.get(k) for k in g)]
    if len(groups) == 1:
        return {k: criteria[k] for k in groups[0] if criteria.get(k)}
    ids = selectors.filtered_signatures(petition, **criteria).values_list("id", flat=True)
    return {"signature_ids": list(ids)}


def _render(
    request: StaffRequest,
    petition: Petition,
    *,
    filters: SignatureFilterForm,
    invalidate: InvalidateForm | None = None,
    confirm: int | None = None,
    status: int = 200,
) -> HttpResponse:
    criteria = filters.criteria
    signatures = selectors.filtered_signatures(petition, **criteria)
    # str(): the stubs give QueryDict.items() a list type too; the last value, a str, is what it yields.
    filter_query = {k: str(v) for k, v in request.GET.items() if k != "page" and v}
    rows = signatures.only("id", "name", "signed_at", "email_domain", "ip_key")
    pages = paged(request, rows, PAGE_SIZE, query=filter_query, base=_fraud_page(petition))
    found, total = pages.page, pages.page.paginator.count
    chart = charts.hour_chart(selectors.signatures_per_hour(petition))
    sources = selectors.top_sources(petition)
    context = {
        "petition": petition,
        "filters": filters,
        "criteria": criteria,
        "chart": chart,
        "chart_svg": charts.chart_svg(chart),
        "chart_rows": [
            {
                "start": b.start,
                "end": b.end,
                "count": b.count,
                "peak": b is chart.peak,
                "url": _fraud_url(petition, {"signed_from": b.start, "signed_to": b.end}),
            }
            for b in chart.busy
        ],
        "domains": [
            {"name": name, "count": count, "url": _fraud_url(petition, {"email_domain": name})}
            for name, count in sources.get("email_domain", [])
        ],
        "keys": [
            {"prefix": key[:KEY_PREFIX], "count": count, "url": _fraud_url(petition, {"ip_key": key})}
            for key, count in sources.get("ip_key", [])
        ],
        "rows": [
            {
                "name": s.name,
                "signed_at": s.signed_at,
                "email_domain": s.email_domain,
                "key": s.ip_key[:KEY_PREFIX],
            }
            for s in found.object_list
        ],
        **pages.context(),
        "count": total,
        "count_text": charts.signatures_phrase(total),
        "invalidate": invalidate or InvalidateForm(initial={"expected": total}),
        "confirm": confirm,
        "invalidate_url": reverse("petitions:fraud-invalidate", args=[petition.pk])
        + ("?" + urlencode(filter_query) if filter_query else ""),
        "invalidations": [
            {
                "id": i.pk,
                "created_at": i.created_at,
                "by": person(i.created_by),
                "reason": i.reason,
                "total": i.signature_total,
                "reverted_at": i.reverted_at,
                "reverted_by": person(i.reverted_by) if i.reverted_at else "",
                "revert_url": reverse("petitions:fraud-revert", args=[petition.pk, i.pk]),
            }
            for i in selectors.invalidations(petition)
        ],
    }
    return render(request, "petitions/fraud.html", context, status=status)


def _fraud_page(petition: Petition) -> str:
    return reverse("petitions:fraud", args=[petition.pk])


def _audit_view(request: StaffRequest, petition: Petition, criteria: dict[str, Any]) -> None:
    """The signatories' names, e-mail domains and times: a read of every signer's data."""
    record_petition_read(request, petition, "signatories", filters={k: str(v) for k, v in criteria.items()})


@role_required(Role.MODERATOR)
@require_GET
def fraud(request: StaffRequest, petition_id: int) -> HttpResponse:
    petition = load(petition_id)
    filters = SignatureFilterForm(request.GET or None)
    status = 200 if not filters.is_bound or filters.is_valid() else 422
    _audit_view(request, petition, filters.criteria)
    return _render(request, petition, filters=filters, status=status)


@role_required(Role.MODERATOR)
@require_POST
def fraud_invalidate(request: StaffRequest, petition_id: int) -> HttpResponse:
    """Two steps: without `confirm` it shows the number; with it (and that number) it invalidates."""
    petition = load(petition_id)
    filters = SignatureFilterForm(request.GET or None)
    criteria = filters.criteria
    form = InvalidateForm(request.POST)
    if not criteria:
        messages.error(request, _("Filter the signatures first: by domain, address key or time."))
        return _render(request, petition, filters=filters, invalidate=form, status=422)
    if not form.is_valid():
        return _render(request, petition, filters=filters, invalidate=form, status=422)
    reason = form.cleaned_data["reason"].strip()
    count = selectors.filtered_signatures(petition, **criteria).count()
    if not reason:
        form.add_error("reason", _("Give the reason for the invalidation."))
        return _render(request, petition, filters=filters, invalidate=form, status=422)
    if count == 0:
        messages.error(request, _("No valid signature matches the filters."))
        return _render(request, petition, filters=filters, invalidate=form, status=409)
    if not form.cleaned_data["confirm"] or form.cleaned_data["expected"] != count:
        status = 200
        if form.cleaned_data["confirm"]:
            messages.warning(request, _("The number of matching signatures changed: check it again."))
            status = 409
        confirm_form = InvalidateForm(initial={"reason": reason, "expected": count, "confirm": True})
        return _render(
            request, petition, filters=filters, invalidate=confirm_form, confirm=count, status=status
        )
    try:
        done = services.invalidate_signatures(
            actor=request.user,
            petition_id=petition.pk,
            reason=reason,
            **_service_criteria(petition, criteria),
        )
    except DomainPermissionDenied:
        raise PermissionDenied from None
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        add_domain_error(form, exc)
        status = exc.status if 400 <= exc.status < 500 else 422
        return _render(request, petition, filters=filters, invalidate=form, status=status)
    total = done.signature_total
    messages.success(
        request,
        ngettext("%(count)s signature invalidated.", "%(count)s signatures invalidated.", total)
        % {"count": total},
    )
    return redirect("petitions:fraud", petition_id=petition.pk)


@role_required(Role.MODERATOR)
@require_POST
def fraud_revert(request: StaffRequest, petition_id: int, invalidation_id: int) -> HttpResponse:
    petition = load(petition_id)
    if not Invalidation.objects.filter(pk=invalidation_id, petition=petition).exists():
        raise Http404
    try:
        done = services.revert_invalidation(actor=request.user, invalidation_id=invalidation_id)
    except DomainPermissionDenied:
        raise PermissionDenied from None
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, str(exc.message))
        status = exc.status if 400 <= exc.status < 500 else 409
        return _render(request, petition, filters=SignatureFilterForm(), status=status)
    messages.success(
        request,
        ngettext(
            "The invalidation is reverted: %(count)s signature counts again.",
            "The invalidation is reverted: %(count)s signatures count again.",
            done.signature_total,
        )
        % {"count": done.signature_total},
    )
    return redirect("petitions:fraud", petition_id=petition.pk)


urlpatterns: list[URLPattern] = [
    path("<int:petition_id>/fraud/", fraud, name="fraud"),
    path("<int:petition_id>/fraud/invalidate/", fraud_invalidate, name="fraud-invalidate"),
    path(
        "<int:petition_id>/fraud/invalidations/<int:invalidation_id>/revert/",
        fraud_revert,
        name="fraud-revert",
    ),
]
