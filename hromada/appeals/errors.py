"""The appeal rules a request can break, with the messages people see."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hromada.core.errors import Conflict, DomainError


class AlreadyRegistered(Conflict):
    code = "already_registered"

    def __init__(self, appeal_id: int, number: str) -> None:
        super().__init__(
            _("This card is already registered as %(number)s.") % {"number": number}, field="external_id"
        )
        self.appeal_id = appeal_id
        self.number = number


class WrongStatus(Conflict):
    code = "wrong_status"

    def __init__(self, action: str, status_label: str) -> None:
        super().__init__(
            _("The appeal cannot be %(action)s while its status is “%(status)s”.")
            % {"action": action, "status": status_label},
            field="status",
        )


class TermTooLong(DomainError):
    code = "term_too_long"
    status = 422


class UnansweredIssues(DomainError):
    code = "unanswered_issues"
    status = 422
