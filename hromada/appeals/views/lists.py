"""Список звернень: the staff list — filters, sorting, pages, the user's saved filters, exports.

Thin: the filter form parses the query, selectors read (visibility through appeals_visible_to only),
exports.py writes the files. With htmx a changed filter replaces only the list region
(`_list_body.html`) and pushes the URL; without JavaScript the same form submits as a plain GET.

Performance at a million appeals: the page runs a fixed set of small queries — departments (a few
dozen rows), the count capped at HROMADA_LIST_COUNT_LIMIT, the page's 26 rows with only the shown
columns, their applicants, their issues, and the user's saved filters; vocabulary names come from the
reference cache. The default work-list order reads appeal_worklist_idx; number, received and status
have indexes; the due date is merged from per-status scans of appeal_status_due_idx on PostgreSQL
(selectors.lists._page_rows). Pages stop where the capped count stops.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.cache import patch_vary_headers
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django_htmx.middleware import HtmxDetails

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.accounts.models import Role
from hromada.appeals import exports, selectors
from hromada.appeals.forms.lists import AppealFilterForm, SavedFilterForm
from hromada.appeals.models import SavedFilter, Status
from hromada.appeals.selectors import search
from hromada.core import clock
from hromada.core.audit import record_audit
from hromada.core.paging import page_link
from hromada.reference import selectors as ref
from hromada.reference.models import Channel, Topic

#: The roles that see appeals (appeals_visible_to gives the rest nothing): they may list and export.
SEE_APPEALS = (Role.REGISTRAR, Role.HEAD, Role.CONTROLLER, Role.EXECUTOR)
PAGE_SIZE = 25
#: An exact count, when asked for, still has a bound: no register of a council comes near it.
EXACT_COUNT_LIMIT = 100_000_000
#: The first click on a column sorts newest first for number and receipt, nearest first for the rest.
FIRST_DIRECTION = {"number": "-", "received": "-", "due_date": "", "status": ""}


@dataclass(frozen=True)
class Row:
    id: int
    number: str
    received_at: dt.datetime
    channel: str
    applicant: str
    anonymous: bool
    summary: str
    topics: list[str]
    department: str
    status: str
    due_date: dt.date | None
    overdue: bool
    priority: bool


@dataclass(frozen=True)
class Column:
    label: str
    sort_key: str = ""
    url: str = ""
    aria_sort: str = ""  # "ascending" / "descending" on the sorted column only


def _list_url(query: str = "") -> str:
    return reverse("appeals:list") + (f"?{query}" if query else "")


def _page_number(params: QueryDict) -> int:
    try:
        return max(1, int(params.get("page", "1")))
    except (TypeError, ValueError):
        return 1


def _rows(page: selectors.AppealListPage, departments: dict[int, str], today: dt.date) -> list[Row]:
    channels, topics = ref.vocabulary(Channel), ref.vocabulary(Topic)
    statuses = dict(Status.choices)
    rows = []
    for a in page.rows:
        applicants = a.applicants.all()
        channel = channels.get(a.channel_id)
        anonymous = a.subject_id == "anonymous"
        rows.append(
            Row(
                id=a.pk,
                number=a.number,
                received_at=a.received_at,
                channel=channel.name if channel else a.channel_id,
                applicant=_("anonymous") if anonymous else next((p.name for p in applicants), ""),
                anonymous=anonymous,
                summary=a.summary,
                topics=list(
                    dict.fromkeys(
                        topics[i.topic_id].name if i.topic_id in topics else i.topic_id
                        for i in a.issues.all()
                    )
                ),
                department=departments.get(a.lead_department_id, "") if a.lead_department_id else "",
                status=str(statuses.get(a.status, a.status)),
                due_date=a.due_date,
                overdue=selectors.term_of(a, today).overdue,
                priority=a.priority,
            )
        )
    return rows


def _columns(form: AppealFilterForm) -> list[Column]:
    sort = form.cleaned_data.get("sort", "")
    current = sort.removeprefix("-")

    def sortable(label: str, key: str) -> Column:
        if current == key:
            new = key if sort.startswith("-") else f"-{key}"
            aria = "descending" if sort.startswith("-") else "ascending"
        else:
            new, aria = f"{FIRST_DIRECTION[key]}{key}", ""
        return Column(label, key, _list_url(form.query(sort=new)), aria)

    return [
        sortable(_("Number"), "number"),
        sortable(_("Received on"), "received"),
        Column(_("Channel")),
        Column(_("Applicant")),
        Column(_("Summary")),
        Column(_("Lead department")),
        sortable(_("Status"), "status"),
        sortable(_("Due date"), "due_date"),
    ]


def _count_text(count: int, exact: bool) -> str:
    shown = number_format(count, force_grouping=True)
    if exact:
        return ngettext("%(count)s appeal", "%(count)s appeals", count) % {"count": shown}
    return ngettext("%(count)s+ appeal", "%(count)s+ appeals", count) % {"count": shown}


def _text_search_url(form: AppealFilterForm) -> str:
    """When the search box read the query as a person's name: the same words searched in the texts."""
    query = form.cleaned_data.get("q") or ""
    if search.parse_query(query).kind != "name":
        return ""
    return _list_url(form.query(q=None, text=query, page=None))


