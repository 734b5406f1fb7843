"""The staff list of appeals: filters (the dashboard's links among them), sorting, pages, counts,
saved filters, and the CSV/XLSX exports with their audit entries."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real

from hromada.appeals import exports, selectors, services
from hromada.appeals.models import Appeal, SavedFilter, Status
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.views.lists import _count_text
from hromada.core.models import AuditEntry, CouncilSettings
from hromada.reference import selectors as ref
from hromada.testing import appeal_body, kyiv

pytestmark = pytest.mark.django_db

LIST = "/staff/appeals/"
TODAY = dt.date(2026, 11, 21)
#: The page's Ukrainian messages before hromada/locale/uk has them (see the fixture below).
PENDING_MESSAGES = Path("/tmp/i18n/lists.json")


@pytest.fixture(autouse=True)
def _ukrainian_messages_of_the_list():  # type: ignore[no-untyped-def]
    """Adds this page's Ukrainian translations from the pending JSON file to the loaded catalogue when
    the catalogue lacks them; once they are merged into django.po (and compiled) this does nothing."""
    added: list[object] = []
    if PENDING_MESSAGES.exists():
        with translation.override("uk"):
            catalog = trans_real.translation("uk")._catalog
        for entry in json.loads(PENDING_MESSAGES.read_text(encoding="utf-8")):
            key = f"{entry['msgctxt']}\x04{entry['msgid']}" if "msgctxt" in entry else entry["msgid"]
            values = entry["msgstr"] if isinstance(entry["msgstr"], list) else [entry["msgstr"]]
            keys = [(key, i) for i in range(len(values))] if "msgid_plural" in entry else [key]
            for k, value in zip(keys, values, strict=True):
                if k not in catalog:
                    catalog[k] = value
                    added.append(k)
    yield
    if added:
        for k in added:
            catalog._catalogs[0].pop(k, None)


def register(staff, received: str, **overrides):  # type: ignore[no-untyped-def]
    at = dt.datetime.fromisoformat(received)
    return services.register_appeal(
        AppealRegisterIn.model_validate(appeal_body(received_at=received, **overrides)),
        actor=staff["registrar"],
        now=kyiv(at.year, at.month, at.day, min(at.hour + 1, 23)),
    )


def resolve(staff, appeal, department: str = "communal", at=(2026, 11, 3), **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("term", "15d")
    return services.resolve_appeal(
        actor=staff["head"], appeal_id=appeal.pk, lead_department=department, now=kyiv(*at, 9), **kw
    )


@pytest.fixture
def register_of_appeals(staff, settings):  # type: ignore[no-untyped-def]
    """Today is 21.11.2026. Seven appeals in every state a list filters by."""
    settings.HROMADA_NOW = "2026-11-21T12:00:00"
    made = {
        # in progress at communal, due 17.11: overdue
        "lift": register(staff, "2026-11-02T10:00:00"),
        # priority author, in progress at social (co-executor: communal), due 25.11
        "pension": register(
            staff,
            "2026-11-10T10:00:00",
            channel="email",
            applicants=[
                {"name": "Гнатюк Ольга", "email": "olha@example.com", "categories": ["disability_1"]}
            ],
            issues=[
                {"topic": "social_protection", "text": "Перерахунок субсидії"},
                {"topic": "housing", "text": "Ремонт під'їзду"},
            ],
            summary="Субсидія",
        ),
        # awaiting a resolution
        "road": register(
            staff,
            "2026-11-16T08:00:00",
            channel="phone",
            applicants=[{"name": "Бондар Петро", "phone": "0501234567"}],
            issues=[{"topic": "transport", "text": "Яма на дорозі біля школи"}],
            summary="Яма",
            text="Яма на дорозі",
        ),
        # anonymous: closed at registration (Law art. 8)
        "anonymous": register(
            staff,
            "2026-11-12T11:00:00",
            anonymous=True,
            applicants=[],
            issues=[{"topic": "ecology", "text": "Сміття у дворі"}],
            summary="Сміття",
        ),
        # registered today
        "noise": register(
            staff,
            "2026-11-21T09:00:00",
            applicants=[{"name": "Олійник Степан", "address": "вул. Лесі Українки, 3"}],
            issues=[{"topic": "law_order", "text": "Шум уночі в кафе"}],
            summary="=Шум уночі",
        ),
        # in progress at communal with a draft answer: awaiting signature
        "heating": register(
            staff,
            "2026-11-12T15:00:00",
            applicants=[{"name": "Лисенко Андрій", "phone": "+380661112233"}],
            issues=[{"topic": "communal", "text": "Немає опалення"}],
            summary="Опалення",
        ),
        # in progress at social with an extension requested
        "school": register(
            staff,
            "2026-11-13T10:00:00",
            applicants=[{"name": "Ткач Ірина", "email": "iryna@example.com"}],
            issues=[{"topic": "education", "text": "Черга до школи"}],
            summary="Школа",
        ),
    }
    resolve(staff, made["lift"], at=(2026, 11, 2))
    resolve(staff, made["pension"], "social", co_departments=["communal"], at=(2026, 11, 10))
    resolve(staff, made["heating"], at=(2026, 11, 13))
    resolve(staff, made["school"], "social", term="1m", at=(2026, 11, 13))
    services.add_note(
        actor=staff["executor_communal"],
        appeal_id=made["heating"].pk,
        text="Проєкт відповіді",
        draft_answer=True,
        now=kyiv(2026, 11, 14, 10),
    )
    services.request_extension(
        actor=staff["executor_social"],
        appeal_id=made["school"].pk,
        due_date=dt.date(2026, 12, 20),
        reason="Потрібне обстеження",
        now=kyiv(2026, 11, 15, 10),
    )
    return {key: a.pk for key, a in made.items()}


def client_for(staff, who: str) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(staff[who])
    return client


def listed(client: Client, **params) -> list[int]:  # type: ignore[no-untyped-def]
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content.decode()[:2000]
    return [row.id for row in response.context["rows"]]


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    """The page's text without tags and with single spaces."""
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.replace("\xa0", " "))


