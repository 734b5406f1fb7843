"""Tracking by number and code (page and public API): what the author sees, and the same 404 for any miss."""

from __future__ import annotations

import datetime as dt
import json
import re
import time

import pytest
from django.test import Client
from django.utils import timezone

from hromada.appeals import services
from hromada.appeals.models import Appeal
from hromada.appeals.public_schemas import EAppealIn
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services import file_e_appeal
from hromada.core import ratelimit
from hromada.core.models import CouncilSettings, RateLimitCount
from hromada.testing import appeal_body

URL = "/zvernennia/stan/"
API = "/api/v1/public/appeals"


def filed() -> tuple[Appeal, str]:
    data = EAppealIn(
        name="Петренко Олена Іванівна",
        address="вул. Соборна, 5",
        email="petrenko@example.com",
        topic="communal",
        text="Не вивозять сміття.",
        consent=True,
    )
    return file_e_appeal(data)


def answered(staff) -> tuple[Appeal, str]:
    """An e-appeal taken through resolution, a note, an extension and the answer."""
    appeal, code = filed()
    services.resolve_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        lead_department="communal",
        lead_executor="executor_communal",
        term="15d",
        instruction="ВНУТРІШНЯ ВКАЗІВКА",
    )
    executor = staff["executor_communal"]
    services.add_note(actor=executor, appeal_id=appeal.pk, text="ВНУТРІШНЯ НОТАТКА")
    issue = appeal.issues.get()
    services.answer_appeal(
        actor=executor,
        appeal_id=appeal.pk,
        text="Графік вивезення відновлено.",
        results=[(issue.pk, "resolved")],
    )
    return appeal, code


def test_status_and_answer_without_internal_data_when_number_and_code_match(staff):
    other = services.register_appeal(
        AppealRegisterIn.model_validate(
            appeal_body(applicants=[{"name": "Сидоренко Марія", "address": "вул. Інша, 9"}])
        ),
        actor=staff["registrar"],
    )
    appeal, code = answered(staff)
    response = Client().post(URL, {"number": appeal.number, "code": code})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert f"Звернення № {appeal.number}" in page and "надано відповідь" in page
    assert "Звернення зареєстровано" in page and "Звернення передано на розгляд" in page
    assert "Графік вивезення відновлено." in page and "Вирішено позитивно" in page
    executor = staff["executor_communal"]
    for secret in (
        "ВНУТРІШНЯ ВКАЗІВКА",
        "ВНУТРІШНЯ НОТАТКА",
        executor.username,
        executor.get_full_name() or executor.username,
        staff["head"].get_full_name() or "head@",
        staff["executor_communal"].department.name,
        "Сидоренко",
        other.number,
        "Вебпортал",
        code,
    ):
        assert secret not in page


def without_input(page: str, *typed: str) -> str:
    """The page without what the visitor typed (re-shown in the form) and the per-response CSRF token."""
    for value in typed:
        page = page.replace(value, "")
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', "", page)


def test_same_404_when_code_or_number_is_wrong(db):
    appeal, code = filed()
    client = Client()
    wrong_code = client.post(URL, {"number": appeal.number, "code": "AAAA-BBBB-CCCC"})
    wrong_number = client.post(URL, {"number": "Я-99999", "code": code})
    assert wrong_code.status_code == wrong_number.status_code == 404
    assert without_input(wrong_code.content.decode(), appeal.number, "AAAA-BBBB-CCCC") == without_input(
        wrong_number.content.decode(), "Я-99999", code
    )
    assert "Звернення з таким номером і кодом не знайдено" in wrong_code.content.decode()


def test_code_never_in_a_url_when_tracking_form_shown(db):
    page = Client().get(URL).content.decode()
    assert 'method="post"' in page and 'name="code"' in page


