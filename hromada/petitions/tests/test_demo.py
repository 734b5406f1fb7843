"""The demo petitions: several states, exact counters, and a second run adds nothing."""

from __future__ import annotations

import pytest

from hromada.petitions.demo import seed_petitions
from hromada.petitions.models import Petition, PetitionStatus, Signature

pytestmark = pytest.mark.django_db


def test_seed_petitions_makes_each_state_once(now):
    made = seed_petitions()
    assert set(made) == {
        PetitionStatus.COLLECTING,
        PetitionStatus.CONSIDERATION,
        PetitionStatus.ANSWERED,
        PetitionStatus.CLOSED,
        PetitionStatus.REFUSED,
        PetitionStatus.MODERATION,
    }
    for petition in Petition.objects.all():
        valid = Signature.objects.filter(petition=petition, withdrawn_at=None, invalidation=None).count()
        assert petition.signature_count == valid
    assert seed_petitions() == {}
    assert Petition.objects.count() == 6
