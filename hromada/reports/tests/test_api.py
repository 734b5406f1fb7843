"""GET /api/v1/reports/appeals: the report's JSON for the roles that read reports."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from hromada.reports import periods
from hromada.reports.as_json import report_json
from hromada.reports.figures import appeals_report

PATH = "/reports/appeals"
Q1 = {"from": "2025-01-01", "to": "2025-03-31"}


@pytest.mark.parametrize("who", ["head", "controller", "registrar"])
def test_api_gives_the_report_when_the_role_reads_reports(api, register, who):
    response = api(who).get(PATH, **Q1)
    assert response.status_code == 200
    expected = report_json(appeals_report(periods.quarter(2025, 1), today=dt.date(2026, 11, 20)))
    assert response.json() == json.loads(json.dumps(expected))
    assert response.json()["period"]["title"] == "I квартал 2025 року"


def test_api_speaks_english_when_asked(api, register):
    data = api("head", language="en").get(PATH, **Q1).json()
    assert data["period"]["title"] == "Quarter I of 2025"
    assert data["appeals"]["by_channel_group"]["hotline"]["name"] == "Through hotlines"


@pytest.mark.parametrize("who", ["executor_communal", "moderator", "administrator"])
def test_api_refuses_when_the_role_does_not_read_reports(api, db, staff, who):
    response = api(who).get(PATH, **Q1)
    assert response.status_code == 403
    assert response.json() == {
        "code": "forbidden",
        "message": "Ваша роль не дозволяє переглядати звіти.",
        "field": "",
    }


def test_api_asks_to_sign_in_when_anonymous(api, db):
    response = api(None).get(PATH, **Q1)
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ({"from": "2025-02-30", "to": "2025-03-31"}, [("from", "Введіть дату у форматі РРРР-ММ-ДД.")]),
        ({"from": "2025-01-01"}, [("to", "Це поле обов'язкове.")]),
        ({"from": "2025-03-01", "to": "2025-02-01"}, [("to", "Кінець періоду раніший за його початок.")]),
        ({"from": "1900-01-01", "to": "2025-02-01"}, [("from", "Зазначте дату не раніше 1991 року.")]),
    ],
)
def test_api_gives_field_errors_when_the_period_is_bad(api, db, staff, query, errors):
    response = api("head").get(PATH, **query)
    assert response.status_code == 422
    assert [(e["field"], e["message"]) for e in response.json()] == errors


def test_openapi_documents_the_report(api, db, staff):
    schema = api("head").get("/openapi.json").json()
    operation = schema["paths"]["/api/v1/reports/appeals"]["get"]
    assert [p["name"] for p in operation["parameters"]] == ["from", "to"]
    assert operation["tags"] == ["reports"]
