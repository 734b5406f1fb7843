"""Що бачить автор: the author-facing view of an appeal, built from a whitelist of events and fields.

Nothing else is read: no executors, departments, notes, instructions or other applicants. A fixed
number of queries (events, answers, issues) whatever the appeal's history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hromada.appeals.models import Answer, Appeal, AppealEvent, Issue, Status
from hromada.reference import selectors as ref
from hromada.reference.models import Result, Topic

#: The journal entries the author is told about, with their public label.
PUBLIC_EVENTS = {
    "registered": lambda: _("The appeal is registered"),
    "resolved": lambda: _("The appeal is sent for consideration"),
    "extended": lambda: _("The term of consideration is extended"),
    "forwarded": lambda: _("The appeal is forwarded by competence"),
    "answered": lambda: _("An answer is given"),
    "closed": lambda: _("Consideration is completed"),
    "reopened": lambda: _("Consideration is resumed"),
    "author_information": lambda: _("You added information"),
}


def _date(value: dt.date | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _detail(event: AppealEvent) -> str:
    data = event.data or {}
    if event.action == "extended":
        due = (data.get("after") or {}).get("due_date")
        if due:
            return _("New due date: %(date)s") % {"date": _date(dt.date.fromisoformat(str(due)))}
    if event.action == "forwarded" and data.get("to"):
        return _("Forwarded to: %(to)s") % {"to": data["to"]}
    return ""


def public_status(appeal: Appeal) -> dict[str, Any]:
    """Status, dates, the author's events, the answers and the result of each issue."""
    events = [
        {
            "at": timezone.localtime(e.at),
            "action": e.action,
            "label": PUBLIC_EVENTS[e.action](),
            "detail": _detail(e),
        }
        for e in AppealEvent.objects.filter(appeal=appeal, action__in=list(PUBLIC_EVENTS)).only(
            "at", "action", "data"
        )
    ]
    answers = [
        {"at": timezone.localtime(a.created_at), "text": a.text}
        for a in Answer.objects.filter(appeal=appeal).only("created_at", "text")
    ]
    topics, results = ref.vocabulary(Topic), ref.vocabulary(Result)
    issue_results = [
        {
            "topic": topics[i.topic_id].name if i.topic_id in topics else i.topic_id,
            "result": results[i.result_id].name if i.result_id in results else i.result_id,
        }
        for i in Issue.objects.filter(appeal=appeal, result__isnull=False).only("topic", "result")
    ]
    return {
        "number": appeal.number,
        "status": appeal.status,
        "status_label": str(Status(appeal.status).label),
        "registered_on": appeal.registered_on,
        "due_date": appeal.due_date if appeal.status in (Status.REGISTERED, Status.IN_PROGRESS) else None,
        "events": events,
        "answers": answers,
        "results": issue_results,
    }


def what_author_sent(appeal: Appeal) -> dict[str, Any]:
    """What the author sent, as the cabinet shows it back: the text, each issue (питання) with its
    topic and words, and what they added later (text and file names, from the journal). The files
    themselves: `author_attachments`. Two queries."""
    topics = ref.vocabulary(Topic)
    issues = Issue.objects.filter(appeal=appeal).only("topic", "text", "position").order_by("position", "id")
    additions = [
        {
            "at": timezone.localtime(e.at),
            "text": (e.data or {}).get("text", ""),
            "files": (e.data or {}).get("files", []),
        }
        for e in AppealEvent.objects.filter(appeal=appeal, action="author_information")
        .only("at", "data")
        .order_by("at", "id")
    ]
    return {
        "text": appeal.text,
        "issues": [
            {"topic": topics[i.topic_id].name if i.topic_id in topics else i.topic_id, "text": i.text}
            for i in issues
        ],
        "additions": additions,
        "told_executors": appeal.lead_department_id is not None,
    }
