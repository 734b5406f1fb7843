"""The question's steps as services: every transition, its refusals, its history, audit and letters."""

from __future__ import annotations

import pytest

from hromada.accounts.models import Department
from hromada.core.errors import DomainError, NotFound, ValidationFailed
from hromada.core.models import AuditEntry
from hromada.notifications.models import Notification
from hromada.questions import factories, services
from hromada.questions.errors import WrongQuestionStatus
from hromada.questions.models import Question, QuestionStatus
from hromada.testing import kyiv

pytestmark = pytest.mark.django_db


def errors_of(exc: ValidationFailed) -> dict[str, str]:
    return {e.field: str(e.message) for e in exc.errors}


# --- asking -------------------------------------------------------------------------------------------


def test_question_waits_for_moderation_with_initials_when_resident_asks(settings):
    settings.HROMADA_NOW = "2026-11-20T10:00:00"
    question = factories.ask(name="  Коваленко   Іван Петрович ")
    assert question.status == QuestionStatus.NEW
    assert question.author_name == "Коваленко Іван Петрович"
    assert question.author_initials == "К. І. П."
    assert question.asked_at == kyiv(2026, 11, 20, 10)
    assert question.published_text == "" and question.search_text == ""  # nothing searchable yet
    assert [e.action for e in question.events.all()] == ["asked"]


def test_every_missing_field_is_named_in_ukrainian_when_resident_sends_an_empty_form():
    with pytest.raises(ValidationFailed) as caught:
        services.ask_question(name="", email="", topic="", text="", consent=False)
    assert errors_of(caught.value) == {
        "name": "Зазначте ваше прізвище, ім’я та по батькові (ПІБ).",
        "email": "Зазначте адресу електронної пошти для відповіді.",
        "topic": "Оберіть тематику запитання.",
        "text": "Напишіть ваше запитання.",
        "consent": "Потрібна згода на обробку персональних даних.",
    }
    assert Question.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"text": "Коли?"}, "text", "Запитання закоротке: напишіть щонайменше 10 символів."),
        ({"text": "Я" * 4001}, "text", "Текст задовгий: щонайбільше 4000 символів."),
        ({"email": "kovalenko@"}, "email", "Введіть правильну адресу електронної пошти."),
        ({"topic": "astrology"}, "topic", "Невідома тематика «astrology»."),
        ({"name": "123 456"}, "name", "Напишіть прізвище, ім’я та по батькові літерами."),
    ],
)
def test_question_is_refused_when_a_field_is_wrong(overrides, field, message):
    with pytest.raises(ValidationFailed) as caught:
        factories.ask(**overrides)
    assert errors_of(caught.value) == {field: message}
    assert Question.objects.count() == 0


def test_text_of_exactly_the_limits_is_accepted_when_asked():
    assert factories.ask(text="Де мій ліс").status == QuestionStatus.NEW  # 10 characters, 3 words
    assert factories.ask(text=("Яя " * 1334)[:4000]).status == QuestionStatus.NEW


# --- moderation ---------------------------------------------------------------------------------------


def test_published_question_keeps_its_original_when_moderator_edits_the_text(staff, settings):
    settings.HROMADA_NOW = "2026-11-21T09:00:00"
    question = factories.ask()
    published = services.publish_question(
        actor=staff["moderator"],
        question_id=question.pk,
        department="communal",
        text="Коли відремонтують ліфт?",
    )
    assert published.status == QuestionStatus.PUBLISHED
    assert published.department is not None and published.department.code == "communal"
    assert published.text == factories.TEXT and published.published_text == "Коли відремонтують ліфт?"
    assert published.published_at == published.moderated_at == kyiv(2026, 11, 21, 9)
    assert published.moderated_by == staff["moderator"]
    assert published.search_text == "коли відремонтують ліфт?"
    event = published.events.get(action="published")
    assert (event.actor, event.data) == (staff["moderator"], {"department": "communal", "edited": True})
    entry = AuditEntry.objects.get(action="questions.publish")
    assert (entry.actor, entry.object_id) == (staff["moderator"], str(question.pk))


