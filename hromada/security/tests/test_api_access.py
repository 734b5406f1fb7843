"""Access probes generated from the OpenAPI schema: every operation with a path parameter, called by
every principal (staff with a bearer token of their own, residents with their portal session,
anonymous with nothing) at every private object the parameter can point at, with the operation's
valid body (so that a refusal is about who asks, not about what was sent).

Expectations come from the scenario's one entitlement table; a path parameter without a mapping in
api_ops.PATH_PARAMS fails the test."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from hromada.security.tests.api_ops import VALID, Operation, operations, path_mapping
from hromada.security.tests.probes import Target, check, combinations
from hromada.security.tests.scenario import PRINCIPALS, RESIDENTS, STAFF, STAFF_FACE, Scenario, pdf

pytestmark = pytest.mark.django_db

WITH_PARAMS = [op for op in operations() if op.path_params]


def call(client: Client, op: Operation, url: str, body: object, headers: dict[str, str]):
    method = op.method.lower()
    if op.body_type == "multipart/form-data":
        return client.post(url, {"file": pdf("probe.pdf")}, headers=headers)
    if op.body_type is None:
        return getattr(client, method)(url, headers=headers)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json", headers=headers)


def client_of(scenario: Scenario, principal: str) -> tuple[Client, dict[str, str]]:
    """Staff call with a bearer token (no session), residents with their portal session."""
    headers = {"Accept-Language": "uk"}
    if principal in RESIDENTS:
        return scenario.client(principal), headers
    client = Client(raise_request_exception=False)
    if principal != "anonymous":
        headers["Authorization"] = f"Bearer {scenario.token(principal)}"
    return client, headers


@pytest.mark.parametrize("principal", PRINCIPALS)
@pytest.mark.parametrize("op", WITH_PARAMS, ids=lambda op: op.id)
def test_not_entitled_are_refused_and_learn_nothing_when_they_call_the_api(
    scenario: Scenario, op: Operation, principal: str
) -> None:
    mapping = {name: path_mapping(op, name) for name in op.path_params}
    unknown = [name for name, m in mapping.items() if m is None]
    if unknown:
        pytest.fail(f"{op.id}: add a mapping for the path parameters {unknown} to api_ops.PATH_PARAMS")
    if op.body_type and op.operation_id not in VALID:
        pytest.fail(f"{op.id}: add a valid body for {op.operation_id} to api_ops.VALID")
    body = VALID[op.operation_id].body(scenario) if op.body_type else None
    client, headers = client_of(scenario, principal)
    problems: list[str] = []
    for values, targets in combinations(op.path_params, mapping, scenario):  # type: ignore[arg-type]
        url = op.url(values)
        response = call(client, op, url, body, headers)
        what = f"{op.method} {url} as {principal} ({', '.join(o for t in targets for o in t.objects)})"
        problems += check(
            response=response,
            principal=principal,
            face=op.face,
            targets=targets,
            scenario=scenario,
            what=what,
        )
        # A role-less account holds no valid token (issue 11): its 401 is the refusal itself.
        if (
            response.status_code == 401
            and principal in STAFF
            and principal != "nobody"
            and op.face == STAFF_FACE
        ):
            problems.append(f"{what}: 401 for a valid token: the probe proves nothing")
    assert not problems, "\n".join(problems)


def test_every_operation_with_a_body_has_a_valid_body_when_the_schema_is_read() -> None:
    missing = sorted(op.id for op in operations() if op.body_type and op.operation_id not in VALID)
    assert not missing, f"add a valid body to api_ops.VALID for: {missing}"
    stale = sorted(set(VALID) - {op.operation_id for op in operations()})
    assert not stale, f"api_ops.VALID names operations the API no longer has: {stale}"


#: Who manages the kindergarten queue (permissions.QUEUE_ROLES): everyone else on the staff side is
#: refused, 403 with a role and 401 without one (a resident's session and anonymous alike).
QUEUE_MANAGERS = frozenset({"administrator", "education_officer"})
KINDERGARTEN_LISTS = [op for op in operations() if "/kindergarten/" in op.path and not op.path_params]


def _expected(op: Operation, principal: str) -> frozenset[int]:
    if op.face != STAFF_FACE:
        return frozenset({200})
    if principal in QUEUE_MANAGERS:
        return VALID[op.operation_id].accepted if op.body_type else frozenset({200})
    return frozenset({403}) if principal in STAFF and principal != "nobody" else frozenset({401})


@pytest.mark.parametrize("principal", PRINCIPALS)
@pytest.mark.parametrize("op", KINDERGARTEN_LISTS, ids=lambda op: op.id)
def test_the_kindergarten_operations_without_an_object_answer_each_role_as_the_queue_allows(
    scenario: Scenario, op: Operation, principal: str
) -> None:
    """The lists, the paper filing and the look-up (the operations with a path parameter are probed
    above): the queue's managers get their answer, every other staff role 403, the rest 401; the
    public ones answer everyone and name no child or parent."""
    body = VALID[op.operation_id].body(scenario) if op.body_type else None
    client, headers = client_of(scenario, principal)
    response = call(client, op, op.url({}), body, headers)
    assert response.status_code in _expected(op, principal), response.content[:300]
    targets = [Target("", ("kg_application",), collection=True)]
    problems = check(
        response=response, principal=principal, face=op.face, targets=targets, scenario=scenario, what=op.id
    )
    assert not problems, "\n".join(problems)
