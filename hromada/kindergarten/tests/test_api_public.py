"""The kindergarten queue's public API: institutions with free places, a group's public list (exactly
position, number, birth year, benefit yes/no, date filed, status — no personal data, paged), and the
look-up by number and code (404 for a wrong pair, 429 past the limit, 422 for bad input)."""

from __future__ import annotations

import json

import pytest

from hromada.kindergarten import services
from hromada.kindergarten.tests.test_api_support import NOW, file, group, institution, officer, person
from hromada.testing import Api

pytestmark = pytest.mark.django_db

ROW_KEYS = {"position", "number", "birth_year", "benefit", "filed_on", "status"}


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW


@pytest.fixture
def town():
    staff = officer()
    sonechko = institution("ЗДО № 1 «Сонечко»", edrpou="01234567")
    kazka = institution("ЗДО № 2 «Казка»")
    filed = [file(staff, n, [sonechko, kazka]) for n in range(1, 4)]
    return {"staff": staff, "sonechko": sonechko, "kazka": kazka, "filed": filed}


def _personal_data(text: str, n: int) -> list[str]:
    return [v for v in person(n).values() if v in text]


def test_institutions_list_their_groups_with_free_places_and_queues(town, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = Api(None).get("/public/kindergarten/institutions")
    assert response.status_code == 200, response.content
    by_name = {i["name"]: i for i in response.json()}
    assert set(by_name) == {"ЗДО № 1 «Сонечко»", "ЗДО № 2 «Казка»"}
    sonechko = by_name["ЗДО № 1 «Сонечко»"]
    assert sonechko["edrpou"] == "01234567"
    threes = next(g for g in sonechko["groups"] if g["age"] == 3)
    assert (threes["capacity"], threes["free_places"], threes["queue_length"]) == (2, 2, 3)
    assert threes["name"]  # the usual name when the institution set none
    assert all(g["queue_length"] == 0 for g in sonechko["groups"] if g["age"] != 3)


def test_the_public_list_has_exactly_the_annex_fields_in_queue_order(town, django_assert_max_num_queries):
    three = group(town["sonechko"])
    with django_assert_max_num_queries(4):  # the group, its queue, its free places
        response = Api(None).get(f"/public/kindergarten/queues/{three.pk}")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["group"]["id"] == three.pk and data["group"]["institution_name"] == "ЗДО № 1 «Сонечко»"
    assert (data["count"], data["page"], data["pages"]) == (3, 1, 1)
    assert all(set(row) == ROW_KEYS for row in data["items"])
    assert [row["position"] for row in data["items"]] == [1, 2, 3]
    assert [row["number"] for row in data["items"]] == [f.application.number for f in town["filed"]]
    first = data["items"][0]
    assert (first["birth_year"], first["benefit"], first["filed_on"], first["status"]) == (
        2024,
        False,
        "2026-12-04",
        "active",
    )
    text = response.content.decode()
    for n in range(1, 4):
        assert not _personal_data(text, n)
    assert "2024-03-17" not in text and "17.03.2024" not in text


def test_a_confirmed_benefit_shows_as_yes_and_first(town):
    late = file(town["staff"], 9, [town["sonechko"]], benefit="out_of_turn")
    services.confirm_benefit(actor=town["staff"], application=late.application, note="Посвідчення")
    items = Api(None).get(f"/public/kindergarten/queues/{group(town['sonechko']).pk}").json()["items"]
    assert (items[0]["number"], items[0]["benefit"]) == (late.application.number, True)
    assert [row["position"] for row in items] == [1, 2, 3, 4]


def test_the_public_list_is_paged(town):
    three = group(town["sonechko"])
    second = Api(None).get(f"/public/kindergarten/queues/{three.pk}", page=2, page_size=2).json()
    assert (second["count"], second["page"], second["pages"]) == (3, 2, 2)
    assert [row["position"] for row in second["items"]] == [3]
    too_big = Api(None).get(f"/public/kindergarten/queues/{three.pk}", page_size=100_000)
    assert too_big.status_code == 422 and too_big.json()[0]["field"] == "page_size"


def test_an_unknown_group_is_404(town):
    response = Api(None).get("/public/kindergarten/queues/999999")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_lookup_by_number_and_code_gives_positions_and_history(town):
    filed = town["filed"][1]
    response = Api(None).post(
        "/public/kindergarten/lookup", {"number": filed.application.number, "code": filed.code}
    )
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "no-store"
    data = response.json()
    assert (data["number"], data["status"]) == (filed.application.number, "active")
    assert [(p["rank"], p["institution_name"], p["position"]) for p in data["positions"]] == [
        (1, "ЗДО № 1 «Сонечко»", 2),
        (2, "ЗДО № 2 «Казка»", 2),
    ]
    assert {(h["old_position"], h["new_position"], h["reason"]) for h in data["history"]} == {
        (None, 2, "filed")
    }
    assert not _personal_data(response.content.decode(), 2)


def test_lookup_refuses_a_wrong_code_and_an_unknown_number_alike(town):
    filed = town["filed"][0]
    wrong = Api(None).post(
        "/public/kindergarten/lookup", {"number": filed.application.number, "code": "XXXXXXXX"}
    )
    unknown = Api(None).post("/public/kindergarten/lookup", {"number": "ДНЗ-0000-000000", "code": filed.code})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()
    assert person(1)["child_surname"] not in wrong.content.decode()


def test_lookup_is_rate_limited_per_address(town, settings):
    settings.HROMADA_PORTAL_TRACKING_LIMIT = 2
    filed = town["filed"][0]
    body = {"number": filed.application.number, "code": "WRONG123"}
    assert [Api(None).post("/public/kindergarten/lookup", body).status_code for _ in range(2)] == [404, 404]
    refused = Api(None).post("/public/kindergarten/lookup", {**body, "code": filed.code})
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1


@pytest.mark.parametrize(
    "body",
    [{}, {"number": "", "code": "x"}, {"number": "x" * 21, "code": "x"}, {"number": 5, "code": "x"}],
    ids=["empty", "blank number", "long number", "number not text"],
)
def test_lookup_refuses_bad_input_with_422(body, town):
    response = Api(None).post("/public/kindergarten/lookup", body)
    assert response.status_code == 422, response.content
    assert all(set(e) == {"field", "message", "code"} for e in response.json())


def test_lookup_refuses_a_body_that_is_not_json(town):
    response = Api(None).client.post(
        "/api/v1/public/kindergarten/lookup", "{not json", content_type="application/json"
    )
    assert response.status_code == 422 and json.loads(response.content)[0]["code"] == "json_invalid"
