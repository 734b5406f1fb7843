"""The institutions (ЗДО) and their age groups for the education department: the list, creating and
editing an institution, its groups per school year, and a group's queue with its free places and
"offer the free place" (to the first waiting application). Only the queue's managers; PRG."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.core.errors import DomainError
from hromada.core.forms import add_domain_error
from hromada.kindergarten import selectors, services
from hromada.kindergarten.forms.staff import AgeGroupForm, InstitutionForm
from hromada.kindergarten.models import AgeGroup, Institution, Preference
from hromada.kindergarten.permissions import QUEUE_ROLES
from hromada.kindergarten.views.public import group_title


def _status(exc: DomainError) -> int:
    return exc.status if exc.status >= 400 else 422


def _institution(institution_id: int) -> Institution:
    found = Institution.objects.filter(pk=institution_id).first()
    if found is None:
        raise Http404
    return found


def _group(age_group_id: int) -> AgeGroup:
    found = AgeGroup.objects.select_related("institution").filter(pk=age_group_id).first()
    if found is None:
        raise Http404
    return found


@role_required(*QUEUE_ROLES)
@require_GET
def institutions(request: StaffRequest) -> HttpResponse:
    """Every institution (the inactive too) with its groups."""
    rows = selectors.institutions_with_groups(include_inactive=True)
    return render(request, "kindergarten/staff/institutions.html", {"institutions": rows})


def _institution_page(
    request: StaffRequest, institution: Institution | None, form: InstitutionForm, status: int = 200
) -> HttpResponse:
    groups = []
    if institution is not None:
        groups = [
            {"group": g, "title": group_title(g)}
            for g in institution.age_groups.order_by("-school_year", "age")
        ]
    context = {"institution": institution, "form": form, "groups": groups}
    return render(request, "kindergarten/staff/institution.html", context, status=status)


def _save_institution(request: StaffRequest, institution: Institution | None) -> HttpResponse:
    form = InstitutionForm(request.POST)
    status = 422
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in InstitutionForm.FIELDS}
        try:
            saved = services.save_institution(actor=request.user, institution=institution, **fields)
        except DomainError as exc:
            add_domain_error(form, exc)
            status = _status(exc)
        else:
            messages.success(request, _("The institution is saved."))
            return redirect(reverse("kindergarten:institution", args=[saved.pk]))
    return _institution_page(request, institution, form, status)


@role_required(*QUEUE_ROLES)
@require_http_methods(["GET", "POST"])
def institution_new(request: StaffRequest) -> HttpResponse:
    if request.method == "POST":
        return _save_institution(request, None)
    return _institution_page(request, None, InstitutionForm(initial={"active": True}))


@role_required(*QUEUE_ROLES)
@require_http_methods(["GET", "POST"])
def institution(request: StaffRequest, institution_id: int) -> HttpResponse:
    """Edit the institution; its groups are listed below with links to add or edit one."""
    found = _institution(institution_id)
    if request.method == "POST":
        return _save_institution(request, found)
    initial = {name: getattr(found, name) for name in InstitutionForm.FIELDS}
    return _institution_page(request, found, InstitutionForm(initial=initial))


def _group_form_page(
    request: StaffRequest,
    institution: Institution,
    group: AgeGroup | None,
    form: AgeGroupForm,
    status: int = 200,
) -> HttpResponse:
    context = {"institution": institution, "group": group, "form": form}
    return render(request, "kindergarten/staff/group_form.html", context, status=status)


def _save_group(request: StaffRequest, institution: Institution, group: AgeGroup | None) -> HttpResponse:
    form = AgeGroupForm(request.POST)
    status = 422
    if form.is_valid():
        fields: dict[str, Any] = {name: form.cleaned_data[name] for name in AgeGroupForm.FIELDS}
        if group is None:
            fields["institution"] = institution
        try:
            saved = services.save_age_group(actor=request.user, age_group=group, **fields)
        except DomainError as exc:
            add_domain_error(form, exc)
            status = _status(exc)
        else:
            messages.success(request, _("The age group is saved."))
            return redirect(reverse("kindergarten:group", args=[saved.pk]))
    return _group_form_page(request, institution, group, form, status)


@role_required(*QUEUE_ROLES)
@require_http_methods(["GET", "POST"])
def group_new(request: StaffRequest, institution_id: int) -> HttpResponse:
    found = _institution(institution_id)
    if request.method == "POST":
        return _save_group(request, found, None)
    initial = {"school_year": selectors.current_school_year(), "capacity": 20}
    return _group_form_page(request, found, None, AgeGroupForm(initial=initial))


@role_required(*QUEUE_ROLES)
@require_http_methods(["GET", "POST"])
def group_edit(request: StaffRequest, age_group_id: int) -> HttpResponse:
    found = _group(age_group_id)
    if request.method == "POST":
        return _save_group(request, found.institution, found)
    initial = {name: getattr(found, name) for name in AgeGroupForm.FIELDS}
    return _group_form_page(request, found.institution, found, AgeGroupForm(initial=initial))


def _render_group(
    request: StaffRequest, group: AgeGroup, *, status: int = 200, error: str = ""
) -> HttpResponse:
    queue = (
        Preference.objects.filter(age_group=group, position__isnull=False)
        .select_related("application")
        .order_by("position")
    )
    context = {
        "group": group,
        "title": group_title(group),
        "free": selectors.free_places(group),
        "queue": list(queue),
        "error": error,
    }
    return render(request, "kindergarten/staff/group.html", context, status=status)


@role_required(*QUEUE_ROLES)
@require_GET
def group(request: StaffRequest, age_group_id: int) -> HttpResponse:
    """The group's queue in order, its capacity and free places, and "offer the free place"."""
    return _render_group(request, _group(age_group_id))


@role_required(*QUEUE_ROLES)
@require_POST
def offer(request: StaffRequest, age_group_id: int) -> HttpResponse:
    """Offer the free place to the first waiting application (the parent has N days to answer)."""
    found = _group(age_group_id)
    try:
        offered = services.offer_place(actor=request.user, age_group=found)
    except DomainError as exc:
        return _render_group(request, found, status=_status(exc), error=str(exc.message))
    deadline = offered.offer_deadline
    messages.success(
        request,
        _("The place is offered to application %(number)s; the answer is due by %(deadline)s.")
        % {
            "number": offered.number,
            "deadline": timezone.localtime(deadline).strftime("%d.%m.%Y") if deadline else "—",
        },
    )
    return redirect(reverse("kindergarten:group", args=[found.pk]))
