"""Every state change of an appeal: one function per legal step, the same for the web, API and imports."""

from hromada.appeals.services.answers import add_note, answer_appeal, close_appeal, reopen_appeal
from hromada.appeals.services.attachments import add_attachment, add_author_information
from hromada.appeals.services.e_appeals import file_e_appeal
from hromada.appeals.services.registration import (
    RegistrationOutcome,
    register_appeal,
    register_appeals,
)
from hromada.appeals.services.tracking import find_by_tracking, issue_tracking_code
from hromada.appeals.services.workflow import (
    decline_extension,
    extend_term,
    forward_appeal,
    reassign_executor,
    request_extension,
    resolve_appeal,
)

__all__ = [
    "RegistrationOutcome",
    "add_attachment",
    "add_author_information",
    "add_note",
    "answer_appeal",
    "close_appeal",
    "decline_extension",
    "extend_term",
    "file_e_appeal",
    "find_by_tracking",
    "forward_appeal",
    "issue_tracking_code",
    "reassign_executor",
    "register_appeal",
    "register_appeals",
    "reopen_appeal",
    "request_extension",
    "resolve_appeal",
]
