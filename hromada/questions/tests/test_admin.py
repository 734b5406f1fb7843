"""The admin shows both models; who-and-when stays read-only and questions are never added there."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.questions import factories
from hromada.questions.models import LegalConsultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(staff) -> Client:
    user = staff["administrator"]
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def test_admin_lists_and_opens_questions_and_consultations_with_audit_fields_read_only(admin_client, staff):
    question = factories.answered(staff["moderator"], staff["executor_communal"])
    assert admin_client.get("/admin/questions/question/").status_code == 200
    page = admin_client.get(f"/admin/questions/question/{question.pk}/change/")
    assert page.status_code == 200
    form_fields = page.context["adminform"].form.fields
    assert "answered_by" not in form_fields and "status" not in form_fields and "answer" in form_fields
    assert admin_client.get("/admin/questions/question/add/").status_code == 403


def test_consultation_saved_in_admin_gets_its_who_when_and_search_text(admin_client, staff):
    response = admin_client.post(
        "/admin/questions/legalconsultation/add/",
        {
            "title": "Спадщина",
            "question": "Як прийняти СПАДЩИНУ?",
            "answer": "У нотаріуса.",
            "topic": "",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    consultation = LegalConsultation.objects.get()
    assert consultation.created_by == staff["administrator"] and consultation.published_at is not None
    assert "як прийняти спадщину?" in consultation.search_text