# --- access ------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in_when_opening_the_list_or_an_export(db):
    for url in [LIST, f"{LIST}?status=closed", f"{LIST}export/csv/", f"{LIST}export/xlsx/"]:
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/sign-in/?next=/staff/appeals/")


@pytest.mark.parametrize("who", ["moderator", "administrator", "nobody"])
def test_roles_that_see_no_appeals_get_403_when_listing_exporting_or_saving(staff, who):
    client = client_for(staff, who)
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}export/csv/").status_code == 403
    assert client.get(f"{LIST}export/xlsx/").status_code == 403
    assert client.post(f"{LIST}saved-filters/", {"name": "x", "query": ""}).status_code == 403
    assert AuditEntry.objects.filter(action="appeals.export").count() == 0
    assert SavedFilter.objects.count() == 0


def test_list_refuses_post_when_a_form_is_sent_to_it(staff):
    assert client_for(staff, "registrar").post(LIST).status_code == 405


# --- the table ---------------------------------------------------------------------------------------


def test_list_shows_every_column_when_the_registrar_opens_it(staff, register_of_appeals):
    a = register_of_appeals
    response = client_for(staff, "registrar").get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(response)
    assert len(response.context["rows"]) == 7
    assert "7 звернень" in text
    lift = next(r for r in response.context["rows"] if r.id == a["lift"])
    # number → card, received date, channel name, first applicant, summary, topics, lead, status, due
    assert f'href="/staff/appeals/{a["lift"]}/"' in html
    assert lift.channel == "Поштою" and lift.applicant == "Коваленко Іван Петрович"
    assert lift.department == "Департамент ЖКГ" and lift.status == "на виконанні"
    assert lift.due_date == dt.date(2026, 11, 17) and lift.overdue
    assert "02.11.2026" in text and "17.11.2026" in text and "Поштою" in text
    assert "Комунальне господарство" in text  # topics under the summary
    # Overdue: red and said in words; priority: a badge.
    assert (
        '<span class="overdue">17.11.2026</span> <span class="badge badge-overdue">прострочено</span>' in html
    )
    assert text.count("прострочено") == 1
    assert '<span class="badge badge-priority">пріоритет</span>' in html
    # The anonymous appeal shows "анонімне" instead of a name.
    anonymous = next(r for r in response.context["rows"] if r.id == a["anonymous"])
    assert anonymous.applicant == "анонімне" and "анонімне" in text
    # Headers: <th scope="col">, and the default order is explained.
    assert html.count('<th scope="col"') == 8
    assert "Спершу звернення пільгових категорій авторів" in text


def test_default_order_is_the_work_list_when_no_sort_is_given(staff, register_of_appeals):
    a = register_of_appeals
    ids = listed(client_for(staff, "controller"))
    # The priority author first, then the nearest due date.
    assert ids[0] == a["pension"]
    assert ids.index(a["lift"]) < ids.index(a["heating"]) < ids.index(a["school"])


