"""What every queue service shares: the refusal, the audit line, and locking one application together
with every queue it stands in (groups first, in id order, then the application's row)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from hromada.core.audit import record_audit
from hromada.core.errors import NotFound, PermissionDenied
from hromada.kindergarten.errors import NoAgeGroup, TooManyPreferences
from hromada.kindergarten.models import AgeGroup, Application, Institution, Preference
from hromada.kindergarten.permissions import can_act_on_application, can_manage_queue
from hromada.kindergarten.services.queue import lock_groups


def deny() -> PermissionDenied:
    return PermissionDenied(_("Your role does not allow this action."))


def require_manager(actor: Any) -> None:
    if not can_manage_queue(actor):
        raise deny()


def require_actor_on(actor: Any, application: Application) -> None:
    if not can_act_on_application(actor, application):
        raise deny()


def audit(actor: Any, action: str, application: Application | None = None, **details: Any) -> None:
    """Staff steps are journalled (a parent's own steps are in the application's history)."""
    if can_manage_queue(actor):
        record_audit(
            actor=actor,
            action=f"kindergarten.{action}",
            object_type="kindergarten_application" if application is not None else "kindergarten",
            object_id=application.pk if application is not None else "",
            **details,
        )


def lock_application(application: Application | int, extra_groups: Iterable[int] = ()) -> Application:
    """Lock the application's queues (and `extra_groups`) in id order, then its row; returns it fresh.

    The preferences change only under these locks, so the set read before locking is the set after,
    except when another writer changed it in between: then its new groups are locked too (out of
    order — PostgreSQL would report a deadlock rather than hang; the race needs two simultaneous
    changes of one application's choice)."""
    pk = application if isinstance(application, int) else application.pk
    groups = set(Preference.objects.filter(application_id=pk).values_list("age_group_id", flat=True))
    locked = set(lock_groups(groups | set(extra_groups)))
    fresh = Application.objects.select_for_update().filter(pk=pk).first()
    if fresh is None:
        raise NotFound(_("No such application."))
    now_groups = set(Preference.objects.filter(application_id=pk).values_list("age_group_id", flat=True))
    if not now_groups <= locked:
        lock_groups(now_groups - locked)
    return fresh


def group_ids_of(application: Application) -> list[int]:
    return list(
        Preference.objects.filter(application_id=application.pk).values_list("age_group_id", flat=True)
    )


def groups_for_choice(institution_ids: list[int], *, age: int, school_year: int) -> list[AgeGroup]:
    """The queues of the chosen institutions (in the parent's order) for the child's age and school
    year: 1..MAX_PREFERENCES distinct active institutions, each with such a group."""
    limit = int(settings.HROMADA_KINDERGARTEN_MAX_PREFERENCES)
    ids = [int(i) for i in institution_ids or []]
    if not ids:
        raise TooManyPreferences(_("Choose at least one institution."))
    if len(ids) > limit:
        raise TooManyPreferences(_("Choose at most %(count)d institutions.") % {"count": limit})
    if len(set(ids)) != len(ids):
        raise TooManyPreferences(_("Each institution can be chosen once."))
    institutions = {i.pk: i for i in Institution.objects.filter(pk__in=ids, active=True)}
    if len(institutions) != len(ids):
        raise TooManyPreferences(_("Choose among the institutions of the list."))
    groups = {
        g.institution_id: g
        for g in AgeGroup.objects.filter(institution_id__in=ids, school_year=school_year, age=age)
    }
    for pk in ids:
        if pk not in groups:
            raise NoAgeGroup(institutions[pk].name)
    return [groups[pk] for pk in ids]
