"""The question journal is append-only in the database, as the appeals one (issue 12)."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError

from hromada.questions import factories
from hromada.questions.models import QuestionAction, QuestionEvent
from hromada.testing import assert_append_only

pytestmark = pytest.mark.django_db


def test_the_database_refuses_to_change_or_delete_an_event_when_anyone_tries():
    question = factories.ask()
    assert_append_only(QuestionEvent.objects.get(question=question, action=QuestionAction.ASKED))


def test_a_question_with_a_journal_is_protected_when_someone_deletes_it():
    question = factories.ask()
    with pytest.raises(ProtectedError):
        question.delete()
    assert QuestionEvent.objects.filter(question=question).count() == 1


def test_the_journal_shows_the_model_label_when_an_action_is_read():
    event = QuestionEvent.objects.get(question=factories.ask())
    assert event.get_action_display() == QuestionAction.ASKED.label
