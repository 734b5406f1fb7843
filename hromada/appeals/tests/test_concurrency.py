"""Concurrent registrations on PostgreSQL: gap-free unique numbers, one registration per card."""

from __future__ import annotations

import pytest
from django.db import connection

from hromada.appeals.errors import AlreadyRegistered
from hromada.appeals.models import Appeal
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services import register_appeal
from hromada.reference.services import load_classifier
from hromada.testing import appeal_body, in_parallel

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are exercised on PostgreSQL only"
    ),
]


@pytest.fixture(autouse=True)
def _vocabularies():
    """Transactional tests empty every table between tests, reference data included."""
    load_classifier()


def test_parallel_registrations_get_unique_gap_free_numbers(staff):
    registrar = staff["registrar"]

    def register(i: int) -> Appeal:
        body = appeal_body(applicants=[{"name": f"Петренко Особа{i}", "address": f"вул. Миру, {i}"}])
        return register_appeal(AppealRegisterIn.model_validate(body), actor=registrar)

    results = in_parallel(12, register)
    assert all(isinstance(r, Appeal) for r in results), results
    assert sorted(Appeal.objects.values_list("seq", flat=True)) == list(range(1, 13))


def test_the_same_card_registered_in_parallel_is_registered_once(staff):
    registrar = staff["registrar"]
    body = appeal_body(channel="gov_hotline", external_id="УКЦ-RACE")

    results = in_parallel(
        8, lambda i: register_appeal(AppealRegisterIn.model_validate(body), actor=registrar)
    )
    created = [r for r in results if isinstance(r, Appeal)]
    refused = [r for r in results if isinstance(r, AlreadyRegistered)]
    assert len(created) == 1 and len(refused) == 7, results
    assert Appeal.objects.filter(external_id="УКЦ-RACE").count() == 1
    assert sorted(Appeal.objects.values_list("seq", flat=True)) == [1]
