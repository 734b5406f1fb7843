"""Клопотання про продовження строку through the API: the lead department's executor asks, the head
declines (or grants it with /extend). Same style and refusals as /extend."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.appeals.models import Appeal, AppealEvent, Note, NoteKind
from hromada.testing import appeal_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeal_id(api) -> int:
    """Registered 16.11.2026 (45 days end on 31.12.2026), resolved to communal for 15 days (01.12.2026)."""
    response = api("registrar").post("/appeals", appeal_body())
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = api("head").post(
        f"/appeals/{pk}/resolution",
        {"lead_department": "communal", "co_departments": ["social"], "term": "15d"},
    )
    assert response.status_code == 200, response.content
    return pk


def snapshot(pk: int) -> tuple:
    appeal = Appeal.objects.get(pk=pk)
    return (
        appeal.due_date,
        appeal.extension_requested_until,
        AppealEvent.objects.filter(appeal_id=pk).count(),
        Note.objects.filter(appeal_id=pk).count(),
    )


def test_executor_requests_an_extension_and_the_head_sees_it(api, appeal_id):
    response = api("executor_communal").post(
        f"/appeals/{appeal_id}/extension-request", {"due_date": "2026-12-20", "reason": "Потрібна експертиза"}
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["extension_requested_until"] == "2026-12-18"  # 20.12 is a Sunday: the Friday before
    assert data["due_date"] == "2026-12-01"  # the term stays until the head grants it
    assert api("head").get(f"/appeals/{appeal_id}").json()["extension_requested_until"] == "2026-12-18"
    note = Note.objects.get(appeal_id=appeal_id)
    assert (note.kind, note.text, note.author.username) == (
        NoteKind.EXTENSION_REQUEST,
        "Потрібна експертиза",
        "executor_communal",
    )
    event = AppealEvent.objects.filter(appeal_id=appeal_id).last()
    assert event is not None and event.actor is not None
    assert (event.action, event.actor.username, event.data["after"]) == (
        "extension_requested",
        "executor_communal",
        {"due_date": "2026-12-18"},
    )


def test_extension_request_past_45_days_is_422_with_the_latest_date(api, appeal_id):
    before = snapshot(appeal_id)
    response = api("executor_communal").post(
        f"/appeals/{appeal_id}/extension-request", {"due_date": "2027-01-04", "reason": "Експертиза"}
    )
    assert response.status_code == 422, response.content
    error = response.json()
    assert (error["code"], error["field"]) == ("term_too_long", "due_date")
    assert "31.12.2026" in error["message"] and "45" in error["message"]
    assert snapshot(appeal_id) == before


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"due_date": "2026-12-10", "reason": "  "}, [("reason", "required")]),
        ({"due_date": "2026-11-30", "reason": "Раніше"}, [("due_date", "not_later")]),
        ({"reason": "Без дати"}, [("due_date", "missing")]),
        ({"due_date": "2026-12-10", "reason": "x", "extra": 1}, [("extra", "extra_forbidden")]),
    ],
)
def test_extension_request_bad_input_is_422_and_saves_nothing(api, appeal_id, body, errors):
    before = snapshot(appeal_id)
    response = api("executor_communal").post(f"/appeals/{appeal_id}/extension-request", body)
    assert response.status_code == 422, response.content
    assert [(e["field"], e["code"]) for e in response.json()] == errors
    assert snapshot(appeal_id) == before


@pytest.mark.parametrize(
    ("who", "status"), [("executor_social", 403), ("controller", 403), ("registrar", 403)]
)
def test_only_the_lead_department_requests_an_extension(api, appeal_id, who, status):
    before = snapshot(appeal_id)
    response = api(who).post(
        f"/appeals/{appeal_id}/extension-request", {"due_date": "2026-12-10", "reason": "Експертиза"}
    )
    assert response.status_code == status, response.content
    assert response.json()["code"] == "forbidden"
    assert snapshot(appeal_id) == before


def test_another_departments_executor_does_not_find_the_appeal(api, appeal_id):
    response = api("executor_social").post(f"/appeals/{appeal_id}/extension-request/decline", {"reason": "x"})
    assert response.status_code == 403  # a co-executor sees it but may not decline
    response = api("executor_communal").post(
        "/appeals/999999/extension-request", {"due_date": "2026-12-10", "reason": "x"}
    )
    assert response.status_code == 404


def test_head_declines_the_requested_extension(api, appeal_id):
    api("executor_communal").post(
        f"/appeals/{appeal_id}/extension-request", {"due_date": "2026-12-10", "reason": "Експертиза"}
    )
    response = api("head").post(
        f"/appeals/{appeal_id}/extension-request/decline", {"reason": "Строку достатньо"}
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["extension_requested_until"] is None and data["due_date"] == "2026-12-01"
    event = AppealEvent.objects.filter(appeal_id=appeal_id).last()
    assert event is not None and event.actor is not None
    assert event.action == "extension_declined" and event.actor.username == "head"
    assert event.data == {"before": {"extension_requested_until": "2026-12-10"}, "reason": "Строку достатньо"}


def test_decline_without_a_request_or_a_reason_is_422(api, appeal_id):
    before = snapshot(appeal_id)
    response = api("head").post(f"/appeals/{appeal_id}/extension-request/decline", {"reason": "Ні"})
    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json()] == [("reason", "no_request")]
    assert response.json()[0]["message"] == "Продовження строку не запитували."

    api("executor_communal").post(
        f"/appeals/{appeal_id}/extension-request", {"due_date": "2026-12-10", "reason": "Експертиза"}
    )
    before = snapshot(appeal_id)
    response = api("head").post(f"/appeals/{appeal_id}/extension-request/decline", {"reason": " "})
    assert response.status_code == 422
    assert [(e["field"], e["code"]) for e in response.json()] == [("reason", "required")]
    assert snapshot(appeal_id) == before


def test_only_the_head_declines(api, appeal_id):
    api("executor_communal").post(
        f"/appeals/{appeal_id}/extension-request", {"due_date": "2026-12-10", "reason": "Експертиза"}
    )
    before = snapshot(appeal_id)
    for who in ("executor_communal", "controller", "registrar"):
        response = api(who).post(f"/appeals/{appeal_id}/extension-request/decline", {"reason": "Ні"})
        assert response.status_code == 403, who
    assert snapshot(appeal_id) == before
    assert Appeal.objects.get(pk=appeal_id).extension_requested_until == dt.date(2026, 12, 10)


def test_extension_endpoints_need_a_token(api, appeal_id):
    anonymous = api(None)
    for path in ("extension-request", "extension-request/decline"):
        response = anonymous.post(f"/appeals/{appeal_id}/{path}", {"due_date": "2026-12-10", "reason": "x"})
        assert response.status_code == 401
