"""The work lists of the register: filters, sort orders, capped counts and the list page's rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce
from django.utils import timezone

from hromada.accounts.models import Department, User
from hromada.appeals.models import (
    OPEN_STATUSES,
    Appeal,
    Applicant,
    Assignment,
    Issue,
    Note,
    NoteKind,
    SavedFilter,
    Status,
)
from hromada.appeals.selectors import search
from hromada.appeals.selectors.search import text_condition
from hromada.appeals.selectors.visibility import appeals_visible_to


@dataclass(frozen=True)
class AppealFilter:
    status: str | None = None
    channel: str | None = None
    topic: str | None = None
    department: str | None = None
    #: The department as lead executor only, or as co-executor only (the dashboard's two columns).
    lead_department: str | None = None
    co_department: str | None = None
    #: Only appeals without a lead department yet (awaiting a resolution).
    unassigned: bool | None = None
    priority: bool | None = None
    overdue: bool | None = None
    due_before: dt.date | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    text: str | None = None
    #: Only open appeals (registered, in progress).
    open: bool | None = None
    registered_on: dt.date | None = None
    #: What the appeal waits for: "resolution" (the head's), "signature" (a draft answer to be
    #: given), "extension" (a requested extension to be granted or declined).
    awaiting: str | None = None
    #: The search box: a registration index, a person (name, phone, e-mail) or words (selectors.search).
    q: str | None = None


AWAITING = ("resolution", "signature", "extension")


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filter_appeals(
    qs: QuerySet[Appeal], f: AppealFilter, *, today: dt.date, found: search.Found | None = None
) -> QuerySet[Appeal]:
    """`qs` narrowed by `f`; `found` is the search box's `search.find(f.q)` when the caller already
    has it (the list page needs it twice: it looks people up, which is the costly part)."""
    if f.status:
        qs = qs.filter(status=f.status)
    if f.channel:
        qs = qs.filter(channel_id=f.channel)
    if f.topic:
        qs = qs.filter(Exists(Issue.objects.filter(appeal=OuterRef("pk"), topic_id=f.topic)))
    if f.department:
        # The department's id as a scalar subquery, not a join on its code: with the join PostgreSQL
        # cannot tell which department it is and planned for the average one, hashing every
        # assignment of the department (~0.7 s at a million appeals instead of a few ms).
        department = Department.objects.filter(code=f.department).values("id")[:1]
        qs = qs.filter(
            Exists(Assignment.objects.filter(appeal=OuterRef("pk"), department_id=Subquery(department)))
        )
    qs = _by_role_of_department(qs, f)
    if f.priority is not None:
        qs = qs.filter(priority=f.priority)
    if f.open:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if f.registered_on:
        qs = qs.filter(registered_on=f.registered_on)
    if f.awaiting == "resolution":
        qs = qs.filter(status=Status.REGISTERED)
    elif f.awaiting == "signature":
        qs = qs.filter(
            Exists(Note.objects.filter(appeal=OuterRef("pk"), kind=NoteKind.DRAFT_ANSWER)),
            status=Status.IN_PROGRESS,
        )
    elif f.awaiting == "extension":
        qs = qs.filter(extension_requested_until__isnull=False, status=Status.IN_PROGRESS)
    if f.overdue is True:
        qs = qs.filter(status__in=OPEN_STATUSES, due_date__lt=today)
    elif f.overdue is False:
        qs = qs.exclude(status__in=OPEN_STATUSES, due_date__lt=today)
    if f.due_before:
        qs = qs.filter(due_date__lt=f.due_before)
    if f.received_from:
        qs = qs.filter(received_at__gte=_day_start(f.received_from))
    if f.received_to:
        qs = qs.filter(received_at__lt=_day_start(f.received_to + dt.timedelta(days=1)))
    text = text_condition(f.text) if f.text else None
    if text is not None:
        qs = qs.filter(text)
    if f.q:
        condition = (found or search.find(f.q)).condition
        if condition is not None:
            qs = qs.filter(condition)
    return qs


def _by_role_of_department(qs: QuerySet[Appeal], f: AppealFilter) -> QuerySet[Appeal]:
    """The lead-department and co-executor filters, read exactly as `load_by_department` counts: the
    lead from the appeal's own column, co-executors from their assignments."""
    if f.lead_department:
        lead = Department.objects.filter(code=f.lead_department).values("id")[:1]
        qs = qs.filter(lead_department_id=Subquery(lead))
    if f.co_department:
        co = Department.objects.filter(code=f.co_department).values("id")[:1]
        qs = qs.filter(
            Exists(
                Assignment.objects.filter(appeal=OuterRef("pk"), department_id=Subquery(co), is_lead=False)
            )
        )
    if f.unassigned:
        qs = qs.filter(lead_department__isnull=True)
    return qs


