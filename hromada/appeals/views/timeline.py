"""The appeal's journal in words (хронологія на картці): each event as a clerk reads it — what
happened, what changed (before → after) and the details the event recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from hromada.appeals.models import AppealEvent, Status, Term
from hromada.appeals.views.wording import day, vocab
from hromada.reference.models import Result

if TYPE_CHECKING:
    from hromada.appeals.views.card import Card


def _iso_day(value: Any) -> str:
    if not value:
        return "—"
    try:
        return day(dt.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _status(code: Any) -> str:
    return str(Status(code).label) if code in Status.values else (str(code) if code else "—")


def _changes(before: dict[str, Any], after: dict[str, Any], card: Card) -> list[dict[str, str]]:
    """The values the event changed, each once, in a fixed order; results per issue last."""
    changes: list[dict[str, str]] = []

    def change(key: str, label: str, show: Callable[[Any], str]) -> None:
        if key in before or key in after:
            old, new = before.get(key), after.get(key)
            if key in before and key in after and old == new:
                return
            changes.append({"label": label, "before": show(old) if key in before else "", "after": show(new)})

    change("status", _("Status"), _status)
    change("due_date", _("Term of consideration"), _iso_day)
    change("lead_department", _("Lead department"), card.department_name)
    change("lead_executor", _("Lead executor"), card.person_name)
    change("extension_requested_until", _("Extension requested until"), _iso_day)
    results_before, results_after = before.get("results") or {}, after.get("results") or {}
    for issue_id in dict.fromkeys([*results_after, *results_before]):
        old, new = results_before.get(issue_id), results_after.get(issue_id)
        if old != new:
            changes.append(
                {
                    "label": _("%(issue)s, result") % {"issue": card.issue_label(issue_id)},
                    "before": vocab(Result, old),
                    "after": vocab(Result, new),
                }
            )
    return changes


def _registered(data: dict[str, Any]) -> tuple[str, list[str]]:
    lines = []
    if data.get("due_date"):
        lines.append(_("Due date: %(date)s") % {"date": _iso_day(data["due_date"])})
    if data.get("repeated_of"):
        lines.append(_("Recognised as a repeated appeal."))
    if data.get("duplicate_of"):
        lines.append(_("Recognised as a duplicate appeal."))
    if data.get("late_registration"):
        lines.append(_("Late registration confirmed by the registrar."))
    if data.get("not_considered"):
        lines.append(_("Anonymous: not considered (Law art. 8)."))
    return _("Registered as %(number)s") % {"number": data.get("number", "")}, lines


def _resolved(data: dict[str, Any], card: Card) -> list[str]:
    lines = []
    if data.get("term") in Term.values:
        lines.append(_("Term: %(term)s") % {"term": Term(data["term"]).label})
    if data.get("lead_executor"):
        lines.append(_("Lead executor: %(name)s") % {"name": card.person_name(data["lead_executor"])})
    if data.get("co_departments"):
        names = ", ".join(card.department_name(c) for c in data["co_departments"])
        lines.append(_("Co-executors: %(names)s") % {"names": names})
    if data.get("instruction"):
        lines.append(_("Instruction: %(text)s") % {"text": data["instruction"]})
    return lines


def _forwarded(data: dict[str, Any]) -> list[str]:
    lines = [_("To: %(body)s") % {"body": data.get("to", "")}]
    if data.get("late"):
        lines.append(
            _("Forwarded late: the 5-day limit ended on %(date)s.") % {"date": _iso_day(data.get("deadline"))}
        )
    return lines


def _author_information(data: dict[str, Any]) -> list[str]:
    lines = []
    if data.get("text"):
        lines.append(data["text"])
    if data.get("files"):
        lines.append(_("Files: %(names)s") % {"names": ", ".join(data["files"])})
    return lines


def describe(event: AppealEvent, card: Card) -> dict[str, Any]:
    """A journal entry as a clerk reads it: what happened, what changed (before → after), details."""
    data = event.data or {}
    after = data.get("after") or {}
    changes = _changes(data.get("before") or {}, after, card)
    lines: list[str] = []
    action = event.action
    title = str(event.get_action_display())
    if action == "registered":
        title, lines = _registered(data)
    elif action == "resolved":
        lines = _resolved(data, card)
    elif action == "extension_requested":
        changes = [{"label": _("Requested due date"), "before": "", "after": _iso_day(after.get("due_date"))}]
    elif action == "forwarded":
        lines = _forwarded(data)
    elif action == "author_information":
        lines = _author_information(data)
    elif action == "attachment":
        title = _("File attached: %(name)s (%(size)s)") % {
            "name": data.get("name", ""),
            "size": filesizeformat(data.get("size") or 0),
        }
    if data.get("reason"):
        lines.append(_("Reason: %(text)s") % {"text": data["reason"]})
    return {"action": action, "title": title, "changes": changes, "lines": lines}
