"""The staff list of appeals: sorting, pages and counts, the htmx region, and a query count that
stays fixed as the register grows."""

from __future__ import annotations

import pytest
from django.utils import translation

from hromada.appeals import selectors, services
from hromada.appeals.models import Appeal, Status
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.tests.list_register import (
    LIST,
    TODAY,
    build_register,
    client_for,
    listed,
    pending_messages,
    text_of,
)
from hromada.appeals.views.lists import _count_text
from hromada.core.models import CouncilSettings
from hromada.reference import selectors as ref
from hromada.testing import appeal_body, kyiv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _ukrainian_messages_of_the_list():
    """This page's Ukrainian messages, until they are in the compiled catalogue (see list_register)."""
    yield from pending_messages()


@pytest.fixture
def register_of_appeals(staff, settings):
    return build_register(staff, settings)


# --- sorting -----------------------------------------------------------------------------------------


def test_sort_orders_by_each_column_both_ways_when_asked(staff, register_of_appeals):
    a = register_of_appeals
    client = client_for(staff, "controller")
    by_number = listed(client, sort="number")
    assert by_number == sorted(a.values())  # registered one after another: the index follows the id
    assert listed(client, sort="-number") == by_number[::-1]
    by_received = listed(client, sort="received")
    assert by_received[0] == a["lift"] and by_received[-1] == a["noise"]
    assert listed(client, sort="-received") == by_received[::-1]
    by_due = listed(client, sort="due_date")
    assert by_due[:2] == [a["lift"], a["pension"]]
    assert listed(client, sort="-due_date")[0] == a["anonymous"]  # no due date: first when descending
    by_status = [a.status for a in client.get(LIST, {"sort": "status"}).context["page"].rows]
    assert by_status == sorted(by_status) and by_status[0] == Status.CLOSED
    assert [a.status for a in client.get(LIST, {"sort": "-status"}).context["page"].rows] == by_status[::-1]


@pytest.mark.parametrize("who", ["registrar", "executor_communal"])
@pytest.mark.parametrize("sort", ["due_date", "-due_date"])
def test_due_date_pages_match_a_plain_sort_when_read_per_status(staff, settings, who, sort):
    """On PostgreSQL a due-date page is merged from one index scan per status: every page must hold
    exactly the rows of the plain ORDER BY (SQLite reads the plain one)."""
    settings.HROMADA_NOW = "2026-11-21T12:00:00"
    _fill(staff, 40)
    # Some answered: three statuses to merge (in progress, answered, registered).
    for appeal in Appeal.objects.filter(status=Status.IN_PROGRESS).order_by("id")[:5]:
        services.answer_appeal(
            actor=staff["head"],
            appeal_id=appeal.pk,
            text="Відповідь",
            results=[(i.pk, "resolved") for i in appeal.issues.all()],
            now=kyiv(2026, 11, 20, 14),
        )
    user = staff[who]
    plain = list(
        selectors.sort_appeals(selectors.appeals_visible_to(user), sort).values_list("id", flat=True)
    )
    paged: list[int] = []
    number, more = 1, True
    while more:
        page = selectors.appeal_list_page(
            user,
            selectors.AppealFilter(),
            today=TODAY,
            sort=sort,
            page=number,
            page_size=25,
            count_limit=1000,
        )
        paged += [a.pk for a in page.rows]
        number, more = number + 1, page.has_next
    assert paged == plain


def test_sort_links_keep_the_filters_and_mark_the_sorted_column(staff, register_of_appeals):
    client = client_for(staff, "controller")
    response = client.get(LIST, {"status": "in_progress", "due_before": "01.12.2026", "sort": "due_date"})
    html = response.content.decode()
    columns = {c.sort_key: c for c in response.context["columns"] if c.sort_key}
    assert columns["due_date"].aria_sort == "ascending"
    assert (
        columns["due_date"].url == "/staff/appeals/?status=in_progress&due_before=2026-12-01&sort=-due_date"
    )
    assert columns["number"].url == "/staff/appeals/?status=in_progress&due_before=2026-12-01&sort=-number"
    assert columns["status"].aria_sort == "" and columns["received"].aria_sort == ""
    assert html.count("aria-sort=") == 1 and 'aria-sort="ascending"' in html
    # The filter form carries the sort, so changing a filter keeps it.
    assert '<input type="hidden" name="sort" value="due_date"' in html
    descending = client.get(LIST, {"status": "in_progress", "sort": "-due_date"})
    assert 'aria-sort="descending"' in descending.content.decode()
    # Without a sort no column claims one: the work-list order spans several columns.
    assert "aria-sort=" not in client.get(LIST).content.decode()


