"""Робочий стіл: what each role sees first — counts that link to the filtered lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from hromada.accounts.models import Role, User
from hromada.appeals import selectors
from hromada.appeals.models import Appeal
from hromada.appeals.selectors import AppealFilter, appeals_visible_to, filter_appeals, worklist_order
from hromada.petitions import selectors as petitions
from hromada.petitions.models import PetitionStatus
from hromada.questions import selectors as questions
from hromada.questions.models import QuestionStatus

#: "Due soon" on the controller's and the executor's boards: within this many calendar days.
DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class Tile:
    label: str
    count: int
    url: str
    tone: str = ""  # "danger" for overdue, "warn" for due soon


def _list_url(**params: object) -> str:
    query = {k: ("1" if v is True else v) for k, v in params.items() if v not in (None, "", False)}
    return reverse("appeals:list") + ("?" + urlencode(query) if query else "")


def _tile(user: User, label: str, f: AppealFilter, today: dt.date, tone: str = "", **params: object) -> Tile:
    count = filter_appeals(appeals_visible_to(user), f, today=today).count()
    return Tile(label, count, _list_url(**params), tone)


def _questions_url(status: str) -> str:
    return reverse("questions:list") + "?" + urlencode({"status": status})


def question_tiles(user: User) -> list[Tile]:
    """Public questions (запитання до міської влади): the moderator's queue, and what awaits an answer
    — the department's own for an executor, every department's for the head and the moderator."""
    if user.role not in (Role.MODERATOR, Role.EXECUTOR, Role.HEAD):
        return []
    waiting = questions.awaiting_answer_count(user)
    label = (
        _("Questions awaiting your department's answer")
        if user.role == Role.EXECUTOR
        else _("Questions awaiting an answer")
    )
    tiles = [Tile(label, waiting, _questions_url(QuestionStatus.PUBLISHED), "warn" if waiting else "")]
    if user.role == Role.MODERATOR:
        new = questions.awaiting_moderation_count()
        queue = Tile(
            _("Questions awaiting moderation"), new, _questions_url(QuestionStatus.NEW), "warn" if new else ""
        )
        tiles.insert(0, queue)
    return tiles


def _petitions_url(status: str, *, overdue: bool = False) -> str:
    params = {"status": status, **({"overdue": "1"} if overdue else {})}
    return reverse("petitions:list") + "?" + urlencode(params)


def petition_tiles(user: User, *, today: dt.date) -> list[Tile]:
    """E-petitions (електронні петиції): the moderator's queue and the head's petitions to answer,
    each with a second tile of those past their term — red, and "overdue" said in its label."""
    if user.role not in (Role.MODERATOR, Role.HEAD):
        return []
    counts = petitions.desk_counts(today=today)
    if user.role == Role.MODERATOR:
        return _petition_pair(
            PetitionStatus.MODERATION,
            (_("Petitions awaiting moderation"), counts.awaiting_moderation),
            (_("Petitions with moderation overdue"), counts.moderation_overdue),
        )
    return _petition_pair(
        PetitionStatus.CONSIDERATION,
        (_("Petitions awaiting the answer"), counts.awaiting_answer),
        (_("Petitions with the answer overdue"), counts.answer_overdue),
    )


def _petition_pair(status: str, waiting: tuple[str, int], overdue: tuple[str, int]) -> list[Tile]:
    """The petitions in `status` (yellow when any) and those of them past their term (red when any)."""
    return [
        Tile(waiting[0], waiting[1], _petitions_url(status), "warn" if waiting[1] else ""),
        Tile(overdue[0], overdue[1], _petitions_url(status, overdue=True), "danger" if overdue[1] else ""),
    ]


def tiles_for(user: User, *, today: dt.date) -> list[Tile]:
    return appeal_tiles(user, today=today) + question_tiles(user) + petition_tiles(user, today=today)


def appeal_tiles(user: User, *, today: dt.date) -> list[Tile]:
    soon = today + dt.timedelta(days=DUE_SOON_DAYS + 1)
    overdue = _tile(user, _("Overdue"), AppealFilter(overdue=True), today, "danger", overdue=True)
    due_soon = _tile(
        user,
        _("Due within %(days)s days") % {"days": DUE_SOON_DAYS},
        AppealFilter(open=True, overdue=False, due_before=soon),
        today,
        "warn",
        open=True,
        overdue="0",
        due_before=soon.isoformat(),
    )
    if user.role == Role.REGISTRAR:
        return [
            _tile(
                user,
                _("Registered today"),
                AppealFilter(registered_on=today),
                today,
                registered_on=today.isoformat(),
            ),
            _tile(
                user,
                _("Awaiting a resolution"),
                AppealFilter(awaiting="resolution"),
                today,
                awaiting="resolution",
            ),
        ]
    if user.role == Role.HEAD:
        return [
            _tile(
                user,
                _("Awaiting a resolution"),
                AppealFilter(awaiting="resolution"),
                today,
                awaiting="resolution",
            ),
            _tile(
                user,
                _("Answers awaiting signature"),
                AppealFilter(awaiting="signature"),
                today,
                awaiting="signature",
            ),
            _tile(
                user, _("Extension requests"), AppealFilter(awaiting="extension"), today, awaiting="extension"
            ),
            overdue,
        ]
    if user.role == Role.EXECUTOR:
        return [
            _tile(user, _("In progress"), AppealFilter(status="in_progress"), today, status="in_progress"),
            due_soon,
            overdue,
        ]
    if user.role == Role.CONTROLLER:
        return [due_soon, overdue]
    return []


def executor_worklist(user: User, *, today: dt.date, limit: int = 20) -> list[Appeal]:
    """The department's open assignments: priority authors first, then the nearest due date; each
    with `.term` (its TermState: overdue or not)."""
    qs = filter_appeals(appeals_visible_to(user), AppealFilter(status="in_progress"), today=today)
    rows = worklist_order(qs).only("id", "number", "summary", "due_date", "priority", "status", "channel_id")
    return selectors.with_terms(rows[:limit], today)
