"""The public e-appeal form: filing, required content, attachments, honeypot, rate limits."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hromada.appeals.models import Appeal, Attachment
from hromada.appeals.services import find_by_tracking
from hromada.notifications.models import Notification

URL = "/zvernennia/nove/"
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
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(URL, {**form_data(), "attachments": [pdf]})
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
    response = Client().post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert Appeal.objects.count() == 0 and "code" not in response.context


def test_honeypot_is_hidden_from_people_and_screen_readers_when_form_shown(db):
    page = Client().get(URL).content.decode()
    assert '<div class="portal-hp" aria-hidden="true">' in page
    assert 'tabindex="-1"' in page and 'name="website"' in page


def test_429_with_retry_after_when_one_address_files_too_often(db, settings):
    settings.HROMADA_PORTAL_FILING_LIMIT = 2
    client = Client()
    for i in range(2):
        assert client.post(URL, form_data(email=f"a{i}@example.com")).status_code == 200
    response = client.post(URL, form_data(email="other@example.com"))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Забагато спроб" in response.content.decode()
    assert Appeal.objects.count() == 2


def test_429_when_one_email_files_too_often_from_other_addresses(db, settings):
    settings.HROMADA_PORTAL_FILING_LIMIT = 2
    for i in range(2):
        assert Client(REMOTE_ADDR=f"10.0.0.{i}").post(URL, form_data()).status_code == 200
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