def test_publishing_without_a_text_publishes_the_original_when_text_not_given(staff):
    question = factories.published(staff["moderator"])
    assert question.published_text == factories.TEXT
    assert question.events.get(action="published").data["edited"] is False


def test_department_is_required_and_must_be_active_when_publishing(staff, departments):
    question = factories.ask()
    with pytest.raises(ValidationFailed) as caught:
        services.publish_question(actor=staff["moderator"], question_id=question.pk, department="", text="")
    assert errors_of(caught.value) == {
        "department": "Оберіть підрозділ, який відповідатиме.",
        "text": "Зазначте текст для оприлюднення.",
    }
    Department.objects.filter(code="legal").update(is_active=False)
    with pytest.raises(ValidationFailed) as caught:
        services.publish_question(actor=staff["moderator"], question_id=question.pk, department="legal")
    assert errors_of(caught.value) == {"department": "Невідомий підрозділ «legal»."}
    question.refresh_from_db()
    assert question.status == QuestionStatus.NEW and not question.events.filter(action="published").exists()


@pytest.mark.parametrize("who", ["head", "executor_communal", "registrar", "controller"])
def test_only_the_moderator_may_publish_or_reject_when_question_is_new(staff, who):
    question = factories.ask()
    with pytest.raises(NotFound):  # they do not see unmoderated questions at all
        services.publish_question(actor=staff[who], question_id=question.pk, department="communal")
    with pytest.raises(NotFound):
        services.reject_question(actor=staff[who], question_id=question.pk, reason="Ні")


def test_rejected_question_is_never_public_and_keeps_the_reason_when_moderator_rejects(staff):
    question = factories.ask()
    rejected = services.reject_question(
        actor=staff["moderator"], question_id=question.pk, reason=" Реклама. "
    )
    assert rejected.status == QuestionStatus.REJECTED and rejected.rejection_reason == "Реклама."
    assert rejected.published_at is None and rejected.search_text == ""
    assert rejected.events.get(action="rejected").data == {"reason": "Реклама."}
    assert AuditEntry.objects.filter(action="questions.reject", object_id=str(question.pk)).exists()


def test_reason_is_required_when_rejecting(staff):
    question = factories.ask()
    with pytest.raises(ValidationFailed) as caught:
        services.reject_question(actor=staff["moderator"], question_id=question.pk, reason="  ")
    assert errors_of(caught.value) == {"reason": "Зазначте причину відхилення."}


def test_wrong_status_when_moderating_a_question_twice(staff):
    question = factories.published(staff["moderator"])
    with pytest.raises(WrongQuestionStatus) as caught:
        services.publish_question(actor=staff["moderator"], question_id=question.pk, department="social")
    assert caught.value.status == 409
    assert str(caught.value.message) == (
        "Оприлюднити можна лише запитання, що очікує модерації; стан цього — «очікує відповіді»."
    )


def test_answered_question_cannot_be_rejected(staff):
    question = factories.answered(staff["moderator"], staff["executor_communal"])
    with pytest.raises(WrongQuestionStatus) as caught:
        services.reject_question(actor=staff["moderator"], question_id=question.pk, reason="Пізно")
    assert "«надано відповідь»" in str(caught.value.message)
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED


def test_question_moves_to_the_new_department_when_moderator_reroutes_it(staff):
    question = factories.published(staff["moderator"])
    moved = services.reroute_question(actor=staff["moderator"], question_id=question.pk, department="social")
    assert moved.department is not None and moved.department.code == "social"
    assert moved.status == QuestionStatus.PUBLISHED
    assert moved.events.get(action="rerouted").data == {"before": "communal", "after": "social"}
    with pytest.raises(ValidationFailed) as caught:
        services.reroute_question(actor=staff["moderator"], question_id=question.pk, department="social")
    assert errors_of(caught.value) == {"department": "Запитання вже передано цьому підрозділу."}
    # The communal executors no longer see it; the social one does.
    with pytest.raises(NotFound):
        services.answer_question(actor=staff["executor_communal"], question_id=question.pk, text="Так")
    services.answer_question(actor=staff["executor_social"], question_id=question.pk, text="Так")


