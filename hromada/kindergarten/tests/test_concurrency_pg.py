"""Parents filing at once into the same institutions while a place is offered and accepted, on
PostgreSQL: every queue ends exact and gapless, nobody deadlocks, one child gets one application."""

from __future__ import annotations

import pytest
from django.db import connection

from hromada.kindergarten import errors, services
from hromada.kindergarten.models import Application, Preference
from hromada.kindergarten.services.queue import recompute_queue
from hromada.kindergarten.tests.kg_support import NOW, data, file, group, institution, officer, parent
from hromada.testing import in_parallel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need PostgreSQL's row locks; SQLite serialises every writer",
    ),
]


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW


def _exact(group_id: int) -> list[int]:
    positions = sorted(
        p or 0
        for p in Preference.objects.filter(age_group_id=group_id, position__isnull=False).values_list(
            "position", flat=True
        )
    )
    assert positions == list(range(1, len(positions) + 1)), positions
    assert recompute_queue(group_id, reason="filed") == 0
    return positions


def test_parallel_filings_and_an_enrolment_leave_exact_gapless_queues():
    a, b, c = institution("ЗДО № 1"), institution("ЗДО № 2"), institution("ЗДО № 3")
    staff, mama = officer(), parent()
    first = file(mama, [a, b]).application  # the one enrolled while the others file
    file(mama, [b, c])
    services.offer_place(actor=staff, age_group=group(a))
    parents = [parent(f"p{i}") for i in range(12)]
    orders = [[a, b, c], [c, b, a], [b, a], [c], [a, c], [b]]

    def work(i: int) -> object:
        if i == 12:
            return services.accept_offer(actor=mama, application=first)
        return services.file_application(actor=parents[i], data=data(orders[i % len(orders)]))

    results = in_parallel(13, work)
    assert not [r for r in results if isinstance(r, Exception)], results
    first.refresh_from_db()
    assert first.status == "enrolled"
    lengths = [len(_exact(group(inst).pk)) for inst in (a, b, c)]
    assert sum(lengths) == Preference.objects.filter(position__isnull=False).count()
    assert lengths == [8, 9, 9]  # each institution is in 4 of the 6 choices; b and c hold mama's second


def test_one_child_filed_at_once_from_two_places_gets_one_application():
    a, b = institution("ЗДО № 1"), institution("ЗДO № 2")
    parents = [parent(f"p{i}") for i in range(6)]
    results = in_parallel(
        6,
        lambda i: services.file_application(
            actor=parents[i], data=data([a] if i % 2 else [b], certificate_number="777777")
        ),
    )
    filed = [r for r in results if isinstance(r, services.Filed)]
    assert len(filed) == 1, results
    assert all(isinstance(r, errors.DuplicateChild) for r in results if r not in filed), results
    assert Application.objects.count() == 1
    for inst in (a, b):
        _exact(group(inst).pk)
