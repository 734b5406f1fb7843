"""Правова допомога in the workspace: drafts, edits, publishing and unpublishing, and who may."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hromada.core.errors import DomainError, ValidationFailed
from hromada.core.models import AuditEntry
from hromada.questions import services
from hromada.questions.models import LegalConsultation
from hromada.testing import kyiv

pytestmark = pytest.mark.django_db
LIST = "/staff/questions/legal-help/"
NEW = "/staff/questions/legal-help/new/"
FORM: dict[str, Any] = {
    "title": "Як оскаржити рішення ради?",
    "topic": "local_government",
    "question": "Куди оскаржити рішення виконавчого комітету?",
    "answer": "До адміністративного суду протягом шести місяців.",
}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_is_sent_to_sign_in_and_other_roles_get_403(staff):
    consultation = services.create_consultation(actor=staff["moderator"], **FORM)
    urls = [LIST, NEW, f"{LIST}{consultation.pk}/"]
    for url in urls:
        assert Client().get(url).status_code == 302
    for who in ("registrar", "head", "executor_communal", "controller"):
        client = signed_in(staff[who])
        for url in urls:
            assert client.get(url).status_code == 403, (who, url)
        assert client.post(f"{LIST}{consultation.pk}/publish/").status_code == 403
    consultation.refresh_from_db()
    assert not consultation.is_published


@pytest.mark.parametrize("who", ["moderator", "administrator"])
def test_consultation_is_a_draft_until_published_when_staff_create_it(staff, who, settings):
    settings.HROMADA_NOW = "2026-11-10T09:00:00"
    client = signed_in(staff[who])
    response = client.post(NEW, FORM)
    consultation = LegalConsultation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{LIST}{consultation.pk}/"
    assert not consultation.is_published and consultation.published_at is None
    assert (consultation.created_by, consultation.created_at) == (staff[who], kyiv(2026, 11, 10, 9))
    assert consultation.search_text.startswith("як оскаржити рішення ради?")
    page = client.get(f"{LIST}{consultation.pk}/").content.decode()
    assert "Консультацію збережено як чернетку." in page and "чернетка" in page
    assert "без імен, адрес, номерів телефонів" in page  # the form says: no personal data
    assert client.post(f"{LIST}{consultation.pk}/publish/").status_code == 302
    consultation.refresh_from_db()
    assert consultation.is_published and consultation.published_at == kyiv(2026, 11, 10, 9)
    assert AuditEntry.objects.filter(action="legal_help.publish", object_id=str(consultation.pk)).exists()


def test_field_errors_in_ukrainian_with_422_and_nothing_saved_when_form_is_empty(staff):
    response = signed_in(staff["moderator"]).post(
        NEW, {"title": "", "topic": "", "question": "", "answer": ""}
    )
    assert response.status_code == 422
    assert response.context["form"].errors == {
        "title": ["Зазначте заголовок."],
        "question": ["Напишіть запитання."],
        "answer": ["Напишіть текст відповіді."],
    }
    assert 'aria-describedby="id_title_error"' in response.content.decode()
    assert LegalConsultation.objects.count() == 0


def test_edit_keeps_publication_and_republishing_keeps_the_first_date(staff, settings):
    settings.HROMADA_NOW = "2026-11-01T09:00:00"
    consultation = services.create_consultation(actor=staff["moderator"], **FORM)
    services.publish_consultation(actor=staff["moderator"], consultation_id=consultation.pk)
    settings.HROMADA_NOW = "2026-11-05T09:00:00"
    client = signed_in(staff["administrator"])
    response = client.post(f"{LIST}{consultation.pk}/", {**FORM, "answer": "Уточнена відповідь."})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.is_published and consultation.answer == "Уточнена відповідь."
    assert consultation.updated_by == staff["administrator"]
    assert client.post(f"{LIST}{consultation.pk}/unpublish/").status_code == 302
    consultation.refresh_from_db()
    assert not consultation.is_published
    client.post(f"{LIST}{consultation.pk}/publish/")
    consultation.refresh_from_db()
    assert consultation.is_published and consultation.published_at == kyiv(2026, 11, 1, 9)


def test_list_shows_drafts_and_published_ones(staff, django_assert_max_num_queries):
    draft = services.create_consultation(actor=staff["moderator"], **{**FORM, "title": "Чернетка"})
    published = services.create_consultation(actor=staff["moderator"], **{**FORM, "title": "Оприлюднена"})
    services.publish_consultation(actor=staff["moderator"], consultation_id=published.pk)
    client = signed_in(staff["moderator"])
    client.get(LIST)
    with django_assert_max_num_queries(5):
        response = client.get(LIST)
    assert {r["id"]: r["is_published"] for r in response.context["rows"]} == {
        draft.pk: False,
        published.pk: True,
    }


def test_unknown_consultation_is_404(staff):
    assert signed_in(staff["moderator"]).get(f"{LIST}999/").status_code == 404


def test_services_refuse_other_roles_and_unknown_topics(staff):
    with pytest.raises(DomainError) as caught:
        services.create_consultation(actor=staff["head"], **FORM)
    assert caught.value.status == 403
    with pytest.raises(ValidationFailed) as caught:
        services.create_consultation(actor=staff["moderator"], **{**FORM, "topic": "astrology"})
    assert caught.value.errors[0].field == "topic"
