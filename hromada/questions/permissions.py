"""Who may do what with public questions and legal consultations. Visibility lives in selectors."""

from __future__ import annotations

from hromada.accounts.models import Role, User
from hromada.questions.models import Question

#: Roles that open the questions' pages at all (the others get 403).
QUESTION_ROLES = (Role.MODERATOR, Role.EXECUTOR, Role.HEAD)
#: Roles that manage legal-help consultations.
LEGAL_HELP_ROLES = (Role.MODERATOR, Role.ADMINISTRATOR)


def can_moderate_question(user: User) -> bool:
    """Publish, reject, re-route, correct a published answer: the moderator's work."""
    return user.has_role(Role.MODERATOR)


def can_answer_question(user: User, question: Question) -> bool:
    """An executor of the answering department, or the head for any department."""
    if user.has_role(Role.HEAD):
        return True
    return (
        user.has_role(Role.EXECUTOR)
        and user.department_id is not None
        and user.department_id == question.department_id
    )


def can_see_author(user: User) -> bool:
    """The author's full name and e-mail are shown to the moderator only (who checks the question
    and writes to the author); departments answer the question, not the person."""
    return user.has_role(Role.MODERATOR)


def can_manage_legal_help(user: User) -> bool:
    return user.has_role(*LEGAL_HELP_ROLES)