def worklist_order(qs: QuerySet[Appeal]) -> QuerySet[Appeal]:
    """Priority authors first (Law art. 20), then the nearest due date, then the newest."""
    return qs.order_by("-priority", "due_date", "-id")


def overdue_appeals(user: User, *, today: dt.date) -> QuerySet[Appeal]:
    return worklist_order(filter_appeals(appeals_visible_to(user), AppealFilter(overdue=True), today=today))


def list_appeals(user: User, f: AppealFilter, *, today: dt.date) -> QuerySet[Appeal]:
    return worklist_order(filter_appeals(appeals_visible_to(user), f, today=today)).select_related(
        "lead_department"
    )


def count_capped(qs: QuerySet[Appeal], limit: int) -> tuple[int, bool]:
    """(count, exact): the rows of `qs` counted up to `limit`. An exact count of a broad filter over a
    million appeals costs far more than the page itself (hundreds of ms), and nobody pages through
    thousands of appeals; above the limit the count is `limit` and `exact` is False ("1 000+")."""
    found = qs.order_by()[: limit + 1].count()
    return min(found, limit), found <= limit


#: Sortable columns of the appeal list: the `sort=` key → the ascending ordering ("-key" descends).
#: Each ends in a unique column, so pages never repeat or skip a row, and each starts with an indexed
#: column: number → appeal_year_seq_uniq, received → appeal_received_at_idx, status →
#: appeal_status_due_idx. due_date has no index of its own: see docs in the list view.
LIST_SORTS: dict[str, tuple[str, ...]] = {
    "number": ("year", "seq"),
    "received": ("received_at", "id"),
    "due_date": ("due_date", "id"),
    "status": ("status", "due_date", "id"),
}


def _sort_ordering(sort: str) -> list[OrderBy] | None:
    fields = LIST_SORTS.get(sort.removeprefix("-"))
    if not fields:
        return None
    if sort.startswith("-"):
        return [F(f).desc(nulls_first=True) for f in fields]
    return [F(f).asc(nulls_last=True) for f in fields]


def sort_appeals(qs: QuerySet[Appeal], sort: str = "") -> QuerySet[Appeal]:
    """Order by a column of LIST_SORTS (`-` for descending); anything else keeps the work-list order.

    Empty due dates (anonymous appeals) come last going up and first going down on every database:
    PostgreSQL's own default, which its indexes serve, spelled out for SQLite."""
    ordering = _sort_ordering(sort)
    return qs.order_by(*ordering) if ordering else worklist_order(qs)


def _possible_statuses(f: AppealFilter) -> list[str]:
    """The statuses an appeal matching `f` can have (what the filter itself pins down)."""
    statuses = set(Status.values)
    if f.status:
        statuses &= {f.status}
    if f.open or f.overdue is True:
        statuses &= set(OPEN_STATUSES)
    if f.awaiting == "resolution":
        statuses &= {Status.REGISTERED}
    elif f.awaiting in ("signature", "extension"):
        statuses &= {Status.IN_PROGRESS}
    return sorted(statuses)


#: The columns a row of the staff list shows; the rest (full text, lemmas…) stays in the database.
LIST_PAGE_COLUMNS = (
    "number",
    "received_at",
    "channel",
    "subject",
    "summary",
    "lead_department",
    "status",
    "due_date",
    "priority",
)