def _render_list(
    request: StaffRequest,
    params: QueryDict,
    *,
    save_form: SavedFilterForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    departments = selectors.departments_for_lists()
    form = AppealFilterForm(params, departments=departments)
    context: dict[str, Any] = {"form": form, "list_url": _list_url()}
    if form.is_valid():
        today = clock.today()
        # "Count exactly" asks for the full count once (it costs a scan of what matches); the
        # default caps it, see count_capped.
        exact_asked = params.get("count") == "exact"
        limit = EXACT_COUNT_LIMIT if exact_asked else settings.HROMADA_LIST_COUNT_LIMIT
        page = selectors.appeal_list_page(
            user,
            form.filters(),
            today=today,
            sort=form.cleaned_data["sort"],
            page=_page_number(params),
            page_size=PAGE_SIZE,
            count_limit=limit,
        )
        query = form.query()
        # The exact count, once asked for, stays asked for on the neighbouring pages.
        paging = {**form.params(), **({"count": "exact"} if exact_asked else {})}
        context.update(
            page=page,
            rows=_rows(page, {d.id: d.name for d in departments}, today),
            columns=_columns(form),
            count_text=_count_text(page.count, page.count_exact),
            query=query,
            default_order=not form.cleaned_data["sort"],
            previous_url=page_link(_list_url(), paging, page.page - 1) if page.page > 1 else "",
            next_url=page_link(_list_url(), paging, page.page + 1) if page.has_next else "",
            paging_capped=not page.count_exact and not page.has_next,
            paging=paging,
            text_search_url=_text_search_url(form),
            exact_count_url=""
            if page.count_exact
            else _list_url("&".join(part for part in (query, "count=exact") if part)),
            count_limit=number_format(limit, force_grouping=True),
            csv_url=reverse("appeals:export", args=["csv"]) + (f"?{query}" if query else ""),
            xlsx_url=reverse("appeals:export", args=["xlsx"]) + (f"?{query}" if query else ""),
            save_form=save_form or SavedFilterForm(initial={"query": query}),
        )
    else:
        status = 400 if status == 200 else status
    context["saved_filters"] = [
        {"id": s.pk, "name": s.name, "url": _list_url(s.query)} for s in selectors.saved_filters_of(user)
    ]
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    partial = bool(htmx and not htmx.history_restore_request)
    template = "appeals/_list_body.html" if partial else "appeals/list.html"
    response = render(request, template, context, status=status)
    if partial and "page" in context:
        # The address bar gets the canonical query, not every empty field of the submitted form.
        response["HX-Push-Url"] = page_link(_list_url(), context["paging"], context["page"].page)
    patch_vary_headers(response, ("HX-Request",))
    return response


@role_required(*SEE_APPEALS)
@require_GET
def appeal_list(request: StaffRequest) -> HttpResponse:
    """The filtered, sorted, paged list; an invalid filter value → the form with its error, HTTP 400."""
    return _render_list(request, request.GET)


# role_required takes views that answer an HttpResponse; this one streams (HttpResponseBase).
@role_required(*SEE_APPEALS)
@require_GET
def export(request: StaffRequest, fmt: str) -> HttpResponseBase:
    """The current filtered list as CSV or XLSX, every row up to exports.EXPORT_LIMIT; audited, since
    it carries personal data. A longer list first says so and asks to confirm (or narrow the filters)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    departments = selectors.departments_for_lists()
    form = AppealFilterForm(request.GET, departments=departments)
    if not form.is_valid():
        return _render_list(request, request.GET)
    user = request.user
    today = clock.today()
    qs = selectors.appeals_for_export(
        user,
        form.filters(),
        today=today,
        sort=form.cleaned_data["sort"],
    )
    count, exact = selectors.count_capped(qs, exports.EXPORT_LIMIT)
    if not exact and request.GET.get("confirm") != "1":
        query = form.query()
        return render(
            request,
            "appeals/list_export_limit.html",
            {
                "limit": number_format(exports.EXPORT_LIMIT, force_grouping=True),
                "format": fmt.upper(),
                "confirm_url": reverse("appeals:export", args=[fmt]) + "?" + form.query(confirm="1"),
                "back_url": _list_url(query),
            },
        )
    record_audit(actor=user, action="appeals.export", format=fmt, filters=form.params(), count=count)
    records = selectors.export_records(qs, limit=exports.EXPORT_LIMIT)
    rows = exports.export_rows(records, departments={d.id: d.name for d in departments})
    filename = f"zvernennia-{today.isoformat()}.{fmt}"
    if fmt == "csv":
        return exports.csv_response(rows, filename)
    return exports.xlsx_response(rows, filename)


@role_required(*SEE_APPEALS)
@require_POST
def save_filter(request: StaffRequest) -> HttpResponse:
    """Save this filter: the list's current (valid) query under a name, for this user only."""
    query = QueryDict(request.POST.get("query", ""))
    form = SavedFilterForm(request.POST)
    filters = AppealFilterForm(query, departments=selectors.departments_for_lists())
    if form.is_valid() and filters.is_valid():
        saved = form.save(user=request.user, query=filters.query())
        messages.success(request, _("The filter “%(name)s” is saved.") % {"name": saved.name})
        return redirect(_list_url(saved.query))
    return _render_list(request, query, save_form=form, status=422)


@role_required(*SEE_APPEALS)
@require_POST
def delete_filter(request: StaffRequest, filter_id: int) -> HttpResponse:
    """Delete one of the user's own saved filters; another user's is 404 (never say it exists)."""
    saved = get_object_or_404(SavedFilter, pk=filter_id, user=request.user)
    saved.delete()
    messages.success(request, _("The filter “%(name)s” is deleted.") % {"name": saved.name})
    return redirect(_list_url(QueryDict(request.POST.get("query", "")).urlencode()))


@role_required(*SEE_APPEALS)
@require_GET
def go_to_number(request: StaffRequest) -> HttpResponse:
    """ "Go to number" of the staff header: the card when exactly one appeal the user may see has this
    index, otherwise the list searched for it (which also says when nothing is found)."""
    query = request.GET.get("n", "").strip()[:200]
    found = search.appeals_numbered(selectors.appeals_visible_to(request.user), query)
    if found is not None and len(found) == 1:
        return redirect("appeals:card", found[0])
    return redirect(_list_url(urlencode({"q": query}) if query else ""))


urlpatterns: list[URLPattern] = [
    path("", appeal_list, name="list"),
    path("go/", go_to_number, name="go"),
    path("export/<str:fmt>/", export, name="export"),
    path("saved-filters/", save_filter, name="save-filter"),
    path("saved-filters/<int:filter_id>/delete/", delete_filter, name="delete-filter"),
]
