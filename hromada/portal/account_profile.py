"""Профіль мешканця: the birth date and address a resident declares in the cabinet.

The charter's petition rules read them: a minimum age of signers and signing by residents of the
community only (a verified identity's birth date, where there is one, is preferred by the petitions
services). Neither is ever published.

`update_profile` is the write; it belongs in hromada.residents.services and lives here until the lead
moves it (the residents app is not this module's to edit).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hromada.core import clock
from hromada.core.audit import record_audit
from hromada.core.errors import FieldError, ValidationFailed
from hromada.core.forms import add_domain_error
from hromada.petitions.forms import ProfileForm
from hromada.residents.decorators import resident_required
from hromada.residents.eligibility import verified_birth_date
from hromada.residents.http import ResidentRequest
from hromada.residents.models import Resident

OLDEST_BIRTH_YEAR = 1900


def update_profile(*, resident: Resident, birth_date: dt.date | None, address: str) -> Resident:
    """Save the declared birth date and address; audited (which fields changed, not their values)."""
    errors: list[FieldError] = []
    if birth_date is not None and birth_date > clock.today():
        errors.append(FieldError("birth_date", _("The date of birth cannot be in the future."), "future"))
    elif birth_date is not None and birth_date.year < OLDEST_BIRTH_YEAR:
        errors.append(FieldError("birth_date", _("Check the year of birth."), "too_old"))
    address = " ".join(address.split())
    if errors:
        raise ValidationFailed(errors)
    changed = [
        name
        for name, value in (("birth_date", birth_date), ("address", address))
        if getattr(resident, name) != value
    ]
    if not changed:
        return resident
    with transaction.atomic():
        resident.birth_date = birth_date
        resident.address = address
        resident.save(update_fields=changed)
        record_audit(
            actor=resident.user,
            action="residents.profile_updated",
            object_type="resident",
            object_id=resident.pk,
            fields=changed,
        )
    return resident


@require_http_methods(["GET", "POST"])
@resident_required
def profile(request: ResidentRequest, resident: Resident) -> HttpResponse:
    verified = verified_birth_date(resident)
    context = {"resident": resident, "verified": verified, "saved": request.GET.get("saved") == "1"}
    if request.method != "POST":
        form = ProfileForm(initial={"birth_date": resident.birth_date, "address": resident.address})
        return render(request, "portal/account/profile.html", {**context, "form": form})
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            update_profile(
                resident=resident,
                birth_date=form.cleaned_data["birth_date"],
                address=form.cleaned_data["address"],
            )
        except ValidationFailed as exc:
            add_domain_error(form, exc)
        else:
            return redirect(f"{reverse('portal:profile')}?saved=1")
    context["saved"] = False
    return render(request, "portal/account/profile.html", {**context, "form": form}, status=422)