def test_executor_sees_only_their_department_when_listing(staff, register_of_appeals):
    a = register_of_appeals
    assert set(listed(client_for(staff, "executor_communal"))) == {a["lift"], a["pension"], a["heating"]}
    assert set(listed(client_for(staff, "executor_social"))) == {a["pension"], a["school"]}
    # A filter cannot widen it: another department's code only narrows.
    assert set(listed(client_for(staff, "executor_social"), department="communal")) == {a["pension"]}


# --- filters -----------------------------------------------------------------------------------------


def test_each_filter_narrows_the_list_when_given(staff, register_of_appeals):
    a = register_of_appeals
    client = client_for(staff, "controller")

    def found(**params) -> set[int]:  # type: ignore[no-untyped-def]
        return set(listed(client, **params))

    assert found(status="registered") == {a["road"], a["noise"]}
    assert found(status="closed") == {a["anonymous"]}
    assert found(channel="phone") == {a["road"]}
    assert found(topic="housing") == {a["pension"]}
    assert found(department="social") == {a["pension"], a["school"]}
    assert found(priority="1") == {a["pension"]}
    assert found(priority="0") == set(a.values()) - {a["pension"]}
    assert found(overdue="1") == {a["lift"]}
    assert found(overdue="0") == set(a.values()) - {a["lift"]}
    assert found(open="1") == set(a.values()) - {a["anonymous"]}
    assert found(open="0") == set(a.values())  # unchecked: no condition
    assert found(awaiting="resolution") == {a["road"], a["noise"]}
    assert found(awaiting="signature") == {a["heating"]}
    assert found(awaiting="extension") == {a["school"]}
    assert found(registered_on="2026-11-21") == {a["noise"]}
    assert found(received_from="2026-11-12", received_to="2026-11-13") == {
        a["anonymous"],
        a["heating"],
        a["school"],
    }
    assert found(due_before="2026-11-26") == {a["lift"], a["pension"]}
    assert found(text="ями на дорогах") == {a["road"]}
    assert found(status="in_progress", department="communal", overdue="0") == {a["pension"], a["heating"]}


def test_dates_are_accepted_when_written_as_dd_mm_yyyy(staff, register_of_appeals):
    a = register_of_appeals
    client = client_for(staff, "controller")
    assert set(listed(client, registered_on="21.11.2026")) == {a["noise"]}
    assert set(listed(client, due_before="26.11.2026")) == set(listed(client, due_before="2026-11-26"))
    response = client.get(LIST, {"received_from": "12.11.2026", "received_to": "13.11.2026"})
    # The date inputs show them as <input type="date"> needs, and the links carry ISO dates.
    html = response.content.decode()
    assert 'value="2026-11-12"' in html and 'value="2026-11-13"' in html
    assert "received_from=2026-11-12" in response.context["query"]


def test_yes_no_filters_accept_true_and_false_when_spelled_like_the_api(staff, register_of_appeals):
    client = client_for(staff, "controller")
    assert listed(client, overdue="true") == listed(client, overdue="1")
    assert listed(client, priority="false") == listed(client, priority="0")
    html = client.get(LIST, {"overdue": "true"}).content.decode()
    assert re.search(r'<option value="1" selected>так</option>', html)


