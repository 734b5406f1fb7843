"""The API's operations as the OpenAPI schema documents them, and what the probes send to each.

`VALID` holds one valid body per operation that takes a body: the access probes send it (so that
a refusal is about who asks, not about what they sent), and the hostile-string probes vary its
strings one at a time. An operation without an entry fails the tests: the registry cannot go stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from hromada.api import api
from hromada.security.tests import api_ops_kindergarten as kindergarten
from hromada.security.tests.probes import Mapping, Target, objects
from hromada.security.tests.scenario import PORTAL_FACE, STAFF_FACE, Scenario

PREFIX = "/api/v1"
PETITIONS = ("petition_draft", "petition_moderation", "petition_collecting")
OFFICIALS = ("official_public", "official_hidden")


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # "/api/v1/appeals/{appeal_id}"
    operation_id: str
    path_params: tuple[str, ...]
    body_type: str | None  # "application/json", "multipart/form-data" or None
    body_schema: dict[str, Any] | None

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def face(self) -> str:
        return PORTAL_FACE if self.path.startswith(f"{PREFIX}/public") else STAFF_FACE

    def url(self, values: dict[str, str]) -> str:
        url = self.path
        for name, value in values.items():
            url = url.replace("{" + name + "}", value)
        return url


@cache
def schema() -> dict[str, Any]:
    """Generated once per run (the API does not change while the tests run)."""
    return api.get_openapi_schema()


def operations() -> list[Operation]:
    found = []
    for path, methods in schema()["paths"].items():
        for method, op in methods.items():
            body = op.get("requestBody")
            body_type = next(iter(body["content"])) if body else None
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    operation_id=op["operationId"],
                    path_params=tuple(p["name"] for p in op.get("parameters", []) if p["in"] == "path"),
                    body_type=body_type,
                    body_schema=body["content"][body_type]["schema"] if body else None,
                )
            )
    return found


def _appeal_number(s: Scenario) -> list[Target]:
    """The portal appeal's number without its tracking code: nobody is entitled (404)."""
    return [Target(s.values["appeal_number"], ("forged_link",))]


def _unknown_token(s: Scenario) -> list[Target]:
    return [Target("Zx9-unknown-token-of-nobody-0000000000", ("forged_link",))]


#: (path prefix after /api/v1, path parameter) → the values it takes; the longest prefix wins.
PATH_PARAMS: dict[tuple[str, str], Mapping] = {
    ("/appeals", "appeal_id"): objects("appeal_communal", "appeal_portal"),
    ("/appeals", "attachment_id"): objects("attachment_communal", "attachment_portal"),
    ("/petitions", "petition_id"): objects(*PETITIONS),
    ("/petitions", "invalidation_id"): objects("invalidation"),
    ("/public/appeals", "number"): _appeal_number,
    ("/public/petitions", "petition_id"): objects(*PETITIONS),
    ("/receptions/officials", "official_id"): objects(*OFFICIALS),
    ("/receptions/visits", "booking_id"): objects("reception_booking"),
    ("/receptions/queue/windows", "window_id"): objects("centre_window"),
    ("/receptions/queue/tickets", "ticket_id"): objects("queue_ticket"),
    ("/public/receptions/officials", "official_id"): objects(*OFFICIALS),
    ("/public/receptions/centre/services", "service_id"): objects("centre_service"),
    # A booking's secret: one nobody holds (the holders' own links are tested in receptions).
    ("/public/receptions/bookings", "token"): _unknown_token,
    ("/public/receptions/centre/bookings", "token"): _unknown_token,
    **kindergarten.PATH_PARAMS,
}


def path_mapping(op: Operation, name: str) -> Mapping | None:
    rest = op.path.removeprefix(PREFIX)
    candidates = [(p, n) for p, n in PATH_PARAMS if n == name and rest.startswith(p)]
    if not candidates:
        return None
    return PATH_PARAMS[max(candidates, key=lambda key: len(key[0]))]


Body = Callable[[Scenario], Any]


def _registration(s: Scenario) -> dict[str, Any]:
    return {
        "channel": "post",
        "kind": "complaint",
        "received_at": s.values["received_at"],
        "external_id": "ЗОВН-77",
        "applicants": [
            {
                "name": "Коваленко Іван Петрович",
                "address": "вул. Шевченка, 1, кв. 2",
                "email": "kovalenko@example.com",
                "phone": "+380671234567",
            }
        ],
        "issues": [{"topic": "communal", "text": "Не працює ліфт у будинку"}],
        "summary": "Ліфт",
        "text": "Прошу відремонтувати ліфт.",
    }


