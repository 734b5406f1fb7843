"""The daily job: collection ends on the deadline; the petition closes, or is registered as an
appeal through appeals/door.py when the charter says so."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils.translation import gettext as _

from hromada.accounts.system import system_user
from hromada.core import clock
from hromada.core.errors import (
    DomainError,
)
from hromada.petitions import notify
from hromada.petitions.models import (
    NotReachedAction,
    Petition,
    PetitionStatus,
)
from hromada.petitions.services.common import (
    charter,
    locked_petition,
    record_event,
)

logger = logging.getLogger(__name__)

#: The system account that registers a petition as an appeal when the charter says "convert".
SYSTEM_USERNAME = "petitions"
SYSTEM_NAME = "Е-петиції"
#: The appeal kind a converted petition is registered as (Заява/клопотання: it asks for something).
CONVERTED_APPEAL_KIND = "application"


def _convert(petition: Petition, now: dt.datetime) -> int:
    """Register the petition as an ordinary appeal (collective: its author plus the signatories)."""
    from hromada.appeals.door import AppealRegisterIn, register_appeal

    signatories = max(1, petition.total_count)
    # Validated from plain data, as the API's payload is: the nested applicant and issue are dicts.
    item = AppealRegisterIn.model_validate(
        {
            "channel": "web",
            "received_at": now,
            "kind": CONVERTED_APPEAL_KIND,
            "applicants": [{"name": petition.author_name, "email": petition.author_email}],
            "signatories": signatories,
            "issues": [{"topic": petition.category_id, "text": petition.text}],
            "summary": f"{_('E-petition')} №{petition.pk}: {petition.title}"[:500],
        }
    )
    # The author gets our letter about the conversion, not the registration one.
    appeal = register_appeal(
        item, actor=system_user(SYSTEM_USERNAME, SYSTEM_NAME), now=now, notify_authors=False
    )
    return appeal.pk


def close_expired_petitions(day: dt.date, *, today: dt.date) -> int:
    """Daily job: petitions collecting past their last day (deadline < `day`) are closed, or registered
    as appeals when the charter says so. A missed day (catch-up) does the same: the deadline is what
    counts, not the day the job happens to run. Returns how many petitions it closed or converted."""
    now = clock.now()
    action = charter().not_reached_action
    done = 0
    ids = list(
        Petition.objects.filter(status=PetitionStatus.COLLECTING, deadline__lt=day)
        .order_by("deadline", "pk")
        .values_list("pk", flat=True)
    )
    for petition_id in ids:
        with transaction.atomic():
            petition = locked_petition(petition_id)
            if (
                petition.status != PetitionStatus.COLLECTING
                or petition.deadline is None
                or petition.deadline >= day
            ):
                continue
            petition.closed_at = now
            petition.updated_at = now
            problem = ""
            if action == NotReachedAction.CONVERT:
                try:
                    with transaction.atomic():
                        petition.converted_appeal_id = _convert(petition, now)
                except DomainError as exc:  # one bad petition must not stop the job every day after
                    logger.warning("Petition %s not registered as an appeal: %s", petition.pk, exc)
                    problem = str(exc)
            petition.status = (
                PetitionStatus.CONVERTED if petition.converted_appeal_id else PetitionStatus.CLOSED
            )
            petition.save()
            record_event(
                petition,
                petition.status,
                actor=None,
                at=now,
                day=day.isoformat(),
                total=petition.total_count,
                appeal=petition.converted_appeal_id,
                conversion_problem=problem,
            )
            notify.closed(petition)
            done += 1
    return done
