"""Звіти: the appeals report on a staff page (figures, note, charts, tables) and as downloads.

Thin: the period form parses ?from=&to= (the API's parameters), figures.appeals_report counts, the
renderers write. No period given → the last full quarter, which is what a council publishes next.
The page reads a fixed number of queries whatever the register's size (four GROUP BY queries per
period, see figures.py); vocabulary names come from the reference cache.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import npgettext, pgettext
from django.views.decorators.http import require_GET

from hromada.accounts.access import role_required
from hromada.core import clock
from hromada.core.models import CouncilSettings
from hromada.reports import periods
from hromada.reports.as_docx import appeals_docx
from hromada.reports.as_json import report_json
from hromada.reports.as_xlsx import appeals_xlsx
from hromada.reports.charts import appeals_charts, chart_svg
from hromada.reports.figures import AppealsReport, appeals_report
from hromada.reports.forms import PeriodForm, period_initial, period_query
from hromada.reports.note import appeals_note, report_title
from hromada.reports.permissions import REPORT_ROLES
from hromada.reports.tables import TEXT, appeals_tables, cell_text

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def _page_url(period: periods.Period) -> str:
    return reverse("reports:appeals") + "?" + period_query(period)


def _quick_links(today: dt.date) -> list[dict[str, str]]:
    choices = [
        (_("Previous quarter"), periods.previous_quarter(today)),
        (_("This quarter"), periods.quarter_of(today)),
        (_("This year"), periods.year(today.year)),
        (_("Previous year"), periods.year(today.year - 1)),
    ]
    return [{"label": label, "title": p.title, "url": _page_url(p)} for label, p in choices]


def _table_context(table: Any) -> dict[str, Any]:
    def cells(values: list[Any]) -> list[dict[str, Any]]:
        return [
            {"text": cell_text(v, c.kind), "numeric": c.kind != TEXT}
            for v, c in zip(values, table.columns, strict=True)
        ]

    return {
        "key": table.key,
        "title": table.title,
        "columns": [{"label": c.label, "numeric": c.kind != TEXT} for c in table.columns],
        "rows": [cells(r) for r in table.rows],
        "total": cells(table.total) if table.total else None,
    }


def _cards(report: AppealsReport) -> list[dict[str, Any]]:
    """The headline figures, each with its noun in agreement ("8 звернень", "1 питання")."""
    f = report.current
    return [
        {"count": f.total, "label": npgettext("report card", "appeal", "appeals", f.total)},
        {"count": f.issues_total, "label": npgettext("report card", "issue", "issues", f.issues_total)},
        {
            "count": f.duplicates,
            "label": npgettext(
                "report card", "duplicate, not counted", "duplicates, not counted", f.duplicates
            ),
        },
        {"count": f.overdue, "label": pgettext("report card", "overdue")},
    ]


def _period_from(request: HttpRequest, today: dt.date) -> tuple[PeriodForm, periods.Period | None]:
    if "from" in request.GET or "to" in request.GET:
        form = PeriodForm(request.GET)
        return form, form.period() if form.is_valid() else None
    period = periods.previous_quarter(today)
    return PeriodForm(initial=period_initial(period)), period


@role_required(*REPORT_ROLES)
@require_GET
def appeals_page(request: HttpRequest) -> HttpResponse:
    """The report of the chosen period; an invalid period → the form with its errors, HTTP 400."""
    today = clock.today()
    form, period = _period_from(request, today)
    context: dict[str, Any] = {"form": form, "quick_links": _quick_links(today)}
    if period is None:
        return render(request, "reports/appeals.html", context, status=400)
    report = appeals_report(period, today=today)
    query = period_query(period)
    context.update(
        report=report,
        title=report_title(period),
        cards=_cards(report),
        note=appeals_note(report),
        charts=[{"chart": c, "svg": chart_svg(c)} for c in appeals_charts(report)],
        tables=[_table_context(t.without_empty_rows()) for t in appeals_tables(report)],
        downloads=[
            {"format": fmt.upper(), "url": reverse("reports:download", args=[fmt]) + "?" + query}
            for fmt in FORMATS
        ],
    )
    return render(request, "reports/appeals.html", context)


@role_required(*REPORT_ROLES)
@require_GET
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The same report as DOCX, XLSX or JSON; the file is named after the period's dates."""
    if fmt not in FORMATS:
        raise Http404
    today = clock.today()
    form, period = _period_from(request, today)
    if period is None:
        return render(
            request, "reports/appeals.html", {"form": form, "quick_links": _quick_links(today)}, status=400
        )
    report = appeals_report(period, today=today)
    if fmt == "docx":
        content: bytes = appeals_docx(report, council_name=CouncilSettings.load().council_name)
    elif fmt == "xlsx":
        content = appeals_xlsx(report)
    else:
        content = json.dumps(report_json(report), ensure_ascii=False, indent=2).encode()
    response = HttpResponse(content, content_type=FORMATS[fmt])
    filename = f"zvernennia-{period.start.isoformat()}-{period.end.isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns: list[URLPattern] = [
    path("", appeals_page, name="appeals"),
    path("download/<str:fmt>/", download, name="download"),
]
