"""Сповіщення про звернення: the e-mails the appeal workflow sends, and the daily jobs that remind.

The services call the hooks below (registered, assigned, forwarded, extended, answered) inside their
transaction; each hook only registers an on-commit callback, so a rolled-back step sends nothing and
the step itself costs no query. The callback reads what the letter needs and records the e-mails
(notifications.services.queue_email); the worker sends them.

Decisions (see README):
- Authors get letters about registration, forwarding (Law art. 7), extension (art. 20) and the
  answer; anonymous appeals and authors without an e-mail get none; each applicant of a collective
  appeal gets their own copy. Batch imports (register_appeals) send nothing: the contact center
  informs its callers.
- On a resolution the named lead executor is told, or else every executor of the lead department;
  every executor of each co-executing department is told too. A reassignment tells the new executor.
- Reminders go to the same lead executors: 3 *working* days before the due date (due dates are
  working days, and a reminder on a Saturday gives nobody time) and on the first overdue day.
- The controllers' digest is sent on working days only, and only for today: a missed day's digest is
  stale, so catch-up records it without sending.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, cast

from django.db.models import Q
from django.utils.translation import gettext as _

from hromada.accounts.models import Department, Role, User
from hromada.appeals.letters.links import status_url
from hromada.appeals.models import OPEN_STATUSES, Answer, Appeal, Applicant, Status
from hromada.core.models import CouncilSettings
from hromada.notifications.services import after_commit, queue_email

#: Working days before the due date when the executor is reminded.
REMIND_DAYS_BEFORE = 3
#: How many appeals the digest lists by number (the counts are always complete).
DIGEST_LIST_LIMIT = 30


# Hooks: one line in each service.


def registered(appeal: Appeal, tracking_code: str = "") -> None:
    after_commit(_registered, appeal.pk, tracking_code)


def assigned(appeal: Appeal, departments: Iterable[Department], executor: User | None = None) -> None:
    after_commit(_assigned, appeal.pk, [d.pk for d in departments], executor.pk if executor else None)


def reassigned(appeal: Appeal, executor: User) -> None:
    after_commit(_assigned, appeal.pk, [], executor.pk)


def forwarded(appeal: Appeal) -> None:
    after_commit(_to_authors, appeal.pk, "appeal_forwarded")


def extended(appeal: Appeal) -> None:
    after_commit(_to_authors, appeal.pk, "appeal_extended")


def answered(answer: Answer) -> None:
    after_commit(_to_authors, answer.appeal_id, "appeal_answered", answer.pk)


def author_added_information(appeal: Appeal) -> None:
    after_commit(_author_information, appeal.pk)


# What the letters say.

SUBJECTS: dict[str, Callable[[], str]] = {
    "appeal_registered": lambda: _("Your appeal No. %(number)s is registered"),
    "appeal_forwarded": lambda: _("Your appeal No. %(number)s is forwarded to the competent body"),
    "appeal_extended": lambda: _("The term of your appeal No. %(number)s is extended"),
    "appeal_answered": lambda: _("Answer to your appeal No. %(number)s"),
    "appeal_assigned": lambda: _("Appeal No. %(number)s is assigned to you, due %(due)s"),
    "appeal_due_soon": lambda: _("Reminder: appeal No. %(number)s is due %(due)s"),
    "appeal_overdue": lambda: _("Overdue: appeal No. %(number)s was due %(due)s"),
    "appeal_author_information": lambda: _("The author added information to appeal No. %(number)s"),
}


def _subject(kind: str, appeal: Appeal) -> str:
    due = appeal.due_date.strftime("%d.%m.%Y") if appeal.due_date else "—"
    return SUBJECTS[kind]() % {"number": appeal.number, "due": due}


def _council() -> CouncilSettings:
    return CouncilSettings.load()


def _authors(appeal: Appeal) -> list[Applicant]:
    """The applicants to write to: none for an anonymous appeal; one letter per distinct address."""
    if appeal.subject_id == "anonymous":
        return []
    seen: set[str] = set()
    found = []
    for applicant in Applicant.objects.filter(appeal=appeal).exclude(email="").only("name", "email"):
        key = applicant.email.lower()
        if key not in seen:
            seen.add(key)
            found.append(applicant)
    return found


def _to_authors(appeal_id: int, kind: str, answer_id: int | None = None, **extra: Any) -> int:
    appeal = Appeal.objects.select_related("lead_department").get(pk=appeal_id)
    answer = Answer.objects.get(pk=answer_id) if answer_id else None
    council = _council()
    link = status_url(appeal, str(extra.get("tracking_code", "")))
    queued = 0
    for applicant in _authors(appeal):
        queue_email(
            recipient=applicant.email,
            subject=_subject(kind, appeal),
            template=f"notifications/{kind}",
            context={
                "appeal": appeal,
                "applicant": applicant,
                "answer": answer,
                "council": council,
                "status_url": link,
                **extra,
            },
            kind=kind,
            object_type="appeal",
            object_id=appeal.pk,
        )
        queued += 1
    return queued


def _registered(appeal_id: int, tracking_code: str) -> int:
    return _to_authors(appeal_id, "appeal_registered", tracking_code=tracking_code)


def _executors(appeal: Appeal) -> list[User]:
    """Who answers for the appeal: its lead executor, or every executor of the lead department."""
    if appeal.lead_executor_id:
        return list(User.objects.filter(pk=appeal.lead_executor_id, is_active=True).exclude(email=""))
    return list(_department_executors([appeal.lead_department_id]))


def _department_executors(department_ids: Iterable[int | None]) -> Iterable[User]:
    return (
        User.objects.filter(
            department_id__in=[d for d in department_ids if d], role=Role.EXECUTOR, is_active=True
        )
        .exclude(email="")
        .select_related("department")
        .order_by("department_id", "username")
    )


def _to_executor(appeal: Appeal, user: User, kind: str, council: CouncilSettings, **extra: Any) -> None:
    queue_email(
        recipient=user.email,
        subject=_subject(kind, appeal),
        template=f"notifications/{kind}",
        context={"appeal": appeal, "user": user, "council": council, **extra},
        kind=kind,
        user=user,
        object_type="appeal",
        object_id=appeal.pk,
    )


def _assigned(appeal_id: int, department_ids: list[int], executor_id: int | None) -> int:
    appeal = Appeal.objects.select_related("lead_department").get(pk=appeal_id)
    council = _council()
    people: dict[int, User] = {}
    if executor_id:
        people.update(
            (u.pk, u) for u in User.objects.filter(pk=executor_id, is_active=True).exclude(email="")
        )
    others = [d for d in department_ids if not (executor_id and d == appeal.lead_department_id)]
    for user in _department_executors(others):
        people.setdefault(user.pk, user)
    for user in people.values():
        lead = user.department_id == appeal.lead_department_id
        _to_executor(appeal, user, "appeal_assigned", council, lead=lead)
    return len(people)


def _author_information(appeal_id: int) -> int:
    """The executors who answer for the appeal; before a resolution nobody (the head sees it on the card)."""
    appeal = Appeal.objects.select_related("lead_department").get(pk=appeal_id)
    council = _council()
    people = _executors(appeal) if appeal.lead_department_id else []
    for user in people:
        _to_executor(appeal, user, "appeal_author_information", council)
    return len(people)


# Daily jobs (run by notifications.jobs, registered in apps.py).


def send_executor_reminders(day: dt.date, *, today: dt.date) -> int | None:
    """Reminders for `day`: appeals due in 3 working days (when `day` is a working day) and appeals
    whose first overdue day is `day`. When a missed day is caught up, a "due soon" reminder whose due
    date has passed is not sent (the overdue one says it), and nothing is sent for appeals no longer
    open — the query reads their state now."""
    council = _council()
    calendar = council.calendar
    targets: list[tuple[str, Q]] = [("appeal_overdue", Q(due_date=day - dt.timedelta(days=1)))]
    if calendar.is_working_day(day):
        soon = calendar.add_working_days(day, REMIND_DAYS_BEFORE)
        if soon >= today:
            targets.insert(0, ("appeal_due_soon", Q(due_date=soon)))
    queued = 0
    for kind, condition in targets:
        appeals = Appeal.objects.filter(
            condition, status__in=OPEN_STATUSES, lead_department__isnull=False
        ).select_related("lead_department")
        for appeal in appeals.order_by("due_date", "id"):
            for user in _executors(appeal):
                _to_executor(appeal, user, kind, council)
                queued += 1
    return queued


def send_controller_digest(day: dt.date, *, today: dt.date) -> int | None:
    """The controllers' morning digest (зведення): open, overdue, due soon, extension requests, and the
    overdue appeals by number. Only for today and only on working days."""
    council = _council()
    calendar = council.calendar
    if day != today or not calendar.is_working_day(day):
        return None
    controllers = list(
        User.objects.filter(role=Role.CONTROLLER, is_active=True).exclude(email="").order_by("username")
    )
    if not controllers:
        return 0
    soon = calendar.add_working_days(day, REMIND_DAYS_BEFORE)
    open_appeals = Appeal.objects.filter(status__in=OPEN_STATUSES)
    overdue = open_appeals.filter(due_date__lt=day)
    previous = calendar.previous_working_day(day - dt.timedelta(days=1))
    context = {
        "day": day,
        "council": council,
        "open_count": open_appeals.count(),
        "overdue_count": overdue.count(),
        "due_soon_count": open_appeals.filter(due_date__gte=day, due_date__lte=soon).count(),
        "unresolved_count": open_appeals.filter(status=Status.REGISTERED).count(),
        "extension_count": open_appeals.filter(extension_requested_until__isnull=False).count(),
        "registered_count": Appeal.objects.filter(registered_on__gte=previous, registered_on__lt=day).count(),
        "registered_since": previous,
        "overdue": [
            {
                "number": a.number,
                "due_date": a.due_date,
                "department": a.lead_department,
                # Overdue: the filter above leaves only appeals with a due date.
                "days": (day - cast(dt.date, a.due_date)).days,
            }
            for a in overdue.select_related("lead_department").order_by("due_date", "id")[:DIGEST_LIST_LIMIT]
        ],
    }
    subject = _("Daily digest of appeals for %(day)s") % {"day": day.strftime("%d.%m.%Y")}
    for user in controllers:
        queue_email(
            recipient=user.email,
            subject=subject,
            template="notifications/controller_digest",
            context={**context, "user": user},
            kind="controller_digest",
            user=user,
        )
    return len(controllers)
