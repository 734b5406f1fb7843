"""Who may see and do what through the API.

Visibility first (an appeal you may not see answers 404, exactly like one that does not exist), then the
role (an appeal you see but may not act on answers 403). A refused request changes nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hromada.accounts.models import ApiToken
from hromada.appeals.models import (
    Answer,
    Appeal,
    AppealEvent,
    Applicant,
    Assignment,
    Attachment,
    Issue,
    Note,
    Resolution,
)
from hromada.testing import Api, appeal_body

pytestmark = pytest.mark.django_db

ROLES = [
    "registrar",
    "head",
    "controller",
    "moderator",
    "administrator",
    "nobody",
    "executor_communal",
    "executor_communal2",
    "executor_social",
]
#: Roles that see no appeal at all: every appeal is "not found" for them.
BLIND = {"moderator", "administrator", "nobody"}
EXECUTORS = {"executor_communal", "executor_communal2", "executor_social"}


def body_for(action: str, issue_id: int) -> dict:
    bodies: dict[str, dict[str, Any]] = {
        "resolution": {"lead_department": "communal", "term": "15d", "instruction": "Розглянути"},
        "extend": {"due_date": "2026-12-10", "reason": "Потрібна експертиза"},
        "forward": {"to": "Головне управління ДСНС", "reason": "Поза компетенцією ради"},
        "notes": {"text": "Виїхали на місце"},
        "reassign": {"executor": "executor_communal2"},
        "answer": {"text": "Ліфт відремонтовано", "results": [{"issue": issue_id, "result": "resolved"}]},
        "close": {},
        "reopen": {"reason": "Повернуто на доопрацювання"},
    }
    return bodies[action]


#: For an appeal in progress — communal leads (executor_communal), social co-executes — the answer each
#: role gets from each action: 403 (role denial), 404 (cannot see it), or what an allowed caller gets
#: (`close` and `reopen` pass the role check and then meet the appeal's state).
FORBIDDEN = 403
#: Each answer: a status, or (status, error code).
EXPECTED: dict[str, dict[str, Any]] = {
    "resolution": {"head": 200} | dict.fromkeys(["registrar", "controller", *EXECUTORS], FORBIDDEN),
    "extend": {"head": 200} | dict.fromkeys(["registrar", "controller", *EXECUTORS], FORBIDDEN),
    "forward": {"head": 200} | dict.fromkeys(["registrar", "controller", *EXECUTORS], FORBIDDEN),
    "notes": dict.fromkeys(["head", *EXECUTORS], 201) | dict.fromkeys(["registrar", "controller"], FORBIDDEN),
    "reassign": dict.fromkeys(["head", "executor_communal", "executor_communal2"], 200)
    | dict.fromkeys(["registrar", "controller", "executor_social"], FORBIDDEN),
    "answer": dict.fromkeys(["head", "executor_communal", "executor_communal2"], 200)
    | dict.fromkeys(["registrar", "controller", "executor_social"], FORBIDDEN),
    "close": dict.fromkeys(["head", "controller"], (422, "unanswered_issues"))
    | dict.fromkeys(["registrar", *EXECUTORS], FORBIDDEN),
    "reopen": dict.fromkeys(["head", "registrar", "controller"], (409, "wrong_status"))
    | dict.fromkeys(EXECUTORS, FORBIDDEN),
    "attachments": dict.fromkeys(["registrar", "head", *EXECUTORS], 201) | {"controller": FORBIDDEN},
}
for _answers in EXPECTED.values():
    _answers.update(dict.fromkeys(BLIND, 404))
    _answers["nobody"] = 401  # a role-less account's token is not accepted at all (issue 11)
    assert set(_answers) == set(ROLES)

CASES = [(action, role) for action in EXPECTED for role in ROLES]


def snapshot(appeal_id: int) -> dict:
    """Everything an action may change about the appeal and the register."""
    appeal = Appeal.objects.get(pk=appeal_id)
    return {
        "appeal": {
            f: getattr(appeal, f)
            for f in (
                "status",
                "due_date",
                "lead_department_id",
                "lead_executor_id",
                "forwarded_to",
                "answered_at",
                "closed_at",
            )
        },
        "results": list(Issue.objects.filter(appeal_id=appeal_id).values_list("result_id", flat=True)),
        "assignments": sorted(
            Assignment.objects.filter(appeal_id=appeal_id).values_list("department__code", "is_lead")
        ),
        "rows": {
            model.__name__: model.objects.count()
            for model in (Appeal, Applicant, Issue, AppealEvent, Resolution, Note, Answer, Attachment)
        },
    }


def post_action(client: Api, appeal_id: int, action: str, issue_id: int):
    if action == "attachments":
        upload = SimpleUploadedFile("akt.txt", "Акт обстеження ліфта".encode(), content_type="text/plain")
        return client.client.post(
            f"/api/v1/appeals/{appeal_id}/attachments", {"file": upload}, headers=client.headers
        )
    return client.post(f"/appeals/{appeal_id}/{action}", body_for(action, issue_id))


def register(api, **overrides) -> dict:
    response = api("registrar").post("/appeals", appeal_body(**overrides))
    assert response.status_code == 201, response.content
    return response.json()


def resolve(api, appeal_id: int, lead: str, co: list[str] | None = None, executor: str | None = None) -> None:
    body = {"lead_department": lead, "co_departments": co or [], "lead_executor": executor, "term": "15d"}
    response = api("head").post(f"/appeals/{appeal_id}/resolution", body)
    assert response.status_code == 200, response.content


@pytest.fixture
def in_work(api):
    """An appeal in progress: communal leads with executor_communal, social co-executes."""
    appeal = register(api)
    resolve(api, appeal["id"], "communal", ["social"], "executor_communal")
    return {"id": appeal["id"], "issue": appeal["issues"][0]["id"]}


# --- each role × each action ------------------------------------------------------------------------


@pytest.mark.parametrize(("action", "role"), CASES)
def test_each_role_and_action(api, in_work, action, role):
    expected = EXPECTED[action][role]
    before = snapshot(in_work["id"])
    response = post_action(api(role), in_work["id"], action, in_work["issue"])
    if expected == FORBIDDEN:
        assert response.status_code == 403, response.content
        error = response.json()
        assert error["code"] == "forbidden"
        assert error["message"] == "Ваша роль не дозволяє цю дію."
        assert snapshot(in_work["id"]) == before
    elif expected == 404:
        assert response.status_code == 404, response.content
        assert response.json() == {"code": "not_found", "message": "Звернення не знайдено.", "field": "id"}
        assert snapshot(in_work["id"]) == before
    elif isinstance(expected, tuple):
        status, code = expected
        assert response.status_code == status, response.content
        assert response.json()["code"] == code
        assert snapshot(in_work["id"]) == before
    elif expected == 401:
        assert response.status_code == 401, response.content
        assert snapshot(in_work["id"]) == before
    else:
        assert response.status_code == expected, response.content
        assert snapshot(in_work["id"]) != before
        event = AppealEvent.objects.filter(appeal_id=in_work["id"]).last()
        assert event is not None and event.actor is not None
        assert event.actor.username == role


@pytest.mark.parametrize("role", ROLES)
def test_registration_by_role(api, role):
    response = api(role).post("/appeals", appeal_body())
    if role in {"registrar", "head"}:
        assert response.status_code == 201, response.content
        actor = AppealEvent.objects.get().actor
        assert actor is not None and actor.username == role
    elif role == "nobody":
        assert response.status_code == 401, response.content  # no token for a role-less account
        assert Appeal.objects.count() == 0
    else:
        assert response.status_code == 403, response.content
        assert response.json()["code"] == "forbidden"
        assert response.json()["message"] == "Ваша роль не дозволяє реєструвати звернення."
        assert Appeal.objects.count() == 0
        assert AppealEvent.objects.count() == 0


def test_denials_in_english(api, in_work, staff):
    response = api("registrar", "en").post(f"/appeals/{in_work['id']}/close")
    assert response.status_code == 403
    assert response.json() == {
        "code": "forbidden",
        "message": "Your role does not allow this action.",
        "field": "",
    }
    # A role-less account gets no token at all (issue 11); a signed-in session of one is refused (401).
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(staff["nobody"])
    response = client.get(f"/api/v1/appeals/{in_work['id']}")
    assert response.status_code == 401


def test_co_executor_may_add_notes_but_not_answer(api, in_work):
    social = api("executor_social")
    assert social.get(f"/appeals/{in_work['id']}").status_code == 200
    assert social.get(f"/appeals/{in_work['id']}/events").status_code == 200
    response = social.post(f"/appeals/{in_work['id']}/notes", {"text": "Соцзахист: пільг не потрібно"})
    assert response.status_code == 201, response.content
    before = snapshot(in_work["id"])
    response = social.post(f"/appeals/{in_work['id']}/answer", body_for("answer", in_work["issue"]))
    assert response.status_code == 403
    response = social.post(f"/appeals/{in_work['id']}/notes", {"text": "Проєкт", "draft_answer": True})
    assert response.status_code == 201  # a co-executor may still propose a draft
    assert snapshot(in_work["id"])["results"] == before["results"]


def test_executor_of_the_lead_department_need_not_be_the_named_one(api, in_work):
    response = api("executor_communal2").post(
        f"/appeals/{in_work['id']}/answer", body_for("answer", in_work["issue"])
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "answered"


# --- row-level visibility ---------------------------------------------------------------------------


def test_executor_of_another_department_gets_404_everywhere(api):
    appeal = register(api)
    resolve(api, appeal["id"], "social", executor="executor_social")
    issue = appeal["issues"][0]["id"]
    outsider = api("executor_communal")
    missing = outsider.get("/appeals/999999")
    assert missing.status_code == 404

    before = snapshot(appeal["id"])
    response = outsider.get(f"/appeals/{appeal['id']}")
    assert response.status_code == 404
    assert response.json() == missing.json()  # indistinguishable from an appeal that does not exist
    assert outsider.get(f"/appeals/{appeal['id']}/events").status_code == 404
    for action in EXPECTED:
        response = post_action(outsider, appeal["id"], action, issue)
        assert response.status_code == 404, (action, response.content)
        assert response.json() == missing.json()
    assert snapshot(appeal["id"]) == before
    assert outsider.get("/appeals").json()["count"] == 0
    # The department that works it sees it.
    assert api("executor_social").get(f"/appeals/{appeal['id']}").status_code == 200


def test_list_shows_each_executor_only_their_departments_appeals(api):
    communal = register(api)
    social = register(api, applicants=[{"name": "Гнатюк Ольга"}])
    legal_with_social = register(api, applicants=[{"name": "Ткач Ірина"}])
    unresolved = register(api, applicants=[{"name": "Олійник Степан"}])
    resolve(api, communal["id"], "communal")
    resolve(api, social["id"], "social")
    resolve(api, legal_with_social["id"], "legal", ["social"])
    everything = {communal["id"], social["id"], legal_with_social["id"], unresolved["id"]}

    def visible(role: str, **params) -> set[int]:
        response = api(role).get("/appeals", **params)
        assert response.status_code == 200, response.content
        page = response.json()
        assert page["count"] == len(page["items"])
        return {item["id"] for item in page["items"]}

    assert visible("executor_social") == {social["id"], legal_with_social["id"]}
    assert communal["id"] not in visible("executor_social")
    assert visible("executor_communal") == {communal["id"]}
    assert visible("executor_communal2") == {communal["id"]}
    for role in ("registrar", "head", "controller"):
        assert visible(role) == everything
    assert api("nobody").get("/appeals").status_code == 401
    for role in BLIND - {"nobody"}:
        response = api(role).get("/appeals")
        assert response.status_code == 200
        assert response.json()["count"] == 0
        assert response.json()["items"] == []
        assert api(role).get(f"/appeals/{communal['id']}").status_code == 404
        assert api(role).get(f"/appeals/{communal['id']}/events").status_code == 404

    # Filters narrow what one sees; they never widen it.
    assert visible("executor_social", department="communal") == set()
    assert visible("executor_social", department="legal") == {legal_with_social["id"]}
    assert visible("executor_social", status="registered") == set()
    assert visible("executor_social", text="ліфт") == {social["id"], legal_with_social["id"]}
    assert api("executor_social").get("/appeals", page_size=1).json()["count"] == 2

    # The executor of the unresolved appeal is nobody yet: no executor sees it.
    for role in EXECUTORS:
        assert api(role).get(f"/appeals/{unresolved['id']}").status_code == 404


def test_a_new_resolution_moves_visibility(api):
    appeal = register(api)
    resolve(api, appeal["id"], "communal", executor="executor_communal")
    assert api("executor_communal").get(f"/appeals/{appeal['id']}").status_code == 200
    assert api("executor_social").get(f"/appeals/{appeal['id']}").status_code == 404

    resolve(api, appeal["id"], "social")
    assert api("executor_communal").get(f"/appeals/{appeal['id']}").status_code == 404
    assert api("executor_social").get(f"/appeals/{appeal['id']}").status_code == 200
    response = api("executor_communal").post(f"/appeals/{appeal['id']}/notes", {"text": "Ще тут?"})
    assert response.status_code == 404


# --- authentication ---------------------------------------------------------------------------------


def assert_all_401(client: Api, in_work: dict) -> None:
    """Every endpoint refuses the client with 401 and changes nothing."""
    appeal_id = in_work["id"]
    before = snapshot(appeal_id)
    responses = {
        "list": client.get("/appeals"),
        "detail": client.get(f"/appeals/{appeal_id}"),
        "events": client.get(f"/appeals/{appeal_id}/events"),
        "register": client.post("/appeals", appeal_body()),
    } | {action: post_action(client, appeal_id, action, in_work["issue"]) for action in EXPECTED}
    for name, response in responses.items():
        assert response.status_code == 401, (name, response.content)
        assert response.json()["code"] == "unauthorized", name
    assert snapshot(appeal_id) == before


def test_no_token_is_401(api, in_work):
    client = api(None)
    assert "Authorization" not in client.headers
    assert_all_401(client, in_work)
    response = client.get("/appeals")
    assert response.json() == {
        "code": "unauthorized",
        "message": "Увійдіть або передайте токен API.",
        "field": "",
    }
    response = api(None, "en").get("/appeals")
    assert response.json()["message"] == "Sign in or give an API token."


@pytest.mark.parametrize(
    "header",
    [
        "Bearer hrm_not-a-real-token",
        "Bearer ",
        "Token hrm_whatever",
        "hrm_whatever",
    ],
)
def test_bad_token_is_401(api, in_work, header):
    client = api(None)
    client.headers["Authorization"] = header
    assert_all_401(client, in_work)


def test_revoked_token_and_inactive_user_are_401(api, staff, in_work):
    client = api("head")
    assert client.get("/appeals").status_code == 200
    ApiToken.objects.filter(user=staff["head"]).update(is_active=False)
    assert client.get("/appeals").status_code == 401

    client = api("controller")
    assert client.get("/appeals").status_code == 200
    staff["controller"].is_active = False
    staff["controller"].save(update_fields=["is_active"])
    assert_all_401(client, in_work)
