"""The checks of one appeal to register that need no other appeal (codes, required content, dates):
the registration service runs them on every item, the import runs them to preview a file."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services.common import short_date
from hromada.core.errors import FieldError
from hromada.core.models import CouncilSettings
from hromada.reference import selectors as ref
from hromada.reference.models import AuthorCategory, Channel, ChannelGroup, Kind, Sex, SocialStatus, Topic

FUTURE_TOLERANCE = dt.timedelta(minutes=5)


def substance(item: AppealRegisterIn) -> str:
    """Everything the author wrote, for the required-content check and the repeat fingerprint."""
    return "\n".join([item.summary, item.text, *(i.text for i in item.issues)]).strip()


def validate_registration(item: AppealRegisterIn, now: dt.datetime) -> list[FieldError]:
    """The checks of one item that need no other appeal: codes, required content, dates."""
    errors: list[FieldError] = []
    channel = ref.active(Channel).get(item.channel)
    if channel is None:
        errors.append(
            FieldError("channel", _("Unknown channel “%(code)s”.") % {"code": item.channel}, "unknown")
        )
    if item.kind not in ref.active(Kind):
        errors.append(FieldError("kind", _("Unknown kind “%(code)s”.") % {"code": item.kind}, "unknown"))
    if item.received_at is not None:
        received = item.received_at
        if timezone.is_naive(received):
            received = timezone.make_aware(received)
        if received > now + FUTURE_TOLERANCE:
            errors.append(FieldError("received_at", _("The receipt time cannot be in the future."), "future"))
        errors += _late_errors(item, received, now)
    errors += _applicant_errors(item, channel)
    topics = ref.active(Topic)
    for i, issue in enumerate(item.issues):
        if issue.topic not in topics:
            errors.append(
                FieldError(
                    f"issues.{i}.topic",
                    _("Unknown or inactive topic “%(code)s”.") % {"code": issue.topic},
                    "unknown",
                )
            )
    if not substance(item):
        errors.append(FieldError("text", _("Give the substance of the appeal."), "required"))
    return errors


def _late_errors(item: AppealRegisterIn, received: dt.datetime, now: dt.datetime) -> list[FieldError]:
    """A receipt date before the register's start or too long ago is a late registration: refused
    unless the registrar confirms it (`late_registration`), so a typo such as 1990 never reaches the
    overdue lists and the reports unnoticed."""
    if item.late_registration:
        return []
    earliest = CouncilSettings.load().earliest_received(timezone.localtime(now).date())
    if timezone.localtime(received).date() >= earliest:
        return []
    message = _(
        "The receipt date %(date)s is earlier than %(earliest)s: check the date, or confirm a late "
        "registration."
    ) % {"date": short_date(timezone.localtime(received).date()), "earliest": short_date(earliest)}
    return [FieldError("received_at", message, "too_old")]


def _applicant_errors(item: AppealRegisterIn, channel: Channel | None) -> list[FieldError]:
    """The authors' part of `validate_registration`: a name unless anonymous, known codes, and the
    e-mail an electronic appeal must give for its answer."""
    errors: list[FieldError] = []
    sexes, statuses, categories = ref.vocabulary(Sex), ref.active(SocialStatus), ref.active(AuthorCategory)
    for i, a in enumerate(item.applicants):
        path = f"applicants.{i}"
        if not a.name and not item.anonymous:
            errors.append(FieldError(f"{path}.name", _("Give the author's full name (ПІБ)."), "required"))
        if a.email:
            try:
                validate_email(a.email)
            except ValidationError:
                errors.append(FieldError(f"{path}.email", _("Enter a valid e-mail address."), "invalid"))
        if a.sex and a.sex not in sexes:
            errors.append(
                FieldError(f"{path}.sex", _("Unknown sex “%(code)s”.") % {"code": a.sex}, "unknown")
            )
        if a.social_status and a.social_status not in statuses:
            errors.append(
                FieldError(
                    f"{path}.social_status",
                    _("Unknown social status “%(code)s”.") % {"code": a.social_status},
                    "unknown",
                )
            )
        for code in a.categories:
            if code not in categories:
                errors.append(
                    FieldError(
                        f"{path}.categories",
                        _("Unknown author category “%(code)s”.") % {"code": code},
                        "unknown",
                    )
                )
    if not item.anonymous and not item.applicants:
        errors.append(
            FieldError(
                "applicants",
                _("Give the author's full name (ПІБ), or mark the appeal anonymous."),
                "required",
            )
        )
    if (
        channel is not None
        and channel.group == ChannelGroup.ELECTRONIC
        and not item.anonymous
        and item.applicants
        and not item.applicants[0].email
    ):
        errors.append(
            FieldError(
                "applicants.0.email",
                _("An electronic appeal must give an e-mail address for the answer (Law art. 5)."),
                "required",
            )
        )
    return errors
