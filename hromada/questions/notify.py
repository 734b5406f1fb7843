"""Листи про запитання: the e-mails of the public-question workflow.

The services call the hooks below inside their transaction; each hook only registers an on-commit
callback (nothing is sent for a rolled-back step), which records the e-mails with
notifications.services.queue_email; the worker sends them. Letters are written in the council's
language whatever the screen's.

- the author: an acknowledgement when the question is received, the reason when it is rejected,
  the answer with a link to the public page when it is answered;
- the answering department: one letter to each active executor of the department who has an
  e-mail, when the question is published to it or re-routed to it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext as _

from hromada.accounts.models import Role, User
from hromada.core.models import CouncilSettings
from hromada.notifications.services import after_commit, public_url, queue_email
from hromada.questions.models import Question

SUBJECTS: dict[str, Callable[[], str]] = {
    "question_received": lambda: _("Your question No. %(number)s is received"),
    "question_rejected": lambda: _("Your question No. %(number)s is not published"),
    "question_answered": lambda: _("Answer to your question No. %(number)s"),
    "question_assigned": lambda: _("Public question No. %(number)s awaits your department's answer"),
}


def received(question: Question) -> None:
    after_commit(_to_author, question.pk, "question_received")


def rejected(question: Question) -> None:
    after_commit(_to_author, question.pk, "question_rejected")


def answered(question: Question) -> None:
    after_commit(_to_author, question.pk, "question_answered")


def assigned(question: Question) -> None:
    after_commit(_to_department, question.pk)


def _to_author(question_id: int, kind: str) -> int:
    question = Question.objects.select_related("department").get(pk=question_id)
    if not question.author_email:
        return 0
    queue_email(
        recipient=question.author_email,
        subject=SUBJECTS[kind]() % {"number": question.pk},
        template=f"notifications/{kind}",
        context={
            "question": question,
            "council": CouncilSettings.load(),
            "url": public_url(reverse("portal:question", args=[question.pk])),
        },
        kind=kind,
        object_type="question",
        object_id=question.pk,
    )
    return 1


def department_executors(department_id: int | None) -> list[User]:
    """Who is told about a question for the department: its active executors with an e-mail."""
    if department_id is None:
        return []
    return list(
        User.objects.filter(department_id=department_id, role=Role.EXECUTOR, is_active=True)
        .exclude(email="")
        .order_by("username")
    )


def _to_department(question_id: int) -> int:
    question = Question.objects.select_related("department").get(pk=question_id)
    council = CouncilSettings.load()
    people = department_executors(question.department_id)
    for user in people:
        queue_email(
            recipient=user.email,
            subject=SUBJECTS["question_assigned"]() % {"number": question.pk},
            template="notifications/question_assigned",
            context={
                "question": question,
                "user": user,
                "council": council,
                "url": public_url(reverse("questions:card", args=[question.pk])),
            },
            kind="question_assigned",
            user=user,
            object_type="question",
            object_id=question.pk,
        )
    return len(people)
