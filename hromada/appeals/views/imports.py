"""Імпорт карток контактних центрів: a registrar uploads a batch (JSON Lines or CSV) and sees what came
of every line. The very import the `import_appeals` command runs: all-or-nothing unless told to skip
bad lines."""

from __future__ import annotations

import csv
import io
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hromada.accounts.access import role_required
from hromada.accounts.models import Role
from hromada.appeals.imports import ImportReport, detect_format, import_appeals
from hromada.core.audit import record_audit


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


def _run(request: HttpRequest, form: ImportForm) -> ImportReport | None:
    """Import the uploaded batch and log who imported what; None, with a form error, if unreadable."""
    upload = form.cleaned_data["file"]
    fmt = detect_format(upload.name or "", form.cleaned_data["format"] or None)
    skip_invalid = form.cleaned_data["skip_invalid"]
    stream = io.TextIOWrapper(upload.file, encoding="utf-8-sig", newline="")
    try:
        report = import_appeals(stream, fmt=fmt, actor=request.user, skip_invalid=skip_invalid)  # type: ignore[arg-type]
    except UnicodeDecodeError:
        form.add_error("file", gettext("The file is not UTF-8 text."))
        return None
    except csv.Error as exc:
        form.add_error("file", gettext("The file cannot be read as CSV: %(error)s") % {"error": exc})
        return None
    finally:
        stream.detach()
    record_audit(
        actor=request.user,
        action="appeals.import",
        object_type="appeals",
        file=upload.name,
        format=fmt,
        skip_invalid=skip_invalid,
        lines=report.lines,
        imported=report.imported,
        already=report.already,
        invalid=report.invalid_count,
        committed=report.committed,
    )
    return report


@role_required(Role.REGISTRAR, Role.HEAD)
def import_cards(request: HttpRequest) -> HttpResponse:
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = _run(request, form)
        status = 200 if report is not None and report.committed else 422
    else:
        form = ImportForm()
        status = 200
    context: dict[str, Any] = {
        "form": form,
        "report": report,
        "file_name": request.FILES["file"].name if report is not None else "",
        "not_shown": report.invalid_count - len(report.invalid) if report is not None else 0,
    }
    return render(request, "appeals/import.html", context, status=status)


urlpatterns: list[URLPattern] = [path("import/", import_cards, name="import")]
