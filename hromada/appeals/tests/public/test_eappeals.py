"""The public e-appeal form: filing, required content, attachments, honeypot, rate limits."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from hromada.appeals.models import Appeal, Attachment
from hromada.appeals.services import find_by_tracking
from hromada.core.models import CouncilSettings, RateLimitCount
from hromada.notifications.models import Notification

URL = "/zvernennia/nove/"
RECEIVED = "/zvernennia/otrymano/"
API = "/api/v1/public/appeals"
AUTHOR = "petrenko@example.com"


def form_data(**overrides):
    data = {
        "name": "Петренко Олена Іванівна",
        "address": "вул. Соборна, 5, кв. 7, м. Хмільник, 22000",
        "email": AUTHOR,
        "phone": "+380501234567",
        "kind": "complaint",
        "topic": "communal",
        "text": "Третій тиждень не вивозять сміття з двору.",
        "categories": ["combatant"],
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_appeal_is_registered_tracked_and_mailed_when_resident_files_the_form(
    db, smtp, worker, django_capture_on_commit_callbacks
):
    pdf = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(URL, {**form_data(), "attachments": [pdf]})
    assert posted.status_code == 302 and posted["Location"] == RECEIVED
    response = client.get(RECEIVED)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    appeal = Appeal.objects.get()
    code = response.context["code"]
    page = response.content.decode()
    assert appeal.number in page and code in page and "Ваше звернення отримано" in page
    assert appeal.registered_by is not None
    assert appeal.channel_id == "web" and appeal.priority and appeal.registered_by.username == "portal"
    assert not appeal.registered_by.has_usable_password()
    assert appeal.tracking_code_hash and code not in appeal.tracking_code_hash
    assert len(appeal.tracking_code_hash) == 64
    assert find_by_tracking(appeal.number, code) == appeal
    assert find_by_tracking(appeal.number, code.lower().replace("-", " ")) == appeal
    assert Attachment.objects.get().content_type == "application/pdf"
    applicant = appeal.applicants.get()
    assert (applicant.email, applicant.phone) == (AUTHOR, "+380501234567")
    assert list(appeal.issues.values_list("topic_id", flat=True)) == ["communal"]
    # One letter (not the registration service's own too), with number and code, via real SMTP.
    assert Notification.objects.count() == 1
    worker()
    (mail,) = smtp.to(AUTHOR)
    assert appeal.number in mail.subject and code in mail.text


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name", "Зазначте ваше прізвище, ім’я та по батькові (ПІБ)."),
        ("address", "Зазначте вашу поштову адресу."),
        ("email", "Зазначте адресу електронної пошти для відповіді."),
        ("text", "Викладіть суть вашого звернення."),
        ("consent", "Потрібна згода на обробку персональних даних."),
    ],
)
def test_field_error_in_ukrainian_and_values_kept_when_required_field_missing(db, field, message):
    response = Client().post(URL, form_data(**{field: None}))
    assert response.status_code == 422
    assert response.context["form"].errors[field] == [message]
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    if field != "name":
        assert "Петренко Олена Іванівна" in page
    if field != "text":
        assert "Третій тиждень не вивозять сміття" in page
    assert Appeal.objects.count() == 0


def test_invalid_email_is_refused_when_resident_mistypes_it(db):
    response = Client().post(URL, form_data(email="petrenko@"))
    assert response.status_code == 422
    assert response.context["form"].errors["email"] == ["Введіть правильну адресу електронної пошти."]
    assert Appeal.objects.count() == 0


def test_nothing_is_saved_when_an_attachment_is_refused(db, django_capture_on_commit_callbacks):
    exe = SimpleUploadedFile("photo.jpg", b"\x7fELF\x02\x01\x01\x00binary", content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(URL, {**form_data(), "attachments": [exe]})
    assert response.status_code == 422
    assert "photo.jpg" in response.context["form"].errors["attachments"][0]
    assert Appeal.objects.count() == 0 and Attachment.objects.count() == 0
    assert Notification.objects.count() == 0


def test_no_file_is_left_in_storage_when_one_of_two_attachments_is_refused(
    db, settings, django_capture_on_commit_callbacks
):
    """The good file is stored before the bad one is refused: the rollback removes it again."""
    settings.MEDIA_ROOT = settings.MEDIA_ROOT.parent / "eappeal-media"  # a fresh directory to list
    good = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    bad = SimpleUploadedFile("photo.jpg", b"\x7fELF\x02\x01\x01\x00binary", content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(URL, {**form_data(), "attachments": [good, bad]})
    assert response.status_code == 422 and "photo.jpg" in response.content.decode()
    assert not Appeal.objects.exists() and not Attachment.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or [p for p in media.rglob("*") if p.is_file()] == []


def test_bot_is_told_received_and_nothing_saved_when_honeypot_filled(db):
    client = Client()
    assert client.post(URL, form_data(website="http://spam.example"))["Location"] == RECEIVED
    response = client.get(RECEIVED)
    assert response.status_code == 200 and "Дякуємо" in response.content.decode()
    assert Appeal.objects.count() == 0 and response.context["appeal"] is None


def test_honeypot_is_hidden_from_people_and_screen_readers_when_form_shown(db):
    page = Client().get(URL).content.decode()
    assert '<div class="portal-hp" aria-hidden="true">' in page
    assert 'tabindex="-1"' in page and 'name="website"' in page


def test_429_with_retry_after_when_one_address_files_too_often(db, settings):
    settings.HROMADA_PORTAL_FILING_LIMIT = 2
    client = Client()
    for i in range(2):
        assert client.post(URL, form_data(email=f"a{i}@example.com")).status_code == 302
    response = client.post(URL, form_data(email="other@example.com"))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Забагато спроб" in response.content.decode()
    assert Appeal.objects.count() == 2


def test_429_when_one_email_files_too_often_from_other_addresses(db, settings):
    settings.HROMADA_PORTAL_FILING_LIMIT = 2
    for i in range(2):
        assert Client(REMOTE_ADDR=f"10.0.0.{i}").post(URL, form_data()).status_code == 302
    response = Client(REMOTE_ADDR="10.0.0.9").post(URL, form_data(email=AUTHOR.upper()))
    assert response.status_code == 429
    assert Appeal.objects.count() == 2


def test_form_is_refused_without_csrf_token_when_csrf_checks_are_on(db):
    response = Client(enforce_csrf_checks=True).post(URL, form_data())
    assert response.status_code == 403 and Appeal.objects.count() == 0


def test_form_page_in_constant_queries_when_shown(db, django_assert_num_queries):
    Client().get(URL)  # the vocabularies are cached after the first page
    with django_assert_num_queries(0):
        assert Client().get(URL).status_code == 200


# --- issue 13: Post/Redirect/Get, what the law requires, kind limits for shared computers -------------


def test_reloading_the_received_page_shows_the_same_receipt_and_files_nothing_again(db, settings):
    settings.HROMADA_PORTAL_FILING_LIMIT = 1
    client = Client()
    assert client.post(URL, form_data())["Location"] == RECEIVED
    appeal = Appeal.objects.get()
    counted = sum(RateLimitCount.objects.values_list("count", flat=True))
    pages = [client.get(RECEIVED) for _ in range(3)]  # the resident reloads, with a limit of one
    assert [p.status_code for p in pages] == [200, 200, 200]
    assert all(appeal.number in p.content.decode() for p in pages)
    assert len({p.context["code"] for p in pages}) == 1 and pages[0].context["code"]
    assert Appeal.objects.count() == 1
    assert sum(RateLimitCount.objects.values_list("count", flat=True)) == counted


def test_received_page_sends_to_the_form_when_this_browser_filed_nothing(db):
    Appeal.objects.all()  # nothing filed
    response = Client().get(RECEIVED)
    assert response.status_code == 302 and response["Location"] == URL


def test_received_page_is_only_a_get_page(db):
    assert Client().post(RECEIVED).status_code == 405


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "П", "Зазначте ваше прізвище та ім’я (і по батькові, якщо є)."),
        ("name", "Петренко", "Зазначте ваше прізвище та ім’я (і по батькові, якщо є)."),
        ("name", "Петренко О. І.", "Пишіть кожну частину імені літерами, щонайменше двома"),
        ("text", "Т", "Викладіть суть докладніше: щонайменше 15 символів."),
        ("text", "ааааааааааааааааааааа", "Викладіть суть словами: щонайменше 3 слова."),
        ("phone", "abc", "Зазначте номер телефону цифрами, наприклад 067 123 45 67 або +380 67 123 45 67."),
    ],
)
def test_field_error_in_ukrainian_when_name_text_or_phone_says_nothing(db, field, value, message):
    response = Client().post(URL, form_data(**{field: value}))
    assert response.status_code == 422
    (error,) = response.context["form"].errors[field]
    assert error.startswith(message)
    assert f'id="id_{field}_error"' in response.content.decode()
    assert Appeal.objects.count() == 0


def test_phone_is_stored_in_one_format_when_typed_in_another(db):
    assert Client().post(URL, form_data(phone="(067) 123-45-67")).status_code == 302
    assert Appeal.objects.get().applicants.get().phone == "+380671234567"


def test_public_api_refuses_a_one_letter_name_text_and_phone_in_english_when_asked(db):
    body = {
        "name": "П",
        "address": "А",
        "email": "x@example.com",
        "phone": "abc",
        "text": "Т",
        "consent": True,
    }
    response = Client(headers={"Accept-Language": "en"}).post(
        API, json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    fields = {e["field"]: e["message"] for e in response.json()}
    assert fields["name"] == "Give your surname and first name (and patronymic, if any)."
    assert fields["text"] == "Describe the substance in more detail: at least 15 characters."
    assert fields["phone"].startswith("Enter a phone number in digits")
    assert Appeal.objects.count() == 0


def _browser(ip: str = "10.1.1.1") -> Client:
    """A browser with a cookie of its own (the CSRF cookie the form page sets), as a resident's is."""
    client = Client(REMOTE_ADDR=ip)
    client.get(URL)
    assert settings.CSRF_COOKIE_NAME in client.cookies
    return client