def test_reroute_is_refused_when_question_is_answered_or_new(staff):
    answered = factories.answered(staff["moderator"], staff["executor_communal"])
    new = factories.ask()
    for question in (answered, new):
        with pytest.raises(WrongQuestionStatus):
            services.reroute_question(actor=staff["moderator"], question_id=question.pk, department="social")


# --- the answer ---------------------------------------------------------------------------------------


def test_answer_is_signed_by_the_department_and_public_when_its_executor_answers(staff, settings):
    question = factories.published(staff["moderator"], at=kyiv(2026, 11, 2, 10))
    settings.HROMADA_NOW = "2026-11-05T15:30:00"
    answered = services.answer_question(
        actor=staff["executor_communal"], question_id=question.pk, text="Ремонт ЛІФТА — у березні."
    )
    assert answered.status == QuestionStatus.ANSWERED
    assert answered.answer_signature == "Департамент ЖКГ"
    assert (
        answered.answered_at == kyiv(2026, 11, 5, 15, 30)
        and answered.answered_by == staff["executor_communal"]
    )
    assert "ремонт ліфта — у березні." in answered.search_text
    assert answered.events.get(action="answered").data == {"department": "communal"}
    assert AuditEntry.objects.filter(action="questions.answer", actor=staff["executor_communal"]).exists()


def test_head_may_answer_for_any_department(staff):
    question = factories.published(staff["moderator"], "social")
    assert services.answer_question(
        actor=staff["head"], question_id=question.pk, text="Відповідь"
    ).status == (QuestionStatus.ANSWERED)


def test_executor_of_another_department_is_told_nothing_exists_when_answering(staff):
    question = factories.published(staff["moderator"], "communal")
    with pytest.raises(NotFound):
        services.answer_question(actor=staff["executor_social"], question_id=question.pk, text="Відповідь")
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED


def test_moderator_may_not_answer(staff):
    question = factories.published(staff["moderator"])
    with pytest.raises(DomainError) as caught:
        services.answer_question(actor=staff["moderator"], question_id=question.pk, text="Відповідь")
    assert caught.value.status == 403


def test_answering_is_refused_when_question_is_rejected_answered_or_new(staff):
    rejected = factories.rejected(staff["moderator"])
    with pytest.raises(DomainError) as caught:  # the head does not see rejected questions: 404
        services.answer_question(actor=staff["head"], question_id=rejected.pk, text="Відповідь")
    assert caught.value.status == 404
    answered = factories.answered(staff["moderator"], staff["executor_communal"])
    with pytest.raises(WrongQuestionStatus) as caught:
        services.answer_question(actor=staff["executor_communal"], question_id=answered.pk, text="Ще раз")
    assert str(caught.value.message) == (
        "Відповісти можна лише на оприлюднене запитання, що очікує відповіді; "
        "стан цього — «надано відповідь»."
    )


def test_answer_text_is_required(staff):
    question = factories.published(staff["moderator"])
    with pytest.raises(ValidationFailed) as caught:
        services.answer_question(actor=staff["executor_communal"], question_id=question.pk, text=" ")
    assert errors_of(caught.value) == {"text": "Напишіть текст відповіді."}


def test_correction_keeps_both_texts_in_history_and_audit_when_moderator_corrects_answer(staff):
    question = factories.answered(staff["moderator"], staff["executor_communal"], answer="Ремонт у березені.")
    corrected = services.correct_answer(
        actor=staff["moderator"], question_id=question.pk, text="Ремонт у березні."
    )
    assert corrected.answer == "Ремонт у березні." and corrected.answer_corrected_by == staff["moderator"]
    assert corrected.answer_signature == "Департамент ЖКГ"  # still the department's answer
    assert "березні" in corrected.search_text and "березені" not in corrected.search_text
    entry = AuditEntry.objects.get(action="questions.correct_answer")
    assert entry.details == {"before": "Ремонт у березені.", "after": "Ремонт у березні."}
    assert corrected.events.get(action="answer_corrected").data["before"] == "Ремонт у березені."
    with pytest.raises(ValidationFailed):
        services.correct_answer(actor=staff["moderator"], question_id=question.pk, text="Ремонт у березні.")


