"""Лист-відповідь: no letter for an anonymous appeal or without an answer, who may print it, its query
count, the file name and the PDF check."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from hromada.accounts.models import User
from hromada.appeals import letters
from hromada.appeals.tests.letter_helpers import (
    answered,
    client_for,
    docx_url,
    in_progress,
    make_council,
    new_appeal,
    page_url,
)
from hromada.core.models import AuditEntry, CouncilSettings
from hromada.testing import NO_LIBREOFFICE, convert_to_pdf, soffice


@pytest.fixture
def council(db) -> CouncilSettings:
    return make_council()


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
