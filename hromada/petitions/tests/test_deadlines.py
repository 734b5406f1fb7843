"""Real dates: moderation and answer terms in working days (holidays, martial law), collection in
calendar days, and the daily job that closes or converts what did not reach the threshold."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.appeals.door import registered_appeal
from hromada.core import clock
from hromada.notifications.jobs import daily_jobs, run_due_jobs
from hromada.petitions import services
from hromada.petitions.models import NotReachedAction, PetitionEvent, PetitionStatus
from hromada.petitions.services import closing
from hromada.petitions.services.common import council_calendar

pytestmark = pytest.mark.django_db


def test_friday_submission_is_due_for_moderation_on_tuesday(draft, author, now):
    petition = draft()
    petition = services.submit_petition(author=author, petition_id=petition.pk)  # Friday 20.11.2026
    assert petition.moderation_due == dt.date(2026, 11, 24)


def test_saturday_submission_is_due_on_tuesday(draft, author, now):
    now("2026-11-21T15:00:00")
    petition = services.submit_petition(author=author, petition_id=draft().pk)
    assert petition.moderation_due == dt.date(2026, 11, 24)


def test_holiday_is_a_day_off_without_martial_law(draft, author, now, council):
    council(martial_law=False)
    now("2026-12-24T12:00:00")  # Thursday; Friday 25.12 is Christmas
    petition = services.submit_petition(author=author, petition_id=draft().pk)
    assert petition.moderation_due == dt.date(2026, 12, 29)


def test_holiday_is_a_working_day_under_martial_law(draft, author, now, council):
    council(martial_law=True)
    now("2026-12-24T12:00:00")
    petition = services.submit_petition(author=author, petition_id=draft().pk)
    assert petition.moderation_due == dt.date(2026, 12, 28)


def test_answer_due_skips_new_year_without_martial_law(collecting, make_resident, rules, now, council):
    council(martial_law=False)
    rules(threshold=1)
    now("2026-12-22T09:00:00")  # Tuesday
    petition = collecting()
    now("2026-12-23T09:00:00")
    services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    petition.refresh_from_db()
    # 24, 28, 29, 30, 31.12, 04, 05, 06, 07, 08.01: Christmas 25.12 and New Year 01.01 are days off
    cal = council_calendar()
    assert petition.answer_due == dt.date(2027, 1, 8)
    assert not cal.is_working_day(dt.date(2026, 12, 25)) and not cal.is_working_day(dt.date(2027, 1, 1))


def test_collection_deadline_counts_calendar_days(collecting, rules, now):
    rules(collection_days=30)
    now("2027-01-31T10:00:00")
    assert collecting().deadline == dt.date(2027, 3, 2)


def test_close_expired_closes_the_day_after_the_deadline(collecting, rules, now):
    rules(collection_days=10, threshold=5)
    petition = collecting()  # deadline 30.11.2026
    assert services.close_expired_petitions(dt.date(2026, 11, 30), today=dt.date(2026, 11, 30)) == 0
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.COLLECTING
    now("2026-12-01T09:00:00")
    assert services.close_expired_petitions(dt.date(2026, 12, 1), today=dt.date(2026, 12, 1)) == 1
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CLOSED and petition.closed_at is not None
    assert PetitionEvent.objects.filter(petition=petition, action="closed").count() == 1


def test_close_expired_converts_into_an_appeal_when_the_charter_says_so(
    collecting, make_resident, rules, now, smtp, worker, django_capture_on_commit_callbacks
):
    rules(collection_days=10, threshold=5, not_reached_action=NotReachedAction.CONVERT)
    petition = collecting()
    services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    now("2026-12-01T09:00:00")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.close_expired_petitions(dt.date(2026, 12, 1), today=dt.date(2026, 12, 1)) == 1
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CONVERTED
    appeal = registered_appeal(petition.converted_appeal_id)
    assert appeal is not None
    assert appeal.signatories == 1
    assert petition.title in appeal.summary
    worker()
    (mail,) = smtp.to("olena@example.org")
    assert appeal.number in mail.text
    assert "зареєстровано як звичайне звернення" in mail.text  # translation


def test_daily_job_catches_up_missed_days(collecting, rules, now):
    assert daily_jobs()["petitions_close_expired"] is services.close_expired_petitions
    rules(collection_days=10)
    early = collecting("Перша")  # deadline 30.11.2026
    now("2026-11-25T10:00:00")
    late = collecting("Друга")  # deadline 05.12.2026
    # the job last ran on 28.11; the workers were down until 08.12
    from hromada.notifications.models import ScheduledRun

    ScheduledRun.objects.create(
        job="petitions_close_expired", day=dt.date(2026, 11, 28), started_at=clock.now()
    )
    now("2026-12-08T10:00:00")
    done = run_due_jobs(today=dt.date(2026, 12, 8), force=True)
    ours = {d.day: d.queued for d in done if d.job == "petitions_close_expired"}
    assert ours[dt.date(2026, 12, 1)] == 1 and ours[dt.date(2026, 12, 6)] == 1
    early.refresh_from_db()
    late.refresh_from_db()
    assert early.status == late.status == PetitionStatus.CLOSED


def test_a_petition_that_reached_the_threshold_is_not_closed(collecting, make_resident, rules, now):
    rules(collection_days=10, threshold=1)
    petition = collecting()
    services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    assert services.close_expired_petitions(dt.date(2026, 12, 10), today=dt.date(2026, 12, 10)) == 0
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CONSIDERATION


def test_close_expired_closes_when_the_appeal_cannot_be_registered(collecting, rules, now, monkeypatch):
    from hromada.core.errors import FieldError, ValidationFailed

    rules(collection_days=10, not_reached_action=NotReachedAction.CONVERT)
    petition = collecting()

    def refuse(*args, **kwargs):
        raise ValidationFailed([FieldError("issues.0.topic", "Невідома тема", "invalid")])

    monkeypatch.setattr(closing, "_convert", refuse)
    now("2026-12-01T09:00:00")
    assert services.close_expired_petitions(dt.date(2026, 12, 1), today=dt.date(2026, 12, 1)) == 1
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CLOSED and petition.converted_appeal_id is None
    event = PetitionEvent.objects.get(petition=petition, action="closed")
    assert event.data["conversion_problem"] == "Невідома тема"
