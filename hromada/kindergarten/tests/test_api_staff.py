"""The kindergarten queue's staff API: the education officer and the administrator file paper
applications, list and read them, check benefits, cancel, offer places and take the parent's answer;
every other role 403, anonymous 401; strict types (422), domain refusals (409/422) with code and field."""

from __future__ import annotations

import pytest

from hromada.accounts.models import Role
from hromada.kindergarten import services
from hromada.kindergarten.models import AgeGroup, Application
from hromada.kindergarten.tests.test_api_support import NOW, body, file, group, institution, officer
from hromada.testing import Api

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW


@pytest.fixture
def town():
    staff = officer()
    sonechko = institution("ЗДО № 1 «Сонечко»", edrpou="01234567")
    kazka = institution("ЗДО № 2 «Казка»")
    return {"staff": staff, "api": Api(staff), "sonechko": sonechko, "kazka": kazka}


def _positions(api: Api, application_id: int) -> dict[str, int | None]:
    card = api.get(f"/kindergarten/applications/{application_id}").json()
    return {p["institution_name"]: p["position"] for p in card["positions"]}


def test_a_paper_application_is_filed_with_its_number_and_code(town):
    response = town["api"].post("/kindergarten/applications", body(1, [town["sonechko"], town["kazka"]]))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["number"] and len(data["code"]) == 8 and data["on_paper"] is True
    assert (data["status"], data["child_surname"], data["registered_in_community"]) == (
        "active",
        "Сонцевич-Таємна1",
        False,
    )
    assert [(p["rank"], p["position"]) for p in data["positions"]] == [(1, 1), (2, 1)]
    found = Api(None).post("/public/kindergarten/lookup", {"number": data["number"], "code": data["code"]})
    assert found.status_code == 200
    card = town["api"].get(f"/kindergarten/applications/{data['id']}").json()
    assert "code" not in card and card["parent_phone"] == "+380500000001"


def test_the_same_child_twice_is_409_and_nothing_is_saved(town):
    first = town["api"].post("/kindergarten/applications", body(1, [town["sonechko"]]))
    assert first.status_code == 201
    again = town["api"].post("/kindergarten/applications", body(1, [town["kazka"]]))
    assert again.status_code == 409 and again.json()["code"] == "duplicate_child"
    assert Application.objects.count() == 1


def test_an_institution_without_the_age_group_is_422(town):
    toddlers = institution("ЗДО № 3 «Ясла»", ages=(1,))
    response = town["api"].post("/kindergarten/applications", body(1, [toddlers]))
    assert response.status_code == 422, response.content
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("registered_in_community", "true"),
        ("registered_in_community", 1),
        ("school_year", "2027"),
        ("school_year", 2027.0),
        ("start_month", True),
        ("sex", True),
        ("sex", "2"),
        ("sex", 3),
        ("institution_ids", ["1"]),
        ("institution_ids", []),
        ("benefit", "veteran"),
        ("birth_date", 1700000000),
        ("child_surname", "a\x00b"),
        ("certificate_number", "12=34"),
    ],
)
def test_wrong_types_are_422_naming_the_field(town, field, value):
    response = town["api"].post("/kindergarten/applications", body(1, [town["sonechko"]], **{field: value}))
    assert response.status_code == 422, response.content
    assert any(e["field"].split(".")[0] == field for e in response.json()), response.json()
    assert Application.objects.count() == 0


def test_the_list_filters_and_pages(town):
    a = file(town["staff"], 1, [town["sonechko"]]).application
    b = file(town["staff"], 2, [town["kazka"]], benefit="first_in_turn").application
    c = file(town["staff"], 3, [town["sonechko"], town["kazka"]]).application
    services.cancel_application(actor=town["staff"], application=c, note="Переїзд")
    api = town["api"]

    def ids(**params):
        response = api.get("/kindergarten/applications", **params)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["items"]]

    assert set(ids()) == {a.pk, b.pk, c.pk}
    assert ids(status="active") == [b.pk, a.pk]  # newest first
    assert ids(benefit_status="claimed") == [b.pk]
    assert set(ids(institution_id=town["kazka"].pk)) == {b.pk, c.pk}
    assert ids(q="Сонцевич-Таємна2") == [b.pk]
    assert ids(q=b.number) == [b.pk]
    paged = api.get("/kindergarten/applications", page=2, page_size=2).json()
    assert (paged["count"], paged["pages"], len(paged["items"])) == (3, 2, 1)
    assert api.get("/kindergarten/applications", status="lost").status_code == 422


