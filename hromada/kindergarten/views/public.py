"""Публічні сторінки черги в ЗДО: what the queue is, the institutions with their groups, the public
list of one queue (no personal data: selectors.public_queue), and the lookup by number and code.

The lists are public and cacheable; the lookup writes nothing but the rate-limit count and the
session's proof, and redirects to the status page (views/public_application.py)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hromada.core import paging, ratelimit
from hromada.core.pages import private
from hromada.kindergarten import selectors
from hromada.kindergarten.forms.public import BENEFIT_HELP, LookupForm, max_preferences
from hromada.kindergarten.models import AgeGroup, Benefit, Institution
from hromada.kindergarten.views.access import remember_lookup
from hromada.kindergarten.views.limits import lookup_limit
from hromada.residents.services import resident_of

#: Rows of the public list per page.
QUEUE_PAGE_SIZE = 50


def benefit_groups() -> list[dict[str, Any]]:
    """The three groups of the queue in their order, with what each means."""
    order = (Benefit.OUT_OF_TURN, Benefit.FIRST_IN_TURN, Benefit.NONE)
    return [{"value": b.value, "label": b.label, "help": BENEFIT_HELP[b]} for b in order]


def group_title(group: AgeGroup) -> str:
    return selectors.group_name(group)


def _groups(institution: Institution) -> list[dict[str, Any]]:
    return [
        {"group": g, "title": group_title(g), "school_year": f"{g.school_year}/{g.school_year + 1}"}
        for g in institution.age_groups.all()
    ]


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Електронна черга в ЗДО: the rules, the institutions, "check my position", "file", and the
    signed-in parent's own applications."""
    institutions = [
        {"institution": i, "groups": _groups(i)} for i in selectors.institutions_with_groups() if i.active
    ]
    resident = resident_of(request.user)
    mine = list(selectors.applications_of_parent(request.user)) if resident is not None else []
    context = {
        "institutions": institutions,
        "benefits": benefit_groups(),
        "lookup_form": LookupForm(),
        "resident": resident,
        "my_applications": mine,
        "max_preferences": max_preferences(),
    }
    response = render(request, "kindergarten/public/index.html", context)
    return private(response) if resident is not None else response


def _institution_or_404(institution_id: int) -> Institution:
    found = next(
        (i for i in selectors.institutions_with_groups() if i.pk == institution_id and i.active), None
    )
    if found is None:
        raise Http404
    return found


@require_GET
def institution(request: HttpRequest, institution_id: int) -> HttpResponse:
    """One institution: address, territory, contact, its groups with places and the public lists."""
    found = _institution_or_404(institution_id)
    groups = _groups(found)
    counts = selectors.GroupCounts.of(row["group"].pk for row in groups)
    rows = [{**row, "free": counts.free(row["group"])} for row in groups]
    context = {"institution": found, "groups": rows}
    return render(request, "kindergarten/public/institution.html", context)


def _group_or_404(age_group_id: int) -> AgeGroup:
    found = AgeGroup.objects.select_related("institution").filter(pk=age_group_id).first()
    if found is None or not found.institution.active:
        raise Http404
    return found


def open_data_links(age_group_id: int) -> dict[str, str]:
    """The open-data files of the list (hromada/kindergarten/public_urls_opendata.py)."""
    return {
        "csv": reverse("portal:kindergarten-group-csv", args=[age_group_id]),
        "json": reverse("portal:kindergarten-group-json", args=[age_group_id]),
    }


@require_GET
def queue(request: HttpRequest, age_group_id: int) -> HttpResponse:
    """Публічний список черги: position, number, birth year, benefit yes/no, date filed, status —
    never a name, a certificate or a phone."""
    group = _group_or_404(age_group_id)
    rows = selectors.public_queue(group)
    context = {
        "group": group,
        "title": group_title(group),
        "school_year": f"{group.school_year}/{group.school_year + 1}",
        "total": len(rows),
        "free": selectors.free_places(group),
        "links": open_data_links(group.pk),
        **paging.paged(request, rows, QUEUE_PAGE_SIZE, query=request.GET.dict()).context(),
    }
    return render(request, "kindergarten/public/queue.html", context)


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """Перевірити місце: the number and the code → the status page (remembered in the session); a
    wrong pair is one answer, and the attempts are counted (RateLimited: the 429 page)."""
    template = "kindergarten/public/lookup.html"
    if request.method != "POST":
        return private(render(request, template, {"form": LookupForm()}))
    form = LookupForm(request.POST)
    if not form.is_valid():
        return private(render(request, template, {"form": form}, status=422))
    ratelimit.check_page(lookup_limit(), request)
    ratelimit.hit_page(lookup_limit(), request)
    found = selectors.application_for_lookup(form.cleaned_data["number"], form.cleaned_data["code"])
    if found is None or not found.number:
        form.add_error(None, _("No application with this number and code. Check both and try again."))
        return private(render(request, template, {"form": form}, status=404))
    remember_lookup(request, found.number)
    return redirect("portal:kindergarten-application", number=found.number)
