"""Журнал особистого прийому громадян (Instruction 348): the printable journal of a period.

One row per visitor (booked or walk-in, cancelled ones left out): date, time, official, visitor,
address, topic, question, result and the registration number of the appeal made at the reception.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.core import clock
from hromada.receptions.forms.personal_staff import JournalForm
from hromada.receptions.permissions import can_manage_receptions
from hromada.receptions.selectors import personal_public as selectors


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last day of `day`'s month (the journal's default period)."""
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def appeal_numbers(appeal_ids: set[int]) -> dict[int, str]:
    """The registration numbers of the appeals made at receptions, through the appeals' door."""
    from hromada.appeals.door import registered_appeal

    numbers: dict[int, str] = {}
    for appeal_id in sorted(appeal_ids):
        found = registered_appeal(appeal_id)
        numbers[appeal_id] = found.number if found is not None else ""
    return numbers


@role_required()
@require_GET
def journal(request: StaffRequest) -> HttpResponse:
    """The journal for a period (this month by default) and optionally one official."""
    officials = selectors.staff_officials(request.user)
    if not can_manage_receptions(request.user) and not officials.exists():
        raise PermissionDenied
    form = JournalForm(request.GET or None, officials=officials)
    start, end = month_of(clock.today())
    official = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            start = form.cleaned_data["start"] or start
            end = form.cleaned_data["end"] or end
            official = form.cleaned_data["official"]
        else:
            status = 400
    rows = selectors.journal(start, end, official, request.user) if status == 200 else []
    numbers = appeal_numbers({r.appeal_id for r in rows if r.appeal_id})
    context: dict[str, Any] = {
        "form": form,
        "start": start,
        "end": end,
        "official": official,
        "rows": [{"booking": r, "appeal_number": numbers.get(r.appeal_id or 0, "")} for r in rows],
    }
    return render(request, "receptions/staff/personal_journal.html", context, status=status)


urlpatterns: list[URLPattern] = [path("journal/", journal, name="journal")]
