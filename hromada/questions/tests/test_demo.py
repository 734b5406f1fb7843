"""The demo questions and consultations: every state, made once."""

from __future__ import annotations

import pytest

from hromada.core import clock
from hromada.questions.demo import seed_questions
from hromada.questions.models import LegalConsultation, Question, QuestionStatus

pytestmark = pytest.mark.django_db


def test_demo_has_questions_in_every_state_and_three_consultations_and_runs_once(staff, settings):
    settings.HROMADA_NOW = "2026-11-20T12:00:00"
    assert seed_questions() == {"questions": 8, "consultations": 3}
    states = set(Question.objects.values_list("status", flat=True))
    assert states == set(QuestionStatus.values)
    assert LegalConsultation.objects.filter(is_published=True).count() == 2
    for q in Question.objects.filter(status="answered"):
        assert q.answered_at is not None and q.published_at is not None
        assert q.answered_at > q.published_at > q.asked_at
    now = clock.now()
    for q in Question.objects.all():  # every one, not only the answered: nothing before it was asked
        assert q.asked_at <= now, q.text
        for later in (q.moderated_at, q.published_at, q.answered_at):
            assert later is None or q.asked_at < later <= now, q.text
        if q.status == "answered":
            assert q.answer and q.department_id is not None, q.text
        if q.status == "new":
            assert q.moderated_at is None and q.published_at is None and q.answered_at is None
    assert seed_questions() == {"questions": 0, "consultations": 0}
    assert Question.objects.count() == 8


def test_demo_makes_nothing_without_a_moderator(db):
    assert seed_questions() == {"questions": 0, "consultations": 0}
