"""The demo queue tells the truth: exact queues, the promised statuses, no letters, made once."""

from __future__ import annotations

import pytest

from hromada.kindergarten.demo import seed_kindergarten
from hromada.kindergarten.models import AgeGroup, Application, Institution, Preference
from hromada.kindergarten.services.queue import recompute_queue
from hromada.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_demo_queue_is_exact_and_made_once():
    counts = seed_kindergarten()
    assert counts == {"kindergarten_institutions": 8, "kindergarten_applications": 60}
    assert Institution.objects.count() == 8 and all(len(i.edrpou) == 8 for i in Institution.objects.all())
    statuses = set(Application.objects.values_list("status", flat=True))
    assert {"active", "offered", "enrolled", "cancelled"} <= statuses
    assert Application.objects.filter(benefit_status="confirmed").exists()
    assert Application.objects.filter(benefit_status="claimed").exists()
    for group_id in AgeGroup.objects.values_list("pk", flat=True):
        positions = sorted(
            p or 0
            for p in Preference.objects.filter(age_group_id=group_id, position__isnull=False).values_list(
                "position", flat=True
            )
        )
        assert positions == list(range(1, len(positions) + 1))
        assert recompute_queue(group_id, reason="filed") == 0
    assert not Notification.objects.exists()
    numbers = list(Application.objects.values_list("number", flat=True))
    assert len(set(numbers)) == 60 and all(n and n.startswith("ДНЗ-") for n in numbers)
    assert seed_kindergarten() == {} and Application.objects.count() == 60
