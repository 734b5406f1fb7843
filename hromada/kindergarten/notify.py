"""Листи батькам: filing confirmed (with the number and the code), the benefit confirmed or refused,
a place offered (with the deadline), the position improved past HROMADA_KINDERGARTEN_NOTIFY_STEP,
and the child about to age out of the queue.

The services call the hooks inside their transaction; each only registers an on-commit callback
(nothing is sent for a rolled-back step), which records the e-mail with
notifications.services.queue_email; the worker sends it. An application without an e-mail (a paper
one) gets no letter. The templates are kindergarten/email/<kind>.txt|html.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _

from hromada.core.models import CouncilSettings
from hromada.kindergarten.models import Application, Preference
from hromada.notifications.services import after_commit, public_url, queue_email

SUBJECTS: dict[str, Callable[[], str]] = {
    "kindergarten_filed": lambda: _("Your kindergarten application %(number)s is in the queue"),
    "kindergarten_benefit_confirmed": lambda: _("Application %(number)s: the benefit is confirmed"),
    "kindergarten_benefit_refused": lambda: _("Application %(number)s: the benefit is refused"),
    "kindergarten_offer": lambda: _("Application %(number)s: a kindergarten place is offered to you"),
    "kindergarten_position": lambda: _("Application %(number)s: your place in the queue improved"),
    "kindergarten_aging_out": lambda: _("Application %(number)s: the child leaves the queue soon"),
}


def status_path(number: str) -> str:
    """The parent's status page of the application (the portal)."""
    return iri_to_uri(f"/dytsadok/zaiava/{number}/")


LOOKUP_PATH = "/dytsadok/perevirka/"


def filed(application: Application, code: str) -> None:
    after_commit(_send, application.pk, "kindergarten_filed", {"code": code})


def benefit_decided(application: Application) -> None:
    kind = (
        "kindergarten_benefit_confirmed"
        if application.benefit_status == "confirmed"
        else "kindergarten_benefit_refused"
    )
    after_commit(_send, application.pk, kind, {})


def offer_made(application: Application) -> None:
    after_commit(_send, application.pk, "kindergarten_offer", {})


def positions_improved(preference_ids: list[int]) -> None:
    """One task for all letters of the change (tasks.send_position_letters): a long queue that moved
    must not cost the request a letter per parent."""
    after_commit(_enqueue_positions, list(preference_ids))


def _enqueue_positions(preference_ids: list[int]) -> None:
    from hromada.kindergarten.tasks import send_position_letters

    send_position_letters.enqueue(preference_ids=preference_ids)


def about_to_age_out(application_ids: list[int], archive_day: dt.date) -> None:
    after_commit(_aging_out, list(application_ids), archive_day)


def _send(application_id: int, kind: str, extra: dict[str, Any]) -> int:
    application = Application.objects.select_related(
        "offer_preference__institution", "offer_preference__age_group"
    ).get(pk=application_id)
    return _letter(application, kind, extra)


def _letter(application: Application, kind: str, extra: dict[str, Any]) -> int:
    if not application.parent_email:
        return 0
    from hromada.kindergarten.selectors import positions_of

    queue_email(
        recipient=application.parent_email,
        subject=SUBJECTS[kind]() % {"number": application.number},
        template=f"kindergarten/email/{kind}",
        context={
            "application": application,
            "positions": positions_of(application),
            "council": CouncilSettings.load(),
            "status_url": public_url(status_path(application.number)),
            "lookup_url": public_url(LOOKUP_PATH),
            **extra,
        },
        kind=kind,
        user=application.filed_by,
        object_type="kindergarten_application",
        object_id=application.pk,
    )
    return 1


def compose_position_letters(preference_ids: list[int]) -> int:
    """One letter per application, naming the queues where it moved up."""
    by_app: dict[int, list[Preference]] = defaultdict(list)
    for pref in Preference.objects.filter(pk__in=preference_ids).select_related("institution", "age_group"):
        by_app[pref.application_id].append(pref)
    sent = 0
    for application in Application.objects.filter(pk__in=list(by_app)).select_related("filed_by"):
        prefs = sorted(by_app[application.pk], key=lambda p: p.rank)
        sent += _letter(application, "kindergarten_position", {"improved": prefs})
    return sent


def _aging_out(application_ids: list[int], archive_day: dt.date) -> int:
    sent = 0
    for application in Application.objects.filter(pk__in=application_ids).select_related("filed_by"):
        sent += _letter(application, "kindergarten_aging_out", {"archive_day": archive_day})
    return sent
