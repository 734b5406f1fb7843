"""The appeals API: extension, forwarding, rework and the answer's refusals (see test_api.py for the
dates the appeals are registered with)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hromada.appeals import deadlines
from hromada.appeals.models import Appeal, AppealEvent
from hromada.appeals.services.common import term_rules
from hromada.appeals.tests.api_helpers import counts, register, resolve

pytestmark = pytest.mark.django_db


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
    assert event is not None and event.actor is not None
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
    assert event is not None and event.actor is not None
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
