"""The two daily jobs: offers past their deadline lapse (the declined institution is dropped, the
queue closes up), and school-age children are archived — run as the worker runs them."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.core.daily import daily_jobs
from hromada.kindergarten import services
from hromada.kindergarten.models import AgeGroup, Application, PositionChange
from hromada.kindergarten.tests.kg_support import NOW, file, group, institution, officer, parent, places
from hromada.notifications import jobs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW


def test_the_jobs_are_registered():
    registered = daily_jobs()
    assert registered["kindergarten_expire_offers"] is services.expire_offers
    assert registered["kindergarten_archive_aged_out"] is services.archive_aged_out


def test_an_offer_lapses_after_its_deadline_and_the_queue_closes_up(settings):
    a, b = institution("ЗДО № 1"), institution("ЗДО № 2")
    staff, mama = officer(), parent()
    silent = file(mama, [a, b]).application
    only_a = file(mama, [a]).application
    behind = file(mama, [a]).application
    services.offer_place(actor=staff, age_group=group(a))
    services.offer_place(actor=staff, age_group=group(a))  # only_a: its last institution
    settings.HROMADA_NOW = "2026-11-26T20:00:00"  # the last day: still open
    assert services.expire_offers(dt.date(2026, 11, 26)) == 0
    settings.HROMADA_NOW = "2026-11-27T08:00:00"
    assert [j.job for j in jobs.run_due_jobs() if j.job.startswith("kindergarten")] == [
        "kindergarten_expire_offers",
        "kindergarten_archive_aged_out",
    ]
    silent.refresh_from_db()
    only_a.refresh_from_db()
    assert silent.status == "active" and places(silent) == {group(b).pk: 1}
    assert only_a.status == "cancelled" and only_a.closed_at is not None
    assert places(behind) == {group(a).pk: 1}
    assert PositionChange.objects.filter(application=behind, reason="offer").count() == 2
    assert services.expire_offers(dt.date(2026, 11, 28)) == 0  # nothing twice


def test_school_age_children_are_archived_once_and_the_younger_stay(settings):
    inst = institution()
    AgeGroup.objects.create(institution=inst, school_year=2026, age=5, capacity=20)
    fours = AgeGroup.objects.create(institution=inst, school_year=2026, age=4, capacity=20)
    older = file(parent(), [inst], school_year=2026, birth_date=dt.date(2021, 3, 1)).application
    younger = file(parent("tato"), [inst], school_year=2026, birth_date=dt.date(2021, 9, 2)).application
    settings.HROMADA_NOW = "2027-09-01T08:00:00"
    assert services.archive_aged_out(today=dt.date(2027, 9, 1)) == 1
    older.refresh_from_db()
    younger.refresh_from_db()
    assert older.status == "archived" and older.closed_at is not None
    assert younger.status == "active" and places(younger) == {fours.pk: 1}
    assert younger.aged_out_warned_at is None  # six on 1.9.2028: warned from 2.8.2028
    assert PositionChange.objects.filter(application=older, reason="archived", new_position=None).exists()
    assert services.archive_aged_out(dt.date(2027, 9, 2)) == 0
    assert Application.objects.filter(status="archived").count() == 1
