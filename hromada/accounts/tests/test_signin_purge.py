"""Sign-in failures do not grow forever: a daily job deletes those past the window (issue 12)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from hromada.accounts.models import SignInFailure
from hromada.accounts.signin import purge_sign_in_failures
from hromada.core.daily import daily_jobs

pytestmark = pytest.mark.django_db


def _failure(username: str, minutes_ago: int) -> SignInFailure:
    failure = SignInFailure.objects.create(username=username, ip="192.0.2.1")
    at = timezone.now() - dt.timedelta(minutes=minutes_ago)
    SignInFailure.objects.filter(pk=failure.pk).update(at=at)  # `at` is auto_now_add
    return failure


def test_the_purge_is_a_daily_job_when_accounts_is_ready():
    assert daily_jobs()["sign_in_failures_purge"] is purge_sign_in_failures


def test_old_failures_are_deleted_and_recent_kept_when_the_tick_runs(settings):
    settings.HROMADA_SIGN_IN_WINDOW_MINUTES = 15
    old, recent = _failure("old", minutes_ago=16), _failure("recent", minutes_ago=5)
    out = io.StringIO()
    call_command("tick", "--now", stdout=out)
    assert "sign_in_failures_purge" in out.getvalue()
    assert list(SignInFailure.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not SignInFailure.objects.filter(pk=old.pk).exists()
