"""Робочий стіл адміністратора: the accounts by role and those needing attention (locked out, no second
factor yet), the imports and background tasks that wait or failed, the latest backup, and the way to
the council's settings and the journals. Each figure links to the admin list of exactly those rows:
the admin's own filters, or accounts.selectors read by the admin's StandingFilter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from hromada.accounts import selectors as accounts
from hromada.accounts.models import Role, User
from hromada.appeals.models import ImportJob, ImportJobState
from hromada.core.backup.latest import BackupFile, backup_dir, latest_backup
from hromada.residents.models import Resident
from hromada.workspace.dashboards import Tile


@dataclass(frozen=True)
class RoleCount:
    label: str
    active: Tile
    inactive: Tile


@dataclass(frozen=True)
class AdminBoard:
    roles: list[RoleCount]
    tiles: list[Tile]
    backup: BackupFile | None
    backup_dir: str
    backup_stale: bool
    backup_max_age_hours: int
    links: list[tuple[str, str]]


def _admin(name: str, **params: str) -> str:
    return reverse(f"admin:{name}") + ("?" + urlencode(params) if params else "")


def _users(**params: str) -> str:
    return _admin("accounts_user_changelist", **params)


def _roles() -> list[RoleCount]:
    counts = {
        row["role"]: row
        for row in User.objects.exclude(role="")
        .values("role")
        .annotate(
            active=Count("id", filter=Q(is_active=True)), inactive=Count("id", filter=Q(is_active=False))
        )
        .order_by()
    }
    rows = []
    for role in Role:
        row = counts.get(role.value, {"active": 0, "inactive": 0})
        rows.append(
            RoleCount(
                str(role.label),
                Tile(str(role.label), row["active"], _users(role__exact=role.value, is_active__exact="1")),
                Tile(str(role.label), row["inactive"], _users(role__exact=role.value, is_active__exact="0")),
            )
        )
    return rows


def _tone(count: int, tone: str) -> str:
    return tone if count else ""


def _tiles() -> list[Tile]:
    locked = accounts.locked_accounts().count()
    no_factor = accounts.staff_without_second_factor().count()
    waiting_states = (ImportJobState.QUEUED, ImportJobState.RUNNING)
    imports = ImportJob.objects.aggregate(
        waiting=Count("id", filter=Q(state__in=waiting_states)),
        failed=Count("id", filter=Q(state=ImportJobState.FAILED)),
    )
    failed_tasks = DBTaskResult.objects.failed().count()
    jobs = "appeals_importjob_changelist"
    return [
        Tile(
            _("Accounts locked out of signing in now"),
            locked,
            _users(standing="locked"),
            _tone(locked, "danger"),
        ),
        Tile(
            _("Staff without a second factor"),
            no_factor,
            _users(standing="no_second_factor"),
            _tone(no_factor, "warn"),
        ),
        Tile(_("Resident accounts"), Resident.objects.count(), _admin("residents_resident_changelist")),
        Tile(
            _("Imports waiting or running"),
            imports["waiting"],
            _admin(jobs, state__in=",".join(waiting_states)),
            _tone(imports["waiting"], "warn"),
        ),
        Tile(
            _("Failed imports"),
            imports["failed"],
            _admin(jobs, state__exact=ImportJobState.FAILED),
            _tone(imports["failed"], "danger"),
        ),
        Tile(
            _("Failed background tasks"),
            failed_tasks,
            _admin("django_tasks_database_dbtaskresult_changelist", status__exact="FAILED"),
            _tone(failed_tasks, "danger"),
        ),
    ]


def admin_board(*, now: dt.datetime) -> AdminBoard:
    """What the administrator checks first; `now` judges whether the latest backup is too old."""
    backup = latest_backup()
    max_age = settings.HROMADA_BACKUP_MAX_AGE_HOURS
    stale = backup is None or backup.age(now) > dt.timedelta(hours=max_age)
    links = [
        (_("Council settings"), _admin("core_councilsettings_changelist")),
        (_("Audit log"), _admin("core_auditentry_changelist")),
        (_("Reads of personal data"), reverse("workspace:audit")),
        (_("All of the administration"), _admin("index")),
    ]
    return AdminBoard(_roles(), _tiles(), backup, str(backup_dir()), stale, max_age, links)
