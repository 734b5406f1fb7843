"""Комплектування: a free place of a group is offered to the first waiting application of its queue;
the parent accepts (enrolled — the child leaves every queue) or declines within the deadline; silence
past it counts as declining (the daily job `kindergarten_expire_offers`). A declined institution is
dropped from the choice; with none left the application is cancelled."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.core import clock
from hromada.kindergarten import notify
from hromada.kindergarten.errors import NobodyWaiting, NoFreePlace, OfferExpired, WrongApplicationStatus
from hromada.kindergarten.models import AgeGroup, Application, ApplicationStatus, PositionReason, Preference
from hromada.kindergarten.selectors.queue import free_places
from hromada.kindergarten.services.common import (
    audit,
    group_ids_of,
    lock_application,
    require_actor_on,
    require_manager,
)
from hromada.kindergarten.services.filing import close
from hromada.kindergarten.services.queue import (
    lock_groups,
    recompute_queue,
    recompute_queues,
    remove_preferences,
)


def offer_place(*, actor: User, age_group: AgeGroup) -> Application:
    """Offer the group's free place to the first application of its queue not offered a place yet."""
    require_manager(actor)
    with transaction.atomic():
        lock_groups([age_group.pk])
        age_group = AgeGroup.objects.get(pk=age_group.pk)
        if free_places(age_group) <= 0:
            raise NoFreePlace()
        first = (
            Preference.objects.filter(
                age_group=age_group, position__isnull=False, application__status=ApplicationStatus.ACTIVE
            )
            .order_by("position")
            .first()
        )
        if first is None:
            raise NobodyWaiting()
        application = Application.objects.select_for_update().get(pk=first.application_id)
        if application.status != ApplicationStatus.ACTIVE:  # changed since the read: cannot under the lock
            raise WrongApplicationStatus()
        now = clock.now()
        application.status = ApplicationStatus.OFFERED
        application.offer_preference = first
        application.offered_at = now
        application.offer_deadline = _deadline(now)
        application.save(update_fields=["status", "offer_preference", "offered_at", "offer_deadline"])
        audit(actor, "offer_place", application, age_group=age_group.pk, position=first.position)
        notify.offer_made(application)
    return application


def _deadline(now: dt.datetime) -> dt.datetime:
    """The end of the OFFER_DAYS-th day from today (the letter names that day: until 21.11.2026)."""
    last_day = timezone.localtime(now).date() + dt.timedelta(
        days=int(settings.HROMADA_KINDERGARTEN_OFFER_DAYS)
    )
    return timezone.make_aware(dt.datetime.combine(last_day, dt.time(23, 59, 59)))


def accept_offer(*, actor: User, application: Application) -> Application:
    """The parent takes the place: enrolled, out of every queue (positions none, with history)."""
    require_actor_on(actor, application)
    with transaction.atomic():
        application = lock_application(application)
        if application.status != ApplicationStatus.OFFERED or application.offer_preference_id is None:
            raise WrongApplicationStatus()
        if application.offer_deadline is not None and clock.now() > application.offer_deadline:
            raise OfferExpired()
        offer = Preference.objects.get(pk=application.offer_preference_id)
        application.enrolled_group_id = offer.age_group_id
        application.enrolled_at = clock.now()
        application.save(update_fields=["enrolled_group", "enrolled_at"])
        close(application, ApplicationStatus.ENROLLED)
        recompute_queues(
            group_ids_of(application), reason=PositionReason.ENROLLED, cause=application, locked=True
        )
        audit(actor, "accept_offer", application, age_group=offer.age_group_id)
    return application


def decline_offer(*, actor: User, application: Application) -> Application:
    """The parent refuses the place: back to the other queues without that institution."""
    require_actor_on(actor, application)
    with transaction.atomic():
        application = lock_application(application)
        if application.status != ApplicationStatus.OFFERED:
            raise WrongApplicationStatus()
        _withdraw_offer(application, _("The offered place was declined."))
        audit(actor, "decline_offer", application)
    return application


def _withdraw_offer(application: Application, note: str) -> None:
    """Drop the offered preference (its queue closes up); re-rank the rest, or cancel with none left.
    The caller holds the locks."""
    offer = Preference.objects.filter(pk=application.offer_preference_id or 0).first()
    application.offer_preference = None
    application.offered_at = None
    application.offer_deadline = None
    application.status = ApplicationStatus.ACTIVE
    application.save(update_fields=["offer_preference", "offered_at", "offer_deadline", "status"])
    touched = remove_preferences([offer] if offer else [], reason=PositionReason.OFFER, cause=application)
    rest = list(Preference.objects.filter(application=application).order_by("rank"))
    for rank, pref in enumerate(rest, start=1):
        pref.rank = rank
    Preference.objects.bulk_update(rest, ["rank"])
    if not rest:
        close(application, ApplicationStatus.CANCELLED, note)
    for group_id in touched:
        recompute_queue(group_id, reason=PositionReason.OFFER, cause=application, locked=True)


def expire_offers(day: dt.date | None = None, *, today: dt.date | None = None) -> int:
    """Daily job: offers whose deadline passed (before `day` ends and before now) count as declined.
    Returns how many expired."""
    day = day or today or clock.today()
    cutoff = min(clock.now(), timezone.make_aware(dt.datetime.combine(day, dt.time.max)))
    due = list(
        Application.objects.filter(status=ApplicationStatus.OFFERED, offer_deadline__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    count = 0
    for pk in due:
        with transaction.atomic():
            application = lock_application(pk)
            if application.status != ApplicationStatus.OFFERED or application.offer_deadline is None:
                continue
            if application.offer_deadline >= cutoff:
                continue
            _withdraw_offer(application, _("The offered place was not accepted in time."))
            count += 1
    return count
