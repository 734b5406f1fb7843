"""Hostile input to the API (issue 11, findings 5 and 6): NUL and other control characters in bodies,
query strings and paths, pages past any bound, numbers given as dates, unknown routes. Each answer is
a 4xx in the API's JSON shape, naming the field, and nothing is saved. Run on SQLite and PostgreSQL
(PostgreSQL is the one that refused NUL with a 500)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from hromada.appeals.models import Appeal, Note
from hromada.testing import appeal_body

NUL = "\x00"


def _fields(response) -> set[str]:
    body = response.json()
    assert isinstance(body, list), body
    return {error["field"] for error in body}


def _post(path: str, body: object, **headers: str):
    return Client().post(f"/api/v1{path}", json.dumps(body), content_type="application/json", headers=headers)


def _e_appeal(**overrides: object) -> dict[str, object]:
    return {
        "name": "Петренко Олена Іванівна",
        "address": "вул. Соборна, 5",
        "email": "petrenko@example.com",
        "topic": "communal",
        "text": "Не вивозять сміття.",
        "consent": True,
        **overrides,
    }


# --- bodies ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"summary": f"Ліфт{NUL}"}, "summary"),
        ({"text": f"a{NUL}b"}, "text"),
        ({"external_id": "\x1b[31m"}, "external_id"),
        ({"issues": [{"topic": "communal", "text": f"Ліфт{NUL}"}]}, "issues.0.text"),
    ],
)
def test_registration_refused_with_the_field_when_a_string_has_a_control_character(api, overrides, field):
    response = api("registrar").post("/appeals", appeal_body(**overrides))
    assert response.status_code == 422, response.content
    assert field in _fields(response)
    assert Appeal.objects.count() == 0


def test_registration_refused_when_an_applicant_name_has_nul(api):
    body = appeal_body()
    body["applicants"][0]["name"] = f"Коваленко{NUL}"
    response = api("registrar").post("/appeals", body)
    assert response.status_code == 422
    assert _fields(response) == {"applicants.0.name"}
    assert Appeal.objects.count() == 0


def test_tab_and_new_lines_still_accepted_when_text_is_multiline(api):
    response = api("registrar").post("/appeals", appeal_body(text="Перший рядок\r\n\tдругий"))
    assert response.status_code == 201, response.content
    assert response.json()["text"] == "Перший рядок\r\n\tдругий"


def test_public_e_appeal_refused_without_an_account_when_text_has_nul(db):
    response = _post("/public/appeals", _e_appeal(text=f"Сміття{NUL}", name=f"Петренко{NUL}"))
    assert response.status_code == 422
    assert _fields(response) == {"text", "name"}
    assert Appeal.objects.count() == 0


def test_note_refused_when_text_has_nul(api):
    appeal = api("registrar").post("/appeals", appeal_body()).json()
    response = api("registrar").post(f"/appeals/{appeal['id']}/notes", {"text": f"x{NUL}"})
    assert response.status_code == 422
    assert _fields(response) == {"text"}
    assert Note.objects.count() == 0


def test_message_is_ukrainian_by_default_and_english_when_asked(api):
    uk = api("registrar").post("/appeals", appeal_body(summary=NUL)).json()
    en = api("registrar", "en").post("/appeals", appeal_body(summary=NUL)).json()
    assert uk == [{"field": "summary", "message": uk[0]["message"], "code": "control_character"}]
    assert "керівні символи" in uk[0]["message"]
    assert en[0]["message"] == "Remove control characters (such as NUL) from the text."


# --- query and path parameters --------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, path, params, field",
    [
        ("controller", "/appeals", {"text": f"ліфт{NUL}"}, "text"),
        ("controller", "/appeals", {"status": NUL}, "status"),
        ("moderator", "/petitions", {"q": NUL}, "q"),
        ("", "/public/petitions", {"q": f"освітлення{NUL}"}, "q"),
        ("", "/public/petitions", {"category": NUL}, "category"),
        ("", "/public/appeals/К-1", {"code": NUL}, "code"),
    ],
)
def test_query_parameter_refused_with_the_field_when_it_has_nul(api, who, path, params, field):
    response = api(who).get(path, **params)
    assert response.status_code == 422, response.content
    assert _fields(response) == {field}


def test_path_parameter_refused_when_tracking_number_has_nul(db):
    response = Client().get("/api/v1/public/appeals/%D0%9A-1%00")
    assert response.status_code == 422
    assert _fields(response) == {"number"}


@pytest.mark.parametrize("path", ["/appeals/9223372036854775808", "/petitions/18446744073709551616"])
def test_id_past_64_bits_refused_when_given_in_the_path(api, path):
    response = api("moderator").get(path)
    assert response.status_code == 422, response.content
    assert _fields(response) == {path.split("/")[1][:-1] + "_id"}


# --- paging and dates -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", [2**63, 2**64, 10**6 + 1, 0, -1])
def test_page_refused_when_out_of_bounds(api, page):
    response = api("controller").get("/appeals", page=page)
    assert response.status_code == 422, response.content
    assert _fields(response) == {"page"}


@pytest.mark.parametrize("path", ["/public/petitions", "/petitions"])
def test_petition_page_refused_when_past_the_bound(api, path):
    response = api("moderator").get(path, page=2**63)
    assert response.status_code == 422
    assert _fields(response) == {"page"}


@pytest.mark.parametrize("value", ["0", "1700000000", "0.5", "02.12.2026"])
def test_date_refused_when_given_as_a_number(api, value):
    response = api("controller").get("/appeals", received_to=value)
    assert response.status_code == 422
    assert _fields(response) == {"received_to"}


def test_report_period_refused_when_given_as_numbers(api):
    response = api("head").get("/reports/appeals", **{"from": "0", "to": "1"})
    assert response.status_code == 422
    assert _fields(response) == {"from", "to"}


def test_received_at_refused_when_given_as_unix_time(api):
    response = api("registrar").post("/appeals", appeal_body(received_at=0))
    assert response.status_code == 422
    assert _fields(response) == {"received_at"}
    assert Appeal.objects.count() == 0


def test_iso_dates_accepted_when_well_formed(api):
    response = api("controller").get("/appeals", received_from="2026-01-01", received_to="2026-12-31")
    assert response.status_code == 200


# --- unknown routes and methods -------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/api/v1/nothing"),
        ("get", "/api/v1/petitions/abc"),
        ("post", "/api/v1/petitions/abc/publish"),
        ("get", "/api/v1/public/petitions/mine/x"),
        ("put", "/api/v1/public/petitions/null,null"),
        ("get", "/api/v1/appeals/1/nothing"),
    ],
)
def test_json_404_when_no_operation_serves_the_path(db, method, path):
    client = Client(enforce_csrf_checks=True)
    client.cookies["sessionid"] = "x"  # a cookie made the CSRF check answer Django's HTML 403
    response = getattr(client, method)(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"


def test_json_405_with_allow_when_the_method_is_not_served(db):
    response = Client().delete("/api/v1/public/petitions")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "method_not_allowed"
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}


# --- web pages: a NUL in a query string or a form is not a 500 either -------------------------------


@pytest.mark.parametrize("path", ["/staff/appeals/?q=%00", "/staff/appeals/?q=a%00b&status=%00"])
def test_staff_list_answers_without_error_when_query_has_nul(client, staff, path):
    client.force_login(staff["controller"])
    response = client.get(path)
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("path", ["/peticii/?q=%00", "/peticii/?q=%D0%B0%00&category=%00"])
def test_public_petition_list_answers_without_error_when_query_has_nul(db, path):
    response = Client().get(path)
    assert response.status_code in (200, 400)


def test_json_404_when_the_path_has_a_new_line(api):
    response = api("moderator").client.get("/api/v1/petitions/a%0Ab")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
