"""The rules every staff card's actions follow (`hromada.accounts.card_actions`), checked on a made-up
card: the person's right before the form is read, a refusal re-shown with its own status, the
domain's refusals as 403/404, success said once; the URLs, and which actions a card offers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from hromada.accounts.card_actions import (
    ActionForm,
    CardAction,
    action_urls,
    in_status,
    offered_actions,
    perform,
    refusal_status,
)
from hromada.accounts.http import StaffRequest
from hromada.accounts.models import Role, User
from hromada.core.errors import Conflict, DomainError, FieldError, NotFound, ValidationFailed
from hromada.core.errors import PermissionDenied as DomainPermissionDenied


@dataclass
class Thing:
    pk: int
    status: str


class NoteForm(ActionForm):
    slug = "note"
    text = forms.CharField()
    read = False

    def clean(self) -> dict[str, Any]:
        type(self).read = True
        return super().clean() or {}


class Service:
    """Records its calls; raises `error` when given."""

    __name__ = "add_note"

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error
        self.calls: list[dict[str, Any]] = []

    def __call__(self, **kwargs: Any) -> None:
        self.calls.append(kwargs)
        if self.error:
            raise self.error


def action(run: Service, *, permitted: bool = True, now: bool = True, **kw: Any) -> CardAction[Thing]:
    return CardAction(
        "note",
        "Note",
        "Add",
        "The note is added.",
        (Role.HEAD,),
        run,
        permitted=lambda user, thing: permitted,
        now=lambda thing: now,
        **kw,
    )


@pytest.fixture
def head() -> User:
    return User(username="head", role=Role.HEAD, is_active=True)


def post(user: User, data: dict[str, str]) -> StaffRequest:
    request = cast(StaffRequest, RequestFactory().post("/things/1/note/", data))
    request.user = user
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    return request


def run_perform(request: StaffRequest, act: CardAction[Thing]) -> tuple[HttpResponse, list[Any]]:
    reshown: list[Any] = []

    def reshow(form: ActionForm, status: int) -> HttpResponse:
        reshown.append((form, status))
        return HttpResponse(status=status)

    response = perform(
        request,
        act,
        Thing(1, "open"),
        NoteForm(request.POST),
        target={"thing_id": 1},
        success=lambda: HttpResponse("done", status=302),
        reshow=reshow,
    )
    return response, reshown


def test_success_calls_the_service_with_the_actor_and_the_object_and_says_so_once(head):
    service = Service()
    request = post(head, {"text": "Перевірено"})
    response, reshown = run_perform(request, action(service))
    assert response.status_code == 302 and not reshown
    assert service.calls == [{"actor": head, "thing_id": 1, "text": "Перевірено"}]
    assert [str(m) for m in get_messages(request)] == ["The note is added."]


def test_someone_without_the_right_gets_403_before_the_form_is_read(head):
    NoteForm.read = False
    service = Service()
    with pytest.raises(PermissionDenied):
        run_perform(post(head, {"text": ""}), action(service, permitted=False))
    assert NoteForm.read is False and service.calls == []


def test_an_invalid_form_is_reshown_with_422_and_focus_on_its_field(head):
    service = Service()
    _response, reshown = run_perform(post(head, {"text": ""}), action(service))
    ((form, status),) = reshown
    assert status == 422 and service.calls == []
    assert form.fields["text"].widget.attrs.get("autofocus") is True


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (Conflict("Not in this state."), 409),
        (ValidationFailed([FieldError("text", "Too short.")]), 422),
        (DomainError("Refused."), 400),
        (type("Broken", (DomainError,), {"status": 500})("Broken."), 422),
    ],
)
def test_a_refusal_of_the_service_is_reshown_on_the_form_with_its_own_status(head, error, status):
    request = post(head, {"text": "Перевірено"})
    _response, reshown = run_perform(request, action(Service(error)))
    ((form, shown_status),) = reshown
    assert shown_status == status == refusal_status(error)
    assert str(error.errors[0].message if isinstance(error, ValidationFailed) else error) in str(form.errors)
    assert list(get_messages(request)) == []


@pytest.mark.parametrize(
    ("error", "raised"), [(DomainPermissionDenied("No."), PermissionDenied), (NotFound("No."), Http404)]
)
def test_the_domains_permission_and_not_found_are_403_and_404(head, error, raised):
    with pytest.raises(raised):
        run_perform(post(head, {"text": "Перевірено"}), action(Service(error)))


def test_action_urls_name_each_action_take_only_post_and_carry_the_roles():
    act = action(Service())
    (pattern,) = action_urls(
        [act],
        lambda request, pk, a: HttpResponse(),
        object_kwarg="thing_id",
        name_prefix="card",
        view_prefix="card_",
    )
    assert pattern.name == "card-note" and str(pattern.pattern) == "<int:thing_id>/note/"
    assert pattern.callback.__name__ == "card_note"
    assert pattern.callback.allowed_roles  # type: ignore[attr-defined]


def test_offered_actions_follow_the_state_the_role_and_the_right_but_keep_a_bound_form_open(head):
    thing = Thing(1, "open")
    url = lambda a: f"/things/1/{a.slug}/"  # noqa: E731
    form_for = lambda a: NoteForm()  # noqa: E731
    assert (
        offered_actions([action(Service())], head, thing, None, url=url, form_for=form_for)[0]["open"]
        is False
    )
    for hidden in (action(Service(), now=False), action(Service(), permitted=False)):
        assert offered_actions([hidden], head, thing, None, url=url, form_for=form_for) == []
    clerk = User(username="clerk", role=Role.REGISTRAR, is_active=True)
    assert offered_actions([action(Service())], clerk, thing, None, url=url, form_for=form_for) == []
    bound = NoteForm({"text": ""})
    (row,) = offered_actions([action(Service(), now=False)], head, thing, bound, url=url, form_for=form_for)
    assert row["open"] is True and row["form"] is bound and row["url"] == "/things/1/note/"
    assert offered_actions([action(Service())], head, thing, None, url=url, form_for=lambda a: None) == []


def test_in_status_is_true_for_the_given_statuses_only():
    now = in_status("open", "answered")
    assert now(Thing(1, "open")) and now(Thing(1, "answered")) and not now(Thing(1, "closed"))
