"""Hostile strings into every writable string of the API, one field at a time, sent by a caller who
may make the call: the valid body of api_ops.VALID with one string replaced.

Never a 5xx. A NUL byte is refused with 422 naming the field (PostgreSQL cannot store it); a huge
string (1 MB) is refused (422, or 413) where the field has a maximum length; whatever is accepted
comes back exactly as sent wherever the answer shows that field; a refusal leaves no row behind."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError, transaction

from hromada.security.tests.api_ops import (
    VALID,
    Operation,
    StringField,
    at,
    operations,
    string_fields,
    with_value,
)
from hromada.security.tests.scenario import Scenario
from hromada.security.tests.test_api_access import call, client_of

pytestmark = pytest.mark.django_db

NUL = "a\x00b"
HUGE = "x" * 1_000_000  # 1 MB (ASCII: escaped Cyrillic would pass Django's 2.5 MB body limit)
LONE_SURROGATE = "a\ud800b"
HOSTILE: dict[str, str] = {
    "nul": NUL,
    "huge": HUGE,
    "rtl_override": "\u202eexe.fdp",
    "formula_hyperlink": '=HYPERLINK("http://x")',
    "formula_plus": "+1+1",
    "formula_at": "@SUM(A1)",
    "script": "<script>alert(1)</script>",
    "img_onerror": "<img src=x onerror=alert(1)>",
    "sql": "' OR 1=1 --",
    # JSON can carry one (as the escape \ud800); no UTF-8 text can.
    "lone_surrogate": LONE_SURROGATE,
}
#: The apps whose rows a refused call must not leave behind.
DOMAIN_APPS = ("appeals", "petitions", "questions", "kindergarten", "residents", "accounts", "notifications")


class _Placeholders(defaultdict):
    """Stands in for the scenario's ids and values while the tests are collected (only the bodies'
    shapes matter then)."""

    def __init__(self, value: Any) -> None:
        super().__init__(lambda: value)


class _ShapeOnly:
    ids = _Placeholders(1)
    values = _Placeholders("x")


def _cases() -> list[tuple[Operation, StringField]]:
    cases = []
    for op in operations():
        if op.body_type != "application/json":
            continue
        entry = VALID.get(op.operation_id)
        body = entry.body(_ShapeOnly()) if entry else {}  # type: ignore[arg-type]
        fields = list(string_fields(op.body_schema or {}, body))
        cases += [(op, f) for f in fields] or [(op, StringField((), None))]
    return cases


CASES = _cases()


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for label in DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
    }


class _Undo(Exception):
    pass


def _names_field(errors: Any, field: StringField) -> bool:
    leaf = str(field.path[-1])
    items = errors if isinstance(errors, list) else [errors]
    return any(
        isinstance(e, dict)
        and (e.get("field") == field.name or str(e.get("field", "")).split(".")[-1] == leaf)
        for e in items
    )


def _send(scenario: Scenario, op: Operation, body: Any):
    entry = VALID[op.operation_id]
    client, headers = client_of(scenario, entry.caller)
    url = op.url({name: str(scenario.ids[key]) for name, key in entry.path.items()})
    cache.clear()  # the portal's rate limits count every attempt of this one caller
    return call(client, op, url, body, headers)


@pytest.mark.parametrize(("op", "field"), CASES, ids=[f"{op.id} {f.name}" for op, f in CASES])
def test_hostile_strings_get_no_5xx_and_leave_nothing_when_sent_into_a_field(
    scenario: Scenario, op: Operation, field: StringField
) -> None:
    if op.operation_id not in VALID:
        pytest.fail(f"{op.id}: add a valid body for {op.operation_id} to api_ops.VALID")
    entry = VALID[op.operation_id]
    valid = entry.body(scenario)
    problems: list[str] = []
    # The registry's body must still be valid, or every probe below would only test the 422.
    try:
        with transaction.atomic():
            response = _send(scenario, op, valid)
            raise _Undo
    except _Undo:
        pass
    if response.status_code not in entry.accepted:
        pytest.fail(f"{op.id}: the valid body got {response.status_code}: {response.content[:500]!r}")
    if not field.path:
        return  # no string field in this body: the valid call above is the probe
    for name, value in HOSTILE.items():
        what = f"{op.id} {field.name}={name}"
        before = _counts()
        try:
            with transaction.atomic():
                response = _send(scenario, op, with_value(valid, field.path, value))
                try:
                    after = _counts()
                except DatabaseError as exc:
                    problems.append(f"{what}: the request left the transaction broken: {exc}")
                    after = before
                raise _Undo
        except _Undo:
            pass
        status = response.status_code
        if status >= 500:
            problems.append(f"{what}: {status}")
            continue
        try:
            data = json.loads(response.content) if response.content else None
        except ValueError:
            problems.append(f"{what}: {status} with a body that is not JSON")
            continue
        accepted = 200 <= status < 300
        if not accepted and after != before:
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            problems.append(f"{what}: refused with {status} but rows changed: {changed}")
        if value == NUL and not (status == 422 and _names_field(data, field)):
            problems.append(f"{what}: {status}, expected 422 naming {field.name}: {str(data)[:300]}")
        if value == HUGE and field.max_length is not None and status not in (413, 422):
            problems.append(f"{what}: {status} for a field of at most {field.max_length} characters")
        if value == LONE_SURROGATE and not accepted and status != 422:
            problems.append(f"{what}: {status}, expected 422 or acceptance")
        # Only an operation that makes or edits the object it answers with echoes the body's fields
        # (an action on an appeal answers with the appeal, whose "text" is not the note's).
        if accepted and (not op.path_params or op.method == "PUT"):
            found, echoed = at(data, field.path)
            if found and isinstance(echoed, str) and echoed != value:
                problems.append(f"{what}: accepted but came back as {echoed[:80]!r}")
    assert not problems, "\n".join(problems)


SCRIPT = HOSTILE["script"]
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG = HOSTILE["img_onerror"]
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"


def test_staff_card_shows_html_as_text_when_an_appeal_carries_it(scenario: Scenario) -> None:
    """HTML accepted by the API is stored as inert text: the appeal card escapes it."""
    op = next(op for op in operations() if op.operation_id == "hromada_appeals_api_register")
    body = VALID[op.operation_id].body(scenario)
    body["applicants"][0]["name"] = f"Коваленко {SCRIPT}"
    body["issues"][0]["text"] = f"Ліфт {IMG}"
    body["summary"] = SCRIPT
    response = _send(scenario, op, body)
    assert response.status_code == 201, response.content
    card = scenario.client("registrar").get(f"/staff/appeals/{response.json()['id']}/")
    html = card.content.decode()
    assert card.status_code == 200
    assert ESCAPED_SCRIPT in html and SCRIPT not in html
    assert ESCAPED_IMG in html and IMG not in html


def test_staff_petition_card_shows_html_as_text_when_a_petition_carries_it(scenario: Scenario) -> None:
    op = next(op for op in operations() if op.operation_id == "hromada_portal_petitions_api_create_draft")
    body = {"title": f"Сквер {SCRIPT}", "text": f"Просимо сквер {IMG}", "category": "transport"}
    author, headers = client_of(scenario, "resident_a")
    created = call(author, op, op.url({}), body, headers)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    submitted = author.post(f"/api/v1/public/petitions/{pk}/submit")
    assert submitted.status_code == 200, submitted.content
    card = scenario.client("moderator").get(f"/staff/petitions/{pk}/")
    html = card.content.decode()
    assert card.status_code == 200
    assert ESCAPED_SCRIPT in html and SCRIPT not in html
    assert ESCAPED_IMG in html and IMG not in html