def test_every_dashboard_link_opens_a_list_with_the_tile_count(staff, register_of_appeals):
    """The dashboard's tiles link here (open=1, overdue=1/0, due_before, registered_on, awaiting,
    status): each link is accepted and lists exactly the tile's number of appeals."""
    seen = set()
    # The tiles are read from the dashboard page: appeals may not import hromada.workspace (layers).
    for who in ["registrar", "head", "controller", "executor_communal", "executor_social"]:
        client = client_for(staff, who)
        for tile in client.get("/staff/").context["tiles"]:
            if not tile.url.startswith(LIST):
                continue  # questions' and petitions' tiles are checked by their own apps' tests
            response = client.get(tile.url)
            assert response.status_code == 200, (who, tile.url)
            assert response.context["page"].count == tile.count, (who, tile.label, tile.url)
            seen.update(re.findall(r"[?&]([a-z_]+)=", tile.url))
    assert {"open", "overdue", "due_before", "registered_on", "awaiting", "status"} <= seen
    # The controller's table links by department code (it counts lead departments only; the
    # department filter takes co-executors too, so the list may hold more).
    client = client_for(staff, "controller")
    for load in client.get("/staff/").context["departments"]:
        response = client.get(f"{LIST}?open=1&department={load.code}")
        assert response.status_code == 200 and response.context["page"].count >= load.open
        response = client.get(f"{LIST}?overdue=1&department={load.code}")
        assert response.status_code == 200 and response.context["page"].count >= load.overdue


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"due_before": "31.02.2026"}, "due_before", "Введіть коректну дату."),
        ({"registered_on": "вчора"}, "registered_on", "Введіть коректну дату."),
        ({"status": "lost"}, "status", "коректний вибір, lost немає серед варіантів"),
        ({"department": "nope"}, "department", "коректний вибір, nope немає серед варіантів"),
        ({"overdue": "maybe"}, "overdue", "коректний вибір, maybe немає серед варіантів"),
        ({"open": "maybe"}, "open", "Оберіть «так» або «ні»."),
        ({"received_from": "2026-11-20", "received_to": "2026-11-10"}, "received_to", "Кінець періоду"),
    ],
)
def test_invalid_filter_is_400_with_a_ukrainian_error_when_a_value_is_wrong(
    staff, register_of_appeals, params, field, message
):
    response = client_for(staff, "registrar").get(LIST, params)
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert message in html.replace("&#x27;", "'")
    assert f'id="id_{field}"' in html and 'aria-invalid="true"' in html
    assert "Будь ласка, виправте помилки нижче." in html
    assert "rows" not in response.context  # no table for a filter that means nothing


def test_unknown_sort_and_page_fall_back_when_mistyped(staff, register_of_appeals):
    client = client_for(staff, "registrar")
    assert listed(client, sort="nonsense") == listed(client)
    assert listed(client, page="abc") == listed(client)
    response = client.get(LIST, {"page": "99"})  # beyond the end: the last page
    assert response.status_code == 200 and response.context["page"].page == 1


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


def _fill(staff, n: int, start: int = 0) -> None:  # type: ignore[no-untyped-def]
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
    assert second.context["next_url"] == "" and second.context["previous_url"].endswith("page=1")
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
def steady_caches(monkeypatch):  # type: ignore[no-untyped-def]
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


# --- saved filters -----------------------------------------------------------------------------------


