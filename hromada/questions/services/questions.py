"""Запитання до міської влади: asking, moderation (publish or reject), re-routing, the answer and
its correction. One function per step: it locks the question, checks the actor and the state, changes
it, appends a QuestionEvent (who, when, what), writes the audit line of a staff action and queues the
letters on commit — all in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hromada.accounts.models import Department, User
from hromada.core import clock
from hromada.core.audit import record_audit
from hromada.core.errors import FieldError, PermissionDenied, ValidationFailed
from hromada.core.person_input import full_name_error, substance_error
from hromada.core.textsearch import search_key
from hromada.questions import notify, permissions
from hromada.questions.errors import WrongQuestionStatus, too_long
from hromada.questions.models import Question, QuestionAction, QuestionEvent, QuestionStatus
from hromada.questions.names import initials
from hromada.questions.selectors import get_question
from hromada.reference import selectors as ref
from hromada.reference.models import Topic

#: A question's text: long enough to be a question, short enough to be read on one page.
TEXT_MIN = 10
TEXT_MAX = 4000
NAME_MAX = 250
EMAIL_MAX = 254
#: Staff texts: the published question, the answer, the reason for a rejection.
STAFF_TEXT_MAX = 10_000


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Your role does not allow this action."))


def _event(question: Question, action: str, actor: User | None, at: dt.datetime, **data: Any) -> None:
    QuestionEvent.objects.create(question=question, action=action, actor=actor, at=at, data=data)


def _audit(actor: User, action: str, question: Question, **details: Any) -> None:
    record_audit(
        actor=actor, action=f"questions.{action}", object_type="question", object_id=question.pk, **details
    )


def _require(question: Question, status: str, message: str) -> None:
    if question.status != status:
        raise WrongQuestionStatus(message % {"status": question.get_status_display()})


def _moderates(actor: User, question: Question) -> bool:
    return permissions.can_moderate_question(actor)


def _locked(
    actor: User, question_id: int, *, allowed: Callable[[User, Question], bool], status: str, message: str
) -> Question:
    """The question, locked for the change, once the person may change it and its state allows it:
    one who may not see it is told it does not exist, one who may not act is denied."""
    question = get_question(actor, question_id, for_update=True)
    if not allowed(actor, question):
        raise _deny()
    _require(question, status, message)
    return question


def _journal(question: Question, action: str, actor: User, at: dt.datetime, audit: str, **data: Any) -> None:
    """The step in the question's history and in the audit log, with the same details."""
    _event(question, action, actor, at, **data)
    _audit(actor, audit, question, **data)


def _text_errors(field: str, text: str, *, required: str, maximum: int) -> list[FieldError]:
    if not text:
        return [FieldError(field, required, "required")]
    if len(text) > maximum:
        return [FieldError(field, too_long(maximum), "too_long")]
    return []


def _active_department(field: str, code: str) -> tuple[Department | None, list[FieldError]]:
    if not code:
        return None, [FieldError(field, _("Choose the department that will answer."), "required")]
    department = Department.objects.filter(code=code, is_active=True).first()
    if department is None:
        return None, [FieldError(field, _("Unknown department “%(code)s”.") % {"code": code}, "unknown")]
    return department, []


def _refresh_search(question: Question) -> None:
    question.search_text = search_key(question.published_text, question.answer)


# --- the resident asks ----------------------------------------------------------------------------


