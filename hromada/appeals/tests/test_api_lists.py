"""The appeals API's register: filters, pagination, text search, and query counts that do not grow
with the register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hromada.appeals import services
from hromada.appeals.models import Issue
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.tests.api_helpers import ids, register, resolve
from hromada.testing import appeal_body

pytestmark = pytest.mark.django_db


# --- the register: filters, pagination, search ----------------------------------------------------


@pytest.fixture
def register_of_appeals(api, staff):
    """Six appeals of 2-20 November 2026 with different channels, topics, authors and departments."""
    made = {
        "lift": register(api, received_at="2026-11-02T09:30:00"),
        "road": register(
            api,
            channel="phone",
            received_at="2026-11-05T12:00:00",
            applicants=[{"name": "Бондар Петро", "phone": "0931234567"}],
            issues=[{"topic": "transport", "text": "Яма на дорозі біля школи"}],
            summary="Яма",
            text="",
        ),
        "pension": register(
            api,
            channel="email",
            received_at="2026-11-10T10:00:00",
            applicants=[
                {"name": "Гнатюк Ольга", "email": "olha@example.com", "categories": ["disability_1"]}
            ],
            issues=[{"topic": "social_protection", "text": "Перерахунок субсидії"}],
            summary="Субсидія",
            text="",
        ),
        "heating": register(
            api,
            channel="gov_hotline",
            external_id="UKC-77",
            received_at="2026-11-12T15:00:00",
            applicants=[{"name": "Лисенко Андрій", "phone": "0661112233"}],
            issues=[
                {"topic": "communal", "text": "Немає опалення"},
                {"topic": "housing", "text": "Вологі стіни"},
            ],
            summary="Опалення",
            text="",
        ),
        "tree": register(
            api,
            channel="phone",
            received_at="2026-11-16T08:00:00",
            applicants=[{"name": "Ткач Ірина", "phone": "0997776655", "categories": ["large_family"]}],
            issues=[{"topic": "ecology", "text": "Аварійне дерево у дворі"}],
            summary="Дерево",
            text="",
        ),
        "noise": register(
            api,
            channel="post",
            received_at="2026-11-20T11:00:00",
            applicants=[{"name": "Олійник Степан", "address": "вул. Лесі Українки, 3"}],
            issues=[{"topic": "law_order", "text": "Шум уночі в кафе"}],
            summary="Шум",
            text="",
        ),
    }
    resolve(api, made["lift"]["id"], lead_department="communal", co_departments=["social"])
    resolve(api, made["pension"]["id"], lead_department="social")
    resolve(api, made["heating"]["id"], lead_department="communal", co_departments=["legal"])
    return {key: value["id"] for key, value in made.items()}


def test_list_filters_with_counts(api, register_of_appeals):
    a = register_of_appeals
    client = api("controller")

    def listed(**params) -> set[int]:
        response = client.get("/appeals", **params)
        assert response.status_code == 200, response.content
        page = response.json()
        assert page["count"] == len(page["items"])  # all fit the default page
        return set(ids(page))

    assert listed() == set(a.values())
    assert listed(status="registered") == {a["road"], a["tree"], a["noise"]}
    assert listed(status="in_progress") == {a["lift"], a["pension"], a["heating"]}
    assert listed(channel="phone") == {a["road"], a["tree"]}
    assert listed(topic="communal") == {a["lift"], a["heating"]}
    assert listed(topic="housing") == {a["heating"]}
    assert listed(department="communal") == {a["lift"], a["heating"]}
    assert listed(department="social") == {a["lift"], a["pension"]}  # lead or co-executor
    assert listed(department="legal") == {a["heating"]}
    assert listed(priority="true") == {a["pension"], a["tree"]}
    assert listed(priority="false") == {a["lift"], a["road"], a["heating"], a["noise"]}
    assert listed(received_from="2026-11-10", received_to="2026-11-16") == {
        a["pension"],
        a["heating"],
        a["tree"],
    }
    assert listed(received_to="2026-11-02") == {a["lift"]}
    # lift and heating: 15 days from 02.11 and 12.11 → 17.11 and 27.11; pension 15 days → 25.11.
    assert listed(due_before="2026-11-26") == {a["lift"], a["pension"]}
    assert listed(channel="phone", priority="true") == {a["tree"]}
    assert listed(topic="communal", department="legal", status="in_progress") == {a["heating"]}
    assert listed(status="closed") == set()

    # Priority authors come first, then the nearest due date.
    items = client.get("/appeals").json()["items"]
    assert [i["id"] for i in items[:2]] == [a["pension"], a["tree"]]
    assert all(i["priority"] for i in items[:2]) and not any(i["priority"] for i in items[2:])
    first = items[0]
    assert first == {
        "id": a["pension"],
        "number": "Г-3",
        "status": "in_progress",
        "channel": "email",
        "registered_at": "2026-11-10",
        "due_date": "2026-11-25",
        "overdue": timezone.localdate() > dt.date(2026, 11, 25),
        "priority": True,
        "summary": "Субсидія",
        "applicant": "Гнатюк Ольга",
        "lead_department": "social",
    }


def test_list_rejects_bad_filter_values(api, register_of_appeals):
    response = api("controller").get("/appeals", due_before="31.12.2026")
    assert response.status_code == 422
    (error,) = response.json()
    assert error["field"].endswith("due_before")
    response = api("controller").get("/appeals", priority="maybe")
    assert response.status_code == 422


def test_pagination_keeps_the_total_count(api, register_of_appeals):
    client = api("controller")
    everything = ids(client.get("/appeals", page_size=100).json())
    assert len(everything) == 6

    pages = [client.get("/appeals", page=n, page_size=4).json() for n in (1, 2, 3)]
    assert [p["count"] for p in pages] == [6, 6, 6]
    assert [p["page"] for p in pages] == [1, 2, 3]
    assert [p["page_size"] for p in pages] == [4, 4, 4]
    assert [len(p["items"]) for p in pages] == [4, 2, 0]
    assert ids(pages[0]) + ids(pages[1]) == everything

    filtered = client.get("/appeals", status="registered", page=2, page_size=2).json()
    assert filtered["count"] == 3
    assert len(filtered["items"]) == 1

    # Out-of-range pages and sizes are refused with the field (the schema documents the bounds).
    refused = client.get("/appeals", page=0, page_size=0)
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()} == {"page", "page_size"}
    assert client.get("/appeals", page_size=200).json()["page_size"] == 200
    assert client.get("/appeals", page_size=201).status_code == 422


def test_overdue_filter(api):
    today = timezone.localdate()
    # Received in September 2026: the 1-month term ran out long ago.
    late = register(api, received_at="2026-09-01T10:00:00")
    late_resolved = register(api, received_at="2026-09-02T10:00:00", applicants=[{"name": "Петренко Ганна"}])
    resolve(api, late_resolved["id"], term="15d")
    # Late but answered and closed: no longer overdue.
    late_closed = register(api, received_at="2026-09-03T10:00:00", applicants=[{"name": "Савчук Юрій"}])
    resolve(api, late_closed["id"])
    api("head").post(
        f"/appeals/{late_closed['id']}/answer",
        {"text": "Вирішено", "results": [{"issue": late_closed["issues"][0]["id"], "result": "resolved"}]},
    )
    assert api("head").post(f"/appeals/{late_closed['id']}/close").status_code == 200
    # Received today (no received_at): due in a month from now, never overdue.
    fresh = register(api, received_at=None, applicants=[{"name": "Кравець Олег"}])
    assert dt.date.fromisoformat(fresh["due_date"]) > today

    client = api("controller")
    page = client.get("/appeals", overdue="true").json()
    assert page["count"] == 2
    assert set(ids(page)) == {late["id"], late_resolved["id"]}
    assert all(item["overdue"] for item in page["items"])

    page = client.get("/appeals", overdue="false").json()
    assert set(ids(page)) == {late_closed["id"], fresh["id"]}
    assert not any(item["overdue"] for item in page["items"])

    assert client.get(f"/appeals/{late['id']}").json()["overdue"] is True
    assert client.get(f"/appeals/{late_closed['id']}").json()["overdue"] is False
    assert client.get(f"/appeals/{fresh['id']}").json()["overdue"] is False

    # due_before: strictly before the date.
    page = client.get("/appeals", due_before=late["due_date"]).json()  # 01.10.2026
    assert set(ids(page)) == {late_resolved["id"], late_closed["id"]}  # due 17.09 and 18.09.2026


def test_text_filter_finds_word_forms(api):
    lift = register(api, issues=[{"topic": "communal", "text": "Не працює ліфт"}], summary="", text="")
    road = register(
        api,
        applicants=[{"name": "Бондар Петро"}],
        issues=[{"topic": "transport", "text": "Яма на дорозі"}],
        summary="",
        text="",
    )
    client = api("registrar")
    assert ids(client.get("/appeals", text="ліфтів").json()) == [lift["id"]]
    assert ids(client.get("/appeals", text="ЛІФТА").json()) == [lift["id"]]
    assert ids(client.get("/appeals", text="ями на дорогах").json()) == [road["id"]]
    assert client.get("/appeals", text="ліфт дорога").json()["count"] == 0  # every word must match
    assert client.get("/appeals", text="opalennia").json()["count"] == 0
    assert client.get("/appeals", text="!!!").json()["count"] == 2  # no words: no condition


# --- query counts -----------------------------------------------------------------------------------


def _fill(staff, n: int, start: int) -> list[int]:
    """`n` appeals with two authors, two issues, categories and co-executors, registered in one batch."""
    items = [
        AppealRegisterIn(
            **appeal_body(
                received_at=f"2026-11-{2 + (start + k) % 18:02d}T10:00:00",
                applicants=[
                    {"name": f"Автор{start + k} Перший", "categories": ["combatant", "labour_veteran"]},
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
    outcomes = services.register_appeals(items, actor=staff["registrar"])
    made = [o.appeal.pk for o in outcomes if o.appeal is not None]
    assert len(made) == len(outcomes)
    for pk in made[::2]:
        services.resolve_appeal(
            actor=staff["head"],
            appeal_id=pk,
            lead_department="communal",
            lead_executor="executor_communal",
            co_departments=["social", "legal"],
            term="15d",
        )
    return made


def _queries(client, path: str, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, **params)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["controller", "executor_communal"])
def test_list_query_count_does_not_grow(api, staff, who, django_assert_max_num_queries):
    client = api(who)
    _fill(staff, 3, 0)
    client.get("/appeals")  # warm-up
    small = _queries(client, "/appeals", page_size=100)
    assert small <= 5
    _fill(staff, 27, 3)
    with django_assert_max_num_queries(small):
        page = client.get("/appeals", page_size=100).json()
    assert page["count"] == (30 if who == "controller" else 16)
    with django_assert_max_num_queries(small):
        client.get(
            "/appeals", page_size=100, topic="housing", department="communal", text="ліфт", overdue="false"
        )


@pytest.mark.parametrize("who", ["controller", "executor_communal"])
def test_detail_query_count_does_not_grow(api, staff, who, django_assert_max_num_queries):
    client = api(who)
    made = _fill(staff, 3, 0)
    first_issue = Issue.objects.filter(appeal_id=made[0]).first()
    assert first_issue is not None
    services.answer_appeal(
        actor=staff["head"], appeal_id=made[0], text="Ок", results=[(first_issue.pk, "resolved")]
    )
    client.get(f"/appeals/{made[0]}")  # warm-up
    small = _queries(client, f"/appeals/{made[0]}")
    assert small <= 12
    made += _fill(staff, 27, 3)
    for pk in (made[0], made[-1]):
        with django_assert_max_num_queries(small):
            data = client.get(f"/appeals/{pk}").json()
        assert len(data["applicants"]) == 2
        assert len(data["issues"]) == 2
        assert set(data["co_departments"]) == {"social", "legal"}

    # A big appeal: many authors with categories, many answered issues — still the same queries.
    (outcome,) = services.register_appeals(
        [
            AppealRegisterIn(
                **appeal_body(
                    applicants=[
                        {"name": f"Підписант{k} Колективний", "categories": ["combatant", "single_mother"]}
                        for k in range(6)
                    ],
                    issues=[{"topic": "communal", "text": f"Питання {k}"} for k in range(9)],
                )
            )
        ],
        actor=staff["registrar"],
    )
    assert outcome.appeal is not None
    big = outcome.appeal.pk
    services.resolve_appeal(
        actor=staff["head"], appeal_id=big, lead_department="communal", co_departments=["social"], term="1m"
    )
    services.answer_appeal(
        actor=staff["head"],
        appeal_id=big,
        text="Відповідь",
        results=[
            (pk, "explained") for pk in Issue.objects.filter(appeal_id=big).values_list("pk", flat=True)
        ],
    )
    with django_assert_max_num_queries(small):
        data = client.get(f"/appeals/{big}").json()
    assert len(data["applicants"]) == 6
    assert all(a["categories"] == ["combatant", "single_mother"] for a in data["applicants"])
    assert [i["result"] for i in data["issues"]] == ["explained"] * 9
