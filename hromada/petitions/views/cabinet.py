"""The resident's own e-petitions in the cabinet (мої петиції, /kabinet/peticii/): drafts, edits of a
petition the moderator returned, and the submission for moderation. Only the author sees them: another
resident's petition answers 404, the same as one that does not exist."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hromada.core.errors import DomainError, NotFound, ValidationFailed
from hromada.core.forms import add_domain_error
from hromada.petitions import selectors, services
from hromada.petitions.forms import PetitionDraftForm
from hromada.petitions.models import Petition, PetitionStatus
from hromada.petitions.views.public import paged
from hromada.residents.decorators import resident_required
from hromada.residents.models import Resident

MY_PETITIONS_PAGE_SIZE = 20
EDITABLE = (PetitionStatus.DRAFT, PetitionStatus.RETURNED)


def _own(resident: Resident, petition_id: int) -> Petition:
    """The resident's own petition; another resident's (or none) is 404, the same answer."""
    found = selectors.petitions_of(resident).filter(pk=petition_id).first()
    if found is None:
        raise Http404
    return found


@require_GET
@resident_required
def my_petitions(request: HttpRequest, resident: Resident) -> HttpResponse:
    qs = (
        selectors.petitions_of(resident)
        .select_related(None)
        .only("id", "title", "status", "created_at", "submitted_at", "published_at", "moderation_reason")
    )
    context = {
        "resident": resident,
        **paged(request, qs, {}, MY_PETITIONS_PAGE_SIZE),
        "submitted": request.GET.get("submitted") == "1",
    }
    return render(request, "petitions/public/my_list.html", context)


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
        return render(request, "petitions/public/draft_form.html", {"form": PetitionDraftForm()})
    form = PetitionDraftForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            created = services.create_petition_draft(author=resident, **_draft_data(form))
        except ValidationFailed as exc:
            add_domain_error(form, exc)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            return redirect(f"{reverse('portal:my-petition-edit', args=[created.pk])}?saved=1")
    return render(request, "petitions/public/draft_form.html", {"form": form}, status=422)


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
            "petitions/public/draft_form.html",
            {**context, "form": PetitionDraftForm(initial=initial)},
        )
    form = PetitionDraftForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.update_petition_draft(author=resident, petition_id=own.pk, **_draft_data(form))
        except NotFound:
            raise Http404 from None
        except ValidationFailed as exc:
            add_domain_error(form, exc)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            return redirect(f"{reverse('portal:my-petition-edit', args=[own.pk])}?saved=1")
    context.update(form=form, saved=False)
    return render(request, "petitions/public/draft_form.html", context, status=422)


@require_POST
@resident_required
def submit_petition(request: HttpRequest, resident: Resident, petition_id: int) -> HttpResponse:
    """Подати на модерацію: the moderators have the charter's working days to publish or refuse."""
    own = _own(resident, petition_id)
    try:
        services.submit_petition(author=resident, petition_id=own.pk)
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
        return render(request, "petitions/public/draft_form.html", context, status=status)
    return redirect(f"{reverse('portal:my-petitions')}?submitted=1")