@dataclass(frozen=True)
class AppealListPage:
    """One page of the staff list. `rows` carry `applicants` (names) and `issues` (topics) prefetched."""

    rows: list[Appeal]
    count: int
    count_exact: bool
    page: int
    page_size: int
    has_next: bool

    @property
    def pages(self) -> int | None:
        """The number of pages when the count is exact; None when it is only "limit+"."""
        if not self.count_exact:
            return None
        return max(1, -(-self.count // self.page_size))

    @property
    def start(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.rows else 0

    @property
    def end(self) -> int:
        return (self.page - 1) * self.page_size + len(self.rows)


def appeal_list_page(
    user: User,
    f: AppealFilter,
    *,
    today: dt.date,
    sort: str = "",
    page: int = 1,
    page_size: int = 25,
    count_limit: int,
) -> AppealListPage:
    """A page of the appeals `user` may see, in four queries whatever the register's size: the capped
    count, the page's rows (only the shown columns, no joins), the page's applicants and its issues.

    Pages beyond the counted rows are not offered: when the count is capped the last page is the one
    that reaches `count_limit` (an OFFSET deep into a million rows is slow and nobody reads that far;
    the export takes the whole list)."""
    found = search.find(f.q) if f.q else None
    qs = sort_appeals(filter_appeals(appeals_visible_to(user), f, today=today, found=found), sort)
    if found and found.bounded:
        rows, count, exact, page, last = _found_rows(qs, page, page_size, count_limit)
    else:
        count, exact = count_capped(qs, count_limit)
        last = max(1, -(-count // page_size))
        page = min(max(1, page), last)
        offset = (page - 1) * page_size
        rows = _page_rows(qs.only(*LIST_PAGE_COLUMNS), f, sort, offset, page_size + 1)
    prefetch_related_objects(
        rows,
        Prefetch("applicants", queryset=Applicant.objects.only("appeal_id", "name", "position")),
        Prefetch("issues", queryset=Issue.objects.only("appeal_id", "topic_id", "position")),
    )
    has_next = len(rows) > page_size and page < last
    return AppealListPage(rows[:page_size], count, exact, page, page_size, has_next)


def _found_rows(
    qs: QuerySet[Appeal], page: int, page_size: int, count_limit: int
) -> tuple[list[Appeal], int, bool, int, int]:
    """(rows, count, exact, page, last page) of a search that found a number or a person: their
    appeals (at most search.PERSON_LIMIT) are ordered and counted in one query of their ids, then
    the page's rows are read — each found appeal is read once, not once for the count and again
    for the page."""
    if connection.vendor == "postgresql":
        qs = _sorted_after_fetching(qs)
    ids = list(qs.values_list("pk", flat=True)[: count_limit + 1])
    count, exact = min(len(ids), count_limit), len(ids) <= count_limit
    last = max(1, -(-count // page_size))
    page = min(max(1, page), last)
    chosen = ids[(page - 1) * page_size : page * page_size + 1]
    position = {pk: i for i, pk in enumerate(chosen)}
    # The ids are already those the user may see and the filters keep: the rows need no conditions.
    rows = sorted(Appeal.objects.only(*LIST_PAGE_COLUMNS).filter(pk__in=chosen), key=lambda a: position[a.pk])
    return rows, count, exact, page, last


def _sorted_after_fetching(qs: QuerySet[Appeal]) -> QuerySet[Appeal]:
    """The same order, spelled so that no index serves it. For a number or a person the search
    yields at most search.PERSON_LIMIT ids; PostgreSQL, taking them as a thousandth of the register,
    otherwise walks the work-list index until 26 of them turn up — tens of thousands of heap reads
    (~0.5 s) instead of fetching the ids and sorting them (a few ms). COALESCE(x, x) is x, but not
    an indexed expression."""
    ordering: list[OrderBy] = []
    for term in qs.query.order_by:
        if isinstance(term, str):
            name = term.removeprefix("-")
            expression = Coalesce(F(name), F(name))
            ordering.append(expression.desc() if term.startswith("-") else expression.asc())
        elif isinstance(term, OrderBy) and isinstance(term.expression, F):
            name = str(term.expression.name)  # type: ignore[attr-defined]  # F.name, not in the stubs
            ordering.append(
                OrderBy(
                    Coalesce(F(name), F(name)),
                    descending=term.descending,
                    nulls_first=term.nulls_first,
                    nulls_last=term.nulls_last,
                )
            )
        else:
            return qs
    return qs.order_by(*ordering)


def _page_rows(qs: QuerySet[Appeal], f: AppealFilter, sort: str, offset: int, limit: int) -> list[Appeal]:
    """Rows offset…offset+limit of the sorted `qs`.

    The due date has no index of its own (each index slows every registration and import), so on
    PostgreSQL "by due date" is read as the merge of one index scan per possible status over
    appeal_status_due_idx (status, due_date): a few ms instead of sorting the whole register
    (~0.3–0.5 s at a million appeals). SQLite cannot limit the parts of a UNION; its registers are
    small."""
    statuses = _possible_statuses(f)
    if (
        sort.removeprefix("-") == "due_date"
        and len(statuses) > 1
        and connection.features.supports_slicing_ordering_in_compound
    ):
        parts = [qs.filter(status=status)[: offset + limit] for status in statuses]
        combined = parts[0].union(*parts[1:], all=True).order_by(*(_sort_ordering(sort) or []))
        return list(combined[offset : offset + limit])
    # The page's ids first, from the indexes alone, then those rows: PostgreSQL's plain index scan
    # reads every candidate row from the table before it applies a filter the index could have
    # answered (30,000 heap reads to find no "awaiting resolution" appeal of a department).
    return list(qs.filter(pk__in=qs.values("pk")[offset : offset + limit]))


def departments_for_lists() -> list[Department]:
    """Every department (a few dozen rows): the filter's choices and the lead department's name of each
    row, so that the page needs no join for it."""
    return list(Department.objects.only("id", "code", "name", "is_active").order_by("name"))


def saved_filters_of(user: User) -> QuerySet[SavedFilter]:
    """The user's own saved list filters: nobody sees another's."""
    return SavedFilter.objects.filter(user=user).only("id", "name", "query").order_by("name", "id")
