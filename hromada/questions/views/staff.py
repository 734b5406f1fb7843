"""Черга запитань і картка запитання: the staff list and the card with the actions a role allows.

Each action is a small form that posts to its own URL and calls one service; without JavaScript it
is a plain POST and a redirect back to the card (PRG). A service's refusal comes back onto the form
with its status (422 for a field, 409 for a step the question's state does not allow) and nothing
changes. A question the person may not see is 404 everywhere — an executor of another department is
not told that it exists.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from hromada.accounts.access import role_required
from hromada.accounts.card_actions import ActionForm as CardForm
from hromada.accounts.card_actions import CardAction, action_urls, in_status, offered_actions, perform
from hromada.accounts.http import StaffRequest
from hromada.accounts.models import Department, Role, User
from hromada.core.audit import record_read
from hromada.core.errors import NotFound
from hromada.core.paging import paged
from hromada.questions import permissions, selectors, services
from hromada.questions.forms.staff import (
    ActionForm,
    AnswerForm,
    CorrectAnswerForm,
    PublishForm,
    QuestionFilterForm,
    RejectForm,
    RerouteForm,
)
from hromada.questions.models import PUBLIC_STATUSES, Question, QuestionAction, QuestionEvent, QuestionStatus
from hromada.reference import selectors as ref
from hromada.reference.models import Topic

PAGE_SIZE = 25


def _topic_name(code: str) -> str:
    topic = ref.vocabulary(Topic).get(code)
    return topic.name if topic else code


def _person(user: User | None) -> str:
    if user is None:
        return _("the system")
    return user.get_full_name() or user.username


def _load(user: User, question_id: int) -> Question:
    try:
        return selectors.get_question(user, question_id)
    except NotFound:
        raise Http404 from None


# --- the list ----------------------------------------------------------------------------------------


def _count_text(count: int) -> str:
    return ngettext("%(count)s question", "%(count)s questions", count) % {"count": count}


@role_required(*permissions.QUESTION_ROLES)
@require_GET
def question_list(request: StaffRequest) -> HttpResponse:
    """Newest first; the moderator sees every state, departments the published questions they see."""
    user = request.user
    departments = list(Department.objects.only("code", "name").order_by("name"))
    moderator = permissions.can_moderate_question(user)
    statuses = [
        (value, label) for value, label in QuestionStatus.choices if moderator or value in PUBLIC_STATUSES
    ]
    form = QuestionFilterForm(
        request.GET, statuses=statuses, departments=[(d.code, d.name) for d in departments]
    )
    context: dict[str, Any] = {
        "form": form,
        "show_department_filter": user.role != Role.EXECUTOR,
        "status_counts": [],
    }
    status = 200
    if form.is_valid():
        filters = selectors.QuestionFilter(**form.cleaned_data)
        query = {k: v for k, v in form.cleaned_data.items() if v}
        found = paged(
            request,
            selectors.staff_questions(user, filters),
            PAGE_SIZE,
            query=query,
            base=reverse("questions:list"),
        )
        counts = selectors.status_counts(user)
        context.update(
            **found.context(),
            rows=[
                {
                    "id": q.pk,
                    "asked_at": q.asked_at,
                    "topic": _topic_name(q.topic_id),
                    "excerpt": Truncator(q.published_text or q.text).chars(160),
                    "department": q.department.name if q.department_id else "",
                    "status": q.get_status_display(),
                    "status_code": q.status,
                }
                for q in found.page.object_list
            ],
            count_text=_count_text(found.page.paginator.count),
            status_counts=[
                {
                    "label": label,
                    "count": counts[value],
                    "url": reverse("questions:list") + "?" + urlencode({"status": value}),
                    "current": form.cleaned_data["status"] == value,
                }
                for value, label in statuses
            ],
        )
    else:
        status = 400
    return render(request, "questions/list.html", context, status=status)


# --- the card ----------------------------------------------------------------------------------------


def _moderator(user: User, question: Question) -> bool:
    return permissions.can_moderate_question(user)


ACTIONS: list[CardAction[Question]] = [
    CardAction(
        "publish",
        gettext_lazy("Publish"),
        gettext_lazy("Publish"),
        gettext_lazy("The question is published and sent to the department."),
        (Role.MODERATOR,),
        services.publish_question,
        _moderator,
        in_status(QuestionStatus.NEW),
    ),
    CardAction(
        "reject",
        gettext_lazy("Reject"),
        gettext_lazy("Reject"),
        gettext_lazy("The question is rejected; the author is told the reason."),
        (Role.MODERATOR,),
        services.reject_question,
        _moderator,
        in_status(QuestionStatus.NEW),
    ),
    CardAction(
        "reroute",
        gettext_lazy("Pass to another department"),
        gettext_lazy("Pass"),
        gettext_lazy("The question is passed to another department."),
        (Role.MODERATOR,),
        services.reroute_question,
        _moderator,
        in_status(QuestionStatus.PUBLISHED),
    ),
    CardAction(
        "answer",
        gettext_lazy("Answer"),
        gettext_lazy("Publish the answer"),
        gettext_lazy("The answer is published and sent to the author."),
        (Role.EXECUTOR, Role.HEAD),
        services.answer_question,
        permissions.can_answer_question,
        in_status(QuestionStatus.PUBLISHED),
    ),
    CardAction(
        "correct",
        gettext_lazy("Correct the answer"),
        gettext_lazy("Save the correction"),
        gettext_lazy("The answer is corrected."),
        (Role.MODERATOR,),
        services.correct_answer,
        _moderator,
        in_status(QuestionStatus.ANSWERED),
    ),
]


def _active_departments(departments: list[Department], exclude: int | None = None) -> list[tuple[str, str]]:
    return [(d.code, d.name) for d in departments if d.is_active and d.pk != exclude]


def build_form(slug: str, question: Question, departments: list[Department], data: Any = None) -> ActionForm:
    args = (data,) if data is not None else ()
    if slug == "publish":
        return PublishForm(
            *args, departments=_active_departments(departments), initial={"text": question.text}
        )
    if slug == "reject":
        return RejectForm(*args)
    if slug == "reroute":
        return RerouteForm(
            *args, departments=_active_departments(departments, exclude=question.department_id)
        )
    if slug == "answer":
        return AnswerForm(*args)
    if slug == "correct":
        return CorrectAnswerForm(*args, initial={"text": question.answer})
    raise Http404


def _departments() -> list[Department]:
    return list(Department.objects.only("code", "name", "is_active").order_by("name"))


def _timeline(events: list[QuestionEvent], departments: list[Department]) -> list[dict[str, Any]]:
    names = {d.code: d.name for d in departments}
    rows = []
    for e in events:
        data = e.data or {}
        lines: list[str] = []
        if e.action == QuestionAction.PUBLISHED:
            lines.append(_("Department: %(name)s") % {"name": names.get(data.get("department", ""), "—")})
            if data.get("edited"):
                lines.append(_("The text was edited for publication."))
        elif e.action == QuestionAction.REJECTED:
            lines.append(_("Reason: %(text)s") % {"text": data.get("reason", "")})
        elif e.action == QuestionAction.REROUTED:
            lines.append(
                _("From %(before)s to %(after)s")
                % {
                    "before": names.get(data.get("before") or "", "—"),
                    "after": names.get(data.get("after", ""), "—"),
                }
            )
        rows.append(
            {"at": e.at, "actor": _person(e.actor), "title": QuestionAction(e.action).label, "lines": lines}
        )
    return rows


def _actions(
    user: User, question: Question, departments: list[Department], bound: CardForm | None
) -> list[dict[str, Any]]:
    return offered_actions(
        ACTIONS,
        user,
        question,
        bound,
        url=lambda action: reverse(f"questions:card-{action.slug}", args=[question.pk]),
        form_for=lambda action: build_form(action.slug, question, departments),
    )


def _render_card(
    request: StaffRequest,
    question: Question,
    *,
    departments: list[Department] | None = None,
    bound: CardForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    departments = departments if departments is not None else _departments()
    context = {
        "question": question,
        "topic": _topic_name(question.topic_id),
        "sees_author": permissions.can_see_author(user),
        "edited": bool(question.published_text) and question.published_text != question.text,
        "timeline": _timeline(selectors.question_events(question), departments),
        "actions": _actions(user, question, departments, bound),
        "public": question.status in PUBLIC_STATUSES,
    }
    return render(request, "questions/card.html", context, status=status)


@role_required(*permissions.QUESTION_ROLES)
@require_GET
def question_card(request: StaffRequest, question_id: int) -> HttpResponse:
    """The card. The moderator's card shows the author's name and e-mail: each such view is audited."""
    user = request.user
    question = _load(user, question_id)
    if permissions.can_see_author(user):
        record_read(
            actor=user,
            app="questions",
            object_type="question",
            object_id=question.pk,
            page="card",
            path=request.path,
        )
    return _render_card(request, question)


def _act(request: StaffRequest, question_id: int, action: CardAction[Question]) -> HttpResponse:
    """One posted action (the rules: `hromada.accounts.card_actions.perform`); PRG back to the card."""
    user = request.user
    question = _load(user, question_id)
    departments = _departments()
    return perform(
        request,
        action,
        question,
        build_form(action.slug, question, departments, request.POST),
        target={"question_id": question.pk},
        success=lambda: redirect("questions:card", question_id=question.pk),
        reshow=lambda form, status: _render_card(
            request, question, departments=departments, bound=form, status=status
        ),
    )


urlpatterns: list[URLPattern] = [
    path("", question_list, name="list"),
    path("<int:question_id>/", question_card, name="card"),
    *action_urls(ACTIONS, _act, object_kwarg="question_id", name_prefix="card", view_prefix="question_"),
]
