"""Access probes generated from the URL conf: every page and action that takes an object id, opened
by every principal, at every private object the parameter can point at.

The not-entitled get a refusal (a redirect to a sign-in page, 401, 403, 404 or 405) and none of the
object's personal markers; the entitled get no 5xx. A parameter this module does not know fails the
test: add a mapping below (and, if the parameter points at a new kind of object, the object to the
scenario and its row to the entitlement table)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.contrib.admin import site as admin_site
from django.test import Client

from hromada.api import api
from hromada.security.tests.probes import (
    Mapping,
    Target,
    check,
    combinations,
    fixed,
    objects,
    sign_in_paths,
)
from hromada.security.tests.scenario import (
    PORTAL_FACE,
    PRINCIPALS,
    RESIDENT_A,
    STAFF_FACE,
    Scenario,
)
from hromada.security.tests.urlconf import Pattern, walk

pytestmark = pytest.mark.django_db

PETITIONS = ("petition_draft", "petition_moderation", "petition_collecting")
APPEALS = ("appeal_communal", "appeal_portal")
APPEAL_FILES = ("attachment_communal", "attachment_portal")
OFFICIALS = ("official_public", "official_hidden")
KG_APPLICATIONS = ("kg_application", "kg_application_paper")


def _kindergarten_numbers(s: Scenario) -> list[Target]:
    """The applications' numbers (the status page's key): A's and the paper one."""
    return [
        Target(s.values["kg_number"], ("kg_application",)),
        Target(s.values["kg_number_paper"], ("kg_application_paper",)),
    ]


def _forged_link(kind: str) -> Mapping:
    """A's user id with a token that is not A's: the page says the link is invalid (400)."""

    def targets(s: Scenario) -> list[Target]:
        value = s.values["uid_a"] if kind == "uid" else s.values["forged_token"]
        return [Target(value, ("forged_link",), also_refused=frozenset({400}))]

    return targets


#: (namespace, URL parameter) → the values it takes in the scenario.
MAPPINGS: dict[tuple[str, str], Mapping] = {
    ("appeals", "appeal_id"): objects(*APPEALS),
    ("appeals", "filter_id"): objects("saved_filter"),
    ("appeals", "job_id"): objects("import_job"),
    ("appeals", "attachment_id"): objects(*APPEAL_FILES),
    ("appeals", "fmt"): fixed("csv", "xlsx", lists=APPEALS),
    ("reports", "fmt"): lambda s: [Target(f, ("report",)) for f in ("docx", "xlsx", "json")],
    ("questions", "question_id"): objects("question_new"),
    ("questions", "consultation_id"): objects("consultation_draft"),
    ("petitions", "petition_id"): objects(*PETITIONS),
    ("petitions", "attachment_id"): objects("attachment_moderation"),
    ("petitions", "invalidation_id"): objects("invalidation"),
    ("portal", "appeal_id"): objects(*APPEALS),
    ("portal", "question_id"): objects("question_new"),
    ("portal", "consultation_id"): objects("consultation_draft"),
    ("portal", "petition_id"): objects(*PETITIONS),
    ("portal", "attachment_id"): objects("attachment_moderation"),
    ("portal", "file_id"): objects(*APPEAL_FILES),
    ("portal", "uidb64"): _forged_link("uid"),
    ("portal", "token"): _forged_link("token"),
    # Identity providers: none is configured in tests, so any code is "not found" (and no ticket has
    # such a code either).
    ("portal", "code"): fixed("id-gov-ua", "diia"),
    ("portal", "official_id"): objects(*OFFICIALS),
    ("portal", "service_id"): objects("centre_service"),
    ("receptions", "official_id"): objects(*OFFICIALS),
    ("receptions", "day"): lambda s: [Target(s.values["reception_day"], ("public",))],
    ("receptions", "booking_id"): objects("reception_booking"),
    ("receptions", "window_id"): objects("centre_window"),
    ("receptions", "ticket_id"): objects("queue_ticket"),
    ("portal", "number"): _kindergarten_numbers,
    ("portal", "institution_id"): objects("kg_institution"),
    ("portal", "age_group_id"): objects("kg_group"),
    ("kindergarten", "application_id"): objects(*KG_APPLICATIONS),
    ("kindergarten", "institution_id"): objects("kg_institution"),
    ("kindergarten", "age_group_id"): objects("kg_group"),
}

#: The staff workspace's namespaces; every other one is the residents' portal.
STAFF_NAMESPACES = frozenset(
    {"workspace", "appeals", "reports", "questions", "petitions", "receptions", "kindergarten"}
)
#: Probed from the OpenAPI schema (test_api_access.py), with bearer tokens.
API_NAMESPACE = "api"
ADMIN_NAMESPACE = "admin"

ALL = walk()
PROBED = [p for p in ALL if p.kwargs and p.namespace not in (API_NAMESPACE, ADMIN_NAMESPACE)]
ADMIN = [p for p in ALL if p.kwargs and p.namespace == ADMIN_NAMESPACE]