def test_correction_is_refused_when_question_is_not_answered_or_actor_is_not_moderator(staff):
    published = factories.published(staff["moderator"])
    with pytest.raises(WrongQuestionStatus):
        services.correct_answer(actor=staff["moderator"], question_id=published.pk, text="Нове")
    answered = factories.answered(staff["moderator"], staff["executor_communal"])
    with pytest.raises(DomainError) as caught:
        services.correct_answer(actor=staff["executor_communal"], question_id=answered.pk, text="Нове")
    assert caught.value.status == 403


# --- the letters (a real SMTP server) ----------------------------------------------------------------


def test_author_receives_an_acknowledgement_when_asking(smtp, worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        question = factories.ask()
    worker()
    (mail,) = smtp.to(factories.AUTHOR_EMAIL)
    assert mail.subject == f"Ваше запитання № {question.pk} отримано"
    assert "Шановний Іване Петровичу!" in mail.text
    assert factories.TEXT in mail.text and factories.TEXT in mail.html


def test_each_active_executor_of_the_department_is_told_when_question_is_published(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    inactive = mailable_staff["executor_communal2"]
    inactive.is_active = False
    inactive.save()
    question = factories.ask()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_question(
            actor=mailable_staff["moderator"],
            question_id=question.pk,
            department="communal",
            text="Коли ремонт ліфта?",
        )
    worker()
    assert sorted(r for m in smtp.messages for r in m.to) == ["executor_communal@rada.test"]
    (mail,) = smtp.messages
    assert str(question.pk) in mail.subject and "Коли ремонт ліфта?" in mail.text
    assert f"/staff/questions/{question.pk}/" in mail.text
    # Re-routed: the new department's executors are told.
    smtp.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reroute_question(
            actor=mailable_staff["moderator"], question_id=question.pk, department="social"
        )
    worker()
    assert [m.to for m in smtp.messages] == [["executor_social@rada.test"]]


def test_author_receives_the_reason_when_question_is_rejected(
    staff, smtp, worker, django_capture_on_commit_callbacks
):
    question = factories.ask()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_question(
            actor=staff["moderator"], question_id=question.pk, reason="Запитання містить образливі вислови."
        )
    worker()
    (mail,) = smtp.to(factories.AUTHOR_EMAIL)  # the acknowledgement was not captured
    assert mail.subject == f"Ваше запитання № {question.pk} не оприлюднено"
    assert (
        "Запитання містить образливі вислови." in mail.text
        and "Запитання містить образливі вислови." in mail.html
    )


def test_author_receives_the_answer_with_a_link_when_department_answers(
    staff, smtp, worker, django_capture_on_commit_callbacks, settings
):
    settings.HROMADA_PUBLIC_URL = "https://rada.example.gov.ua/"
    question = factories.published(staff["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_question(
            actor=staff["executor_communal"], question_id=question.pk, text="Ремонт — у березні."
        )
    worker()
    mail = smtp.to(factories.AUTHOR_EMAIL)[-1]
    assert mail.subject == f"Відповідь на ваше запитання № {question.pk}"
    assert "Ремонт — у березні." in mail.text and "Департамент ЖКГ" in mail.text
    assert f"https://rada.example.gov.ua/zapytannia/{question.pk}/" in mail.text
    assert f'href="https://rada.example.gov.ua/zapytannia/{question.pk}/"' in mail.html


def test_nothing_is_mailed_when_a_step_is_refused(staff, django_capture_on_commit_callbacks):
    question = factories.published(staff["moderator"])
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationFailed):
        services.answer_question(actor=staff["executor_communal"], question_id=question.pk, text="")
    assert Notification.objects.count() == 0
