"""The petition journal is append-only in the database, as the appeals one (issue 12)."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError
from django.utils import translation

from hromada.petitions.models import PetitionEvent, PetitionEventAction
from hromada.testing import assert_append_only

pytestmark = pytest.mark.django_db


def test_the_database_refuses_to_change_or_delete_an_event_when_anyone_tries(draft):
    petition = draft()
    assert_append_only(PetitionEvent.objects.get(petition=petition, action=PetitionEventAction.CREATED))


def test_a_draft_with_a_journal_is_protected_when_someone_deletes_it(draft):
    """No service deletes a draft; an abandoned one stays a draft, and its journal with it."""
    petition = draft()
    with pytest.raises(ProtectedError):
        petition.delete()
    assert PetitionEvent.objects.filter(petition=petition).count() == 1


def test_the_journal_label_comes_from_the_model_when_the_card_shows_it(draft):
    event = PetitionEvent.objects.get(petition=draft())
    with translation.override("uk"):
        assert str(event.get_action_display()) == "Створено чернетку"
