"""Правова допомога on the public site: published consultations only, search, topic, pages."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.questions import services
from hromada.testing import kyiv

pytestmark = pytest.mark.django_db
LIST = "/pravova-dopomoha/"


def make(staff, title: str, *, topic: str = "", published: bool = True, at=None, answer: str = "Відповідь."):
    consultation = services.create_consultation(
        actor=staff["moderator"], title=title, question=f"Запитання: {title}", answer=answer, topic=topic
    )
    if published:
        services.publish_consultation(actor=staff["moderator"], consultation_id=consultation.pk, now=at)
    return consultation


def ids(response) -> list[int]:
    return [r["id"] for r in response.context["rows"]]


@pytest.fixture
def consultations(staff):
    return {
        "appeal": make(
            staff, "Як оскаржити рішення ради?", topic="local_government", at=kyiv(2026, 10, 1, 9)
        ),
        "tariff": make(
            staff,
            "Чи може управитель підвищити тариф?",
            topic="communal",
            at=kyiv(2026, 10, 5, 9),
            answer="Лише за ДОГОВОРОМ з мешканцями.",
        ),
        "draft": make(staff, "Чернетка про спадщину", published=False),
    }


def test_list_shows_published_consultations_newest_first(consultations):
    response = Client().get(LIST)
    assert response.status_code == 200
    assert ids(response) == [consultations["tariff"].pk, consultations["appeal"].pk]
    page = response.content.decode()
    assert "Знайдено 2 консультації" in page and "Чернетка" not in page and "05.10.2026" in page


def test_search_and_topic_filter_narrow_the_list(consultations):
    assert ids(Client().get(LIST, {"q": "договором"})) == [consultations["tariff"].pk]  # in the answer
    assert ids(Client().get(LIST, {"q": "ОСКАРЖИТИ"})) == [consultations["appeal"].pk]
    assert ids(Client().get(LIST, {"q": "спадщину"})) == []  # a draft
    assert ids(Client().get(LIST, {"topic": "local_government"})) == [consultations["appeal"].pk]
    assert Client().get(LIST, {"topic": "astrology"}).status_code == 400


def test_list_pages_by_20(staff):
    for i in range(21):
        make(staff, f"Консультація {i}", at=kyiv(2026, 9, 1 + i, 9))
    first = Client().get(LIST)
    assert len(first.context["rows"]) == 20 and first.context["next_url"] == "?page=2"
    assert len(Client().get(LIST + "?page=2").context["rows"]) == 1


def test_detail_shows_question_and_answer_and_a_draft_is_404(consultations, staff):
    page = Client().get(f"{LIST}{consultations['tariff'].pk}/").content.decode()
    assert "Чи може управитель підвищити тариф?" in page and "Лише за ДОГОВОРОМ з мешканцями." in page
    assert "Комунальне господарство" in page and "05.10.2026" in page
    assert Client().get(f"{LIST}{consultations['draft'].pk}/").status_code == 404
    services.unpublish_consultation(actor=staff["moderator"], consultation_id=consultations["tariff"].pk)
    assert Client().get(f"{LIST}{consultations['tariff'].pk}/").status_code == 404


def test_list_reads_a_fixed_number_of_queries(staff, consultations, django_assert_max_num_queries):
    for i in range(10):
        make(staff, f"Консультація {i}", topic="communal")
    Client().get(LIST)
    with django_assert_max_num_queries(2):
        assert Client().get(LIST, {"q": "консультація"}).status_code == 200