def test_a_confirmed_benefit_moves_the_application_ahead_and_a_refused_one_back(town):
    api = town["api"]
    general = file(town["staff"], 1, [town["sonechko"]]).application
    claimed = file(town["staff"], 2, [town["sonechko"]], benefit="first_in_turn").application
    assert _positions(api, claimed.pk) == {"ЗДО № 1 «Сонечко»": 2}
    confirmed = api.post(
        f"/kindergarten/applications/{claimed.pk}/benefit", {"decision": "confirm", "note": "Довідка"}
    )
    assert confirmed.status_code == 200, confirmed.content
    assert confirmed.json()["benefit_status"] == "confirmed"
    assert _positions(api, claimed.pk) == {"ЗДО № 1 «Сонечко»": 1}
    assert _positions(api, general.pk) == {"ЗДО № 1 «Сонечко»": 2}
    history = confirmed.json()["history"]
    assert ("benefit_confirmed", 2, 1) in {
        (h["reason"], h["old_position"], h["new_position"]) for h in history
    }
    refused = api.post(
        f"/kindergarten/applications/{claimed.pk}/benefit",
        {"decision": "refuse", "note": "Довідка прострочена"},
    )
    assert refused.status_code == 200 and refused.json()["benefit_status"] == "refused"
    assert _positions(api, claimed.pk) == {"ЗДО № 1 «Сонечко»": 2}


def test_a_benefit_nobody_claimed_is_409(town):
    plain = file(town["staff"], 1, [town["sonechko"]]).application
    response = town["api"].post(f"/kindergarten/applications/{plain.pk}/benefit", {"decision": "confirm"})
    assert response.status_code == 409 and response.json()["code"] == "no_benefit"
    bad = town["api"].post(f"/kindergarten/applications/{plain.pk}/benefit", {"decision": "maybe"})
    assert bad.status_code == 422 and bad.json()[0]["field"] == "decision"


def test_cancelling_moves_those_behind_up_and_twice_is_409(town):
    api = town["api"]
    first = file(town["staff"], 1, [town["sonechko"]]).application
    second = file(town["staff"], 2, [town["sonechko"]]).application
    response = api.post(f"/kindergarten/applications/{first.pk}/cancel", {"note": "Заява батьків"})
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert [p["position"] for p in response.json()["positions"]] == [None]
    assert _positions(api, second.pk) == {"ЗДО № 1 «Сонечко»": 1}
    again = api.post(f"/kindergarten/applications/{first.pk}/cancel", {"note": ""})
    assert again.status_code == 409 and again.json()["code"] == "wrong_status"


def test_an_offer_accepted_enrols_and_leaves_every_queue(town):
    api = town["api"]
    first = file(town["staff"], 1, [town["sonechko"], town["kazka"]]).application
    second = file(town["staff"], 2, [town["sonechko"], town["kazka"]]).application
    three = group(town["sonechko"])
    offered = api.post(f"/kindergarten/groups/{three.pk}/offer")
    assert offered.status_code == 200, offered.content
    assert (offered.json()["id"], offered.json()["status"]) == (first.pk, "offered")
    assert offered.json()["offer_deadline"] and offered.json()["offered_group_id"] == three.pk
    accepted = api.post(f"/kindergarten/applications/{first.pk}/offer/accept")
    assert accepted.status_code == 200, accepted.content
    assert (accepted.json()["status"], accepted.json()["enrolled_group_id"]) == ("enrolled", three.pk)
    assert {p["position"] for p in accepted.json()["positions"]} == {None}
    assert _positions(api, second.pk) == {"ЗДО № 1 «Сонечко»": 1, "ЗДО № 2 «Казка»": 1}
    free = Api(None).get("/public/kindergarten/institutions").json()
    sonechko = next(i for i in free if i["id"] == town["sonechko"].pk)
    assert next(g for g in sonechko["groups"] if g["id"] == three.pk)["free_places"] == 1
    again = api.post(f"/kindergarten/applications/{first.pk}/offer/accept")
    assert again.status_code == 409