def _ask_errors(*, name: str, email: str, topic: str, text: str, consent: bool) -> list[FieldError]:
    errors: list[FieldError] = []
    if not name:
        errors.append(FieldError("name", _("Give your full name (ПІБ)."), "required"))
    elif len(name) > NAME_MAX:
        errors.append(FieldError("name", too_long(NAME_MAX), "too_long"))
    elif not initials(name):
        errors.append(FieldError("name", _("Write your full name in letters."), "invalid"))
    elif (name_error := full_name_error("name", name)) is not None:
        errors.append(name_error)
    if not email:
        errors.append(FieldError("email", _("Give the e-mail address for the answer."), "required"))
    else:
        try:
            if len(email) > EMAIL_MAX:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            errors.append(FieldError("email", _("Enter a valid e-mail address."), "invalid"))
    if not topic:
        errors.append(FieldError("topic", _("Choose the topic of your question."), "required"))
    elif topic not in ref.active(Topic):
        errors.append(FieldError("topic", _("Unknown topic “%(code)s”.") % {"code": topic}, "unknown"))
    if not text:
        errors.append(FieldError("text", _("Write your question."), "required"))
    elif len(text) < TEXT_MIN:
        message = ngettext(
            "The question is too short: write at least %(count)s character.",
            "The question is too short: write at least %(count)s characters.",
            TEXT_MIN,
        ) % {"count": TEXT_MIN}
        errors.append(FieldError("text", message, "too_short"))
    elif len(text) > TEXT_MAX:
        errors.append(FieldError("text", too_long(TEXT_MAX), "too_long"))
    elif (text_error := substance_error("text", text, min_chars=TEXT_MIN)) is not None:
        errors.append(text_error)
    if not consent:
        errors.append(
            FieldError("consent", _("Consent to the processing of personal data is required."), "required")
        )
    return errors


@transaction.atomic
def ask_question(
    *, name: str, email: str, topic: str, text: str, consent: bool, now: dt.datetime | None = None
) -> Question:
    """A resident asks (no account, so no actor): the question waits for moderation, and the author
    gets an acknowledgement. Refused with every field's error at once; nothing is saved then."""
    name, email, topic, text = name.strip(), email.strip(), topic.strip(), text.strip()
    errors = _ask_errors(name=name, email=email, topic=topic, text=text, consent=consent)
    if errors:
        raise ValidationFailed(errors)
    at = now or clock.now()
    question = Question.objects.create(
        status=QuestionStatus.NEW,
        topic_id=topic,
        author_name=" ".join(name.split()),
        author_email=email,
        author_initials=initials(name),
        text=text,
        asked_at=at,
    )
    _event(question, QuestionAction.ASKED, None, at)
    notify.received(question)
    return question


# --- the moderator ---------------------------------------------------------------------------------


@transaction.atomic
def publish_question(
    *,
    actor: User,
    question_id: int,
    department: str,
    text: str | None = None,
    now: dt.datetime | None = None,
) -> Question:
    """Publish the question for the department (code) to answer: it is on the public list at once and
    the department's executors are told. `text` is what the public reads (None: the original, which
    stays stored either way)."""
    question = _locked(
        actor,
        question_id,
        allowed=_moderates,
        status=QuestionStatus.NEW,
        message=_("Only a question awaiting moderation can be published; this one is “%(status)s”."),
    )
    published = question.text if text is None else text.strip()
    dept, errors = _active_department("department", department)
    errors += _text_errors("text", published, required=_("Give the text to publish."), maximum=STAFF_TEXT_MAX)
    if errors or dept is None:
        raise ValidationFailed(errors)
    at = now or clock.now()
    question.status = QuestionStatus.PUBLISHED
    question.department = dept
    question.published_text = published
    question.moderated_at = question.published_at = at
    question.moderated_by = actor
    _refresh_search(question)
    question.save()
    edited = published != question.text
    _journal(question, QuestionAction.PUBLISHED, actor, at, "publish", department=dept.code, edited=edited)
    notify.assigned(question)
    return question


@transaction.atomic
def reject_question(
    *, actor: User, question_id: int, reason: str, now: dt.datetime | None = None
) -> Question:
    """Reject the question with a reason the author is told by e-mail; it is never published."""
    question = _locked(
        actor,
        question_id,
        allowed=_moderates,
        status=QuestionStatus.NEW,
        message=_("Only a question awaiting moderation can be rejected; this one is “%(status)s”."),
    )
    reason = reason.strip()
    errors = _text_errors(
        "reason", reason, required=_("Give the reason for the rejection."), maximum=STAFF_TEXT_MAX
    )
    if errors:
        raise ValidationFailed(errors)
    at = now or clock.now()
    question.status = QuestionStatus.REJECTED
    question.rejection_reason = reason
    question.moderated_at = at
    question.moderated_by = actor
    question.save()
    _event(question, QuestionAction.REJECTED, actor, at, reason=reason)
    _audit(actor, "reject", question)
    notify.rejected(question)
    return question


