"""The appeals API's registration refusals: the same card twice, schema and content errors in both
languages, a future receipt time, an unparsable body."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hromada.appeals.models import Appeal
from hromada.appeals.tests.api_helpers import counts, register, resolve
from hromada.testing import appeal_body

pytestmark = pytest.mark.django_db


# --- registration refusals ---------------------------------------------------------------------


def test_same_card_twice_is_409_already_registered(api):
    card = {"channel": "gov_hotline", "external_id": "1545-000123", "received_at": "2026-11-16T10:00:00"}
    first = register(api, **card)
    before = counts()
    response = api("registrar").post("/appeals", appeal_body(**card))
    assert response.status_code == 409, response.content
    error = response.json()
    assert error["code"] == "already_registered"
    assert error["field"] == "external_id"
    assert first["number"] in error["message"]
    assert counts() == before

    # The same number from another contact center is another card (a duplicate of the first).
    other = register(api, **(card | {"channel": "regional_hotline"}))
    assert other["number"] == "К-2"  # the refused request took no number
    assert other["feature"] == "duplicate"
    assert other["links"]["duplicate_of"]["id"] == first["id"]


def test_schema_errors_are_422_with_dotted_paths_in_ukrainian(api):
    body = appeal_body(
        signatories=0,
        applicants=[{"name": "Коваленко Іван", "phone": "1" * 41}],
        issues=[{"text": "Без теми"}],
        colour="red",
    )
    response = api("registrar").post("/appeals", body)
    assert response.status_code == 422, response.content
    errors = {e["field"]: e for e in response.json()}
    assert set(errors) == {"signatories", "applicants.0.phone", "issues.0.topic", "colour"}
    assert errors["issues.0.topic"]["code"] == "missing"
    assert errors["issues.0.topic"]["message"] == "Це поле обов'язкове."
    assert errors["signatories"]["message"] == "Значення має бути не меншим за 1."
    assert errors["applicants.0.phone"]["message"] == "Значення має містити не більше 40 символів."
    assert errors["colour"]["message"] == "Невідоме поле."
    assert Appeal.objects.count() == 0


def test_schema_errors_in_english(api):
    body = appeal_body(signatories=0, issues=[{"text": "Без теми"}])
    response = api("registrar", "en").post("/appeals", body)
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()}
    assert errors == {
        "signatories": "Ensure this value is at least 1.",
        "issues.0.topic": "This field is required.",
    }


def test_content_errors_are_422_with_dotted_paths_in_ukrainian(api):
    body = appeal_body(
        channel="pigeon",
        applicants=[{"name": "Коваленко Іван", "email": "not-an-email"}, {"name": ""}],
        issues=[{"topic": "communal", "text": "Ліфт"}, {"topic": "astrology", "text": "Зірки"}],
    )
    response = api("registrar").post("/appeals", body)
    assert response.status_code == 422, response.content
    errors = {e["field"]: e for e in response.json()}
    assert set(errors) == {"channel", "applicants.0.email", "applicants.1.name", "issues.1.topic"}
    assert errors["applicants.0.email"]["code"] == "invalid"
    assert errors["applicants.0.email"]["message"] == "Введіть правильну адресу електронної пошти."
    assert errors["channel"]["message"] == "Невідомий канал надходження «pigeon»."
    assert errors["issues.1.topic"]["code"] == "unknown"
    assert errors["applicants.1.name"]["code"] == "required"
    assert Appeal.objects.count() == 0


def test_content_errors_in_english(api):
    body = appeal_body(channel="web", applicants=[{"name": "Коваленко Іван", "email": ""}])
    response = api("registrar", "en").post("/appeals", body)
    assert response.status_code == 422
    assert response.json() == [
        {
            "field": "applicants.0.email",
            "message": "An electronic appeal must give an e-mail address for the answer (Law art. 5).",
            "code": "required",
        }
    ]
    body = appeal_body(applicants=[{"name": "Коваленко Іван", "email": "nope"}])
    response = api("registrar", "en").post("/appeals", body)
    assert response.json() == [
        {"field": "applicants.0.email", "message": "Enter a valid e-mail address.", "code": "invalid"}
    ]
    assert Appeal.objects.count() == 0


def test_domain_refusals_follow_the_language(api):
    appeal = register(api)
    resolve(api, appeal["id"])
    uk = api("controller").post(f"/appeals/{appeal['id']}/close").json()
    en = api("controller", "en").post(f"/appeals/{appeal['id']}/close").json()
    assert uk["code"] == en["code"] == "unanswered_issues"
    assert en["message"].startswith("The appeal cannot be closed")
    assert uk["message"].startswith("Звернення не можна зняти з контролю")
    missing_uk = api("controller").get("/appeals/999999").json()
    missing_en = api("controller", "en").get("/appeals/999999").json()
    assert missing_uk == {"code": "not_found", "message": "Звернення не знайдено.", "field": "id"}
    assert missing_en == {"code": "not_found", "message": "Appeal not found.", "field": "id"}


def test_future_receipt_time_is_refused(api):
    future = (timezone.localtime() + dt.timedelta(days=2)).replace(tzinfo=None).isoformat(timespec="seconds")
    response = api("registrar").post("/appeals", appeal_body(received_at=future))
    assert response.status_code == 422
    assert response.json()[0]["field"] == "received_at"
    assert response.json()[0]["code"] == "future"


def test_unparsable_body_is_422(api):
    for language, message in [
        ("uk", "Тіло запиту не є коректним JSON."),
        ("en", "The body is not valid JSON."),
    ]:
        client = api("registrar", language)
        response = client.client.post(
            "/api/v1/appeals", "{not json", content_type="application/json", headers=client.headers
        )
        assert response.status_code == 422, response.content
        assert response.json() == [{"field": "", "message": message, "code": "json_invalid"}]
    # A body that is JSON but not an object.
    response = api("registrar").post("/appeals", ["a"])
    assert response.status_code == 422
    assert Appeal.objects.count() == 0
