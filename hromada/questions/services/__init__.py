"""Every state change of public questions and legal consultations (re-exported for the interfaces)."""

from hromada.questions.services.legal_help import (
    create_consultation,
    publish_consultation,
    unpublish_consultation,
    update_consultation,
)
from hromada.questions.services.questions import (
    answer_question,
    ask_question,
    correct_answer,
    publish_question,
    reject_question,
    reroute_question,
)

__all__ = [
    "answer_question",
    "ask_question",
    "correct_answer",
    "create_consultation",
    "publish_consultation",
    "publish_question",
    "reject_question",
    "reroute_question",
    "unpublish_consultation",
    "update_consultation",
]
