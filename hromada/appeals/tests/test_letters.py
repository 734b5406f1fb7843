"""Лист-відповідь: the answer letter as a page and as DOCX — content, draft, rework (anonymous appeals,
access, cost and file names: test_letters_access.py)."""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest
from django.utils import translation
from django.utils.translation import gettext
from docx import Document
from docx.shared import Pt

from hromada.appeals import letters, services
from hromada.appeals.tests.letter_helpers import (
    LETTER_CSS,
    LETTERHEAD,
    NOTICE,
    answered,
    client_for,
    docx_url,
    in_progress,
    make_council,
    page_url,
    paragraphs,
)
from hromada.core.models import AuditEntry, CouncilSettings
from hromada.testing import kyiv


@pytest.fixture
def council(db) -> CouncilSettings:
    return make_council()


def test_docx_holds_the_whole_letter_when_the_appeal_is_answered(staff, council):
    appeal = answered(staff)
    response = client_for(staff["executor_communal"]).get(docx_url(appeal))
    assert response.status_code == 200
    assert response["Content-Type"] == letters.DOCX_CONTENT_TYPE
    assert paragraphs(response.content) == [
        *LETTERHEAD,
        "№ К-1 від 21.11.2026",
        "Коваленко Іван Петрович",
        "вул. Шевченка, 1, кв. 2",
        "Щодо звернення від 02.11.2026 № К-1",
        "Шановний Іване Петровичу!",
        "Ліфт у будинку відремонтовано 10.11.2026.",
        "Роботи прийнято комісією.",
        "Відновити рейс автобуса № 5 неможливо через брак коштів у бюджеті.",
        "Результати розгляду питань:",
        "1. Комунальне господарство — вирішено позитивно",
        "2. Транспорт і зв'язок — відмовлено у задоволенні",
        NOTICE,
        "Міський голова\tІван ПЕТРЕНКО",
        "Виконавець: Олена Петренко",
    ]


def test_docx_is_a4_with_office_margins_and_times_new_roman_14_when_downloaded(staff, council):
    appeal = answered(staff)
    document = Document(io.BytesIO(client_for(staff["head"]).get(docx_url(appeal)).content))
    section = document.sections[0]
    mm = [
        round(length.mm, 1) if length is not None else None  # stored in twips
        for length in (
            section.page_width,
            section.page_height,
            section.left_margin,
            section.right_margin,
            section.top_margin,
            section.bottom_margin,
        )
    ]
    assert mm == [210, 297, 30, 10, 20, 20]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    assert document.paragraphs[0].runs[0].bold  # the council's name
    assert document.core_properties.title == "Відповідь на звернення № К-1"
    assert document.core_properties.language == "uk-UA"


def test_docx_is_an_audited_attachment_with_ascii_and_ukrainian_names_when_downloaded(staff, council):
    appeal = answered(staff)
    response = client_for(staff["registrar"]).get(docx_url(appeal))
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="vidpovid-K-1.docx"; ')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "відповідь-К-1.docx"
    assert response["Cache-Control"] == "private, no-store"
    entry = AuditEntry.objects.get(action="appeals.read")
    assert (entry.actor, entry.object_type, entry.object_id) == (staff["registrar"], "appeal", str(appeal.pk))
    assert entry.details == {"page": "letter.docx", "path": docx_url(appeal), "format": "docx"}


def test_page_shows_the_letter_with_download_and_print_when_the_appeal_is_closed(staff, council):
    appeal = answered(staff)
    services.close_appeal(actor=staff["controller"], appeal_id=appeal.pk, now=kyiv(2026, 11, 23, 9))
    response = client_for(staff["controller"]).get(page_url(appeal))
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "ВИКОНАВЧИЙ КОМІТЕТ ГРОМАДСЬКОЇ МІСЬКОЇ РАДИ",
        "№ К-1 від 21.11.2026",
        "Коваленко Іван Петрович",
        "Щодо звернення від 02.11.2026 № К-1",
        "Роботи прийнято комісією.",
        "2. Транспорт і зв&#x27;язок — відмовлено у задоволенні",
        "скаргу на рішення, що оскаржується",
        "Іван ПЕТРЕНКО",
        "Виконавець: Олена Петренко",
    ):
        assert text in html, text
    assert f'href="{docx_url(appeal)}"' in html and "data-print" in html
    assert "ПРОЄКТ" not in html and html.count("<h1") == 1
    # The print layout is a static stylesheet (the CSP allows no inline <style>).
    assert "css/letter.css" in html
    assert "@page { size: A4; margin: 20mm 10mm 20mm 30mm; }" in LETTER_CSS.read_text(encoding="utf-8")


def test_letter_has_no_appeal_notice_when_no_issue_is_refused(staff, council):
    appeal = in_progress(staff)
    services.answer_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        text="Роз'яснюємо порядок.",
        results=[(i.pk, "explained") for i in appeal.issues.all()],
        now=kyiv(2026, 11, 20, 12),
    )
    texts = paragraphs(client_for(staff["head"]).get(docx_url(appeal)).content)
    assert NOTICE not in texts
    assert texts[-4:] == [
        "1. Комунальне господарство — дано роз'яснення",
        "2. Транспорт і зв'язок — дано роз'яснення",
        "Міський голова\tІван ПЕТРЕНКО",
        "Виконавець: Олена Петренко",
    ]