def face_of(pattern: Pattern) -> str:
    return STAFF_FACE if pattern.namespace in STAFF_NAMESPACES else PORTAL_FACE


def _refused_before_the_view(response) -> bool:
    """A redirect to a sign-in page comes from role_required / resident_required, which refuse every
    method alike."""
    return response.status_code == 302 and urlsplit(response.headers["Location"]).path in sign_in_paths()


def probe(client: Client, method: str, path: str):
    return client.post(path) if method == "POST" else client.get(path)


@pytest.mark.parametrize("principal", PRINCIPALS)
@pytest.mark.parametrize("pattern", PROBED, ids=lambda p: p.id)
def test_not_entitled_are_refused_and_learn_nothing_when_they_open_a_url(
    scenario: Scenario, pattern: Pattern, principal: str
) -> None:
    unknown = [k for k in pattern.kwargs if (pattern.namespace, k) not in MAPPINGS]
    if unknown:
        pytest.fail(
            f"{pattern.route}: add a mapping for {[(pattern.namespace, k) for k in unknown]} to MAPPINGS "
            "(and the objects it points at to the scenario and the entitlement table)"
        )
    mapping = {k: MAPPINGS[(pattern.namespace, k)] for k in pattern.kwargs}
    face = face_of(pattern)
    problems: list[str] = []
    shared = scenario.client(principal)
    for values, targets in combinations(pattern.kwargs, mapping, scenario):
        path = pattern.path(values)
        forged = any("forged_link" in t.objects for t in targets)
        for method in ("GET", "POST"):
            client = scenario.client(principal) if forged else shared
            response = probe(client, method, path)
            what = f"{method} {path} as {principal} ({', '.join(o for t in targets for o in t.objects)})"
            problems += check(
                response=response,
                principal=principal,
                face=face,
                targets=targets,
                scenario=scenario,
                what=what,
            )
            if method == "GET" and _refused_before_the_view(response):
                break  # the same decorator refuses a POST: no need to ask twice
            if forged:
                signed_in = client.session.get("_auth_user_id")
                if signed_in == str(scenario.residents[RESIDENT_A].user.pk) and principal != RESIDENT_A:
                    problems.append(f"{what}: a forged link signed in as resident A")
    assert not problems, "\n".join(problems)


def test_every_api_url_with_a_parameter_is_probed_from_the_schema_when_walking_the_url_conf() -> None:
    """The API's URLs are probed from the OpenAPI schema (with bearer tokens): none may be missing
    from it, or it would escape both suites."""
    schema_paths = {path.removeprefix("/api/v1/") for path in api.get_openapi_schema()["paths"]}
    routes = {
        p.route.removeprefix("api/v1/").replace("<int:", "{").replace("<", "{").replace(">", "}")
        for p in ALL
        if p.namespace == API_NAMESPACE and p.kwargs
    }
    missing = sorted(r for r in routes if r not in {s.lstrip("/") for s in schema_paths})
    assert not missing, f"API URLs missing from the OpenAPI schema: {missing}"


def _admin_object_ids(scenario: Scenario) -> dict[str, str]:
    """model label → the pk of a scenario object of that model (any row: only the administrator may
    open the administration at all, so which row it is does not change the expectation)."""
    found = {}
    for model in admin_site._registry:
        row = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        found[f"{model._meta.app_label}_{model._meta.model_name}"] = str(row) if row is not None else "1"
    return found


#: The administration lets in `is_staff` accounts only (the administrator role): one principal of each
#: other kind is enough, since Django's admin_view refuses them all alike.
ADMIN_PROBERS = ("anonymous", "resident_a", "head", "nobody")


@pytest.mark.parametrize("principal", ADMIN_PROBERS)
def test_administration_redirects_to_its_sign_in_when_opened_by_anyone_but_the_administrator(
    scenario: Scenario, principal: str
) -> None:
    ids = _admin_object_ids(scenario)
    problems = []
    for pattern in ADMIN:
        if pattern.kwargs == ("content_type_id", "object_id"):
            values = {"content_type_id": "1", "object_id": "1"}
        else:
            model = next(
                (label for label in ids if f"/{label.replace('_', '/', 1)}/" in f"/{pattern.route}"), None
            )
            values = {k: ids[model] if model else "1" for k in pattern.kwargs}
        path = pattern.path(values)
        response = scenario.client(principal).get(path)
        target = [Target(path, ("admin",))]
        problems += check(
            response=response,
            principal=principal,
            face=STAFF_FACE,
            targets=target,
            scenario=scenario,
            what=f"GET {path} as {principal}",
        )
        if response.status_code == 302 and not response.headers["Location"].startswith("/admin/login/"):
            problems.append(f"GET {path} as {principal}: 302 to {response.headers['Location']}")
    assert not problems, "\n".join(problems)