@dataclass(frozen=True)
class Call:
    """Who sends the valid body, at which objects, and what a valid body gets (a state conflict, 409,
    is accepted where the scenario has no object in the state the step needs)."""

    body: Body
    caller: str
    path: dict[str, str]  # path parameter → scenario object key
    accepted: frozenset[int] = frozenset({200, 201})


def _call(body: Body, caller: str, accepted: tuple[int, ...] = (200, 201), **path: str) -> Call:
    return Call(body, caller, path, frozenset(accepted))


def _visitor(s: Scenario) -> dict[str, str]:
    return {
        "full_name": "Коваленко Іван Петрович",
        "phone": "+380671234567",
        "email": "kovalenko@example.com",
    }


#: Receptions: the scenario's public official receives every day 09:00–17:00 (the 09:00 slot of
#: the booked day is taken), the centre's window is open round the clock.
RECEPTIONS: dict[str, Call] = {
    "receptions_book": _call(
        lambda s: {"day": s.values["reception_day"], "starts": "09:15", "topic": "communal", **_visitor(s)},
        "anonymous",
        (201,),
        official_id="official_public",
    ),
    "receptions_centre_book": _call(
        lambda s: {"day": s.values["reception_day"], "starts": "12:00", **_visitor(s)},
        "anonymous",
        (201,),
        service_id="centre_service",
    ),
    "receptions_walk_in": _call(
        lambda s: {"day": s.values["reception_day"], "topic": "communal", "question": "Ліфт", **_visitor(s)},
        "registrar",
        (201,),
        official_id="official_public",
    ),
    # The visit is still ahead: marking it or registering its appeal is refused by its state.
    "receptions_mark_visit": _call(
        lambda s: {"came": True, "result": "Роз'яснено"},
        "registrar",
        (200, 409),
        booking_id="reception_booking",
    ),
    "receptions_register_appeal": _call(
        lambda s: {"kind": "application", "text": "Прошу відремонтувати ліфт.", "summary": "Ліфт"},
        "registrar",
        (201, 409),
        booking_id="reception_booking",
    ),
    "receptions_centre_check_in": _call(lambda s: {"code": "ABCDEF"}, "cnap", (200, 404)),
    "receptions_queue_take_ticket": _call(
        lambda s: {"service_id": s.ids["centre_service"]}, "cnap", (200, 201)
    ),
    "receptions_queue_finish": _call(
        lambda s: {"outcome": "served"}, "cnap", (200,), ticket_id="queue_ticket"
    ),
}


