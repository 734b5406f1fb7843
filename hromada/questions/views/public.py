"""Публічні сторінки запитань і правової допомоги. Public on purpose: no role_required.

What they show is read through the questions selectors' public functions, which read only published
rows and only columns without personal data: the author appears as initials, never by name or e-mail.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from hromada.core import ratelimit
from hromada.core.errors import ValidationFailed
from hromada.core.forms import add_domain_error, filled_honeypot
from hromada.core.pages import private as _private
from hromada.core.paging import paged
from hromada.questions import selectors
from hromada.questions.forms.public import AskForm, ConsultationSearchForm, QuestionSearchForm
from hromada.questions.services import ask_question
from hromada.reference import selectors as ref
from hromada.reference.models import Topic

PAGE_SIZE = 20

#: The session key of the last question's receipt (the e-mail the answer goes to).
RECEIPT_KEY = "portal:question-receipt"


def _topic_name(code: str | None) -> str:
    topic = ref.vocabulary(Topic).get(code or "")
    return topic.name if topic else ""


def _paged(request: HttpRequest, qs: Any, query: dict[str, str]) -> dict[str, Any]:
    return paged(request, qs, PAGE_SIZE, query=query).context()


@require_GET
def questions(request: HttpRequest) -> HttpResponse:
    """Published questions, newest first, 20 a page; search, topic and status filters."""
    form = QuestionSearchForm(request.GET)
    context: dict[str, Any] = {"form": form}
    if not form.is_valid():
        return render(request, "questions/public/list.html", context, status=400)
    data = form.cleaned_data
    qs = selectors.public_questions(query=data["q"], topic=data["topic"], status=data["status"])
    context.update(_paged(request, qs, {k: v for k, v in data.items() if v}))
    count = context["page"].paginator.count
    context["count_text"] = ngettext("%(count)s question found", "%(count)s questions found", count) % {
        "count": count
    }
    context["rows"] = [
        {
            "id": q.pk,
            "text": q.published_text,
            "topic": _topic_name(q.topic_id),
            "asked_at": q.asked_at,
            "answered_at": q.answered_at,
            "answered": q.status == "answered",
            "status": q.get_status_display(),
            "department": q.department.name if q.department_id else "",
            "initials": q.author_initials,
        }
        for q in context["page"].object_list
    ]
    return render(request, "questions/public/list.html", context)


@require_GET
def question(request: HttpRequest, question_id: int) -> HttpResponse:
    """One published question with its answer; a new or rejected one is 404."""
    found = selectors.public_question(question_id)
    if found is None:
        raise Http404
    return render(
        request, "questions/public/detail.html", {"question": found, "topic": _topic_name(found.topic_id)}
    )


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    """Ask a question: no account; rate-limited per address and per e-mail; a honeypot for bots."""
    if request.method != "POST":
        return render(request, "questions/public/ask.html", {"form": AskForm()})
    form = AskForm(request.POST)
    if filled_honeypot(request.POST):
        # A bot filled the honeypot: it is told "received" and nothing is saved.
        request.session[RECEIPT_KEY] = ""
        return redirect("portal:asked")
    email = request.POST.get("email", "").strip()
    # RateLimited: the 429 page (core.middleware)
    ratelimit.check_page(ratelimit.asking_limit(), request, email)
    if form.is_valid():
        data = form.cleaned_data
        try:
            ask_question(
                name=data["name"],
                email=data["email"],
                topic=data["topic"],
                text=data["text"],
                consent=data["consent"],
            )
        except ValidationFailed as exc:
            add_domain_error(form, exc)
        else:
            ratelimit.hit_page(ratelimit.asking_limit(), request, email)
            request.session[RECEIPT_KEY] = data["email"]
            return redirect("portal:asked")
    return _private(render(request, "questions/public/ask.html", {"form": form}, status=422))


@require_GET
def asked(request: HttpRequest) -> HttpResponse:
    """ "Received" after a question (Post/Redirect/Get: a reload asks nothing again); without a
    question asked in this session, the form."""
    email = request.session.get(RECEIPT_KEY)
    if email is None:
        return redirect("portal:ask")
    return _private(render(request, "questions/public/received.html", {"email": email}))


@require_GET
def legal_help(request: HttpRequest) -> HttpResponse:
    """Published consultations, newest first; search and topic filter."""
    form = ConsultationSearchForm(request.GET)
    context: dict[str, Any] = {"form": form}
    if not form.is_valid():
        return render(request, "questions/public/legal/list.html", context, status=400)
    data = form.cleaned_data
    qs = selectors.public_consultations(query=data["q"], topic=data["topic"])
    context.update(_paged(request, qs, {k: v for k, v in data.items() if v}))
    count = context["page"].paginator.count
    context["count_text"] = ngettext(
        "%(count)s consultation found", "%(count)s consultations found", count
    ) % {"count": count}
    context["rows"] = [
        {
            "id": c.pk,
            "title": c.title,
            "question": c.question,
            "topic": _topic_name(c.topic_id),
            "published_at": c.published_at,
        }
        for c in context["page"].object_list
    ]
    return render(request, "questions/public/legal/list.html", context)


@require_GET
def consultation(request: HttpRequest, consultation_id: int) -> HttpResponse:
    found = selectors.public_consultation(consultation_id)
    if found is None:
        raise Http404
    return render(
        request,
        "questions/public/legal/detail.html",
        {"consultation": found, "topic": _topic_name(found.topic_id)},
    )