# --- pages and counts --------------------------------------------------------------------------------


def _fill(staff, n: int, start: int = 0) -> None:
    """`n` appeals in one batch, every other one resolved to communal with social as co-executor."""
    items = [
        AppealRegisterIn(
            **appeal_body(
                received_at=f"2026-11-{2 + (start + k) % 18:02d}T10:00:00",
                applicants=[
                    {"name": f"Автор{start + k} Перший", "phone": f"+38050{start + k:07d}"},
                    {"name": f"Автор{start + k} Другий", "email": f"a{start + k}@example.com"},
                ],
                issues=[
                    {"topic": "communal", "text": f"Ліфт {start + k}"},
                    {"topic": "housing", "text": f"Дах {start + k}"},
                ],
            )
        )
        for k in range(n)
    ]
    outcomes = services.register_appeals(items, actor=staff["registrar"], now=kyiv(2026, 11, 20, 12))
    for outcome in outcomes[::2]:
        assert outcome.appeal is not None
        services.resolve_appeal(
            actor=staff["head"],
            appeal_id=outcome.appeal.pk,
            lead_department="communal",
            co_departments=["social"],
            term="15d",
            now=kyiv(2026, 11, 20, 13),
        )


def test_pages_hold_25_rows_and_say_page_n_of_m_when_the_count_is_exact(staff, settings):
    settings.HROMADA_NOW = "2026-11-21T12:00:00"
    _fill(staff, 60)
    client = client_for(staff, "registrar")
    first = client.get(LIST, {"status": "registered"})
    assert len(first.context["rows"]) == 25 and first.context["page"].count == 30
    assert "30 звернень" in text_of(first) and "Сторінка 1 з 2" in text_of(first)
    assert first.context["next_url"] == "/staff/appeals/?status=registered&page=2"
    assert first.context["previous_url"] == ""
    second = client.get(first.context["next_url"])
    assert len(second.context["rows"]) == 5 and "Сторінка 2 з 2" in text_of(second)
    # Page 1 is the plain address (core.paging.page_link), as the address bar shows it.
    assert (
        second.context["next_url"] == ""
        and second.context["previous_url"] == "/staff/appeals/?status=registered"
    )
    ids = [r.id for r in first.context["rows"]] + [r.id for r in second.context["rows"]]
    assert len(set(ids)) == 30


def test_count_shows_the_limit_with_a_plus_when_more_appeals_match(staff, settings):
    settings.HROMADA_NOW = "2026-11-21T12:00:00"
    settings.HROMADA_LIST_COUNT_LIMIT = 50
    _fill(staff, 60)
    client = client_for(staff, "registrar")
    response = client.get(LIST)
    page = response.context["page"]
    assert (page.count, page.count_exact, page.pages) == (50, False, None)
    text = text_of(response)
    assert "50+ звернень" in text and "Сторінка 1" in text and "Сторінка 1 з" not in text
    # Paging stops where the count stops, and says why.
    last = client.get(LIST, {"page": "5"})
    assert last.context["page"].page == 2 and last.context["next_url"] == ""
    assert "Гортати можна лише перші 50 звернень" in text_of(last)
    exact = client.get(LIST, {"status": "registered"})
    assert exact.context["page"].count_exact and "30 звернень" in text_of(exact)


