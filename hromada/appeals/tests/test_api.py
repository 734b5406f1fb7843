"""The appeals API end to end: registration, the legal lifecycle, the register's filters, refusals.

Appeals are registered with fixed receipt dates in November 2026 so that registration dates and
terms are exact; whatever depends on "today" (overdue, reopening, forwarding) is computed from
`timezone.localdate()`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hromada.appeals import deadlines, services
from hromada.appeals.models import Answer, Appeal, AppealEvent, Applicant, Issue, Note, Resolution
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services.common import term_rules
from hromada.testing import appeal_body, kyiv

pytestmark = pytest.mark.django_db

PHONE_APPEAL = {
    "channel": "phone",
    "kind": "application",
    "received_at": "2026-11-16T10:00:00",
    "applicants": [
        {
            "name": "Мельник Олена Василівна",
            "address": "вул. Садова, 5, кв. 10",
            "phone": "0501112233",
            "categories": ["combatant"],
        }
    ],
    "issues": [
        {"topic": "communal", "text": "Не працює ліфт у другому під'їзді"},
        {"topic": "housing", "text": "Протікає дах над квартирою"},
    ],
    "summary": "Ліфт і дах",
    "text": "Прошу полагодити ліфт і дах.",
}


def counts() -> dict[str, int]:
    """Rows of every table a request may write: a refused request must leave all of them as they were."""
    return {
        model.__name__: model.objects.count()
        for model in (Appeal, Applicant, Issue, AppealEvent, Resolution, Note, Answer)
    }


def register(api, who: str = "registrar", **overrides) -> dict:  # type: ignore[no-untyped-def]
    response = api(who).post("/appeals", appeal_body(**overrides))
    assert response.status_code == 201, response.content
    return response.json()


def resolve(api, appeal_id: int, who: str = "head", **body) -> dict:  # type: ignore[no-untyped-def]
    payload = {"lead_department": "communal", "term": "15d", "instruction": "Розглянути"} | body
    response = api(who).post(f"/appeals/{appeal_id}/resolution", payload)
    assert response.status_code == 200, response.content
    return response.json()


def ids(page: dict) -> list[int]:
    return [item["id"] for item in page["items"]]


# --- the lifecycle ---------------------------------------------------------------------------------


def test_full_lifecycle_through_the_api(api, staff):
    # Registration of a phone call raising two issues, from a combatant (a priority author).
    response = api("registrar").post("/appeals", PHONE_APPEAL)
    assert response.status_code == 201, response.content
    appeal = response.json()
    appeal_id = appeal["id"]
    assert appeal["number"] == "М-1"
    assert appeal["status"] == "registered"
    assert appeal["channel"] == "phone"
    assert appeal["subject"] == "individual"
    assert appeal["feature"] == "primary"
    assert appeal["registered_at"] == "2026-11-16"
    assert appeal["due_date"] == "2026-12-16"  # 1 month until a resolution says otherwise
    assert appeal["priority"] is True
    assert appeal["links"] == {"repeated_of": None, "duplicate_of": None}
    assert appeal["applicants"][0]["categories"] == ["combatant"]
    issue1, issue2 = appeal["issues"]
    assert (issue1["position"], issue1["topic"], issue1["result"]) == (1, "communal", None)
    assert (issue2["position"], issue2["topic"], issue2["result"]) == (2, "housing", None)

    assert api("head").get(f"/appeals/{appeal_id}").json() == appeal

    # Resolution: communal leads, social co-executes, 15 days.
    appeal = resolve(
        api,
        appeal_id,
        lead_executor="executor_communal",
        co_departments=["social"],
        instruction="Перевірити ліфт і дах, відповісти заявниці.",
    )
    assert appeal["status"] == "in_progress"
    assert appeal["due_date"] == "2026-12-01"
    assert appeal["lead_department"] == "communal"
    assert appeal["lead_executor"] == "executor_communal"
    assert appeal["co_departments"] == ["social"]

    # Progress note by the co-executor, draft answer by the lead executor.
    response = api("executor_social").post(f"/appeals/{appeal_id}/notes", {"text": "Дах — не наше питання"})
    assert response.status_code == 201, response.content
    response = api("executor_communal").post(
        f"/appeals/{appeal_id}/notes", {"text": "Проєкт відповіді: ліфт полагоджено", "draft_answer": True}
    )
    assert response.status_code == 201, response.content
    assert list(Note.objects.filter(appeal_id=appeal_id).values_list("kind", flat=True)) == [
        "progress",
        "draft_answer",
    ]

    # The first issue is answered; the appeal stays in progress.
    response = api("executor_communal").post(
        f"/appeals/{appeal_id}/answer",
        {
            "text": "Ліфт відремонтовано 20.11.2026.",
            "results": [{"issue": issue1["id"], "result": "resolved"}],
        },
    )
    assert response.status_code == 200, response.content
    appeal = response.json()
    assert appeal["status"] == "in_progress"
    assert [i["result"] for i in appeal["issues"]] == ["resolved", None]
    assert appeal["answered_at"] is None

    # Closing is refused and names the issue without a result; nothing changes.
    before = counts()
    response = api("controller").post(f"/appeals/{appeal_id}/close")
    assert response.status_code == 422, response.content
    error = response.json()
    assert error["code"] == "unanswered_issues"
    assert error["field"] == "issues"
    assert "№2" in error["message"]
    assert "Протікає дах" in error["message"]
    assert "№1" not in error["message"]
    assert counts() == before
    assert Appeal.objects.get(pk=appeal_id).status == "in_progress"

    # The second issue is answered: the appeal is answered and can be closed.
    response = api("executor_communal").post(
        f"/appeals/{appeal_id}/answer",
        {
            "text": "Дах включено до плану ремонту.",
            "results": [{"issue": issue2["id"], "result": "explained"}],
        },
    )
    assert response.status_code == 200, response.content
    appeal = response.json()
    assert appeal["status"] == "answered"
    assert [i["result"] for i in appeal["issues"]] == ["resolved", "explained"]
    assert appeal["answered_at"] is not None

    response = api("controller").post(f"/appeals/{appeal_id}/close")
    assert response.status_code == 200, response.content
    appeal = response.json()
    assert appeal["status"] == "closed"
    assert appeal["closed_at"] is not None
    assert appeal["overdue"] is False

    # Returned for rework (доопрацювання) with a new 1-month term counted from today.
    response = api("registrar").post(
        f"/appeals/{appeal_id}/reopen", {"reason": "УКЦ повернув на доопрацювання", "term": "1m"}
    )
    assert response.status_code == 200, response.content
    appeal = response.json()
    today = timezone.localdate()
    new_due = deadlines.due_date_for_term(today, "1m", term_rules())
    assert appeal["status"] == "in_progress"
    assert appeal["due_date"] == new_due.isoformat()
    assert [i["result"] for i in appeal["issues"]] == [None, None]
    assert appeal["closed_at"] is None
    assert appeal["answered_at"] is None
    assert appeal["lead_department"] == "communal"

    # The timeline: every step, in order, with its actor and the values before and after.
    response = api("controller").get(f"/appeals/{appeal_id}/events")
    assert response.status_code == 200, response.content
    events = response.json()
    assert [(e["action"], e["actor"]) for e in events] == [
        ("registered", "registrar"),
        ("resolved", "head"),
        ("note", "executor_social"),
        ("draft_answer", "executor_communal"),
        ("answered", "executor_communal"),
        ("answered", "executor_communal"),
        ("closed", "controller"),
        ("reopened", "registrar"),
    ]
    times = [dt.datetime.fromisoformat(e["at"]) for e in events]
    assert times == sorted(times)
    registered, resolved, _note, _draft, answered1, answered2, closed, reopened = (e["data"] for e in events)
    assert registered["number"] == "М-1"
    assert registered["due_date"] == "2026-12-16"
    assert resolved["before"] == {"status": "registered", "due_date": "2026-12-16", "lead_department": None}
    assert resolved["after"] == {
        "status": "in_progress",
        "due_date": "2026-12-01",
        "lead_department": "communal",
    }
    assert resolved["co_departments"] == ["social"]
    assert resolved["lead_executor"] == "executor_communal"
    assert resolved["term"] == "15d"
    assert answered1["before"] == {"status": "in_progress", "results": {str(issue1["id"]): None}}
    assert answered1["after"] == {"status": "in_progress", "results": {str(issue1["id"]): "resolved"}}
    assert answered2["before"] == {"status": "in_progress", "results": {str(issue2["id"]): None}}
    assert answered2["after"] == {"status": "answered", "results": {str(issue2["id"]): "explained"}}
    assert closed["before"] == {"status": "answered"}
    assert closed["after"] == {"status": "closed"}
    assert reopened["before"] == {
        "status": "closed",
        "due_date": "2026-12-01",
        "results": {str(issue1["id"]): "resolved", str(issue2["id"]): "explained"},
    }
    assert reopened["after"] == {"status": "in_progress", "due_date": new_due.isoformat()}
    assert reopened["reason"] == "УКЦ повернув на доопрацювання"


def test_registration_response_and_links_to_earlier_appeals(api):
    first = register(api)
    assert first["number"] == "К-1"
    assert first["status"] == "registered"
    assert first["feature"] == "primary"
    assert first["priority"] is False
    assert first["registered_at"] == "2026-11-16"
    assert first["due_date"] == "2026-12-16"
    assert dt.datetime.fromisoformat(first["received_at"]) == kyiv(2026, 11, 16, 10, 0)

    # The same person on the same topic again: repeated, linked to the first.
    repeated = register(
        api, received_at="2026-11-18T11:00:00", text="Ліфт досі не працює.", summary="Знову ліфт"
    )
    assert repeated["number"] == "К-2"
    assert repeated["feature"] == "repeated"
    assert repeated["links"]["repeated_of"] == {"id": first["id"], "number": "К-1"}

    # The very same appeal through another channel: a duplicate.
    duplicate = register(
        api,
        channel="email",
        received_at="2026-11-17T12:00:00",
        applicants=[{"name": "Коваленко Іван Петрович", "phone": "0671234567", "email": "ivan@example.com"}],
    )
    assert duplicate["feature"] == "duplicate"
    assert duplicate["links"]["duplicate_of"] == {"id": first["id"], "number": "К-1"}


def test_collective_and_anonymous_registration(api):
    collective = register(
        api,
        applicants=[{"name": "Іваненко Марія", "address": "вул. Миру, 1"}, {"name": "Петренко Олег"}],
        signatories=37,
    )
    assert collective["number"] == "КО-1"
    assert collective["subject"] == "collective"
    assert collective["signatories"] == 37
    assert [a["name"] for a in collective["applicants"]] == ["Іваненко Марія", "Петренко Олег"]

    # Anonymous (Law art. 8): registered with the БП mark, not considered, closed at once.
    anonymous = register(api, anonymous=True, applicants=[])
    assert anonymous["number"] == "БП-2"
    assert anonymous["subject"] == "anonymous"
    assert anonymous["status"] == "closed"
    assert anonymous["due_date"] is None
    assert [i["result"] for i in anonymous["issues"]] == ["not_considered"]
    response = api("registrar").post(f"/appeals/{anonymous['id']}/reopen", {"reason": "Помилка"})
    assert response.status_code == 409
    assert response.json()["code"] == "wrong_status"


def test_resolution_with_an_explicit_due_date_and_a_later_resolution(api):
    appeal = register(api)
    resolved = resolve(api, appeal["id"], term=None, due_date="2026-11-27")
    assert resolved["due_date"] == "2026-11-27"
    # A later resolution replaces the executors and the term.
    resolved = resolve(api, appeal["id"], lead_department="social", co_departments=["legal"], term="1m")
    assert resolved["lead_department"] == "social"
    assert resolved["co_departments"] == ["legal"]
    assert resolved["due_date"] == "2026-12-16"
    assert Resolution.objects.filter(appeal_id=appeal["id"]).count() == 2


def test_resolution_refusals_save_nothing(api):
    appeal = register(api)
    before = counts()
    cases = [
        ({"lead_department": "nowhere", "term": "15d"}, "lead_department", None),
        ({"lead_department": "communal"}, "term", "required"),
        ({"lead_department": "communal", "term": "2w"}, "term", "string_pattern_mismatch"),
        (
            {"lead_department": "communal", "lead_executor": "executor_social", "term": "15d"},
            "lead_executor",
            None,
        ),
        ({"lead_department": "communal", "co_departments": ["x"], "term": "15d"}, "co_departments.0", None),
        ({"lead_department": "communal", "due_date": "2026-11-10"}, "due_date", "too_early"),
    ]
    for body, field, code in cases:
        response = api("head").post(f"/appeals/{appeal['id']}/resolution", body)
        assert response.status_code == 422, (body, response.content)
        errors = response.json()
        assert isinstance(errors, list), errors
        assert field in [e["field"] for e in errors], (body, errors)
        if code:
            assert code in [e["code"] for e in errors], (body, errors)
    # More than a month without an extension: a domain refusal naming the latest date.
    response = api("head").post(
        f"/appeals/{appeal['id']}/resolution", {"lead_department": "communal", "due_date": "2026-12-20"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "term_too_long"
    assert "16.12.2026" in response.json()["message"]
    assert counts() == before
    assert Appeal.objects.get(pk=appeal["id"]).status == "registered"


# --- extension, forwarding ---------------------------------------------------------------------


def test_extension_within_45_days_and_refusal_past_them(api):
    appeal = register(api)  # registered 16.11.2026: 45 days end on 31.12.2026
    resolve(api, appeal["id"])  # due 01.12.2026
    before = counts()

    response = api("head").post(
        f"/appeals/{appeal['id']}/extend", {"due_date": "2027-01-04", "reason": "Потрібна експертиза"}
    )
    assert response.status_code == 422, response.content
    error = response.json()
    assert error["code"] == "term_too_long"
    assert error["field"] == "due_date"
    assert "31.12.2026" in error["message"]
    assert "45" in error["message"]
    assert counts() == before
    assert Appeal.objects.get(pk=appeal["id"]).due_date == dt.date(2026, 12, 1)

    response = api("head").post(
        f"/appeals/{appeal['id']}/extend", {"due_date": "2026-11-30", "reason": "Раніше"}
    )
    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json()] == [("due_date", "not_later")]
    assert counts() == before

    response = api("head").post(
        f"/appeals/{appeal['id']}/extend", {"due_date": "2026-12-31", "reason": "Потрібна експертиза"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["due_date"] == "2026-12-31"
    event = AppealEvent.objects.filter(appeal_id=appeal["id"]).last()
    assert event.action == "extended"
    assert event.actor.username == "head"
    assert event.data == {
        "before": {"due_date": "2026-12-01"},
        "after": {"due_date": "2026-12-31"},
        "reason": "Потрібна експертиза",
    }


def test_extension_latest_date_moves_off_a_day_off(api):
    # Registered 04.11.2026: day 45 is 19.12.2026, a Saturday; the latest working day is 18.12.2026.
    appeal = register(api, received_at="2026-11-04T10:00:00")
    resolve(api, appeal["id"])
    response = api("head").post(
        f"/appeals/{appeal['id']}/extend", {"due_date": "2026-12-20", "reason": "Експертиза"}
    )
    assert response.status_code == 422, response.content
    assert "18.12.2026" in response.json()["message"]
    # The ceiling itself is accepted and settles on the working day before it.
    response = api("head").post(
        f"/appeals/{appeal['id']}/extend", {"due_date": "2026-12-19", "reason": "Експертиза"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["due_date"] == "2026-12-18"


def test_forward_to_the_competent_body(api):
    appeal = register(api)
    appeal_id = appeal["id"]
    before = counts()
    response = api("head").post(f"/appeals/{appeal_id}/forward", {"to": "  ", "reason": ""})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()} == {"to", "reason"}
    assert counts() == before

    response = api("head").post(
        f"/appeals/{appeal_id}/forward",
        {"to": "Головне управління Держгеокадастру", "reason": "Поза компетенцією"},
    )
    assert response.status_code == 200, response.content
    data = response.json()
    today = timezone.localdate()
    assert data["status"] == "forwarded"
    assert data["overdue"] is False
    assert data["forwarding"] == {
        "to": "Головне управління Держгеокадастру",
        "forwarded_on": today.isoformat(),
        "deadline": "2026-11-21",
        "late": today > dt.date(2026, 11, 21),
    }
    assert [i["result"] for i in data["issues"]] == ["forwarded"]
    assert data["closed_at"] is not None
    event = AppealEvent.objects.filter(appeal_id=appeal_id).last()
    assert (event.action, event.actor.username) == ("forwarded", "head")
    assert event.data["before"] == {"status": "registered"}
    assert event.data["after"] == {"status": "forwarded"}
    assert event.data["to"] == "Головне управління Держгеокадастру"

    # A forwarded appeal is not worked any more…
    response = api("head").post(
        f"/appeals/{appeal_id}/resolution", {"lead_department": "communal", "term": "15d"}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "wrong_status"
    # …but can be returned, which clears the forwarding.
    response = api("head").post(f"/appeals/{appeal_id}/reopen", {"reason": "Помилково переслано"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "registered"
    assert data["forwarding"]["to"] == ""
    assert data["forwarding"]["forwarded_on"] is None
    assert data["due_date"] == deadlines.due_date_for_term(today, "15d", term_rules()).isoformat()


def test_reopen_with_an_explicit_due_date_and_status_refusals(api):
    appeal = register(api)
    appeal_id = appeal["id"]
    # Only answered, closed or forwarded appeals are returned for rework.
    response = api("registrar").post(f"/appeals/{appeal_id}/reopen", {"reason": "x"})
    assert response.status_code == 409
    assert response.json()["code"] == "wrong_status"
    assert response.json()["field"] == "status"
    # Closing needs a resolution first.
    response = api("controller").post(f"/appeals/{appeal_id}/close")
    assert response.status_code == 409

    resolve(api, appeal_id)
    issue = appeal["issues"][0]["id"]
    api("head").post(
        f"/appeals/{appeal_id}/answer", {"text": "Ок", "results": [{"issue": issue, "result": "resolved"}]}
    )
    assert api("head").post(f"/appeals/{appeal_id}/close").status_code == 200

    today = timezone.localdate()
    wanted = today + dt.timedelta(days=10)
    before = counts()
    response = api("registrar").post(f"/appeals/{appeal_id}/reopen", {"reason": "  "})
    assert response.status_code == 422
    assert response.json()[0]["field"] == "reason"
    response = api("registrar").post(
        f"/appeals/{appeal_id}/reopen",
        {"reason": "Повернуто", "due_date": (today - dt.timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 422
    assert response.json()[0]["code"] == "too_early"
    assert counts() == before

    response = api("registrar").post(
        f"/appeals/{appeal_id}/reopen", {"reason": "Повернуто", "due_date": wanted.isoformat()}
    )
    assert response.status_code == 200, response.content
    expected = deadlines.settle(wanted, term_rules(), limit=deadlines.month_limit(today))
    assert response.json()["due_date"] == expected.isoformat()
    assert response.json()["status"] == "in_progress"


def test_answer_refusals(api):
    appeal = register(api)
    other = register(api, applicants=[{"name": "Шевчук Марія"}])
    appeal_id = appeal["id"]
    resolve(api, appeal_id)
    issue = appeal["issues"][0]["id"]
    before = counts()
    response = api("executor_communal").post(
        f"/appeals/{appeal_id}/answer",
        {
            "text": "",
            "results": [
                {"issue": issue, "result": "resolved"},
                {"issue": issue, "result": "nonsense"},
                {"issue": other["issues"][0]["id"], "result": "resolved"},
            ],
        },
    )
    assert response.status_code == 422
    got = {(e["field"], e["code"]) for e in response.json()}
    assert got == {
        ("text", "required"),
        ("results.1.issue", "duplicate"),
        ("results.1.result", "unknown"),
        ("results.2.issue", "unknown"),
    }
    response = api("executor_communal").post(f"/appeals/{appeal_id}/answer", {"text": "Ок", "results": []})
    assert response.status_code == 422
    assert response.json()[0]["field"] == "results"
    assert counts() == before


# --- the register: filters, pagination, search ----------------------------------------------------


@pytest.fixture
def register_of_appeals(api, staff):  # type: ignore[no-untyped-def]
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

    def listed(**params) -> set[int]:  # type: ignore[no-untyped-def]
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


# --- registration refusals ---------------------------------------------------------------------


def test_same_card_twice_is_409_already_registered(api):
    card = {"channel": "gov_hotline", "external_id": "1545-000123", "received_at": "2026-11-16T10:00:00"}
    first = register(api, **card)
    before = counts()
    response = api("registrar").post("/appeals", appeal_body(**card))
    assert response.status_code == 409, response.content
    error = response.json()
    assert error["code"] == "already_registered"
    assert error["field"] == "external_id"
    assert first["number"] in error["message"]
    assert counts() == before

    # The same number from another contact center is another card (a duplicate of the first).
    other = register(api, **(card | {"channel": "regional_hotline"}))
    assert other["number"] == "К-2"  # the refused request took no number
    assert other["feature"] == "duplicate"
    assert other["links"]["duplicate_of"]["id"] == first["id"]


def test_schema_errors_are_422_with_dotted_paths_in_ukrainian(api):
    body = appeal_body(
        signatories=0,
        applicants=[{"name": "Коваленко Іван", "phone": "1" * 41}],
        issues=[{"text": "Без теми"}],
        colour="red",
    )
    response = api("registrar").post("/appeals", body)
    assert response.status_code == 422, response.content
    errors = {e["field"]: e for e in response.json()}
    assert set(errors) == {"signatories", "applicants.0.phone", "issues.0.topic", "colour"}
    assert errors["issues.0.topic"]["code"] == "missing"
    assert errors["issues.0.topic"]["message"] == "Це поле обов'язкове."
    assert errors["signatories"]["message"] == "Значення має бути не меншим за 1."
    assert errors["applicants.0.phone"]["message"] == "Значення має містити не більше 40 символів."
    assert errors["colour"]["message"] == "Невідоме поле."
    assert Appeal.objects.count() == 0


def test_schema_errors_in_english(api):
    body = appeal_body(signatories=0, issues=[{"text": "Без теми"}])
    response = api("registrar", "en").post("/appeals", body)
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()}
    assert errors == {
        "signatories": "Ensure this value is at least 1.",
        "issues.0.topic": "This field is required.",
    }


def test_content_errors_are_422_with_dotted_paths_in_ukrainian(api):
    body = appeal_body(
        channel="pigeon",
        applicants=[{"name": "Коваленко Іван", "email": "not-an-email"}, {"name": ""}],
        issues=[{"topic": "communal", "text": "Ліфт"}, {"topic": "astrology", "text": "Зірки"}],
    )
    response = api("registrar").post("/appeals", body)
    assert response.status_code == 422, response.content
    errors = {e["field"]: e for e in response.json()}
    assert set(errors) == {"channel", "applicants.0.email", "applicants.1.name", "issues.1.topic"}
    assert errors["applicants.0.email"]["code"] == "invalid"
    assert errors["applicants.0.email"]["message"] == "Введіть правильну адресу електронної пошти."
    assert errors["channel"]["message"] == "Невідомий канал надходження «pigeon»."
    assert errors["issues.1.topic"]["code"] == "unknown"
    assert errors["applicants.1.name"]["code"] == "required"
    assert Appeal.objects.count() == 0


def test_content_errors_in_english(api):
    body = appeal_body(channel="web", applicants=[{"name": "Коваленко Іван", "email": ""}])
    response = api("registrar", "en").post("/appeals", body)
    assert response.status_code == 422
    assert response.json() == [
        {
            "field": "applicants.0.email",
            "message": "An electronic appeal must give an e-mail address for the answer (Law art. 5).",
            "code": "required",
        }
    ]
    body = appeal_body(applicants=[{"name": "Коваленко Іван", "email": "nope"}])
    response = api("registrar", "en").post("/appeals", body)
    assert response.json() == [
        {"field": "applicants.0.email", "message": "Enter a valid e-mail address.", "code": "invalid"}
    ]
    assert Appeal.objects.count() == 0


def test_domain_refusals_follow_the_language(api):
    appeal = register(api)
    resolve(api, appeal["id"])
    uk = api("controller").post(f"/appeals/{appeal['id']}/close").json()
    en = api("controller", "en").post(f"/appeals/{appeal['id']}/close").json()
    assert uk["code"] == en["code"] == "unanswered_issues"
    assert en["message"].startswith("The appeal cannot be closed")
    assert uk["message"].startswith("Звернення не можна зняти з контролю")
    missing_uk = api("controller").get("/appeals/999999").json()
    missing_en = api("controller", "en").get("/appeals/999999").json()
    assert missing_uk == {"code": "not_found", "message": "Звернення не знайдено.", "field": "id"}
    assert missing_en == {"code": "not_found", "message": "Appeal not found.", "field": "id"}


def test_future_receipt_time_is_refused(api):
    future = (timezone.localtime() + dt.timedelta(days=2)).replace(tzinfo=None).isoformat(timespec="seconds")
    response = api("registrar").post("/appeals", appeal_body(received_at=future))
    assert response.status_code == 422
    assert response.json()[0]["field"] == "received_at"
    assert response.json()[0]["code"] == "future"


def test_unparsable_body_is_422(api):
    for language, message in [
        ("uk", "Тіло запиту не є коректним JSON."),
        ("en", "The body is not valid JSON."),
    ]:
        client = api("registrar", language)
        response = client.client.post(
            "/api/v1/appeals", "{not json", content_type="application/json", headers=client.headers
        )
        assert response.status_code == 422, response.content
        assert response.json() == [{"field": "", "message": message, "code": "json_invalid"}]
    # A body that is JSON but not an object.
    response = api("registrar").post("/appeals", ["a"])
    assert response.status_code == 422
    assert Appeal.objects.count() == 0


# --- query counts -----------------------------------------------------------------------------------


def _fill(staff, n: int, start: int) -> list[int]:  # type: ignore[no-untyped-def]
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
    made = [o.appeal.pk for o in outcomes]
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


def _queries(client, path: str, **params) -> int:  # type: ignore[no-untyped-def]
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
