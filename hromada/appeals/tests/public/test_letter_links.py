"""Every letter and e-mail to the author of an e-appeal links to its public status page, on the
address the portal is served at (HROMADA_PUBLIC_URL), with the tracking form filled in."""

from __future__ import annotations

import html
from urllib.parse import urlencode

import pytest
from django.test import Client

from hromada.appeals import letters, services
from hromada.appeals.letters.links import status_path, status_url
from hromada.appeals.public_schemas import EAppealIn
from hromada.appeals.services import file_e_appeal
from hromada.appeals.tests.letter_helpers import answered as answered_on_paper
from hromada.appeals.tests.letter_helpers import client_for, docx_url, make_council, page_url, paragraphs
from hromada.notifications.models import Notification
from hromada.notifications.services import public_url

SERVED = "http://127.0.0.1:8080"
TRACK = "/zvernennia/stan/"


@pytest.fixture(autouse=True)
def served_on_8080(settings):
    settings.HROMADA_PUBLIC_URL = SERVED + "/"


def file(**overrides):
    data = {
        "name": "Петренко Олена Іванівна",
        "address": "вул. Соборна, 5",
        "email": "petrenko@example.com",
        "topic": "communal",
        "text": "Третій тиждень не вивозять сміття з двору нашого будинку.",
        "consent": True,
        **overrides,
    }
    return file_e_appeal(EAppealIn(**data))


def link(number: str, code: str = "") -> str:
    query = {"number": number, "code": code} if code else {"number": number}
    return f"{SERVED}{TRACK}?{urlencode(query)}"


def test_public_url_honours_the_served_address_setting(settings):
    assert public_url("/peticii/1/") == "http://127.0.0.1:8080/peticii/1/"
    settings.HROMADA_PUBLIC_URL = "https://rada.example.ua"
    assert public_url("/peticii/1/") == "https://rada.example.ua/peticii/1/"


def test_registration_email_links_to_the_tracking_form_filled_with_number_and_code(
    db, smtp, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appeal, code = file()
    worker()
    (mail,) = smtp.to("petrenko@example.com")
    assert mail.text.startswith("Шановна Олено Іванівно!")
    assert f"Стан розгляду звернення: {link(appeal.number, code)}" in mail.text
    assert f'href="{html.escape(link(appeal.number, code))}"' in mail.html
    assert ":8000" not in mail.text + mail.html
    # The link opens the tracking form with both fields filled in: the author only presses the button.
    page = Client().get(status_path(appeal.number, code))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert page.context["form"]["number"].value() == appeal.number
    assert page.context["form"]["code"].value() == code
    status = Client().post(TRACK, {"number": appeal.number, "code": code})
    assert status.status_code == 200 and appeal.number in status.content.decode()


def test_later_emails_and_the_letter_link_to_the_status_page_by_number(
    staff, django_capture_on_commit_callbacks
):
    make_council()
    with django_capture_on_commit_callbacks(execute=True):
        appeal, _code = file()
        services.resolve_appeal(
            actor=staff["head"],
            appeal_id=appeal.pk,
            lead_department="communal",
            lead_executor="executor_communal",
            term="15d",
        )
        services.answer_appeal(
            actor=staff["executor_communal"],
            appeal_id=appeal.pk,
            text="Графік вивезення відновлено.",
            results=[(appeal.issues.get().pk, "resolved")],
        )
    answer = Notification.objects.get(kind="appeal_answered")
    assert answer.body_text.startswith("Шановна Олено Іванівно!")
    assert f"Стан розгляду звернення: {link(appeal.number)}" in answer.body_text
    assert "код відстеження з листа про реєстрацію" in answer.body_text
    assert f'href="{html.escape(link(appeal.number))}"' in answer.body_html
    # The paper letter: salutation and the same link, on the page and in the DOCX.
    client = client_for(staff["executor_communal"])
    texts = paragraphs(client.get(docx_url(appeal)).content)
    assert "Шановна Олено Іванівно!" in texts
    (line,) = [t for t in texts if t.startswith("Стан розгляду звернення")]
    assert link(appeal.number) in line
    page = client.get(page_url(appeal)).content.decode()
    assert '<p class="salutation">Шановна Олено Іванівно!</p>' in page
    assert f'href="{html.escape(link(appeal.number))}"' in page


def test_paper_appeal_letters_give_no_status_link_it_could_not_open(staff):
    council = make_council()
    appeal = answered_on_paper(staff)
    assert status_url(appeal) == ""
    letter = letters.build_letter(letters.letter_appeal(staff["head"], appeal.pk), council=council)
    assert letter.status_link == "" and letter.salutation == "Шановний Іване Петровичу!"
    texts = paragraphs(client_for(staff["head"]).get(docx_url(appeal)).content)
    assert "Шановний Іване Петровичу!" in texts
    assert not any(TRACK in t for t in texts)


def test_tracking_form_ignores_an_overlong_prefill(db):
    page = Client().get(TRACK, {"number": "К-1" * 30, "code": "X" * 100})
    assert page.status_code == 200
    assert len(page.context["form"]["number"].value()) == 40
    assert len(page.context["form"]["code"].value()) == 40
