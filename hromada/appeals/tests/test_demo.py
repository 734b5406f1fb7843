"""The demo council tells the truth: `seed_demo` once, then every invariant over ALL its appeals.

The council's clock is fixed on Friday 20.11.2026 16:00; the register is seeded once for the module
(in a transaction rolled back at its end) and each test reads it."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from hromada.accounts.models import User
from hromada.appeals.demo import STUCK_DAYS
from hromada.appeals.demo_data import (
    ENTERPRISE_STEMS,
    OFFICE_CHANNELS,
    departments_for,
)
from hromada.appeals.models import Appeal, AppealEvent, Applicant, Attachment, Status
from hromada.appeals.selectors.terms import overdue_q
from hromada.appeals.services.common import term_rules
from hromada.appeals.summaries import SUMMARY_CHARS, shorten
from hromada.residents.demo import DEMO_EMAIL

TODAY = dt.date(2026, 11, 20)
NOW = "2026-11-20T16:00:00"
APPEALS = 600
#: No open appeal is overdue by more than this: the legal maximum term is 45 days, and an appeal
#: left unanswered longer than a whole maximum term again would be a scandal, not a demo's normal
#: day. The demo keeps its stuck ones within STUCK_DAYS (and late answers within two weeks).
OVERDUE_BOUND_DAYS = 60
MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the demo stores the letters' copies: not into the checkout's var/."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: pytest.FixtureRequest, demo_media: Path) -> Iterator[str]:
    blocker = django_db_blocker.unblock()  # type: ignore[attr-defined]
    fast = override_settings(HROMADA_NOW=NOW, PASSWORD_HASHERS=[MD5], MEDIA_ROOT=demo_media)
    with blocker, fast, transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", "--appeals", str(APPEALS), stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def test_the_demo_has_every_state_and_a_second_run_adds_nothing(demo: str) -> None:
    assert "registrar" in demo and "demo" in demo
    total = Appeal.objects.count()
    assert total >= APPEALS * 0.98
    assert set(Appeal.objects.values_list("status", flat=True)) == {s.value for s in Status}
    assert Appeal.objects.filter(feature_id="repeated").exists()
    assert AppealEvent.objects.filter(action="reopened").exists()
    for username in ("registrar", "head", "controller", "executor_communal", "executor_social", "admin"):
        assert User.objects.get(username=username).check_password("demo")
    again = io.StringIO()
    call_command("seed_demo", "--appeals", str(APPEALS), stdout=again)
    assert "already there" in again.getvalue()
    assert Appeal.objects.count() == total
    assert Applicant.objects.filter(email_key=DEMO_EMAIL).count() == 3


def test_received_dates_spread_over_the_year_on_working_days_and_hours(demo: str) -> None:
    calendar = term_rules().calendar
    now = timezone.make_aware(dt.datetime.fromisoformat(NOW))
    rows = list(Appeal.objects.values_list("received_at", "registered_on", "channel_id"))
    months = {(_local(r).year, _local(r).month) for r, _reg, _c in rows}
    assert len(months) >= 12
    days_off = 0
    for received, registered_on, channel in rows:
        local = _local(received)
        assert TODAY - dt.timedelta(days=365) <= local.date() and received <= now
        assert local.date() <= registered_on <= TODAY
        assert calendar.is_working_day(registered_on) or registered_on == local.date()
        if channel in OFFICE_CHANNELS:
            assert calendar.is_working_day(local.date()), (channel, local)
            assert 8 <= local.hour <= 17, (channel, local)
        else:
            assert 7 <= local.hour <= 22, (channel, local)
        days_off += not calendar.is_working_day(local.date())
    assert days_off <= len(rows) * 0.15


def test_states_agree_with_dates_and_terms(demo: str) -> None:
    reopened = set(AppealEvent.objects.filter(action="reopened").values_list("appeal_id", flat=True))
    max_days = term_rules().max_days
    for a in Appeal.objects.all():
        received = a.received_at
        if a.answered_at is not None:
            assert a.answered_at >= received, a.number
        if a.status == Status.CLOSED and a.answered_at is None:  # anonymous: not considered (art. 8)
            assert a.closed_at is not None and not a.applicants.exists(), a.number
        elif a.status == Status.CLOSED:
            assert a.closed_at is not None, a.number
            assert a.answered_at is not None and received <= a.answered_at <= a.closed_at, a.number
        if a.status == Status.ANSWERED:
            assert a.answered_at is not None and a.closed_at is None, a.number
        if a.status in (Status.REGISTERED, Status.IN_PROGRESS) and a.pk not in reopened:
            assert a.answered_at is None and a.closed_at is None, a.number
        if a.status == Status.FORWARDED:
            assert a.forwarded_on is not None and a.registered_on <= a.forwarded_on <= TODAY, a.number
        if a.due_date is not None and a.pk not in reopened:
            assert a.registered_on < a.due_date <= a.registered_on + dt.timedelta(days=max_days), a.number


def test_only_a_few_appeals_are_overdue_and_by_days_or_weeks(demo: str) -> None:
    overdue = list(Appeal.objects.filter(overdue_q(TODAY)).values_list("number", "due_date"))
    assert overdue, "the overdue lists have something to show"
    assert len(overdue) <= Appeal.objects.count() * 0.05
    worst = max((TODAY - due).days for _n, due in overdue if due is not None)
    assert STUCK_DAYS <= OVERDUE_BOUND_DAYS
    assert worst <= OVERDUE_BOUND_DAYS, overdue


def test_every_appeal_goes_to_a_department_its_topic_maps_to(demo: str) -> None:
    enterprises = {"vodokanal": 0, "misksvitlo": 0}
    for a in Appeal.objects.filter(lead_department__isnull=False).select_related("lead_department"):
        first = a.issues.order_by("position").first()
        assert first is not None
        code = a.lead_department.code  # type: ignore[union-attr]
        assert code in departments_for(first.topic_id), (a.number, first.topic_id, code)
        if code in enterprises:
            enterprises[code] += 1
            assert any(stem in first.text.lower() for stem in ENTERPRISE_STEMS[code]), (a.number, code)
        if "покрівл" in first.text.lower() or "з даху" in first.text.lower():
            assert code not in enterprises, (a.number, code)
        executor = a.lead_executor
        assert executor is not None and executor.department_id == a.lead_department_id, a.number
    assert all(enterprises.values()), enterprises


def test_every_applicants_sex_matches_the_patronymic(demo: str) -> None:
    checked = 0
    for name, sex in Applicant.objects.values_list("name", "sex_id"):
        words = name.split()
        if len(words) != 3:
            continue
        patronymic = words[2]
        if patronymic.endswith(("івна", "ївна", "ична")):
            assert sex == "female", name
        else:
            assert patronymic.endswith("ич") and sex == "male", (name, sex)
        checked += 1
    assert checked >= APPEALS * 0.9
    assert set(Applicant.objects.filter(email_key=DEMO_EMAIL).values_list("sex_id", flat=True)) == {"female"}


def test_no_summary_ends_mid_word(demo: str) -> None:
    for summary, text in Appeal.objects.values_list("summary", "text"):
        flat = " ".join(text.split())
        assert len(summary) <= SUMMARY_CHARS
        if summary == flat:
            continue
        assert summary.endswith("…"), summary
        kept = summary[:-1]
        assert flat.startswith(kept), summary
        assert not flat[len(kept)].isalnum(), summary


def test_shorten_cuts_at_a_word_and_keeps_what_fits() -> None:
    assert shorten("Коротко.") == "Коротко."
    long = "Прошу відремонтувати покрівлю " * 10
    cut = shorten(long, 40)
    assert cut == "Прошу відремонтувати покрівлю Прошу…"
    assert len(shorten("а" * 200, 40)) == 40


def test_some_paper_letters_come_with_the_letters_copy_that_opens(demo: str, demo_media: Path) -> None:
    from docx import Document

    from hromada.appeals.demo_files import PAPER_CHANNELS

    files = list(Attachment.objects.select_related("appeal"))
    assert files, "the card's download has nothing to show under make run"
    assert {f.appeal.channel_id for f in files} <= set(PAPER_CHANNELS)
    first = files[0]
    with override_settings(MEDIA_ROOT=demo_media), first.file.open("rb") as stored:
        text = "\n".join(p.text for p in Document(stored).paragraphs)
    applicant = first.appeal.applicants.first()
    assert applicant is not None and applicant.name in text
