"""The staff pages of public questions: the queue, the card and its actions, who may open what."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.core.models import AuditEntry
from hromada.questions import factories, services
from hromada.questions.models import Question, QuestionStatus

pytestmark = pytest.mark.django_db
LIST = "/staff/questions/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def card(question: Question) -> str:
    return f"/staff/questions/{question.pk}/"


# --- who may open what --------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in_when_opening_any_question_page(staff):
    question = factories.ask()
    for url in [LIST, card(question), card(question) + "publish/", "/staff/questions/legal-help/"]:
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/staff/sign-in/?next="), url
    response = Client().post(card(question) + "reject/", {"reason": "Ні"})
    assert response.status_code == 302
    assert Question.objects.get().status == QuestionStatus.NEW


@pytest.mark.parametrize("who", ["registrar", "controller", "administrator", "nobody"])
def test_roles_without_questions_get_403_when_opening_the_list_or_card(staff, who):
    question = factories.published(staff["moderator"])
    client = signed_in(staff[who])
    assert client.get(LIST).status_code == 403
    assert client.get(card(question)).status_code == 403
    assert client.post(card(question) + "answer/", {"text": "Так"}).status_code == 403


def test_executor_of_another_department_gets_404_and_an_empty_list(staff):
    question = factories.published(staff["moderator"], "communal")
    client = signed_in(staff["executor_social"])
    assert client.get(card(question)).status_code == 404
    assert client.post(card(question) + "answer/", {"text": "Відповідь"}).status_code == 404
    response = client.get(LIST)
    assert response.status_code == 200 and response.context["rows"] == []
    assert Question.objects.get().status == QuestionStatus.PUBLISHED


def test_departments_do_not_see_unmoderated_or_rejected_questions(staff):
    new, rejected = factories.ask(), factories.rejected(staff["moderator"])
    for who in ("head", "executor_communal"):
        client = signed_in(staff[who])
        assert client.get(card(new)).status_code == 404
        assert client.get(card(rejected)).status_code == 404
        assert client.get(LIST).context["rows"] == []


@pytest.mark.parametrize(
    ("who", "slug"), [("head", "publish"), ("executor_communal", "reject"), ("moderator", "answer")]
)
def test_wrong_role_gets_403_when_posting_an_action(staff, who, slug):
    question = factories.published(staff["moderator"])
    response = signed_in(staff[who]).post(
        card(question) + f"{slug}/", {"text": "Так", "reason": "Ні", "department": "social"}
    )
    assert response.status_code == 403


# --- the list -----------------------------------------------------------------------------------------


def test_moderator_sees_every_question_newest_first_with_counts_by_status(staff, settings):
    settings.HROMADA_NOW = "2026-11-01T10:00:00"
    answered = factories.answered(staff["moderator"], staff["executor_communal"])
    settings.HROMADA_NOW = "2026-11-02T10:00:00"
    rejected = factories.rejected(staff["moderator"])
    settings.HROMADA_NOW = "2026-11-03T10:00:00"
    new = factories.ask(topic="transport")
    response = signed_in(staff["moderator"]).get(LIST)
    assert response.status_code == 200
    assert [r["id"] for r in response.context["rows"]] == [new.pk, rejected.pk, answered.pk]
    assert {s["label"]: s["count"] for s in response.context["status_counts"]} == {
        "очікує модерації": 1,
        "очікує відповіді": 0,
        "надано відповідь": 1,
        "відхилено": 1,
    }
    page = response.content.decode()
    assert "3 запитання" in page
    assert factories.AUTHOR not in page and factories.AUTHOR_EMAIL not in page  # the card shows them


def test_list_filters_by_status_topic_and_department(staff):
    a = factories.published(staff["moderator"], "communal", topic="communal")
    b = factories.published(staff["moderator"], "social", topic="social_protection")
    c = factories.ask(topic="communal")
    client = signed_in(staff["moderator"])

    def ids(**params):
        return [r["id"] for r in client.get(LIST, params).context["rows"]]

    assert ids(status="new") == [c.pk]
    assert ids(topic="communal") == [c.pk, a.pk]
    assert ids(department="social") == [b.pk]
    assert ids(status="published", topic="communal") == [a.pk]
    response = client.get(LIST, {"status": "nonsense"})
    assert response.status_code == 400 and "status" in response.context["form"].errors


def test_list_pages_by_25_and_keeps_the_filters_when_paging(staff):
    for _ in range(27):
        factories.ask()
    client = signed_in(staff["moderator"])
    first = client.get(LIST, {"status": "new"})
    assert len(first.context["rows"]) == 25 and first.context["next_url"] == f"{LIST}?status=new&page=2"
    second = client.get(first.context["next_url"])
    assert len(second.context["rows"]) == 2 and second.context["previous_url"] == f"{LIST}?status=new"


def test_list_reads_a_fixed_number_of_queries_when_shown(staff, django_assert_max_num_queries):
    for i in range(30):
        question = factories.published(staff["moderator"], "communal" if i % 2 else "social")
        if i % 3 == 0:
            services.answer_question(actor=staff["head"], question_id=question.pk, text="Так")
    client = signed_in(staff["moderator"])
    client.get(LIST)  # warm the per-process caches (council settings, vocabularies)
    # session, user, departments, count, page rows, counts by status
    with django_assert_max_num_queries(7):
        assert client.get(LIST).status_code == 200


def test_executor_list_offers_only_published_states(staff):
    response = signed_in(staff["executor_communal"]).get(LIST)
    assert [v for v, _ in response.context["form"].fields["status"].choices] == ["", "published", "answered"]
    assert not response.context["show_department_filter"]


# --- the card and its actions -------------------------------------------------------------------------


def test_moderator_card_shows_the_author_and_records_the_view_in_the_audit_log(staff):
    question = factories.ask()
    response = signed_in(staff["moderator"]).get(card(question))
    page = response.content.decode()
    assert factories.AUTHOR in page and factories.AUTHOR_EMAIL in page
    entry = AuditEntry.objects.get(action="questions.read")
    assert (entry.actor, entry.object_type, entry.object_id) == (
        staff["moderator"],
        "question",
        str(question.pk),
    )
    assert [a["slug"] for a in response.context["actions"]] == ["publish", "reject"]


def test_department_card_shows_initials_only_and_is_not_audited(staff):
    question = factories.published(staff["moderator"])
    response = signed_in(staff["executor_communal"]).get(card(question))
    page = response.content.decode()
    assert factories.AUTHOR not in page and factories.AUTHOR_EMAIL not in page and "К. І. П." in page
    assert not AuditEntry.objects.filter(action="questions.read").exists()
    assert [a["slug"] for a in response.context["actions"]] == ["answer"]


def test_moderator_publishes_with_an_edited_text_and_is_sent_back_to_the_card(staff):
    question = factories.ask()
    client = signed_in(staff["moderator"])
    response = client.post(
        card(question) + "publish/", {"department": "communal", "text": "Коли ремонт ліфта?"}
    )
    assert response.status_code == 302 and response["Location"] == card(question)
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED and question.published_text == "Коли ремонт ліфта?"
    page = client.get(card(question)).content.decode()
    assert "Запитання оприлюднено й передано підрозділу." in page
    assert factories.TEXT in page and "Коли ремонт ліфта?" in page  # the original stays visible to staff


def test_field_errors_in_ukrainian_with_422_and_nothing_saved_when_publish_form_is_empty(staff):
    question = factories.ask()
    response = signed_in(staff["moderator"]).post(card(question) + "publish/", {"department": "", "text": ""})
    assert response.status_code == 422
    form = next(a["form"] for a in response.context["actions"] if a["slug"] == "publish")
    assert form.errors == {
        "department": ["Оберіть підрозділ, який відповідатиме."],
        "text": ["Зазначте текст для оприлюднення."],
    }
    page = response.content.decode()
    assert (
        'id="id_publish_department_error"' in page
        and 'aria-describedby="id_publish_department_error"' in page
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.NEW


def test_reject_needs_a_reason_and_then_rejects(staff):
    question = factories.ask()
    client = signed_in(staff["moderator"])
    response = client.post(card(question) + "reject/", {"reason": ""})
    assert response.status_code == 422
    assert "Зазначте причину відхилення." in response.content.decode()
    assert client.post(card(question) + "reject/", {"reason": "Реклама"}).status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.REJECTED and question.rejection_reason == "Реклама"


def test_rejecting_an_answered_question_is_refused_with_409_and_a_message(staff):
    question = factories.answered(staff["moderator"], staff["executor_communal"])
    response = signed_in(staff["moderator"]).post(card(question) + "reject/", {"reason": "Пізно"})
    assert response.status_code == 409
    assert "Відхилити можна лише запитання, що очікує модерації" in response.content.decode()
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED


def test_moderator_reroutes_a_question_awaiting_its_answer(staff):
    question = factories.published(staff["moderator"], "communal")
    client = signed_in(staff["moderator"])
    form = next(a["form"] for a in client.get(card(question)).context["actions"] if a["slug"] == "reroute")
    assert "communal" not in [v for v, _ in form.fields["department"].choices]
    assert client.post(card(question) + "reroute/", {"department": "social"}).status_code == 302
    question.refresh_from_db()
    assert question.department is not None and question.department.code == "social"
    assert signed_in(staff["executor_communal"]).get(card(question)).status_code == 404
    assert signed_in(staff["executor_social"]).get(card(question)).status_code == 200


def test_executor_answers_and_the_answer_is_signed_by_the_department(staff):
    question = factories.published(staff["moderator"], "communal")
    client = signed_in(staff["executor_communal"])
    assert client.post(card(question) + "answer/", {"text": ""}).status_code == 422
    response = client.post(card(question) + "answer/", {"text": "Ремонт — у березні."})
    assert response.status_code == 302
    page = client.get(card(question)).content.decode()
    assert "Ремонт — у березні." in page and "Департамент ЖКГ" in page
    assert "Відповідь оприлюднено й надіслано автору." in page
    # A second answer is a step the state does not allow.
    again = client.post(card(question) + "answer/", {"text": "Ще раз"})
    assert again.status_code == 409


def test_head_answers_for_any_department(staff):
    question = factories.published(staff["moderator"], "social")
    assert signed_in(staff["head"]).post(card(question) + "answer/", {"text": "Так"}).status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED and question.answer_signature == "Управління соцзахисту"


def test_moderator_corrects_a_published_answer_and_the_timeline_shows_it(staff):
    question = factories.answered(staff["moderator"], staff["executor_communal"], answer="Ремонт у березені.")
    client = signed_in(staff["moderator"])
    response = client.post(card(question) + "correct/", {"text": "Ремонт у березні."})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == "Ремонт у березні."
    assert AuditEntry.objects.filter(action="questions.correct_answer", object_id=str(question.pk)).exists()
    titles = [e["title"] for e in client.get(card(question)).context["timeline"]]
    assert titles == ["поставлено", "оприлюднено", "надано відповідь", "відповідь виправлено"]


def test_card_reads_a_fixed_number_of_queries(staff, django_assert_max_num_queries):
    question = factories.answered(staff["moderator"], staff["executor_communal"])
    client = signed_in(staff["executor_communal"])
    client.get(card(question))
    # session, user, question, departments, events
    with django_assert_max_num_queries(6):
        assert client.get(card(question)).status_code == 200


def test_menu_shows_questions_to_their_roles_only(staff):
    assert "/staff/questions/" in signed_in(staff["moderator"]).get("/staff/").content.decode()
    assert "/staff/questions/legal-help/" in signed_in(staff["moderator"]).get("/staff/").content.decode()
    executor = signed_in(staff["executor_communal"]).get("/staff/").content.decode()
    assert 'href="/staff/questions/"' in executor and "/staff/questions/legal-help/" not in executor
    registrar = signed_in(staff["registrar"]).get("/staff/").content.decode()
    assert "/staff/questions/" not in registrar
    admin = signed_in(staff["administrator"]).get("/staff/").content.decode()
    assert "/staff/questions/legal-help/" in admin and 'href="/staff/questions/"' not in admin
