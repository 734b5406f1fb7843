"""Звернення громадян (Law of Ukraine No. 393/96-ВР) and everything that happens to them.

One module per part of the story; every model is importable from `hromada.appeals.models` as before."""

from hromada.appeals.models.appeal import OPEN_STATUSES, Appeal, Applicant, Issue, Status
from hromada.appeals.models.handling import Answer, Assignment, Attachment, Note, NoteKind, Resolution, Term
from hromada.appeals.models.journal import AppealEvent, AppealEventAction
from hromada.appeals.models.tools import ImportFormat, ImportJob, ImportJobState, SavedFilter

__all__ = [
    "OPEN_STATUSES",
    "Answer",
    "Appeal",
    "AppealEvent",
    "AppealEventAction",
    "Applicant",
    "Assignment",
    "Attachment",
    "ImportFormat",
    "ImportJob",
    "ImportJobState",
    "Issue",
    "Note",
    "NoteKind",
    "Resolution",
    "SavedFilter",
    "Status",
    "Term",
]
