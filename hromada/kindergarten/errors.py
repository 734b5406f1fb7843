"""The rules of the kindergarten queue that a request can break (Ukrainian messages through gettext;
the API answers with `code` and `field`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hromada.core.errors import Conflict, DomainError


class DuplicateChild(Conflict):
    """The child (by birth certificate) already has an active application."""

    code = "duplicate_child"

    def __init__(self) -> None:
        super().__init__(_("This child already has an application in the queue."), field="certificate_number")


class TooManyPreferences(DomainError):
    """More preferred institutions than the setting allows, none at all, or one twice."""

    code = "too_many_preferences"
    status = 422

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("Too many preferred institutions."), field="institutions")


class NoAgeGroup(DomainError):
    """The institution has no group for the child's age in the desired school year."""

    code = "no_age_group"
    status = 422

    def __init__(self, institution: str) -> None:
        super().__init__(
            _("The institution “%(name)s” has no group for this age in that school year.")
            % {"name": institution},
            field="institutions",
        )


class WrongApplicationStatus(Conflict):
    """The step does not fit the application's state (e.g. accepting an offer nobody made)."""

    code = "wrong_status"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("This step does not fit the application's status."), field="status")


class NoBenefitClaimed(Conflict):
    """Confirming or refusing a benefit the application does not claim."""

    code = "no_benefit"

    def __init__(self) -> None:
        super().__init__(_("The application claims no benefit."), field="benefit")


class NotFirstInQueue(Conflict):
    """A place may be offered only to the first waiting application of the queue."""

    code = "not_first"

    def __init__(self) -> None:
        super().__init__(
            _("A place can be offered only to the first waiting application."), field="preference"
        )


class NoFreePlace(Conflict):
    """The group is full (enrolled children and open offers fill its capacity)."""

    code = "no_free_place"

    def __init__(self) -> None:
        super().__init__(_("The group has no free place."), field="preference")


class OfferExpired(Conflict):
    """The parent answered after the offer's deadline."""

    code = "offer_expired"

    def __init__(self) -> None:
        super().__init__(_("The deadline to accept the offer has passed."), field="status")


class NobodyWaiting(Conflict):
    """The queue has no application waiting for an offer."""

    code = "nobody_waiting"

    def __init__(self) -> None:
        super().__init__(_("Nobody in this queue is waiting for a place."), field="age_group")