def test_next_resident_at_a_shared_terminal_can_file_when_the_previous_one_used_up_the_limit(db, settings):
    settings.HROMADA_PORTAL_FILING_LIMIT = 2
    settings.HROMADA_PORTAL_SHARED_ADDRESS_FACTOR = 2
    first, second = _browser(), _browser()
    for i in range(2):
        assert first.post(URL, form_data(email=f"a{i}@example.com")).status_code == 302
    assert first.post(URL, form_data(email="a9@example.com")).status_code == 429
    for i in range(2):
        assert second.post(URL, form_data(email=f"b{i}@example.com")).status_code == 302
    # The address as a whole is still bounded: 2 × 2 appeals an hour, whatever the cookies.
    assert _browser().post(URL, form_data(email="c@example.com")).status_code == 429
    assert Client(REMOTE_ADDR="10.1.1.1").post(URL, form_data(email="d@example.com")).status_code == 429
    assert _browser("10.1.1.2").post(URL, form_data(email="e@example.com")).status_code == 302
    assert Appeal.objects.count() == 5


def test_refusal_says_when_to_retry_and_how_else_to_reach_the_council(db, settings):
    settings.HROMADA_PORTAL_FILING_LIMIT = 1
    council = CouncilSettings.load()
    council.letterhead_address = "вул. Соборна, 1, м. Хмільник, 22000"
    council.letterhead_phone = "0 800 500 123"
    council.save()
    client = _browser()
    assert client.post(URL, form_data()).status_code == 302
    response = client.post(URL, form_data())
    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    page = response.content.decode()
    at = timezone.localtime() + dt.timedelta(seconds=seconds)
    minutes = -(-seconds // 60)
    assert f"Спробуйте знову через {minutes} хвилин" in page
    assert any(f"Спробувати знову можна о {t:%H:%M}." in page for t in (at, at - dt.timedelta(minutes=1)))
    assert "Надіслати звернення поштою на адресу: вул. Соборна, 1, м. Хмільник, 22000." in page
    assert "Зателефонувати до ради: 0 800 500 123." in page
    assert "Прийти на особистий прийом громадян у робочий день, 09:00–18:00" in page
    assert Appeal.objects.count() == 1
