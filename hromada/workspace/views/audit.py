"""Журнал переглядів: "who looked at this person's data", for the administrator, on one page.

The administrator finds a person as the registration form does (name, phone or e-mail, through the
appeals' applicant search), picks them, and sees every audited read and export that touched any of
their appeals, the searches that would have found them, and their questions and petitions (linked by
e-mail), newest first. Exports record their filters and row count, not their rows, so the exports of
the period are listed beside: whether this person was in one cannot be told afterwards.

Only the administrator: the page reveals every applicant and every colleague's reading. The
controller checks terms, not data protection, and is refused like everyone else (403).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_safe

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.accounts.models import Role
from hromada.appeals import applicants
from hromada.core import audit
from hromada.core.models import AuditEntry
from hromada.petitions.selectors import petition_ids_of_email
from hromada.questions.selectors import question_ids_by_author_email

#: Rows shown per list; the page says when there are more (narrow the period then).
LIMIT = 300
#: The default period: the last year.
DEFAULT_DAYS = 365


class AuditForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Name, phone or e-mail"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("At least 3 letters of the surname, a full phone number or an e-mail."),
    )
    person = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)
    since = forms.DateField(
        label=pgettext_lazy("period", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=pgettext_lazy("period", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_q(self) -> str:
        query = str(self.cleaned_data.get("q") or "").strip()
        if "\x00" in query:
            raise forms.ValidationError(_("The text contains a character that is not allowed."))
        return query

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the period cannot be before its start."))
        return data


@dataclass
class Row:
    entry: AuditEntry
    what: str
    object_label: str
    object_url: str
    page: str

    @property
    def path(self) -> str:
        return str(self.entry.details.get("path", ""))


def _start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _what(action: str) -> str:
    if action.endswith(".export"):
        return _("export")
    if action == "appeals.letter":  # entries written before reads had one name
        return _("letter downloaded")
    return _("read")


def _page_label(page: str) -> str:
    return {
        "card": _("card"),
        "api": _("API"),
        "letter": _("answer letter"),
        "letter.docx": _("answer letter (DOCX)"),
        "control-card": _("registration-control card"),
        "applicant-search": _("applicant search (registration)"),
        "signatories": _("signatories (fraud check)"),
        "audit": _("this page"),
    }.get(page, page)


def _rows(entries: list[AuditEntry], numbers: dict[str, str]) -> list[Row]:
    rows = []
    for entry in entries:
        label, url = entry.object_id, ""
        if entry.object_type == "appeal":
            label = _("appeal %(number)s") % {"number": numbers.get(entry.object_id, entry.object_id)}
            url = reverse("appeals:card", args=[int(entry.object_id)])
        elif entry.object_type == "applicant_search":
            label = _("search for “%(key)s”, %(count)s found") % {
                "key": entry.object_id.partition(":")[2],
                "count": entry.details.get("results", "?"),
            }
        elif entry.object_type == "question":
            label = _("question no. %(id)s") % {"id": entry.object_id}
            url = reverse("questions:card", args=[int(entry.object_id)])
        elif entry.object_type == "petition":
            label = _("petition no. %(id)s") % {"id": entry.object_id}
            url = reverse("petitions:card", args=[int(entry.object_id)])
        page = _page_label(str(entry.details.get("page", "")))
        rows.append(Row(entry, _what(entry.action), label, url, page))
    return rows


@role_required(Role.ADMINISTRATOR)
@require_safe
def audit_page(request: StaffRequest) -> HttpResponse:
    """Search a person, pick them, see who read their records and the exports of the period."""
    user = request.user
    # The audit log keeps real time (auto_now_add), not the council's clock (HROMADA_NOW in the demo).
    today = timezone.localdate()
    form = AuditForm(
        request.GET or None, initial={"since": today - dt.timedelta(days=DEFAULT_DAYS), "until": today}
    )
    context: dict[str, Any] = {"form": form, "limit": LIMIT}
    if not form.is_bound:
        return render(request, "workspace/audit.html", context)
    if not form.is_valid():
        return render(request, "workspace/audit.html", context, status=422)
    query: str = form.cleaned_data["q"]
    since_day: dt.date = form.cleaned_data["since"] or today - dt.timedelta(days=DEFAULT_DAYS)
    until_day: dt.date = form.cleaned_data["until"] or today
    since, until = _start(since_day), _start(until_day + dt.timedelta(days=1))
    context.update(since=since_day, until=until_day, query=query)
    person_id = form.cleaned_data["person"]
    if query and not person_id:  # once a person is picked, the page shows that person alone
        people = applicants.search_applicants(user, query)
        context.update(show_people=True, searched=applicants.searchable(query), people=people)
        if context["searched"]:
            # The administrator's own search shows personal data too, and is read like any other.
            audit.record_read(
                actor=user,
                app="appeals",
                object_type="applicant_search",
                object_id=applicants.audit_key(query),
                page="audit",
                path=request.path,
                results=len(people),
            )
    if person_id:
        person = applicants.person_for_audit(user, person_id)
        if person is None:
            form.add_error("person", _("No such applicant."))
            return render(request, "workspace/audit.html", context, status=422)
        numbers = {str(a.id): a.number for a in person.appeals}
        targets: list[tuple[str, list[Any]]] = [
            ("appeal", list(numbers)),
            ("applicant_search", applicants.audit_keys_of(person)),
            ("question", question_ids_by_author_email(person.email)),
            ("petition", petition_ids_of_email(person.email)),
        ]
        entries = list(audit.entries_about(targets, since=since, until=until)[: LIMIT + 1])
        exports = list(audit.exports_between(since=since, until=until)[: LIMIT + 1])
        context.update(
            person=person,
            rows=_rows(entries[:LIMIT], numbers),
            more_rows=len(entries) > LIMIT,
            exports=exports[:LIMIT],
            more_exports=len(exports) > LIMIT,
            linked_questions=len(targets[2][1]),
            linked_petitions=len(targets[3][1]),
        )
    return render(request, "workspace/audit.html", context)