def test_docx_drops_control_characters_when_the_answer_text_has_them(staff, council):
    appeal = in_progress(staff)
    services.answer_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        text="Вставлено з іншої програми:\x01\x02 текст.",
        results=[(i.pk, "explained") for i in appeal.issues.all()],
        now=kyiv(2026, 11, 20, 12),
    )
    response = client_for(staff["head"]).get(docx_url(appeal))
    assert response.status_code == 200
    assert "Вставлено з іншої програми: текст." in paragraphs(response.content)


def test_draft_is_marked_project_when_only_a_draft_answer_exists(staff, council):
    appeal = in_progress(staff)
    services.add_note(
        actor=staff["executor_communal"],
        appeal_id=appeal.pk,
        text="Ліфт буде відремонтовано до 30.11.2026.",
        draft_answer=True,
        now=kyiv(2026, 11, 12, 10),
    )
    client = client_for(staff["executor_communal2"])  # the lead department, not the lead executor
    response = client.get(docx_url(appeal))
    assert response.status_code == 200
    assert paragraphs(response.content) == [
        "ПРОЄКТ",
        *LETTERHEAD,
        "№ К-1 від ____________",
        "Коваленко Іван Петрович",
        "вул. Шевченка, 1, кв. 2",
        "Щодо звернення від 02.11.2026 № К-1",
        "Шановний Іване Петровичу!",
        "Ліфт буде відремонтовано до 30.11.2026.",
        "Результати розгляду питань:",
        "1. Комунальне господарство — результат ще не визначено",
        "2. Транспорт і зв'язок — результат ще не визначено",
        "Міський голова\tІван ПЕТРЕНКО",
        "Виконавець: Олена Петренко",
    ]
    assert response["Content-Disposition"].startswith('attachment; filename="proiekt-vidpovid-K-1.docx"')
    html = client.get(page_url(appeal)).content.decode()
    with translation.override("uk"):
        assert gettext("Draft.") in html
    assert '<p class="draft-mark">ПРОЄКТ</p>' in html


def test_draft_joins_the_answers_given_so_far_when_issues_are_answered_one_by_one(staff, council):
    appeal = in_progress(staff)
    lift = appeal.issues.order_by("position").first()
    assert lift is not None
    services.answer_appeal(
        actor=staff["executor_communal"],
        appeal_id=appeal.pk,
        text="Ліфт відремонтовано.",
        results=[(lift.pk, "resolved")],
        now=kyiv(2026, 11, 10, 10),
    )
    client = client_for(staff["head"])
    assert client.get(docx_url(appeal)).status_code == 404  # no draft since the answer
    services.add_note(
        actor=staff["executor_communal"],
        appeal_id=appeal.pk,
        text="Рейс автобуса відновлено.",
        draft_answer=True,
        now=kyiv(2026, 11, 11, 10),
    )
    texts = paragraphs(client.get(docx_url(appeal)).content)
    assert texts[0] == "ПРОЄКТ"
    assert texts[9:15] == [
        "Шановний Іване Петровичу!",
        "Ліфт відремонтовано.",
        "Рейс автобуса відновлено.",
        "Результати розгляду питань:",
        "1. Комунальне господарство — вирішено позитивно",
        "2. Транспорт і зв'язок — результат ще не визначено",
    ]


def test_letter_after_rework_holds_only_the_new_answer(staff, council):
    appeal = answered(staff)
    services.reopen_appeal(
        actor=staff["registrar"],
        appeal_id=appeal.pk,
        reason="УКЦ: на доопрацювання",
        now=kyiv(2026, 11, 23, 9),
    )
    client = client_for(staff["head"])
    assert client.get(docx_url(appeal)).status_code == 404  # the returned answer is not a letter
    services.answer_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        text="Рейс автобуса № 5 відновлено з 01.12.2026.",
        results=[(i.pk, "resolved") for i in appeal.issues.all()],
        now=kyiv(2026, 11, 25, 9),
    )
    texts = paragraphs(client.get(docx_url(appeal)).content)
    assert "№ К-1 від 25.11.2026" in texts and "Рейс автобуса № 5 відновлено з 01.12.2026." in texts
    assert "Роботи прийнято комісією." not in texts and NOTICE not in texts


def test_collective_appeal_goes_to_the_first_applicant_and_others_under_default_letterhead(staff):
    appeal = answered(
        staff,
        applicants=[
            {"name": "Мельник Ольга Іванівна", "email": "olha@example.com"},
            {"name": "Бондар Петро Семенович", "address": "вул. Лісова, 3"},
        ],
    )
    texts = paragraphs(client_for(staff["head"]).get(docx_url(appeal)).content)
    assert texts[:5] == [
        "МІСЬКА РАДА",
        "№ КО-1 від 21.11.2026",
        "Мельник Ольга Іванівна та інші",
        "olha@example.com",
        "Щодо звернення від 02.11.2026 № КО-1",
    ]
    assert texts[-2:] == ["Міський голова", "Виконавець: Олена Петренко"]
