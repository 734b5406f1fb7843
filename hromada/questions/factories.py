"""Questions in a given state for tests, made through the real services (one place to change)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hromada.accounts.models import User
from hromada.questions import services
from hromada.questions.models import Question

AUTHOR = "Коваленко Іван Петрович"
AUTHOR_EMAIL = "kovalenko@example.com"
TEXT = "Коли відремонтують ЛІФТ у будинку № 12 на вул. Шевченка?"


def ask(**overrides: Any) -> Question:
    data: dict[str, Any] = {
        "name": AUTHOR,
        "email": AUTHOR_EMAIL,
        "topic": "communal",
        "text": TEXT,
        "consent": True,
    }
    data.update(overrides)
    return services.ask_question(**data)


def published(
    moderator: User,
    department: str = "communal",
    *,
    text: str | None = None,
    at: dt.datetime | None = None,
    **ask_overrides: Any,
) -> Question:
    question = ask(**ask_overrides, **({"now": at} if at else {}))
    return services.publish_question(
        actor=moderator, question_id=question.pk, department=department, text=text, now=at
    )


def answered(
    moderator: User,
    answerer: User,
    department: str = "communal",
    *,
    answer: str = "Ремонт ліфта заплановано на березень.",
    at: dt.datetime | None = None,
    answered_at: dt.datetime | None = None,
    **ask_overrides: Any,
) -> Question:
    question = published(moderator, department, at=at, **ask_overrides)
    return services.answer_question(
        actor=answerer, question_id=question.pk, text=answer, now=answered_at or at
    )


def rejected(moderator: User, reason: str = "Реклама, а не запитання.", **ask_overrides: Any) -> Question:
    question = ask(**ask_overrides)
    return services.reject_question(actor=moderator, question_id=question.pk, reason=reason)
