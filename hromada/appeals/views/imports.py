"""Імпорт карток контактних центрів: a registrar uploads a batch (JSON Lines or CSV); the task worker
imports it (import_jobs.py) and the job page shows the progress, then what came of every line. The very
import the `import_appeals` command runs: all-or-nothing unless told to skip bad lines. The format page
and the sample files are drawn from the importer's own column list (import_format.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.accounts.models import Role
from hromada.appeals import import_format
from hromada.appeals.import_jobs import import_jobs_visible_to, report_of, start_import_job
from hromada.appeals.imports import detect_format
from hromada.appeals.views.wording import item_name
from hromada.core import tabular
from hromada.core.errors import ValidationFailed
from hromada.reference import selectors as ref


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "JSON Lines (.jsonl) or CSV (.csv) in UTF-8, one appeal per line, as in the exchange format."
        ),
        widget=forms.FileInput(attrs={"autofocus": True, "accept": ".jsonl,.json,.csv,.txt"}),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("by the file name")), ("jsonl", "JSON Lines"), ("csv", "CSV")],
    )
    skip_invalid = forms.BooleanField(
        label=_("Skip invalid lines"),
        required=False,
        help_text=_(
            "Import the good lines and report the rest. Without it, one bad line means nothing is imported."
        ),
    )


@role_required(Role.REGISTRAR, Role.HEAD)
def import_cards(request: StaffRequest) -> HttpResponse:
    """The form; a valid batch is stored and queued, and the registrar is sent to its job page."""
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                job = start_import_job(
                    actor=request.user,
                    upload=upload,
                    fmt=detect_format(upload.name or "", form.cleaned_data["format"] or None),
                    skip_invalid=form.cleaned_data["skip_invalid"],
                )
            except ValidationFailed as exc:
                for error in exc.errors:
                    form.add_error(error.field or None, error.message)
            else:
                return redirect("appeals:import-job", job_id=job.pk)
        status = 422
    else:
        form = ImportForm()
        status = 200
    return render(request, "appeals/import.html", {"form": form}, status=status)


def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """Progress of one import, polled by htmx every 2 s while it runs; the report when it is done.
    Only the uploader and heads see a job: to anyone else it does not exist (404)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    job = get_object_or_404(import_jobs_visible_to(request.user), pk=job_id)
    report = report_of(job)
    context: dict[str, Any] = {
        "job": job,
        "report": report,
        "file_name": job.file_name,
        "not_shown": report.invalid_count - len(report.invalid) if report is not None else 0,
    }
    template = "appeals/_import_job.html" if request.htmx else "appeals/import_job.html"  # type: ignore[attr-defined]
    response = render(request, template, context)
    response["Cache-Control"] = "no-store"
    return response


@role_required(Role.REGISTRAR, Role.HEAD)
def import_format_page(request: StaffRequest) -> HttpResponse:
    """Every CSV column the importer reads, in its order, with the active codes of its vocabulary."""
    columns = [
        {
            "column": column,
            "codes": [(code, item_name(item)) for code, item in ref.active(column.vocabulary).items()]
            if column.vocabulary
            else [],
        }
        for column in import_format.CSV_COLUMNS
    ]
    context = {
        "columns": columns,
        "true_words": import_format.TRUE_WORDS,
        "sample_jsonl": import_format.sample_jsonl().splitlines()[0],
    }
    return render(request, "appeals/import_format.html", context)


@role_required(Role.REGISTRAR, Role.HEAD)
def import_sample_csv(request: StaffRequest) -> StreamingHttpResponse:
    """Three made-up cards with every column, dated today so that they import as they are."""
    return tabular.csv_response(import_format.sample_csv_lines(), import_format.SAMPLE_CSV_NAME)


@role_required(Role.REGISTRAR, Role.HEAD)
def import_sample_jsonl(request: StaffRequest) -> HttpResponse:
    """The same cards as JSON Lines."""
    response = HttpResponse(import_format.sample_jsonl(), content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{import_format.SAMPLE_JSONL_NAME}"'
    return response


urlpatterns: list[URLPattern] = [
    path("import/", import_cards, name="import"),
    path("import/format/", import_format_page, name="import-format"),
    path("import/sample.csv", import_sample_csv, name="import-sample-csv"),
    path("import/sample.jsonl", import_sample_jsonl, name="import-sample-jsonl"),
    path("import/<int:job_id>/", import_job, name="import-job"),
]