def test_429_when_one_address_tries_too_many_codes(db, settings):
    settings.HROMADA_PORTAL_TRACKING_LIMIT = 3
    client = Client()
    api = Client()  # no cookies: counted per address, with the same limit as a browser
    client.get(URL)  # the browser's cookie (CSRF), which tells browsers on one address apart
    for _ in range(3):
        assert client.post(URL, {"number": "1", "code": "X"}).status_code == 404
        assert api.get(f"{API}/1", {"code": "X"}).status_code == 404
    response = client.post(URL, {"number": "1", "code": "X"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]  # the page from core.middleware is private
    refused = api.get(f"{API}/1", {"code": "X"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()["code"] == "rate_limited"


def test_public_api_files_and_tracks_without_an_account(db, django_capture_on_commit_callbacks):
    body = {
        "name": "Петренко Олена Іванівна",
        "address": "вул. Соборна, 5",
        "email": "petrenko@example.com",
        "topic": "communal",
        "text": "Не вивозять сміття.",
        "consent": True,
    }
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(API, json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content
    filed_ = created.json()
    appeal = Appeal.objects.get(number=filed_["number"])
    assert appeal.channel_id == "web"
    by_query = client.get(f"{API}/{filed_['number']}", {"code": filed_["tracking_code"]})
    by_header = client.get(f"{API}/{filed_['number']}", headers={"X-Tracking-Code": filed_["tracking_code"]})
    assert by_query.status_code == by_header.status_code == 200
    assert by_query.json() == by_header.json()
    status = by_header.json()
    assert status["status"] == "registered" and status["events"][0]["action"] == "registered"
    assert "no-store" in by_header["Cache-Control"]


def test_public_api_same_404_when_number_or_code_is_wrong(db):
    appeal, code = filed()
    client = Client()
    wrong_code = client.get(f"{API}/{appeal.number}", {"code": "AAAA-BBBB-CCCC"})
    wrong_number = client.get(f"{API}/Я-1", {"code": code})
    assert wrong_code.status_code == wrong_number.status_code == 404
    assert wrong_code.json() == wrong_number.json()


def test_public_api_422_in_ukrainian_when_required_content_missing(db):
    response = Client().post(API, json.dumps({"name": "Петренко"}), content_type="application/json")
    assert response.status_code == 422
    fields = {e["field"]: e["message"] for e in response.json()}
    assert fields["consent"] == "Потрібна згода на обробку персональних даних."
    assert set(fields) >= {"address", "email", "text", "consent"}
    assert Appeal.objects.count() == 0


def test_public_api_429_when_one_email_files_too_often(db, settings):
    settings.HROMADA_PORTAL_FILING_LIMIT = 1
    council = CouncilSettings.load()
    council.letterhead_address, council.letterhead_phone = (
        "вул. Соборна, 1, м. Хмільник, 22000",
        "0 800 500 123",
    )
    council.save()
    body = {
        "name": "Петренко Олена",
        "address": "А",
        "email": "x@example.com",
        "text": "Не вивозять сміття.",
        "consent": True,
    }
    client = Client()
    assert client.post(API, json.dumps(body), content_type="application/json").status_code == 201
    again = client.post(API, json.dumps(body), content_type="application/json")
    assert again.status_code == 429 and int(again["Retry-After"]) > 0
    # One handler (hromada.api) answers RateLimited for every operation, in the refusal shape, with
    # when to retry and the other ways to reach the council (from its settings).
    body = again.json()
    minutes = -(-int(again["Retry-After"]) // 60)
    at = timezone.localtime() + dt.timedelta(seconds=int(again["Retry-After"]))
    assert (body["code"], body["field"], body["retry_after"]) == (
        "rate_limited",
        "",
        int(again["Retry-After"]),
    )
    assert body["message"].startswith(f"Забагато спроб. Спробуйте знову через {minutes} хвилин")
    retry_at = dt.datetime.fromisoformat(body["retry_at"])
    assert abs(retry_at - at) < dt.timedelta(minutes=1)
    assert body["message"].endswith(f"(о {retry_at:%H:%M}).")
    assert body["alternatives"] == [
        "поштою: вул. Соборна, 1, м. Хмільник, 22000",
        "телефоном: 0 800 500 123",
        "на особистому прийомі громадян у робочий день, 09:00–18:00",
    ]
    assert "no-store" in again["Cache-Control"]


def test_status_page_in_constant_queries_when_appeal_has_a_history(
    staff, django_assert_num_queries, monkeypatch
):
    appeal, code = answered(staff)
    client = Client()
    monkeypatch.setitem(ratelimit._last_purge, "tracking", time.monotonic())  # purged a moment ago
    # rate-limit check and count; the appeal; its events, answers, issues.
    with django_assert_num_queries(6):
        response = client.post(URL, {"number": appeal.number, "code": code})
    assert response.status_code == 200


def test_expired_rate_limit_buckets_are_purged_once_a_minute_per_process(db, settings, monkeypatch):
    limit = ratelimit.tracking_limit()  # 600 s: ten buckets of 60 s
    settings.HROMADA_NOW = "2026-11-20T10:00:00+02:00"
    monkeypatch.setitem(ratelimit._last_purge, "tracking", time.monotonic())
    ratelimit.hit(limit, "198.51.100.1")
    settings.HROMADA_NOW = "2026-11-20T11:00:00+02:00"  # the first bucket has left the window
    ratelimit.hit(limit, "198.51.100.2")
    assert RateLimitCount.objects.count() == 2  # not yet: purged less than a minute ago
    monkeypatch.setitem(ratelimit._last_purge, "tracking", time.monotonic() - ratelimit.PURGE_EVERY_SECONDS)
    ratelimit.hit(limit, "198.51.100.3")
    assert sorted(RateLimitCount.objects.values_list("count", flat=True)) == [1, 1]  # the old one is gone


def test_one_row_per_key_and_bucket_however_many_attempts(db, settings):
    settings.HROMADA_NOW = "2026-11-20T10:00:05+02:00"
    limit = ratelimit.Limit("test", 1000, 600)
    for _ in range(250):
        ratelimit.hit(limit, "gmail.com")
    assert list(RateLimitCount.objects.values_list("count", flat=True)) == [250]
    ratelimit.check(limit, "gmail.com")  # 250 < 1000: allowed


def test_limit_holds_over_the_sliding_window_and_says_when_to_come_back(db, settings):
    limit = ratelimit.Limit("test", 3, 600)  # 3 per 10 minutes, buckets of 60 s
    for minute in ("10:00:10", "10:03:10", "10:05:10"):
        settings.HROMADA_NOW = f"2026-11-20T{minute}+02:00"
        ratelimit.check(limit, "198.51.100.7")
        ratelimit.hit(limit, "198.51.100.7")
    settings.HROMADA_NOW = "2026-11-20T10:08:00+02:00"
    with pytest.raises(ratelimit.RateLimited) as refused:
        ratelimit.check(limit, "198.51.100.7")
    # The 10:00 bucket leaves the window at 10:10:00: 120 s from now.
    assert refused.value.retry_after == 120
    ratelimit.check(limit, "198.51.100.8")  # another address is not affected
    settings.HROMADA_NOW = "2026-11-20T10:10:00+02:00"
    ratelimit.check(limit, "198.51.100.7")  # one attempt freed