def test_an_exact_count_asked_for_is_kept_on_the_next_and_previous_pages(staff, settings):
    settings.HROMADA_NOW = "2026-11-21T12:00:00"
    settings.HROMADA_LIST_COUNT_LIMIT = 50
    _fill(staff, 60)
    client = client_for(staff, "registrar")
    first = client.get(LIST, {"count": "exact"})
    assert first.context["page"].count_exact and first.context["next_url"] == f"{LIST}?count=exact&page=2"
    second = client.get(first.context["next_url"])
    page = second.context["page"]
    assert (page.page, page.count, page.count_exact, page.pages) == (2, 60, True, 3)
    assert "60 звернень" in text_of(second) and "Сторінка 2 з 3" in text_of(second)
    assert second.context["previous_url"] == f"{LIST}?count=exact"
    assert second.context["next_url"] == f"{LIST}?count=exact&page=3"
    # The filters stay too, and htmx's address bar keeps the exact count.
    htmx = client.get(LIST, {"status": "registered", "count": "exact", "page": "2"}, HTTP_HX_REQUEST="true")
    assert htmx["HX-Push-Url"] == f"{LIST}?status=registered&count=exact&page=2"


@pytest.mark.parametrize(
    ("n", "exact", "expected"),
    [
        (1, True, "1 звернення"),
        (3, True, "3 звернення"),
        (5, True, "5 звернень"),
        (11, True, "11 звернень"),
        (21, True, "21 звернення"),
        (1000, False, "1\xa0000+ звернень"),
    ],
)
def test_count_agrees_with_the_number_when_shown_in_ukrainian(n, exact, expected):
    with translation.override("uk"):
        assert _count_text(n, exact) == expected


# --- htmx --------------------------------------------------------------------------------------------


def test_htmx_gets_only_the_list_region_and_a_plain_request_the_whole_page(staff, register_of_appeals):
    client = client_for(staff, "registrar")
    full = client.get(LIST, {"status": "registered"})
    html = full.content.decode()
    assert "<html" in html and html.count("<h1>") == 1
    assert 'hx-get="/staff/appeals/"' in html and 'hx-push-url="true"' in html
    assert 'method="get" action="/staff/appeals/"' in html  # works without JavaScript
    partial = client.get(LIST, {"status": "registered"}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert partial.status_code == 200 and "<html" not in body
    assert body.lstrip().startswith('<div id="appeal-list"')
    assert [r.id for r in partial.context["rows"]] == [r.id for r in full.context["rows"]]
    assert "HX-Request" in partial["Vary"]
    assert partial["HX-Push-Url"] == "/staff/appeals/?status=registered"  # no empty fields in the address
    bad = client.get(LIST, {"due_before": "x"}, headers={"HX-Request": "true"})
    assert bad.status_code == 400 and "Введіть коректну дату." in bad.content.decode()
    restore = client.get(
        LIST, {"status": "registered"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.content.decode()


# --- query counts ------------------------------------------------------------------------------------


@pytest.fixture
def steady_caches(monkeypatch):
    """The reference and council-settings caches live 5 s: long enough for a page, not for a slow test."""
    monkeypatch.setattr(ref, "CACHE_SECONDS", 3600.0)
    monkeypatch.setattr(CouncilSettings, "CACHE_SECONDS", 3600.0)


@pytest.mark.parametrize(
    ("who", "queries"),
    [
        # session, user, departments, capped count, page rows, their applicants, their issues,
        # saved filters
        ("registrar", 8),
        # + the layout's department name of the signed-in executor
        ("executor_communal", 9),
    ],
)
def test_list_page_query_count_is_fixed_when_the_register_triples(
    staff, settings, steady_caches, django_assert_num_queries, who, queries
):
    settings.HROMADA_NOW = "2026-11-21T12:00:00"
    client = client_for(staff, who)
    _fill(staff, 30)
    client.get(LIST)  # warm-up: the reference vocabularies and council settings are cached
    with django_assert_num_queries(queries):
        small = client.get(LIST)
    assert len(small.context["rows"]) == (25 if who == "registrar" else 15)
    _fill(staff, 60, start=30)
    with django_assert_num_queries(queries):
        big = client.get(LIST)
    assert big.context["page"].count == (90 if who == "registrar" else 45)
    with django_assert_num_queries(queries):
        client.get(
            LIST,
            {
                "topic": "housing",
                "department": "communal",
                "text": "ліфт",
                "overdue": "0",
                "sort": "-received",
            },
        )
    with django_assert_num_queries(queries):
        client.get(LIST, {"page": "2", "sort": "status"})
