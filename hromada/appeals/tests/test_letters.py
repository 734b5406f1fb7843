"""Лист-відповідь: the answer letter as a page and as DOCX — content, draft, anonymous, access, cost."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from docx import Document
from docx.shared import Pt

from hromada.accounts.models import User
from hromada.appeals import letters, services
from hromada.appeals.models import Appeal
from hromada.appeals.schemas import AppealRegisterIn
from hromada.core.models import AuditEntry, CouncilSettings
from hromada.testing import NO_LIBREOFFICE, appeal_body, convert_to_pdf, kyiv, soffice

LETTER_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "letter.css"
NOTICE = (
    "Відповідно до статті 16 Закону України «Про звернення громадян» скаргу на рішення, що оскаржується, "
    "може бути подано до органу вищого рівня або до суду протягом одного року з моменту його прийняття, "
    "але не пізніше одного місяця з часу ознайомлення громадянина з прийнятим рішенням."
)
LETTERHEAD = [
    "ВИКОНАВЧИЙ КОМІТЕТ ГРОМАДСЬКОЇ МІСЬКОЇ РАДИ",
    "вул. Соборна, 1, м. Громадськ, 01001",
    "тел. (044) 123-45-67, e-mail: rada@example.gov.ua, rada.example.gov.ua",
    "Код ЄДРПОУ 12345678",
]


@pytest.fixture
def council(db) -> CouncilSettings:  # type: ignore[no-untyped-def]
    council, _created = CouncilSettings.objects.update_or_create(
        pk=1,
        defaults={
            "council_name": "Громадська міська рада",
            "letterhead_name": "ВИКОНАВЧИЙ КОМІТЕТ ГРОМАДСЬКОЇ МІСЬКОЇ РАДИ",
            "letterhead_address": "вул. Соборна, 1, м. Громадськ, 01001",
            "letterhead_phone": "(044) 123-45-67",
            "letterhead_email": "rada@example.gov.ua",
            "letterhead_website": "rada.example.gov.ua",
            "edrpou": "12345678",
            "letter_signatory_position": "Міський голова",
            "letter_signatory_name": "Іван ПЕТРЕНКО",
        },
    )
    return council


def new_appeal(staff, **overrides) -> Appeal:  # type: ignore[no-untyped-def]
    body = appeal_body(
        received_at="2026-11-02T10:00:00",
        issues=[{"topic": "communal", "text": "Ліфт"}, {"topic": "transport", "text": "Автобус"}],
        **overrides,
    )
    return services.register_appeal(
        AppealRegisterIn.model_validate(body), actor=staff["registrar"], now=kyiv(2026, 11, 2, 11)
    )


def in_progress(staff, **overrides) -> Appeal:  # type: ignore[no-untyped-def]
    """Resolved to the communal department (lead executor executor_communal), social co-executes."""
    User.objects.filter(username="executor_communal").update(first_name="Олена", last_name="Петренко")
    appeal = new_appeal(staff, **overrides)
    return services.resolve_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        lead_department="communal",
        lead_executor="executor_communal",
        co_departments=["social"],
        term="15d",
        now=kyiv(2026, 11, 3, 10),
    )


def answered(staff, **overrides) -> Appeal:  # type: ignore[no-untyped-def]
    appeal = in_progress(staff, **overrides)
    lift, bus = appeal.issues.order_by("position")
    executor = staff["executor_communal"]
    services.answer_appeal(
        actor=executor,
        appeal_id=appeal.pk,
        text="Ліфт у будинку відремонтовано 10.11.2026.\n\nРоботи прийнято комісією.",
        results=[(lift.pk, "resolved")],
        now=kyiv(2026, 11, 10, 15),
    )
    services.answer_appeal(
        actor=executor,
        appeal_id=appeal.pk,
        text="Відновити рейс автобуса № 5 неможливо через брак коштів у бюджеті.",
        results=[(bus.pk, "refused")],
        now=kyiv(2026, 11, 21, 9),
    )
    appeal.refresh_from_db()
    return appeal


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs if p.text]


def page_url(appeal: Appeal) -> str:
    return f"/staff/appeals/{appeal.pk}/letter/"


def docx_url(appeal: Appeal) -> str:
    return f"/staff/appeals/{appeal.pk}/letter.docx"


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
        round(length.mm, 1)  # stored in twips
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
    assert texts[9:14] == [
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


def test_no_answer_is_sent_when_the_appeal_is_anonymous(staff, council):
    appeal = new_appeal(staff, anonymous=True, applicants=[])
    client = client_for(staff["head"])
    response = client.get(page_url(appeal))
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("uk"):
        assert (
            gettext(
                "The appeal is anonymous: it is not considered, and no answer is sent "
                "(Law of Ukraine “On citizens’ appeals”, art. 8)."
            )
            in html
        )
    assert docx_url(appeal) not in html and 'class="letter"' not in html
    assert client.get(docx_url(appeal)).status_code == 404


def test_not_found_with_an_explanation_when_there_is_neither_answer_nor_draft(staff, council):
    appeal = in_progress(staff)
    client = client_for(staff["head"])
    response = client.get(page_url(appeal))
    assert response.status_code == 404
    with translation.override("uk"):
        explanation = gettext(
            "There is no letter yet: the appeal has neither an answer nor a draft answer. The letter "
            "appears here once the executor writes a draft answer or the answer is given."
        )
    assert explanation in response.content.decode()
    assert client.get(docx_url(appeal)).status_code == 404
    assert not AuditEntry.objects.filter(action="appeals.read").exists()


def test_not_found_when_the_executor_is_of_a_department_not_assigned(staff, council, departments):
    appeal = answered(staff)  # assigned to communal (lead) and social (co-executor), not to legal
    outsider = User.objects.create_user(
        username="executor_legal", password="pw", role="executor", department=departments["legal"]
    )
    client = client_for(outsider)
    assert client.get(page_url(appeal)).status_code == 404
    assert client.get(docx_url(appeal)).status_code == 404
    assert client_for(staff["head"]).get("/staff/appeals/999999/letter.docx").status_code == 404


@pytest.mark.parametrize("who", ["executor_social", "moderator", "administrator", "nobody"])
def test_forbidden_when_the_role_may_not_print_the_letter(staff, council, who):
    appeal = answered(staff)  # executor_social's department only co-executes it
    client = client_for(staff[who])
    assert client.get(page_url(appeal)).status_code == 403
    assert client.get(docx_url(appeal)).status_code == 403
    assert not AuditEntry.objects.filter(action="appeals.read").exists()


@pytest.mark.parametrize(
    "who", ["head", "controller", "registrar", "executor_communal", "executor_communal2"]
)
def test_letter_opens_when_the_role_answers_closes_or_dispatches(staff, council, who):
    appeal = answered(staff)
    client = client_for(staff[who])
    assert client.get(page_url(appeal)).status_code == 200
    assert client.get(docx_url(appeal)).status_code == 200


def test_sign_in_first_when_not_signed_in(staff, council):
    appeal = answered(staff)
    for url in (page_url(appeal), docx_url(appeal)):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"] == f"/staff/sign-in/?next={url}"


def test_method_not_allowed_when_posting(staff, council):
    appeal = answered(staff)
    assert client_for(staff["head"]).post(docx_url(appeal)).status_code == 405


def test_docx_query_count_is_constant_when_the_appeal_has_several_answers(
    staff, council, django_assert_num_queries
):
    appeal = answered(
        staff, applicants=[{"name": "Мельник Ольга Іванівна", "address": "a"}, {"name": "Бондар Петро"}]
    )
    client = client_for(staff["head"])
    client.get(docx_url(appeal))  # warm the per-process caches (council settings, vocabularies)
    # session, user, appeal, issues, applicants, answers, draft answers, audit entry
    with django_assert_num_queries(8):
        assert client.get(docx_url(appeal)).status_code == 200


def test_page_query_count_is_constant_when_the_letter_is_shown(staff, council, django_assert_num_queries):
    appeal = answered(staff)
    client = client_for(staff["head"])
    client.get(page_url(appeal))
    # session, user, appeal, issues, applicants, answers, draft answers, audit entry (the read)
    with django_assert_num_queries(8):
        assert client.get(page_url(appeal)).status_code == 200


@pytest.mark.parametrize(
    ("number", "ascii_name"),
    [("К-12", "vidpovid-K-12.docx"), ("КО-3", "vidpovid-KO-3.docx"), ("Є-5", "vidpovid-Ye-5.docx")],
)
def test_file_name_is_transliterated_when_the_number_is_cyrillic(number, ascii_name):
    letter = letters.Letter(
        appeal_id=1,
        number=number,
        draft=False,
        letterhead=[],
        outgoing="",
        addressee=[],
        regarding="",
        body=[],
    )
    assert letters.docx_filename(letter) == (ascii_name, f"відповідь-{number}.docx")


@pytest.mark.skipif(soffice() is None, reason=NO_LIBREOFFICE)
def test_docx_converts_to_pdf_when_libreoffice_opens_it(staff, council, tmp_path):
    appeal = answered(staff)
    source = tmp_path / "vidpovid.docx"
    source.write_bytes(client_for(staff["head"]).get(docx_url(appeal)).content)
    pdf = convert_to_pdf(source, tmp_path)
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
