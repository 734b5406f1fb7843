"""Вибуття за віком: a child of school age leaves the queue (archived) on the first day of the school
year in which they are HROMADA_KINDERGARTEN_SCHOOL_AGE or older on its reference day; the parent is
told AGE_OUT_WARNING_DAYS before."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.core import clock
from hromada.kindergarten import notify
from hromada.kindergarten.ages import current_school_year, reference_date, years_before
from hromada.kindergarten.models import (
    QUEUED_STATUSES,
    Application,
    ApplicationStatus,
    PositionReason,
    Preference,
)
from hromada.kindergarten.services.queue import lock_groups, recompute_queues

AGE_OUT_WARNING_DAYS = 30


def born_by(school_year: int) -> dt.date:
    """The latest birth date of a child of school age on the school year's reference day."""
    return years_before(reference_date(school_year), int(settings.HROMADA_KINDERGARTEN_SCHOOL_AGE))


def archive_aged_out(day: dt.date | None = None, *, today: dt.date | None = None) -> int:
    """Daily job: archive the queued applications of school-age children, and warn those who will be
    archived when the next school year begins (30 days ahead, once). Returns the applications
    archived or warned."""
    day = day or today or clock.today()
    year = current_school_year(day)
    archived = _archive(born_by(year))
    warned = 0
    next_start = dt.date(year + 1, 9, 1)
    if day >= next_start - dt.timedelta(days=AGE_OUT_WARNING_DAYS):
        warned = _warn(born_by(year + 1), next_start)
    return archived + warned


def _archive(latest_birth: dt.date) -> int:
    queued = Application.objects.filter(status__in=QUEUED_STATUSES, birth_date__lte=latest_birth)
    with transaction.atomic():
        ids = list(queued.values_list("pk", flat=True))
        if not ids:
            return 0
        groups = lock_groups(
            Preference.objects.filter(application_id__in=ids)
            .values_list("age_group_id", flat=True)
            .distinct()
        )
        ids = list(queued.select_for_update().values_list("pk", flat=True))
        Application.objects.filter(pk__in=ids).update(
            status=ApplicationStatus.ARCHIVED,
            closed_at=clock.now(),
            status_note=_("The child reached school age."),
        )
        recompute_queues(groups, reason=PositionReason.ARCHIVED, locked=True)
    return len(ids)


def _warn(latest_birth: dt.date, archive_day: dt.date) -> int:
    with transaction.atomic():
        due = Application.objects.select_for_update().filter(
            status__in=QUEUED_STATUSES, birth_date__lte=latest_birth, aged_out_warned_at__isnull=True
        )
        ids = list(due.values_list("pk", flat=True))
        if ids:
            Application.objects.filter(pk__in=ids).update(aged_out_warned_at=clock.now())
            notify.about_to_age_out(ids, archive_day)
    return len(ids)
