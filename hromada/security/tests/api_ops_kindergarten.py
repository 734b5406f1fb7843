"""The kindergarten queue's operations in the API probes (merged into api_ops): what their path
parameters point at and one valid body per operation that takes one.

The scenario's objects (scenario_kindergarten): `kg_application` — resident A's application, queued in
`kg_group` of `kg_institution` — and `kg_application_paper` (a paper one: staff only); A's number and
code (`kg_number`, `kg_code`), and a birth date and school year that fit that group (`kg_birth_date`,
`kg_school_year`). The bodies are sent by the education officer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hromada.security.tests.probes import Mapping, objects
from hromada.security.tests.scenario import Scenario

PATH_PARAMS: dict[tuple[str, str], Mapping] = {
    ("/kindergarten/applications", "application_id"): objects("kg_application", "kg_application_paper"),
    ("/kindergarten/groups", "age_group_id"): objects("kg_group"),
    ("/public/kindergarten/queues", "age_group_id"): objects("kg_group"),
}


def _year(s: Scenario) -> int:
    """The group's school year (a placeholder while the tests are collected: only shapes matter)."""
    value = str(s.values["kg_school_year"])
    return int(value) if value.isdigit() else 2027


def _paper_application(s: Scenario) -> dict[str, Any]:
    """A paper application of a child nobody queued yet, for the scenario's institution."""
    return {
        "child_surname": "Паперова-Проба",
        "child_name": "Зоряна",
        "child_patronymic": "Тарасівна",
        "birth_date": s.values["kg_birth_date"],
        "sex": 2,
        "certificate_series": "І-ПП",
        "certificate_number": "990077",
        "parent_name": "Паперовий Тарас Іванович",
        "parent_phone": "+380671230077",
        "parent_email": "paperovyi@example.com",
        "parent_address": "вул. Паперова, 7",
        "registered_in_community": True,
        "school_year": _year(s),
        "start_month": 9,
        "benefit": "first_in_turn",
        "institution_ids": [s.ids["kg_institution"]],
    }


Body = Callable[[Scenario], Any]
#: operationId → (body, caller, accepted statuses, path parameter → scenario object). A's benefit may
#: not be claimed (409).
VALID: dict[str, tuple[Body, str, tuple[int, ...], dict[str, str]]] = {
    "kindergarten_file_paper": (_paper_application, "education_officer", (201,), {}),
    "kindergarten_benefit": (
        lambda s: {"decision": "confirm", "note": "Довідка перевірена"},
        "education_officer",
        (200, 409),
        {"application_id": "kg_application"},
    ),
    "kindergarten_cancel": (
        lambda s: {"note": "Заява батьків"},
        "education_officer",
        (200,),
        {"application_id": "kg_application"},
    ),
    "kindergarten_lookup": (
        lambda s: {"number": s.values["kg_number"], "code": s.values["kg_code"]},
        "anonymous",
        (200,),
        {},
    ),
}
