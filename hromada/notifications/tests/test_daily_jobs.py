"""Reminders and the controllers' digest: once a day whatever the number of workers, caught up after
an outage, sent by the worker to a real SMTP server."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from hromada.appeals import services
from hromada.appeals.schemas import AppealRegisterIn
from hromada.core.daily import daily_jobs
from hromada.notifications import jobs, schedule
from hromada.notifications.models import Notification, ScheduledRun
from hromada.testing import appeal_body, kyiv

D = dt.date
EXECUTORS = ["executor_communal2@rada.test", "executor_communal@rada.test"]


def appeal_due(staff, due: dt.date, summary: str = "Ліфт"):
    """An appeal in progress at the communal department (no named executor), due on `due`."""
    appeal = services.register_appeal(
        AppealRegisterIn.model_validate(appeal_body(received_at="2026-11-02T10:00:00", summary=summary)),
        actor=staff["registrar"],
        now=kyiv(2026, 11, 2, 11),
    )
    return services.resolve_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        lead_department="communal",
        due_date=due,
        now=kyiv(2026, 11, 3, 10),
    )


@pytest.fixture
def run_day(settings, worker, django_capture_on_commit_callbacks):
    """run_day("2026-11-17T08:00") — the daily jobs as a tick at that moment, then the worker."""

    def run(moment: str) -> list[jobs.JobDay]:
        settings.HROMADA_NOW = moment
        with django_capture_on_commit_callbacks(execute=True):
            done = jobs.run_due_jobs()
        worker()
        return done

    return run


def subjects(smtp, word: str) -> list[tuple[str, str]]:
    return sorted((m.to[0], m.subject) for m in smtp.messages if word in m.subject)


def test_executors_are_reminded_when_the_due_date_is_three_working_days_away(mailable_staff, smtp, run_day):
    appeal = appeal_due(mailable_staff, D(2026, 11, 20))  # Friday
    run_day("2026-11-16T08:00:00")  # Monday: four working days away
    assert subjects(smtp, "Нагадування") == []
    run_day("2026-11-17T08:00:00")  # Tuesday: 18, 19, 20 — three working days
    expected = f"Нагадування: строк розгляду звернення № {appeal.number} — до 20.11.2026"
    assert subjects(smtp, "Нагадування") == [(to, expected) for to in EXECUTORS]
    mail = smtp.to("executor_communal@rada.test")[-1]
    assert "спливає 20.11.2026 — через три робочі дні" in mail.text
    assert "Короткий зміст: Ліфт" in mail.html
    note = Notification.objects.get(kind="appeal_due_soon", recipient="executor_communal@rada.test")
    assert note.user == mailable_staff["executor_communal"] and note.object_id == str(appeal.pk)


def test_reminder_counts_working_days_when_a_weekend_is_between(mailable_staff, smtp, run_day):
    appeal_due(mailable_staff, D(2026, 11, 24))  # Tuesday
    run_day("2026-11-18T08:00:00")  # Wednesday: 19, 20, 23 — not yet
    assert subjects(smtp, "Нагадування") == []
    run_day("2026-11-19T08:00:00")  # Thursday: 20, 23, 24
    assert len(subjects(smtp, "Нагадування")) == 2


def test_executors_are_told_on_the_first_overdue_day_when_appeal_is_still_open(mailable_staff, smtp, run_day):
    appeal = appeal_due(mailable_staff, D(2026, 11, 20))
    answered = appeal_due(mailable_staff, D(2026, 11, 20), summary="Автобус")
    issue = answered.issues.get()
    services.answer_appeal(
        actor=mailable_staff["executor_communal"],
        appeal_id=answered.pk,
        text="Так",
        results=[(issue.pk, "resolved")],
    )
    run_day("2026-11-20T08:00:00")  # the due date itself: not overdue yet
    assert subjects(smtp, "Прострочено") == []
    run_day("2026-11-21T08:00:00")  # the first overdue day (a Saturday: the term counts calendar days)
    expected = f"Прострочено: строк розгляду звернення № {appeal.number} минув 20.11.2026"
    assert subjects(smtp, "Прострочено") == [(to, expected) for to in EXECUTORS]
    assert "відповіді на нього не надано" in smtp.to("executor_communal@rada.test")[-1].text
    run_day("2026-11-22T08:00:00")  # only the first overdue day
    assert len(subjects(smtp, "Прострочено")) == 2


def test_reminder_goes_to_the_named_executor_only_when_the_resolution_names_one(
    mailable_staff, smtp, run_day
):
    appeal = appeal_due(mailable_staff, D(2026, 11, 20))
    services.reassign_executor(
        actor=mailable_staff["head"], appeal_id=appeal.pk, executor="executor_communal2"
    )
    run_day("2026-11-17T08:00:00")
    assert [to for to, _s in subjects(smtp, "Нагадування")] == ["executor_communal2@rada.test"]


def test_controllers_receive_the_digest_when_a_working_day_begins(mailable_staff, smtp, run_day):
    overdue = appeal_due(mailable_staff, D(2026, 11, 16))
    appeal_due(mailable_staff, D(2026, 11, 20))
    services.register_appeal(
        AppealRegisterIn.model_validate(appeal_body(received_at="2026-11-18T10:00:00")),
        actor=mailable_staff["registrar"],
        now=kyiv(2026, 11, 18, 11),
    )
    run_day("2026-11-19T08:00:00")
    (mail,) = smtp.to("controller@rada.test")
    assert mail.subject == "Щоденне зведення щодо звернень на 19.11.2026"
    text = mail.text
    assert "Звернення на контролі станом на 19.11.2026" in text
    assert "Звернень на розгляді: 3" in text
    assert "Очікують резолюції: 1" in text
    assert "Прострочені: 1" in text
    assert "Строк спливає протягом трьох робочих днів: 1" in text
    assert "Зареєстровано з 18.11.2026: 1" in text
    assert f"- {overdue.number}, строк до 16.11.2026, прострочено на 3 дні, Департамент ЖКГ" in text
    assert f'<td style="padding:4px 12px 4px 0">{overdue.number}</td>' in mail.html
    assert '<th scope="col"' in mail.html


def test_no_digest_is_sent_when_the_day_is_a_day_off(mailable_staff, smtp, run_day):
    run_day("2026-11-21T08:00:00")  # Saturday
    assert smtp.to("controller@rada.test") == []
    assert ScheduledRun.objects.get(job="controller_digest").performed is False


def test_daily_jobs_wait_for_the_morning_when_the_tick_comes_at_night(
    mailable_staff, smtp, run_day, settings
):
    appeal_due(mailable_staff, D(2026, 11, 20))
    assert run_day("2026-11-17T05:30:00") == []
    assert smtp.messages == [] and not ScheduledRun.objects.exists()
    settings.HROMADA_NOW = "2026-11-17T05:30:00"
    assert {j.job for j in jobs.run_due_jobs(force=True)} == {
        "sign_in_failures_purge",
        "appeal_reminders",
        "controller_digest",
        "petitions_close_expired",
        "receptions_reminders",
        "receptions_close_centre_day",
        "kindergarten_expire_offers",
        "kindergarten_archive_aged_out",
    }


def test_nothing_is_sent_twice_when_the_daily_jobs_run_again_the_same_day(mailable_staff, smtp, run_day):
    appeal_due(mailable_staff, D(2026, 11, 20))
    first = run_day("2026-11-17T08:00:00")
    assert {(j.job, j.day) for j in first} == {
        ("appeal_reminders", D(2026, 11, 17)),
        ("controller_digest", D(2026, 11, 17)),
        ("petitions_close_expired", D(2026, 11, 17)),
        ("receptions_reminders", D(2026, 11, 17)),
        ("receptions_close_centre_day", D(2026, 11, 17)),
        ("kindergarten_expire_offers", D(2026, 11, 17)),
        ("kindergarten_archive_aged_out", D(2026, 11, 17)),
        ("sign_in_failures_purge", D(2026, 11, 17)),
    }
    sent = len(smtp.messages)
    assert sent == 3  # two executors, one controller
    assert run_day("2026-11-17T15:00:00") == []
    assert len(smtp.messages) == sent and Notification.objects.count() == sent


def test_nothing_is_sent_twice_when_two_workers_run_the_same_job_day(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    appeal_due(mailable_staff, D(2026, 11, 20))
    today = D(2026, 11, 17)
    func = jobs.daily_jobs()["appeal_reminders"]
    with django_capture_on_commit_callbacks(execute=True):
        first = jobs.run_job_day("appeal_reminders", func, today, today=today)  # worker A
        second = jobs.run_job_day("appeal_reminders", func, today, today=today)  # worker B, same day
    assert first is not None and first.queued == 2 and second is None
    worker("worker-a")
    worker("worker-b")
    assert len(smtp.messages) == 2
    assert ScheduledRun.objects.filter(job="appeal_reminders", day=today).count() == 1


def test_missed_days_are_caught_up_with_only_what_is_still_relevant_when_the_worker_was_down(
    mailable_staff, smtp, run_day
):
    for job in ("appeal_reminders", "controller_digest"):
        ScheduledRun.objects.create(job=job, day=D(2026, 11, 6))  # last run on Friday 6.11
    due_20 = appeal_due(mailable_staff, D(2026, 11, 20))  # "due soon" on 17.11 — still ahead: sent
    due_18 = appeal_due(mailable_staff, D(2026, 11, 18))  # "due soon" 13.11 — passed; overdue 19.11
    due_17 = appeal_due(mailable_staff, D(2026, 11, 17))  # overdue from 18.11
    due_16 = appeal_due(mailable_staff, D(2026, 11, 16))  # overdue from 17.11
    run_day("2026-11-19T08:00:00")  # the worker is back on Thursday 19.11

    assert set(ScheduledRun.objects.filter(job="appeal_reminders").values_list("day", flat=True)) == {
        D(2026, 11, 6) + dt.timedelta(days=n) for n in range(14)
    }
    assert list(
        ScheduledRun.objects.filter(
            job="controller_digest", performed=True, day__gt=D(2026, 11, 6)
        ).values_list("day", flat=True)
    ) == [D(2026, 11, 19)]
    soon = [s for to, s in subjects(smtp, "Нагадування") if to == "executor_communal@rada.test"]
    late = [s for to, s in subjects(smtp, "Прострочено") if to == "executor_communal@rada.test"]
    assert soon == [f"Нагадування: строк розгляду звернення № {due_20.number} — до 20.11.2026"]
    assert sorted(late) == sorted(
        f"Прострочено: строк розгляду звернення № {a.number} минув {a.due_date:%d.%m.%Y}"
        for a in (due_16, due_17, due_18)
    )
    assert len(smtp.to("controller@rada.test")) == 1  # one digest, for today


def test_catch_up_is_bounded_when_the_worker_was_down_for_long(mailable_staff, smtp, run_day, settings):
    settings.HROMADA_NOTIFY_CATCH_UP_DAYS = 3
    ScheduledRun.objects.create(job="appeal_reminders", day=D(2026, 10, 1))
    run_day("2026-11-19T08:00:00")
    days = ScheduledRun.objects.filter(job="appeal_reminders", day__gt=D(2026, 10, 1)).values_list(
        "day", flat=True
    )
    assert sorted(days) == [D(2026, 11, 16), D(2026, 11, 17), D(2026, 11, 18), D(2026, 11, 19)]


def test_tick_command_runs_due_jobs_once_when_cron_calls_it_twice(mailable_staff, smtp, settings):
    settings.HROMADA_NOW = "2026-11-17T08:00:00"
    out = io.StringIO()
    call_command("tick", stdout=out)
    assert "appeal_reminders 2026-11-17: 0" in out.getvalue()
    assert "controller_digest 2026-11-17: 1" in out.getvalue()
    out = io.StringIO()
    call_command("tick", stdout=out)
    assert out.getvalue().strip() == "nothing due"


def test_worker_tick_runs_the_jobs_and_schedules_itself_when_started(
    mailable_staff, smtp, settings, worker, django_capture_on_commit_callbacks
):
    settings.HROMADA_NOW = "2026-11-17T08:00:00"
    appeal_due(mailable_staff, D(2026, 11, 20))
    assert schedule.ensure_daily_tick() is True
    assert schedule.ensure_daily_tick() is False  # one chain is enough
    with django_capture_on_commit_callbacks(execute=True):
        assert worker() == 1  # the tick
    assert ScheduledRun.objects.filter(day=D(2026, 11, 17)).count() == len(daily_jobs())  # every job
    (waiting,) = DBTaskResult.objects.filter(status="READY", task_path__endswith="daily_tick")
    finished_at = DBTaskResult.objects.get(status="SUCCESSFUL").finished_at
    assert finished_at is not None and waiting.run_after > finished_at
    worker()  # the e-mails the tick queued; the next tick is not due yet
    assert len(smtp.messages) == 3
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_no_worker_tick_is_started_when_cron_is_chosen(settings):
    settings.HROMADA_DAILY_TICK = False
    assert schedule.ensure_daily_tick() is False
    assert not DBTaskResult.objects.exists()
