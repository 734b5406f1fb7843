"""The demo petitions: several states, each lived through in order at plausible dates, exact
counters consistent with the threshold, plausible signers; a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hromada.core import clock
from hromada.petitions.demo import FIRST_NAMES, PETITIONS, SIGNER_AGES, seed_petitions, signer_name
from hromada.petitions.models import Petition, PetitionEvent, PetitionStatus, Signature
from hromada.residents.eligibility import age_on
from hromada.residents.models import Resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(now: Any) -> dict[str, int]:
    return seed_petitions()


def test_seed_petitions_makes_each_state_once(seeded: dict[str, int]) -> None:
    assert set(seeded) == {
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
    assert Petition.objects.count() == len(PETITIONS)


def test_every_petitions_dates_are_in_order_and_not_in_the_future(seeded: dict[str, int]) -> None:
    now, today = clock.now(), clock.today()
    for p in Petition.objects.all():
        assert p.created_at <= p.submitted_at <= now, p.title  # type: ignore[operator]
        if p.status == PetitionStatus.MODERATION:
            assert p.moderated_at is None and p.moderation_due is not None and p.moderation_due >= today
            continue
        assert p.moderated_at is not None and p.submitted_at < p.moderated_at <= now, p.title  # type: ignore[operator]
        if p.status == PetitionStatus.REFUSED:
            assert p.published_at is None and p.deadline is None
            continue
        assert p.published_at is not None and p.deadline is not None
        assert timezone.localtime(p.published_at).date() < p.deadline, "collection ends after it starts"
        for signed_at in Signature.objects.filter(petition=p).values_list("signed_at", flat=True):
            assert p.published_at < signed_at <= now, p.title
            assert timezone.localtime(signed_at).date() <= p.deadline
        if p.threshold_reached_at is not None:
            assert p.published_at < p.threshold_reached_at <= now
            assert (
                p.answer_due is not None and p.answer_due > timezone.localtime(p.threshold_reached_at).date()
            )
        if p.answered_at is not None:
            assert p.threshold_reached_at is not None and p.answer_due is not None
            assert p.threshold_reached_at < p.answered_at, "answered after the collection ended"
            assert timezone.localtime(p.answered_at).date() <= p.answer_due, "answered within the term"
            gap = timezone.localtime(p.answered_at).date() - timezone.localtime(p.published_at).date()
            assert gap >= dt.timedelta(days=30), "not published on the day it was answered"
        if p.closed_at is not None:
            assert timezone.localtime(p.closed_at).date() > p.deadline
        for at in PetitionEvent.objects.filter(petition=p).values_list("at", flat=True):
            assert p.created_at <= at <= now


def test_signature_counts_agree_with_the_threshold_and_the_state(seeded: dict[str, int]) -> None:
    today = clock.today()
    for p in Petition.objects.exclude(published_at=None):
        assert p.threshold
        total = p.signature_count + p.paper_count
        if p.status in (PetitionStatus.CONSIDERATION, PetitionStatus.ANSWERED):
            assert total >= p.threshold and p.threshold_reached_at is not None, p.title
        else:
            assert total < p.threshold and p.threshold_reached_at is None, p.title
        if p.status == PetitionStatus.COLLECTING:
            assert p.deadline is not None and p.deadline >= today
        if p.status == PetitionStatus.CLOSED:
            assert p.deadline is not None and p.deadline < today and p.closed_at is not None


def test_signers_are_adults_named_with_a_patronymic_of_their_first_names_sex(seeded: dict[str, int]) -> None:
    today = clock.today()
    signers = Resident.objects.filter(email__startswith="pidpysant")
    assert signers.count() >= 40
    for r in signers:
        assert r.birth_date is not None
        assert SIGNER_AGES[0] <= age_on(r.birth_date, today) <= SIGNER_AGES[1], r.full_name
        for signed_at in Signature.objects.filter(signer=r).values_list("signed_at", flat=True):
            assert r.created_at < signed_at, r.full_name
        _surname, first, patronymic = r.full_name.split()
        female = dict(FIRST_NAMES)[first]
        assert patronymic.endswith(("івна", "ївна") if female else ("ович", "йович")), r.full_name
    assert len({signer_name(i) for i in range(40)}) >= 30
