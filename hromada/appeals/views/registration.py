"""Реєстрація звернення: the form built for a hundred phone calls a day, the search of earlier
applicants as the name is typed, the likely-repeat notice, and the printable registration-control card."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.accounts.models import Role, User
from hromada.appeals import applicants
from hromada.appeals.forms.registration import (
    ISSUES_PREFIX,
    IssueFormSet,
    RegistrationForm,
    RepeatCheckForm,
    add_registration_errors,
    filled_issue_forms,
    initial_values,
)
from hromada.appeals.models import Appeal
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.selectors import appeal_detail
from hromada.appeals.services import add_attachment, register_appeal
from hromada.core.audit import record_read
from hromada.core.errors import DomainError, NotFound, ValidationFailed
from hromada.core.files import atomic_with_files
from hromada.reference import selectors as ref
from hromada.reference.models import AuthorCategory, Channel, Feature, Kind, Sex, SocialStatus, Subject, Topic

#: Roles that see appeals at all; which appeals, the selector decides (another department's → 404).
CARD_ROLES = (Role.REGISTRAR, Role.HEAD, Role.CONTROLLER, Role.EXECUTOR)


class AttachmentRefused(Exception):
    """A file of the registration was refused: the registration is rolled back with it."""

    def __init__(self, name: str, error: DomainError) -> None:
        super().__init__(name)
        self.name = name
        self.error = error


def _register_with_files(actor: User, data: AppealRegisterIn, uploads: list[Any]) -> Appeal:
    """Register and attach in one `atomic_with_files()` block: a refused file leaves nothing behind,
    not even the files already stored for the appeal."""
    with atomic_with_files():
        appeal = register_appeal(data, actor=actor)
        for upload in uploads:
            try:
                add_attachment(actor=actor, appeal_id=appeal.pk, upload=upload)
            except DomainError as exc:
                raise AttachmentRefused(upload.name or "", exc) from exc
    return appeal


def _repeat_notice(request: StaffRequest, data: Any) -> applicants.LikelyRepeat | None:
    check = RepeatCheckForm(data)
    applicant = check.applicant()
    if applicant is None:
        return None
    return applicants.likely_repeat(
        request.user,
        applicant=applicant,
        topics=check.topics(),
        received_at=check.received(),
    )


def _registered_message(request: StaffRequest, appeal: Appeal) -> None:
    text = _("The appeal is registered under number %(number)s.") % {"number": appeal.number}
    repeated = getattr(appeal, "repeated_of_number", None)
    duplicate = getattr(appeal, "duplicate_of_number", None)
    if duplicate:
        text += " " + _("It duplicates appeal %(number)s.") % {"number": duplicate}
    elif repeated:
        text += " " + _("It repeats appeal %(number)s.") % {"number": repeated}
    messages.success(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            text,
            reverse("appeals:control-card", args=[appeal.pk]),
            _("Print the registration-control card"),
        ),
    )


@role_required(Role.REGISTRAR, Role.HEAD)
def register(request: StaffRequest) -> HttpResponse:
    if request.method != "POST":
        form = RegistrationForm(initial=initial_values())
        issues = IssueFormSet(prefix=ISSUES_PREFIX)
        return render(request, "appeals/register.html", {"form": form, "issues": issues})

    form = RegistrationForm(request.POST, request.FILES)
    issues = IssueFormSet(request.POST, prefix=ISSUES_PREFIX)
    if form.is_valid() and issues.is_valid():
        rows = filled_issue_forms(issues)
        try:
            data = form.registration_input(rows)
            appeal = _register_with_files(request.user, data, form.cleaned_data["files"])
        except AttachmentRefused as exc:
            errors = exc.error.errors if isinstance(exc.error, ValidationFailed) else [exc.error]
            for error in errors:
                form.add_error("files", f"“{exc.name}”: {error.message}")
        except DomainError as exc:
            add_registration_errors(form, rows, exc)
        else:
            _registered_message(request, appeal)
            return redirect("appeals:card", appeal_id=appeal.pk)
    context = {
        "form": form,
        "issues": issues,
        "repeat": _repeat_notice(request, request.POST),
        "files_lost": bool(request.FILES.getlist("files")),
    }
    return render(request, "appeals/register.html", context, status=422)


@role_required(Role.REGISTRAR, Role.HEAD)
def applicant_search(request: StaffRequest) -> HttpResponse:
    """The earlier applicants matching what is being typed into the name, phone or e-mail input."""
    query = next((request.GET[k] for k in ("q", "name", "phone", "email") if request.GET.get(k)), "")
    matches = applicants.search_applicants(request.user, query)
    searched = applicants.searchable(query)
    if searched:
        # The normalised key is the object id, so the administrator finds the searches that found a person.
        record_read(
            actor=request.user,
            app="appeals",
            object_type="applicant_search",
            object_id=applicants.audit_key(query),
            page="applicant-search",
            path=request.path,
            results=len(matches),
            appeals=sorted({a.id for person in matches for a in person.appeals}),
        )
    context = {"query": query, "searched": searched, "matches": matches}
    return HttpResponse(render_to_string("appeals/_applicant_matches.html", context, request=None))


@role_required(Role.REGISTRAR, Role.HEAD)
def repeat_check(request: StaffRequest) -> HttpResponse:
    """The likely-repeat notice for the form as filled in so far (htmx, on every change)."""
    context = {"repeat": _repeat_notice(request, request.GET)}
    return HttpResponse(render_to_string("appeals/_register_repeat.html", context, request=None))


def _name(model: type, code: str | None) -> str:
    item = ref.vocabulary(model).get(code or "")
    return item.name if item else (code or "")


@role_required(*CARD_ROLES)
def control_card(request: StaffRequest, appeal_id: int) -> HttpResponse:
    """Реєстраційно-контрольна картка: printed and filed with the paper appeal."""
    try:
        appeal = appeal_detail(request.user, appeal_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    record_read(
        actor=request.user,
        app="appeals",
        object_type="appeal",
        object_id=appeal.pk,
        page="control-card",
        path=request.path,
    )
    resolution = appeal.resolutions.select_related("author").last()
    assignments = list(appeal.assignments.all())
    priority = {c for c, item in ref.vocabulary(AuthorCategory).items() if item.priority}
    context = {
        "appeal": appeal,
        "channel": _name(Channel, appeal.channel_id),
        "kind": _name(Kind, appeal.kind_id),
        "subject": _name(Subject, appeal.subject_id),
        "feature": _name(Feature, appeal.feature_id),
        "applicants": [
            {
                "person": a,
                "sex": _name(Sex, a.sex_id) if a.sex_id else "",
                "social_status": _name(SocialStatus, a.social_status_id) if a.social_status_id else "",
                "categories": [(c.name, c.code in priority) for c in a.categories.all()],
            }
            for a in appeal.applicants.all()
        ],
        "issues": [(issue, _name(Topic, issue.topic_id)) for issue in appeal.issues.all()],
        "lead": next((a.department for a in assignments if a.is_lead), appeal.lead_department),
        "co_departments": [a.department for a in assignments if not a.is_lead],
        "resolution": resolution,
        "control_lines": range(6),
    }
    return render(request, "appeals/control_card.html", context)


urlpatterns: list[URLPattern] = [
    path("new/", register, name="register"),
    path("new/applicants/", applicant_search, name="applicant-search"),
    path("new/repeat-check/", repeat_check, name="register-check"),
    path("<int:appeal_id>/control-card/", control_card, name="control-card"),
]