def test_an_offer_declined_goes_back_to_the_queue_without_that_institution(town):
    api = town["api"]
    first = file(town["staff"], 1, [town["sonechko"], town["kazka"]]).application
    api.post(f"/kindergarten/groups/{group(town['sonechko']).pk}/offer")
    declined = api.post(f"/kindergarten/applications/{first.pk}/offer/decline")
    assert declined.status_code == 200, declined.content
    assert declined.json()["status"] == "active"
    assert _positions(api, first.pk).get("ЗДО № 2 «Казка»") == 1
    assert _positions(api, first.pk).get("ЗДО № 1 «Сонечко»") is None


def test_a_full_group_or_an_empty_queue_refuses_an_offer_with_409(town):
    api = town["api"]
    three = group(town["sonechko"])
    nobody = api.post(f"/kindergarten/groups/{three.pk}/offer")
    assert nobody.status_code == 409 and nobody.json()["code"] == "nobody_waiting", nobody.content
    AgeGroup.objects.filter(pk=three.pk).update(capacity=0)
    file(town["staff"], 1, [town["sonechko"]])
    full = api.post(f"/kindergarten/groups/{three.pk}/offer")
    assert full.status_code == 409 and full.json()["code"] == "no_free_place"
    assert api.post("/kindergarten/groups/999999/offer").status_code == 404


def test_unknown_application_is_404(town):
    for path in ("", "/cancel", "/offer/accept", "/offer/decline"):
        url = f"/kindergarten/applications/999999{path}"
        response = town["api"].get(url) if not path else town["api"].post(url, {"note": ""})
        assert response.status_code == 404, (path, response.content)


@pytest.mark.parametrize(
    "role", [Role.REGISTRAR, Role.HEAD, Role.CONTROLLER, Role.MODERATOR, Role.CENTRE_ADMINISTRATOR]
)
def test_other_roles_are_refused_403_and_learn_nothing(town, role):
    filed = file(town["staff"], 1, [town["sonechko"]]).application
    other = Api(officer(f"other-{role}", role))
    calls = [
        other.get("/kindergarten/applications"),
        other.get(f"/kindergarten/applications/{filed.pk}"),
        other.post("/kindergarten/applications", body(2, [town["sonechko"]])),
        other.post(f"/kindergarten/applications/{filed.pk}/benefit", {"decision": "confirm"}),
        other.post(f"/kindergarten/applications/{filed.pk}/cancel", {"note": ""}),
        other.post(f"/kindergarten/groups/{group(town['sonechko']).pk}/offer"),
        other.post(f"/kindergarten/applications/{filed.pk}/offer/accept"),
        other.post(f"/kindergarten/applications/{filed.pk}/offer/decline"),
    ]
    assert [r.status_code for r in calls] == [403] * len(calls)
    assert all("Сонцевич" not in r.content.decode() for r in calls)
    assert Application.objects.count() == 1 and Application.objects.get().status == "active"


def test_the_administrator_manages_the_queue_and_anonymous_is_401(town):
    admin = Api(officer("admin", Role.ADMINISTRATOR))
    assert admin.post("/kindergarten/applications", body(1, [town["sonechko"]])).status_code == 201
    anonymous = Api(None)
    assert anonymous.get("/kindergarten/applications").status_code == 401
    assert anonymous.post("/kindergarten/applications", body(2, [town["sonechko"]])).status_code == 401


def test_refusals_are_in_english_when_asked(town):
    english = Api(town["staff"], "en")
    file(town["staff"], 1, [town["sonechko"]])
    again = english.post("/kindergarten/applications", body(1, [town["kazka"]]))
    assert again.status_code == 409
    assert not any("а" <= ch <= "я" for ch in again.json()["message"].lower())


@pytest.mark.parametrize("raw", ["[null, null]", "[]", "5", "null", '"note"'])
def test_a_body_that_is_not_an_object_is_422_and_changes_nothing(town, raw):
    filed = file(town["staff"], 1, [town["sonechko"]]).application
    api = town["api"]
    for path in ("cancel", "benefit"):
        response = api.client.post(
            f"/api/v1/kindergarten/applications/{filed.pk}/{path}", raw, content_type="application/json",
            headers=api.headers,
        )  # fmt: skip
        assert response.status_code == 422, (path, response.content)
    assert Application.objects.get(pk=filed.pk).status == "active"