def test_saving_a_filter_stores_the_canonical_query_for_the_user(staff, register_of_appeals):
    client = client_for(staff, "head")
    response = client.post(
        f"{LIST}saved-filters/", {"name": "Прострочені ЖКГ", "query": "overdue=true&department=communal"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/appeals/?department=communal&overdue=1"
    saved = SavedFilter.objects.get()
    assert (saved.user, saved.name, saved.query) == (
        staff["head"],
        "Прострочені ЖКГ",
        "department=communal&overdue=1",
    )
    page = client.get(response["Location"])
    assert "Фільтр «Прострочені ЖКГ» збережено." in text_of(page)
    assert (
        '<a href="/staff/appeals/?department=communal&amp;overdue=1">Прострочені ЖКГ</a>'
        in page.content.decode()
    )
    # The same name again replaces the query.
    client.post(f"{LIST}saved-filters/", {"name": "Прострочені ЖКГ", "query": "overdue=1"})
    assert list(SavedFilter.objects.values_list("query", flat=True)) == ["overdue=1"]


def test_saving_without_a_name_is_422_and_saves_nothing(staff, register_of_appeals):
    client = client_for(staff, "head")
    response = client.post(f"{LIST}saved-filters/", {"name": " ", "query": "status=registered"})
    assert response.status_code == 422
    assert "Це поле обов'язкове." in response.content.decode().replace("&#x27;", "'")
    assert response.context["form"].cleaned_data["status"] == "registered"  # the list stays filtered
    bad_query = client.post(f"{LIST}saved-filters/", {"name": "x", "query": "due_before=never"})
    assert bad_query.status_code == 422
    assert SavedFilter.objects.count() == 0


def test_a_user_never_sees_or_deletes_another_users_saved_filter(staff, register_of_appeals):
    mine = SavedFilter.objects.create(user=staff["head"], name="Мій фільтр", query="status=registered")
    client = client_for(staff, "controller")
    assert "Мій фільтр" not in client.get(LIST).content.decode()
    response = client.post(f"{LIST}saved-filters/{mine.pk}/delete/")
    assert response.status_code == 404
    assert SavedFilter.objects.filter(pk=mine.pk).exists()
    owner = client_for(staff, "head")
    assert "Мій фільтр" in owner.get(LIST).content.decode()
    assert owner.get(f"{LIST}saved-filters/{mine.pk}/delete/").status_code == 405
    response = owner.post(f"{LIST}saved-filters/{mine.pk}/delete/", {"query": "status=in_progress"})
    assert response.status_code == 302 and response["Location"] == "/staff/appeals/?status=in_progress"
    assert not SavedFilter.objects.filter(pk=mine.pk).exists()
    assert "Фільтр «Мій фільтр» видалено." in text_of(owner.get(response["Location"]))


# --- exports -----------------------------------------------------------------------------------------


def header_in_ukrainian() -> list[str]:
    with translation.override("uk"):
        header = exports.export_header()
    # The columns, in this order, in Ukrainian.
    assert header[:3] == ["Реєстраційний індекс", "Дата реєстрації", "Дата надходження"]
    assert header[5:10] == ["Заявник", "Телефон", "Електронна пошта", "Адреса", "Тематика питань"]
    assert header[13:] == ["Термін", "Дата відповіді", "Знято з контролю"] and len(header) == 16
    return header


def read_csv(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, for Excel
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_export_holds_the_filtered_list_and_is_audited(staff, register_of_appeals):
    client = client_for(staff, "controller")
    response = client.get(f"{LIST}export/csv/", {"department": "social", "sort": "number"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="zvernennia-2026-11-21.csv"'
    header, *rows = read_csv(response)
    assert header == header_in_ukrainian()
    assert [row[0] for row in rows] == ["Г-2", "Т-7"]
    pension = rows[0]
    assert pension[1] == "10.11.2026" and pension[2].startswith("10.11.2026 ")
    assert pension[3] == "Електронною поштою" and pension[4] == "Скарга"
    assert pension[7] == "olha@example.com"
    assert pension[9] == "Соціальний захист; Житлова політика"
    assert pension[11] == "на виконанні" and pension[12] == "Управління соцзахисту"
    assert pension[13] == "25.11.2026" and pension[14] == "" and pension[15] == ""
    entry = AuditEntry.objects.get(action="appeals.export")
    assert entry.actor == staff["controller"]
    assert entry.details == {
        "format": "csv",
        "filters": {"department": "social", "sort": "number"},
        "count": 2,
    }
    assert entry.at is not None


def test_csv_export_quotes_and_defuses_what_a_spreadsheet_would_run(staff, register_of_appeals):
    response = client_for(staff, "registrar").get(
        f"{LIST}export/csv/", {"status": "registered", "sort": "number"}
    )
    _header, *rows = read_csv(response)
    noise = next(row for row in rows if row[5] == "Олійник Степан")
    assert noise[10] == "'=Шум уночі"  # a formula in a spreadsheet: kept as text
    assert noise[8] == "вул. Лесі Українки, 3"
    road = next(row for row in rows if row[5] == "Бондар Петро")
    assert road[6] == "0501234567"
    everything = read_csv(client_for(staff, "registrar").get(f"{LIST}export/csv/"))
    heating = next(row for row in everything if row[5] == "Лисенко Андрій")
    assert heating[6] == "+380661112233"  # a phone number stays as it is
    anonymous = next(row for row in everything if row[5] == "анонімне")
    assert anonymous[6:9] == ["", "", ""] and anonymous[13] == "" and anonymous[15].startswith("12.11.2026 ")


def test_xlsx_export_has_a_header_real_dates_and_text_kept_as_text(staff, register_of_appeals):
    client = client_for(staff, "head")
    response = client.get(f"{LIST}export/xlsx/", {"open": "1", "sort": "number"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="zvernennia-2026-11-21.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == header_in_ukrainian()
    assert len(rows) == 1 + 6  # every open appeal
    lift = next(row for row in rows[1:] if row[5] == "Коваленко Іван Петрович")
    assert lift[1] == dt.datetime(2026, 11, 2)  # a real date (openpyxl reads dates back as datetimes)
    assert lift[2] == dt.datetime(2026, 11, 2, 10, 0)  # Kyiv time
    assert lift[13] == dt.datetime(2026, 11, 17)
    assert lift[6] == "+380671234567" and lift[8] == "вул. Шевченка, 1, кв. 2"
    assert lift[11] == "на виконанні" and lift[12] == "Департамент ЖКГ"
    cell = next(r for r in sheet.iter_rows(min_row=2) if r[5].value == "Коваленко Іван Петрович")
    assert cell[1].is_date and cell[1].number_format == "DD.MM.YYYY"
    noise = next(row for row in rows[1:] if row[5] == "Олійник Степан")
    assert noise[10] == "=Шум уночі"  # stored as text, not as a formula
    assert next(r for r in sheet.iter_rows(min_row=2) if r[5].value == "Олійник Степан")[10].data_type == "s"
    entry = AuditEntry.objects.get(action="appeals.export")
    assert entry.details == {"format": "xlsx", "filters": {"open": "1", "sort": "number"}, "count": 6}


EVIL_NAME = "+cmd|' /C calc'!A0"
EVIL_SUMMARY = "@SUM(1+1)*cmd|' /C calc'!A0"  # registration strips leading spaces; the writer's test has them


@pytest.fixture
def hostile_appeal(staff, register_of_appeals):  # type: ignore[no-untyped-def]
    return register(
        staff,
        "2026-11-20T09:00:00",
        applicants=[{"name": EVIL_NAME, "address": '＝HYPERLINK("http://evil")'}],
        issues=[{"topic": "communal", "text": "Вода"}],
        summary=EVIL_SUMMARY,
    )


def test_csv_export_holds_no_live_formula_when_names_and_texts_are_formulas(staff, hostile_appeal):
    from hromada.core.tests.test_tabular import live_formulas

    rows = read_csv(client_for(staff, "registrar").get(f"{LIST}export/csv/"))
    evil = next(row for row in rows if row[5].endswith(EVIL_NAME))
    assert (evil[5], evil[10]) == ("'" + EVIL_NAME, "'" + EVIL_SUMMARY)
    assert evil[8].startswith("'＝")
    assert live_formulas(c for row in rows for c in row) == []


def test_xlsx_export_holds_no_formula_cell_when_names_and_texts_are_formulas(staff, hostile_appeal):
    response = client_for(staff, "registrar").get(f"{LIST}export/xlsx/")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert [c for c in cells if c.data_type == "f"] == []
    (name,) = [c for c in cells if c.value == EVIL_NAME]
    (summary,) = [c for c in cells if c.value == EVIL_SUMMARY]
    assert name.data_type == summary.data_type == "s"


def test_executor_export_holds_only_their_department(staff, register_of_appeals):
    a = register_of_appeals
    client = client_for(staff, "executor_social")
    _header, *rows = read_csv(client.get(f"{LIST}export/csv/"))
    assert sorted(row[5] for row in rows) == ["Гнатюк Ольга", "Ткач Ірина"]
    book = openpyxl.load_workbook(io.BytesIO(b"".join(client.get(f"{LIST}export/xlsx/").streaming_content)))
    names = sorted(row[5] for row in list(book.worksheets[0].iter_rows(values_only=True))[1:])
    assert names == ["Гнатюк Ольга", "Ткач Ірина"]
    entries = AuditEntry.objects.filter(action="appeals.export", actor=staff["executor_social"])
    assert [e.details["count"] for e in entries] == [2, 2]
    assert {a["pension"], a["school"]} == set(listed(client))


def test_export_past_the_limit_asks_first_and_then_writes_only_the_limit(
    staff, register_of_appeals, monkeypatch
):
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 3)
    client = client_for(staff, "registrar")
    response = client.get(f"{LIST}export/csv/", {"sort": "number"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    text = text_of(response)
    assert "У списку понад 3 звернень" in text and "перші 3" in text
    assert not AuditEntry.objects.filter(action="appeals.export").exists()
    confirm = response.context["confirm_url"]
    assert confirm == "/staff/appeals/export/csv/?sort=number&confirm=1"
    _header, *rows = read_csv(client.get(confirm))
    assert len(rows) == 3
    assert AuditEntry.objects.get(action="appeals.export").details["count"] == 3


def test_export_with_an_invalid_filter_is_400_and_not_audited(staff, register_of_appeals):
    response = client_for(staff, "registrar").get(f"{LIST}export/csv/", {"due_before": "31.02.2026"})
    assert response.status_code == 400 and "Введіть коректну дату." in response.content.decode()
    assert client_for(staff, "registrar").get(f"{LIST}export/pdf/").status_code == 404
    assert not AuditEntry.objects.filter(action="appeals.export").exists()


def test_list_offers_exports_of_the_current_filters(staff, register_of_appeals):
    response = client_for(staff, "registrar").get(LIST, {"status": "registered", "sort": "-number"})
    assert response.context["csv_url"] == "/staff/appeals/export/csv/?status=registered&sort=-number"
    assert response.context["xlsx_url"] == "/staff/appeals/export/xlsx/?status=registered&sort=-number"
    html = response.content.decode()
    assert 'href="/staff/appeals/export/csv/?status=registered&amp;sort=-number"' in html
