"""The registration page: a phone call registered in one form, errors next to their inputs, files in
the same transaction, who may register, and the registration-control card (earlier applicants and the
likely-repeat notice: test_views_registration_applicants.py)."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hromada.appeals import services
from hromada.appeals.forms.registration import (
    IssueFormSet,
    RegistrationForm,
    add_registration_errors,
)
from hromada.appeals.models import Appeal, AppealEvent, Applicant, Attachment, Issue
from hromada.appeals.tests.registration_helpers import (
    CHECK,
    NOW,
    SEARCH,
    URL,
    field_block,
    form_data,
    register,
)
from hromada.core.errors import FieldError, ValidationFailed
from hromada.core.tests.test_uploads import zip_bomb
from hromada.testing import kyiv


@pytest.fixture(autouse=True)
def _fixed_time(settings):
    settings.HROMADA_NOW = NOW


# --- registering ------------------------------------------------------------------------------------


def test_phone_appeal_with_two_issues_is_registered_when_the_form_is_filled(client, staff):
    client.force_login(staff["registrar"])
    response = client.post(URL, form_data())

    appeal = Appeal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("appeals:card", args=[appeal.pk])
    assert appeal.number == "Ш-1"
    assert (appeal.channel_id, appeal.kind_id, appeal.subject_id) == ("phone", "complaint", "individual")
    assert appeal.priority is True  # disability_2 is a priority category (Law art. 20)
    assert appeal.registered_by == staff["registrar"]
    assert appeal.summary == "Немає гарячої води і не ходить автобус"
    assert appeal.received_at == kyiv(2026, 11, 20, 10, 15)
    issues = list(Issue.objects.filter(appeal=appeal).values_list("position", "topic_id", "text"))
    assert issues == [
        (1, "communal", "Третій день немає гарячої води"),
        (2, "transport", "Не ходить автобус № 5"),
    ]  # the blank third row is ignored
    applicant = Applicant.objects.get(appeal=appeal)
    assert (applicant.name, applicant.phone, applicant.sex_id, applicant.social_status_id) == (
        "Шевчук Ганна Іванівна",
        "050 111 22 33",
        "female",
        "pensioner",
    )
    assert list(applicant.categories.values_list("code", flat=True)) == ["disability_2"]
    message = str(next(iter(get_messages(response.wsgi_request))))
    assert "Ш-1" in message
    assert reverse("appeals:control-card", args=[appeal.pk]) in message


def test_register_page_shows_defaults_in_constant_queries_when_opened(
    client, staff, django_assert_num_queries
):
    client.force_login(staff["head"])
    client.get(URL)  # the council settings and vocabularies are then kept by the process for seconds
    # session, user, the kinds of the latest registrations
    with django_assert_num_queries(2):  # no query for a default kind: there is none
        response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<select name="channel"[^>]*autofocus', html)
    assert 'value="2026-11-20T12:00"' in html  # now, in Kyiv time
    # No kind is chosen for the registrar (the empty option is first and selected by default).
    kinds = re.search(r'<select name="kind".*?</select>', html, re.S)
    assert kinds and re.findall(r'<option value="([^"]*)" selected>', kinds[0]) == [""]
    assert 'data-group="hotline"' in html
    assert html.count('name="issues-') >= 6  # three issue rows without JavaScript
    assert 'type="file" name="files" multiple' in html


def test_no_kind_is_preselected_even_when_most_appeals_are_complaints(client, staff):
    register(staff, kind="complaint")
    register(staff, kind="complaint", applicants=[{"name": "Інша Особа", "phone": "0670000001"}])
    client.force_login(staff["registrar"])
    html = client.get(URL).content.decode()
    kinds = re.search(r'<select name="kind".*?</select>', html, re.S)
    assert kinds and re.findall(r'<option value="([^"]*)" selected>', kinds[0]) == [""]


def test_kind_must_be_chosen_when_left_empty(client, staff):
    client.force_login(staff["registrar"])
    response = client.post(URL, form_data(kind=""))
    assert response.status_code == 422
    assert Appeal.objects.count() == 0
    assert "Це поле обов" in field_block(response.content.decode(), "id_kind")


def test_email_error_is_shown_next_to_the_input_when_an_email_appeal_has_no_address(client, staff):
    client.force_login(staff["registrar"])
    response = client.post(URL, form_data(channel="email"))

    assert response.status_code == 422
    assert Appeal.objects.count() == Applicant.objects.count() == Issue.objects.count() == 0
    assert AppealEvent.objects.count() == 0
    html = response.content.decode()
    block = field_block(html, "id_email")
    assert "Електронне звернення має містити адресу електронної пошти" in block
    assert 'id="id_email_error"' in block
    assert 'aria-invalid="true"' in block
    # What was typed is still there.
    assert 'value="Шевчук Ганна Іванівна"' in html
    assert re.search(r'<option value="transport" selected>', html)
    assert "Не ходить автобус № 5" in html


def test_issue_errors_go_to_their_row_when_the_service_names_an_issue(staff):
    form = RegistrationForm(data=form_data())
    issues = IssueFormSet(data=form_data(), prefix="issues")
    assert form.is_valid() and issues.is_valid()
    rows = [issues.forms[0], issues.forms[1]]
    add_registration_errors(
        form,
        rows,
        ValidationFailed(
            [
                FieldError("issues.1.topic", "тематика"),
                FieldError("applicants.0.email", "пошта"),
                FieldError("applicants", "автор"),
                FieldError("received_at", "час"),
            ]
        ),
    )
    assert rows[1].errors["topic"] == ["тематика"] and not rows[0].errors
    assert form.errors["email"] == ["пошта"]
    assert form.errors["name"] == ["автор"]
    assert form.errors["received_at"] == ["час"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"subject": "collective"}, "signatories", "collective appeal needs the number of signatories"),
        ({"channel": "post", "address": "", "signed": "on"}, "address", "postal address"),
        ({"channel": "post"}, "signed", "unsigned letter is anonymous"),
        ({"channel": "gov_hotline"}, "external_id", "contact-center card number"),
        ({"name": ""}, "name", "Give the author"),
        ({"issues-0-topic": ""}, "issues-0-topic", "This field is required"),
    ],
)
def test_form_refuses_when_the_channel_or_subject_needs_more(client, staff, overrides, field, message):
    """In English: these messages are new and their Ukrainian lives in the catalogue, not here."""
    client.force_login(staff["registrar"])
    response = client.post(URL, form_data(**overrides), headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert Appeal.objects.count() == 0
    block = field_block(response.content.decode(), f"id_{field}")
    assert message.lower() in block.lower()


def test_anonymous_appeal_needs_no_author_when_marked_anonymous(client, staff):
    client.force_login(staff["registrar"])
    response = client.post(
        URL,
        form_data(
            subject="anonymous", name="", address="", phone="", categories=[], sex="", social_status=""
        ),
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.number.startswith("БП-") and appeal.subject_id == "anonymous"
    assert not Applicant.objects.exists()


def test_collective_appeal_keeps_the_signatory_count_when_given(client, staff):
    client.force_login(staff["registrar"])
    client.post(URL, form_data(subject="collective", signatories="37"))
    appeal = Appeal.objects.get()
    assert appeal.subject_id == "collective" and appeal.signatories == 37 and appeal.number.startswith("КО-")


def test_contact_center_card_is_refused_on_its_field_when_already_registered(client, staff):
    register(staff, channel="gov_hotline", external_id="УКЦ-7")
    client.force_login(staff["registrar"])
    response = client.post(URL, form_data(channel="gov_hotline", external_id="УКЦ-7"))
    assert response.status_code == 422
    assert "вже зареєстровано" in field_block(response.content.decode(), "id_external_id").lower()
    assert Appeal.objects.count() == 1


# --- attachments ------------------------------------------------------------------------------------


def test_files_are_attached_when_the_appeal_is_registered(client, staff):
    client.force_login(staff["registrar"])
    files = [
        SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n...", content_type="application/pdf"),
        SimpleUploadedFile("note.txt", "Лист заявника".encode(), content_type="text/plain"),
    ]
    response = client.post(URL, {**form_data(), "files": files})
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert sorted(Attachment.objects.filter(appeal=appeal).values_list("original_name", flat=True)) == [
        "note.txt",
        "scan.pdf",
    ]


def test_nothing_is_saved_when_an_attachment_is_refused(client, staff, settings):
    client.force_login(staff["registrar"])
    files = [
        SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n...", content_type="application/pdf"),
        SimpleUploadedFile("scan2.pdf", b"MZ\x90\x00\x03\x00\x00\x00", content_type="application/pdf"),
    ]
    response = client.post(URL, {**form_data(), "files": files})

    assert response.status_code == 422
    assert Appeal.objects.count() == Attachment.objects.count() == Applicant.objects.count() == 0
    assert AppealEvent.objects.count() == 0
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))  # no orphan file
    html = response.content.decode()
    block = field_block(html, "id_files")
    assert "scan2.pdf" in block and "Дозволені файли" in block
    assert "Оберіть файли ще раз" in html or "Choose the files again" in html
    # The next registration takes the number the refused one did not keep.
    client.post(URL, form_data())
    assert Appeal.objects.get().number == "Ш-1"


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("scan.txt", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "розмітк"),
        ("letter.txt", b"\xef\xbb\xbf\n<html><body>Hi</body></html>", "розмітк"),
        ("zvit.docx", zip_bomb(100), "МБ"),
    ],
    ids=["svg-as-text", "html-as-text", "zip-bomb-as-docx"],
)
def test_registration_rolls_back_when_a_file_is_markup_or_a_bomb(
    client, staff, settings, name, content, says
):
    client.force_login(staff["registrar"])
    files = [
        SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n...", content_type="application/pdf"),
        SimpleUploadedFile(name, content),
    ]
    response = client.post(URL, {**form_data(), "files": files})

    assert response.status_code == 422
    assert Appeal.objects.count() == Attachment.objects.count() == Applicant.objects.count() == 0
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    block = field_block(response.content.decode(), "id_files")
    assert name in block and says in block


# --- who may ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["executor_communal", "controller", "moderator", "administrator", "nobody"])
@pytest.mark.parametrize("url", [URL, SEARCH + "?name=Коваленко", CHECK])
def test_registration_is_forbidden_when_the_role_is_not_registrar_or_head(client, staff, who, url):
    client.force_login(staff[who])
    assert client.get(url).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert Appeal.objects.count() == 0


@pytest.mark.parametrize("url", [URL, SEARCH, CHECK, "/staff/appeals/1/control-card/"])
def test_anonymous_visitor_is_sent_to_sign_in_when_opening_registration(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/sign-in/?next=")


# --- registration-control card ----------------------------------------------------------------------


def test_control_card_prints_the_number_when_opened_by_the_registrar(
    client, staff, django_assert_num_queries
):
    appeal = register(
        staff,
        applicants=[{"name": "Шевчук Ганна", "address": "вул. Миру, 3", "categories": ["combatant"]}],
        issues=[{"topic": "communal", "text": "Вода"}, {"topic": "transport", "text": "Автобус"}],
    )
    services.resolve_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        lead_department="communal",
        co_departments=["social"],
        term="15d",
        instruction="Розглянути та надати відповідь",
        now=kyiv(2026, 11, 20, 13),
    )
    client.force_login(staff["registrar"])
    url = reverse("appeals:control-card", args=[appeal.pk])
    client.get(url)  # the council settings and vocabularies are then kept by the process for seconds
    # session, user, the appeal, its issues, applicants, categories, assignments, their departments,
    # the latest resolution with its author, the audit entry of the read
    with django_assert_num_queries(10):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert f"№ {appeal.number}" in html
    assert "Шевчук Ганна" in html and "Учасник бойових дій" in html
    assert "Комунальне господарство" in html and "Транспорт" in html
    assert "Департамент ЖКГ" in html and "Управління соцзахисту" in html
    assert "Розглянути та надати відповідь" in html
    assert 'class="control-marks"' in html


def test_control_card_is_shown_when_the_executor_department_is_assigned(client, staff):
    appeal = register(staff)
    services.resolve_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        lead_department="communal",
        term="15d",
        now=kyiv(2026, 11, 20, 13),
    )
    url = reverse("appeals:control-card", args=[appeal.pk])
    client.force_login(staff["executor_communal"])
    assert client.get(url).status_code == 200
    client.force_login(staff["executor_social"])
    assert client.get(url).status_code == 404
    client.force_login(staff["moderator"])
    assert client.get(url).status_code == 403


def test_control_card_is_not_found_when_the_appeal_does_not_exist(client, staff):
    client.force_login(staff["head"])
    assert client.get(reverse("appeals:control-card", args=[999])).status_code == 404
