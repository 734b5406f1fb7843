"""The staff list of appeals: filters (the dashboard's links among them), sorting, pages, counts
(saved filters and exports: test_views_lists_exports.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from hromada.appeals.models import SavedFilter
from hromada.appeals.tests.list_register import (
    LIST,
    build_register,
    client_for,
    listed,
    pending_messages,
    text_of,
)
from hromada.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _ukrainian_messages_of_the_list():
    """This page's Ukrainian messages, until they are in the compiled catalogue (see list_register)."""
    yield from pending_messages()


@pytest.fixture
def register_of_appeals(staff, settings):
    return build_register(staff, settings)


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

    def found(**params) -> set[int]:
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
    # The controller's table: every figure, as lead executor and as co-executor, links to a list of
    # exactly that many appeals (the filters lead_department, co_department, unassigned).
    client = client_for(staff, "controller")
    table = client.get("/staff/").context["departments"]
    for row in [*table.rows, table.total]:
        for figure in (row.lead_open, row.lead_overdue, row.co_open, row.co_overdue):
            if figure is None:
                continue
            response = client.get(figure.url)
            assert response.status_code == 200 and response.context["page"].count == figure.count, figure.url


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
