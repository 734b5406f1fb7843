"""The appeals API end to end: registration and the legal lifecycle (the other steps, the register and
the refusals are in the neighbouring test_api_* modules).

Appeals are registered with fixed receipt dates in November 2026 so that registration dates and
terms are exact; whatever depends on "today" (overdue, reopening, forwarding) is computed from
`timezone.localdate()`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hromada.appeals import deadlines
from hromada.appeals.models import Appeal, Note, Resolution
from hromada.appeals.services.common import term_rules
from hromada.appeals.tests.api_helpers import PHONE_APPEAL, counts, register, resolve
from hromada.testing import kyiv

pytestmark = pytest.mark.django_db


# --- the lifecycle ---------------------------------------------------------------------------------


def test_full_lifecycle_through_the_api(api, staff):
    appeal_id, issue1, issue2 = _register_phone_call(api)
    _resolve_and_take_notes(api, appeal_id)
    _answer_issue_by_issue_and_close(api, appeal_id, issue1, issue2)
    new_due = _return_for_rework(api, appeal_id)
    _check_timeline(api, appeal_id, issue1, issue2, new_due)


def _register_phone_call(api) -> tuple[int, dict, dict]:
    """Registration of a phone call raising two issues, from a combatant (a priority author)."""
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
    return appeal_id, issue1, issue2


def _resolve_and_take_notes(api, appeal_id: int) -> None:
    """Resolution (communal leads, social co-executes, 15 days), then a progress note by the
    co-executor and a draft answer by the lead executor."""
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


def _answer_issue_by_issue_and_close(api, appeal_id: int, issue1: dict, issue2: dict) -> None:
    """Closing is refused while an issue has no result; once both are answered the appeal closes."""
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


def _return_for_rework(api, appeal_id: int) -> dt.date:
    """Returned for rework (доопрацювання) with a new 1-month term counted from today."""
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
    return new_due


def _check_timeline(api, appeal_id: int, issue1: dict, issue2: dict, new_due: dt.date) -> None:
    """The timeline: every step, in order, with its actor and the values before and after."""
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


def test_resolution_with_an_explicit_due_date_and_a_later_resolution(api, settings):
    settings.HROMADA_NOW = "2026-11-16T12:00:00"  # the day of the receipt: 27.11 is still ahead
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
