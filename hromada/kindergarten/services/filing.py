"""Подання заяви, зміна бажаних ЗДО, скасування: the parent's (or staff's) steps that put an
application into queues or take it out."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.core import clock
from hromada.core.errors import FieldError, ValidationFailed
from hromada.kindergarten import notify
from hromada.kindergarten.ages import age_group_age
from hromada.kindergarten.errors import DuplicateChild, WrongApplicationStatus
from hromada.kindergarten.models import (
    QUEUED_STATUSES,
    Application,
    ApplicationStatus,
    Benefit,
    BenefitStatus,
    PositionReason,
    Preference,
)
from hromada.kindergarten.permissions import can_file_application, can_manage_queue
from hromada.kindergarten.services.common import (
    audit,
    deny,
    groups_for_choice,
    lock_application,
    require_actor_on,
)
from hromada.kindergarten.services.queue import lock_groups, recompute_queues, remove_preferences
from hromada.kindergarten.services.validation import ApplicationInput, clean_input

NOTE_MAX = 300


@dataclass(frozen=True)
class Filed:
    application: Application
    #: The plain lookup code: shown once, sent in the confirmation letter, stored only as a hash.
    code: str


def application_number(application: Application) -> str:
    """ДНЗ-2026-000123: the year of filing and the id, unique by the id."""
    return f"ДНЗ-{timezone.localtime(application.filed_at).year}-{application.pk:06d}"


def _duplicate_exists(series: str, number: str) -> bool:
    return Application.objects.filter(
        certificate_series=series, certificate_number=number, status__in=QUEUED_STATUSES
    ).exists()


def file_application(*, actor: User | None, data: ApplicationInput, on_paper: bool = False) -> Filed:
    """A new application in the queues of its institutions. `actor` is the signed-in parent (who
    becomes `filed_by`), or staff entering a paper application (`on_paper`; nobody is `filed_by`);
    None stands for the system (demo data, imports) and only with `on_paper`."""
    if on_paper:
        if actor is not None and not can_manage_queue(actor):
            raise deny()
    elif not can_file_application(actor):
        raise deny()
    data = clean_input(data)
    groups = groups_for_choice(
        data.institution_ids,
        age=age_group_age(data.birth_date, data.school_year),
        school_year=data.school_year,
    )
    if _duplicate_exists(data.certificate_series, data.certificate_number):
        raise DuplicateChild()
    code = Application.new_code()
    with transaction.atomic():
        lock_groups(g.pk for g in groups)
        application = _insert(actor if not on_paper else None, data, code)
        Preference.objects.bulk_create(
            [
                Preference(application=application, institution_id=g.institution_id, age_group=g, rank=rank)
                for rank, g in enumerate(groups, start=1)
            ]
        )
        recompute_queues([g.pk for g in groups], reason=PositionReason.FILED, cause=application, locked=True)
        audit(actor, "file_application", application, number=application.number, on_paper=on_paper)
        notify.filed(application, code)
    return Filed(application=application, code=code)


def _insert(filed_by: User | None, data: ApplicationInput, code: str) -> Application:
    """The row, in a savepoint: the partial unique index refuses a second queued application of one
    child however many requests race (the check above only spares the usual case a savepoint)."""
    fields: dict[str, Any] = {
        name: getattr(data, name)
        for name in (
            "child_surname",
            "child_name",
            "child_patronymic",
            "birth_date",
            "sex",
            "certificate_series",
            "certificate_number",
            "parent_name",
            "parent_phone",
            "parent_email",
            "parent_address",
            "registered_in_community",
            "school_year",
            "start_month",
            "benefit",
        )
    }
    try:
        with transaction.atomic():
            application = Application.objects.create(
                **fields,
                filed_by=filed_by,
                number="~" + secrets.token_hex(9),
                code_hash=Application.hash_code(code),
                benefit_status=BenefitStatus.CLAIMED if data.benefit != Benefit.NONE else "",
                filed_at=clock.now(),
            )
    except IntegrityError as exc:
        if _duplicate_exists(data.certificate_series, data.certificate_number):
            raise DuplicateChild() from exc
        raise
    application.number = application_number(application)
    Application.objects.filter(pk=application.pk).update(number=application.number)
    return application


def change_preferences(*, actor: User, application: Application, institution_ids: list[int]) -> Application:
    """A new choice of institutions (in order). Kept institutions keep their places (the filing
    time counts, not the change); only the queues joined or left are recomputed."""
    require_actor_on(actor, application)
    groups = groups_for_choice(
        institution_ids,
        age=age_group_age(application.birth_date, application.school_year),
        school_year=application.school_year,
    )
    with transaction.atomic():
        application = lock_application(application, [g.pk for g in groups])
        if application.status != ApplicationStatus.ACTIVE:
            raise WrongApplicationStatus()
        current = {p.age_group_id: p for p in Preference.objects.filter(application=application)}
        wanted = {g.pk: g for g in groups}
        gone = [p for gid, p in current.items() if gid not in wanted]
        touched = remove_preferences(gone, reason=PositionReason.PREFERENCES_CHANGED, cause=application)
        kept = []
        for rank, group in enumerate(groups, start=1):
            pref = current.get(group.pk)
            if pref is None:
                Preference.objects.create(
                    application=application, institution_id=group.institution_id, age_group=group, rank=rank
                )
                touched.add(group.pk)
            elif pref.rank != rank:
                pref.rank = rank
                kept.append(pref)
        Preference.objects.bulk_update(kept, ["rank"])
        recompute_queues(touched, reason=PositionReason.PREFERENCES_CHANGED, cause=application, locked=True)
        audit(actor, "change_preferences", application, institutions=[g.institution_id for g in groups])
    return application


def cancel_application(*, actor: User, application: Application, note: str = "") -> Application:
    """The application leaves every queue (the parent withdrew it, or staff cancelled it)."""
    require_actor_on(actor, application)
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationFailed([FieldError("note", _("The value is too long."), "too_long")])
    with transaction.atomic():
        application = lock_application(application)
        if application.status not in QUEUED_STATUSES:
            raise WrongApplicationStatus()
        close(application, ApplicationStatus.CANCELLED, note)
        recompute_queues(
            Preference.objects.filter(application=application).values_list("age_group_id", flat=True),
            reason=PositionReason.CANCELLED,
            cause=application,
            locked=True,
        )
        audit(actor, "cancel_application", application, note=note)
    return application


def close(application: Application, status: str, note: str = "") -> None:
    """The application leaves the queues: cancelled, archived or enrolled (the caller recomputes)."""
    application.status = status
    application.closed_at = clock.now()
    application.status_note = note
    application.save(update_fields=["status", "closed_at", "status_note"])