@transaction.atomic
def reroute_question(
    *, actor: User, question_id: int, department: str, now: dt.datetime | None = None
) -> Question:
    """Pass a published question that still awaits its answer to another department (code)."""
    question = _locked(
        actor,
        question_id,
        allowed=_moderates,
        status=QuestionStatus.PUBLISHED,
        message=_(
            "Only a question awaiting an answer can be passed to another department; "
            "this one is “%(status)s”."
        ),
    )
    dept, errors = _active_department("department", department)
    if dept is not None and dept.pk == question.department_id:
        errors.append(
            FieldError("department", _("The question is already with this department."), "unchanged")
        )
    if errors or dept is None:
        raise ValidationFailed(errors)
    at = now or clock.now()
    before = (
        Department.objects.filter(pk=question.department_id).values_list("code", flat=True).first()
        if question.department_id is not None
        else None
    )
    question.department = dept
    question.save(update_fields=["department"])
    _journal(question, QuestionAction.REROUTED, actor, at, "reroute", before=before, after=dept.code)
    notify.assigned(question)
    return question


# --- the department answers -----------------------------------------------------------------------


@transaction.atomic
def answer_question(*, actor: User, question_id: int, text: str, now: dt.datetime | None = None) -> Question:
    """The answer, signed with the answering department's name: published with the question at once,
    and sent to the author with a link to the public page. An executor of another department is told
    the question does not exist (NotFound), as the pages say 404."""
    question = _locked(
        actor,
        question_id,
        allowed=permissions.can_answer_question,
        status=QuestionStatus.PUBLISHED,
        message=_("Only a published question awaiting an answer can be answered; this one is “%(status)s”."),
    )
    text = text.strip()
    errors = _text_errors("text", text, required=_("Write the answer."), maximum=STAFF_TEXT_MAX)
    if errors:
        raise ValidationFailed(errors)
    at = now or clock.now()
    assert question.department_id is not None  # published means routed to a department
    department = Department.objects.get(pk=question.department_id)
    question.status = QuestionStatus.ANSWERED
    question.answer = text
    question.answer_signature = department.name
    question.answered_at = at
    question.answered_by = actor
    _refresh_search(question)
    question.save()
    _journal(question, QuestionAction.ANSWERED, actor, at, "answer", department=department.code)
    notify.answered(question)
    return question


@transaction.atomic
def correct_answer(*, actor: User, question_id: int, text: str, now: dt.datetime | None = None) -> Question:
    """The moderator corrects a published answer's text (a typo, a wrong link); both versions are kept
    in the event and the audit log. The author is not written to again."""
    question = _locked(
        actor,
        question_id,
        allowed=_moderates,
        status=QuestionStatus.ANSWERED,
        message=_("Only an answered question's answer can be corrected; this one is “%(status)s”."),
    )
    text = text.strip()
    errors = _text_errors("text", text, required=_("Write the answer."), maximum=STAFF_TEXT_MAX)
    if not errors and text == question.answer:
        errors.append(FieldError("text", _("The answer is unchanged."), "unchanged"))
    if errors:
        raise ValidationFailed(errors)
    at = now or clock.now()
    before = question.answer
    question.answer = text
    question.answer_corrected_at = at
    question.answer_corrected_by = actor
    _refresh_search(question)
    question.save(update_fields=["answer", "answer_corrected_at", "answer_corrected_by", "search_text"])
    _journal(
        question, QuestionAction.ANSWER_CORRECTED, actor, at, "correct_answer", before=before, after=text
    )
    return question
