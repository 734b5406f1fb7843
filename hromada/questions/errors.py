"""The rules of public questions that a request can break, with the messages people see."""

from __future__ import annotations

from django.utils.translation import ngettext

from hromada.core.errors import Conflict


class WrongQuestionStatus(Conflict):
    """The step does not fit the question's state (e.g. answering a rejected question): HTTP 409."""

    code = "wrong_status"

    def __init__(self, message: str) -> None:
        super().__init__(message, field="status")


def too_long(maximum: int) -> str:
    """ "Текст задовгий: щонайбільше 4000 символів." with the numeral agreeing."""
    return ngettext(
        "The text is too long: at most %(count)s character.",
        "The text is too long: at most %(count)s characters.",
        maximum,
    ) % {"count": maximum}
