"""A viral petition on PostgreSQL: many connections sign at once; the counter stays exact, each person
has one signature and the threshold transition happens once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from hromada.core.errors import Conflict
from hromada.petitions import services
from hromada.petitions.models import Petition, PetitionEvent, PetitionStatus, Signature
from hromada.reference.services import load_classifier
from hromada.residents.models import Resident
from hromada.testing import in_parallel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent signing needs PostgreSQL's row locks; SQLite serialises every writer",
    ),
]


@pytest.fixture(autouse=True)
def _vocabularies():
    """Transactional tests empty every table between tests, reference data included."""
    load_classifier()


def _residents(count: int) -> list[Resident]:
    made = []
    for i in range(count):
        user = get_user_model().objects.create(username=f"storm{i}", email=f"storm{i}@example.org")
        made.append(
            Resident.objects.create(
                user=user,
                full_name=f"Підписант {i}",
                email=f"storm{i}@example.org",
                email_confirmed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            )
        )
    return made


def _petition(rules, staff, author: Resident) -> Petition:
    petition = services.create_petition_draft(
        author=author, title="Шумозахисні екрани", text="Просимо.", category="transport"
    )
    services.submit_petition(author=author, petition_id=petition.pk)
    return services.publish_petition(actor=staff["moderator"], petition_id=petition.pk)


def test_parallel_signatures_keep_the_counter_exact_and_one_per_person(rules, staff, now):
    rules(threshold=1000)
    people = _residents(12)
    petition = _petition(rules, staff, people[0])
    # 24 threads: every resident twice at the same moment
    results = in_parallel(
        24, lambda i: services.sign_petition(signer=people[i % 12], petition_id=petition.pk)
    )
    signed = [r for r in results if isinstance(r, Signature)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert len(signed) == 12 and len(refused) == 12, results
    assert {r.code for r in refused} == {"already_signed"}
    petition.refresh_from_db()
    valid = Signature.objects.filter(petition=petition, withdrawn_at=None, invalidation=None)
    assert petition.signature_count == valid.count() == 12
    assert valid.values("signer").distinct().count() == 12


def test_parallel_signatures_cross_the_threshold_once(rules, staff, now):
    rules(threshold=10)
    people = _residents(20)
    petition = _petition(rules, staff, people[0])
    results = in_parallel(20, lambda i: services.sign_petition(signer=people[i], petition_id=petition.pk))
    signed = [r for r in results if isinstance(r, Signature)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert len(signed) == 10 and {r.code for r in refused} == {"not_collecting"}, results
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CONSIDERATION
    assert petition.signature_count == 10 == Signature.objects.filter(petition=petition).count()
    assert PetitionEvent.objects.filter(petition=petition, action="threshold_reached").count() == 1


def test_parallel_sign_withdraw_and_invalidate_keep_the_counter_exact(rules, staff, now):
    rules(threshold=1000)
    people = _residents(16)
    petition = _petition(rules, staff, people[0])
    for person in people[:8]:
        services.sign_petition(signer=person, petition_id=petition.pk)

    def work(i: int) -> object:
        if i < 8:
            if i % 2:
                services.withdraw_signature(signer=people[i], petition_id=petition.pk)
            return None
        if i < 16:
            return services.sign_petition(signer=people[i], petition_id=petition.pk)
        return services.invalidate_signatures(
            actor=staff["moderator"], petition_id=petition.pk, reason="Перевірка", email_domain="example.org"
        )

    results = in_parallel(17, work)
    # a withdrawal that comes after the invalidation is refused (the invalidation stands); nothing else
    failed = [r for r in results if isinstance(r, Exception)]
    assert all(isinstance(r, Conflict) and r.code == "invalidated" for r in failed), results
    petition.refresh_from_db()
    valid = Signature.objects.filter(petition=petition, withdrawn_at=None, invalidation=None).count()
    assert petition.signature_count == valid
