"""Правова допомога у робочому просторі: the moderator (or an administrator) writes consultations,
publishes and unpublishes them. Plain forms with POST and a redirect (PRG)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.core.errors import DomainError, NotFound
from hromada.core.forms import add_domain_error
from hromada.core.paging import paged
from hromada.questions import permissions, selectors, services
from hromada.questions.forms.staff import ConsultationForm
from hromada.questions.models import LegalConsultation
from hromada.reference import selectors as ref
from hromada.reference.models import Topic

PAGE_SIZE = 25
ROLES = permissions.LEGAL_HELP_ROLES


def _load(consultation_id: int) -> LegalConsultation:
    try:
        return selectors.get_consultation(consultation_id)
    except NotFound:
        raise Http404 from None


@role_required(*ROLES)
@require_GET
def consultation_list(request: StaffRequest) -> HttpResponse:
    found = paged(request, selectors.staff_consultations(), PAGE_SIZE, query={})
    page = found.page
    topics = ref.vocabulary(Topic)
    rows = [
        {
            "id": c.pk,
            "title": c.title,
            "topic": topics[c.topic_id].name if c.topic_id in topics else "",
            "is_published": c.is_published,
            "published_at": c.published_at,
            "updated_at": c.updated_at,
        }
        for c in page.object_list
    ]
    return render(request, "questions/legal_list.html", {**found.context(), "rows": rows})


def _save(request: StaffRequest, consultation: LegalConsultation | None) -> HttpResponse:
    """Create (consultation None) or update from the posted form; 422 with the errors on the fields."""
    user = request.user
    form = ConsultationForm(request.POST)
    if form.is_valid():
        data: dict[str, Any] = {k: v or "" for k, v in form.cleaned_data.items()}
        try:
            if consultation is None:
                saved = services.create_consultation(actor=user, **data)
                messages.success(request, _("The consultation is saved as a draft."))
            else:
                saved = services.update_consultation(actor=user, consultation_id=consultation.pk, **data)
                messages.success(request, _("The consultation is saved."))
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return redirect("questions:legal-edit", consultation_id=saved.pk)
    return render(
        request, "questions/legal_form.html", {"form": form, "consultation": consultation}, status=422
    )


@role_required(*ROLES)
@require_http_methods(["GET", "POST"])
def consultation_new(request: StaffRequest) -> HttpResponse:
    if request.method == "POST":
        return _save(request, None)
    return render(request, "questions/legal_form.html", {"form": ConsultationForm(), "consultation": None})


@role_required(*ROLES)
@require_http_methods(["GET", "POST"])
def consultation_edit(request: StaffRequest, consultation_id: int) -> HttpResponse:
    consultation = _load(consultation_id)
    if request.method == "POST":
        return _save(request, consultation)
    form = ConsultationForm(
        initial={
            "title": consultation.title,
            "topic": consultation.topic_id or "",
            "question": consultation.question,
            "answer": consultation.answer,
        }
    )
    return render(request, "questions/legal_form.html", {"form": form, "consultation": consultation})


@role_required(*ROLES)
@require_POST
def consultation_publish(request: StaffRequest, consultation_id: int) -> HttpResponse:
    consultation = _load(consultation_id)
    services.publish_consultation(actor=request.user, consultation_id=consultation.pk)
    messages.success(request, _("The consultation is published."))
    return redirect("questions:legal-edit", consultation_id=consultation.pk)


@role_required(*ROLES)
@require_POST
def consultation_unpublish(request: StaffRequest, consultation_id: int) -> HttpResponse:
    consultation = _load(consultation_id)
    services.unpublish_consultation(actor=request.user, consultation_id=consultation.pk)
    messages.success(request, _("The consultation is taken off the public site."))
    return redirect("questions:legal-edit", consultation_id=consultation.pk)


urlpatterns: list[URLPattern] = [
    path("legal-help/", consultation_list, name="legal-list"),
    path("legal-help/new/", consultation_new, name="legal-new"),
    path("legal-help/<int:consultation_id>/", consultation_edit, name="legal-edit"),
    path("legal-help/<int:consultation_id>/publish/", consultation_publish, name="legal-publish"),
    path("legal-help/<int:consultation_id>/unpublish/", consultation_unpublish, name="legal-unpublish"),
]