#: operationId → the valid call. Every operation that takes a body must have one.
VALID: dict[str, Call] = {
    "hromada_appeals_api_register": _call(_registration, "registrar"),
    "hromada_appeals_api_resolution": _call(
        lambda s: {"lead_department": "social", "term": "15d", "instruction": "Розглянути"},
        "head",
        appeal_id="appeal_portal",
    ),
    "hromada_appeals_api_extend": _call(
        lambda s: {"due_date": s.values["extend_to"], "reason": "Експертиза"},
        "head",
        appeal_id="appeal_communal",
    ),
    "hromada_appeals_api_extension_request": _call(
        lambda s: {"due_date": s.values["extend_to"], "reason": "Експертиза"},
        "executor_communal",
        appeal_id="appeal_communal",
    ),
    "hromada_appeals_api_decline_extension_request": _call(
        lambda s: {"reason": "Строк достатній"}, "head", appeal_id="appeal_communal"
    ),
    "hromada_appeals_api_forward": _call(
        lambda s: {"to": "Держпродспоживслужба", "reason": "Не наша компетенція"},
        "head",
        appeal_id="appeal_portal",
    ),
    "hromada_appeals_api_notes": _call(
        lambda s: {"text": "Виїзд на місце", "draft_answer": False},
        "executor_communal",
        appeal_id="appeal_communal",
    ),
    "hromada_appeals_api_reassign": _call(
        lambda s: {"executor": "executor_communal"}, "executor_communal", appeal_id="appeal_communal"
    ),
    "hromada_appeals_api_answer": _call(
        lambda s: {
            "text": "Підвал перевірено.",
            "results": [{"issue": s.ids["issue_communal"], "result": "resolved"}],
        },
        "executor_communal",
        appeal_id="appeal_communal",
    ),
    # Neither scenario appeal is answered: the body is read, the state refuses it.
    "hromada_appeals_api_reopen": _call(
        lambda s: {"reason": "Відповідь неповна"}, "controller", (200, 409), appeal_id="appeal_communal"
    ),
    "hromada_appeals_api_attach": _call(
        lambda s: None, "executor_communal", (201,), appeal_id="appeal_communal"
    ),
    "hromada_petitions_api_return_for_edits": _call(
        lambda s: {"reason": "Уточніть адресу"}, "moderator", petition_id="petition_moderation"
    ),
    "hromada_petitions_api_refuse": _call(
        lambda s: {"reason": "Не стосується громади"}, "moderator", petition_id="petition_moderation"
    ),
    "hromada_petitions_api_paper_signatures": _call(
        lambda s: {"count": 3, "protocol": "Протокол № 5"}, "moderator", petition_id="petition_collecting"
    ),
    # Not under consideration in the scenario: 409 after the body is read.
    "hromada_petitions_api_answer": _call(
        lambda s: {"supported": True, "text": "Підтримано", "decision_url": "https://rada.example/r/1"},
        "head",
        (200, 409),
        petition_id="petition_collecting",
    ),
    "hromada_petitions_api_invalidate": _call(
        lambda s: {"reason": "Підозрілий домен", "email_domain": "resident-a.example"},
        "moderator",
        petition_id="petition_collecting",
    ),
    "hromada_portal_api_create_appeal": _call(
        lambda s: {
            "name": "Коваленко Іван Петрович",
            "address": "вул. Шевченка, 1, кв. 2",
            "email": "kovalenko@example.com",
            "phone": "+380671234567",
            "kind": "application",
            "topic": "communal",
            "text": "Не працює ліфт у будинку",
            "consent": True,
        },
        "anonymous",
    ),
    "hromada_portal_petitions_api_create_draft": _call(
        lambda s: {
            "title": "Нова петиція про сквер",
            "text": "Просимо облаштувати сквер.",
            "category": "transport",
        },
        "resident_a",
    ),
    "hromada_portal_petitions_api_update_draft": _call(
        lambda s: {
            "title": "Змінена петиція про сквер",
            "text": "Просимо облаштувати сквер.",
            "category": "transport",
        },
        "resident_a",
        petition_id="petition_draft",
    ),
    **RECEPTIONS,
    **{
        op: _call(body, caller, accepted, **path)
        for op, (body, caller, accepted, path) in kindergarten.VALID.items()
    },
    "hromada_portal_petitions_api_sign_petition": _call(
        lambda s: {"wants_updates": True}, "resident_b", (201,), petition_id="petition_collecting"
    ),
}


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow a $ref and drop the null branch of an "X or null"."""
    while True:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            node = schema()["components"]["schemas"][name]
        elif "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null"]
            if len(options) != 1:
                return node
            node = options[0]
        elif "allOf" in node and len(node["allOf"]) == 1:
            node = node["allOf"][0]
        else:
            return node


@dataclass(frozen=True)
class StringField:
    path: tuple[str | int, ...]
    max_length: int | None

    @property
    def name(self) -> str:
        return ".".join(str(p) for p in self.path)


def string_fields(node: dict[str, Any], body: Any, path: tuple[str | int, ...] = ()) -> Iterator[StringField]:
    """Every string the body may carry: the schema's (nested objects and arrays walked), and any
    string of the valid body the schema does not document (the schema may be wrong)."""
    node = resolve(node)
    kind = node.get("type")
    if kind == "string" and "format" not in node and "enum" not in node:
        yield StringField(path, node.get("maxLength"))
    elif kind == "object" or "properties" in node:
        props = node.get("properties", {})
        seen = set()
        for name, sub in props.items():
            seen.add(name)
            value = body.get(name) if isinstance(body, dict) else None
            yield from string_fields(sub, value, (*path, name))
        if isinstance(body, dict):
            for name, value in body.items():
                if name not in seen:
                    yield from _undocumented(value, (*path, name))
    elif kind == "array" and isinstance(body, list) and body:
        yield from string_fields(node.get("items", {}), body[0], (*path, 0))


def _undocumented(value: Any, path: tuple[str | int, ...]) -> Iterator[StringField]:
    if isinstance(value, str):
        yield StringField(path, None)
    elif isinstance(value, dict):
        for name, sub in value.items():
            yield from _undocumented(sub, (*path, name))
    elif isinstance(value, list) and value:
        yield from _undocumented(value[0], (*path, 0))


def with_value(body: Any, path: tuple[str | int, ...], value: str) -> Any:
    """A copy of `body` with `value` at `path` (missing objects on the way are made)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        items = list(body or [{}])
        items[head] = with_value(items[head], rest, value)
        return items
    copy = dict(body or {})
    copy[head] = with_value(copy.get(head), rest, value)
    return copy


def at(data: Any, path: tuple[str | int, ...]) -> tuple[bool, Any]:
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or len(data) <= part:
                return False, None
        elif not isinstance(data, dict) or part not in data:
            return False, None
        data = data[part]
    return True, data
