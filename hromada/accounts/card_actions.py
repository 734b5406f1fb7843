"""The actions of a staff card (картка), once for every domain: an appeal's resolution, a question's
publication, a petition's answer are each one `CardAction` — its form, the roles that may post it,
the service it calls — and one `perform` runs it with the same rules everywhere:

- the roles are checked by the URL's decorator, the person's right to this object (`permitted`)
  before the form is even read: someone who may not do it gets 403, not a form to correct;
- a valid form calls the service with `actor=` and the object's id; the service decides again;
- a refusal of the service is shown on the form with its own 4xx status (a conflict stays 409, a
  validation failure 422); a refused permission is 403 and a missing object 404, as in the API;
- success says so once (a message) and redirects (or lets an htmx caller swap the card).

A domain keeps its own list of actions, forms and card page; `action_urls` turns the list into its
URL patterns (`<prefix>-<slug>`). It lives in `accounts` because every rule in it is about who may act:
the roles and the person's right come before anything else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import URLPattern, path
from django.views.decorators.http import require_POST

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.accounts.models import User
from hromada.core.errors import DomainError, NotFound
from hromada.core.errors import PermissionDenied as DomainPermissionDenied
from hromada.core.forms import add_domain_error

T = TypeVar("T")


class ActionForm(forms.Form):
    """Base of every card's action forms: ids unique on the page (`id_<slug>_<field>`), plain names."""

    #: The action's slug: its URL and the id of its block on the card.
    slug = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{self.slug}_%s")
        super().__init__(*args, **kwargs)

    def focus_first_error(self) -> None:
        """A re-shown form puts the cursor where the person has to correct it."""
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["autofocus"] = True
                return
        if self.fields:
            next(iter(self.fields.values())).widget.attrs["autofocus"] = True

    def service_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of the service this form feeds (after is_valid())."""
        return dict(self.cleaned_data)

    def error_aliases(self) -> dict[str, str] | None:
        """A service's field paths ("issues.0.topic") that map to this form's fields, where they differ."""
        return None


def _always(user: User, obj: Any) -> bool:
    return True


def _any_state(obj: Any) -> bool:
    return True


def in_status(*statuses: str) -> Callable[[Any], bool]:
    """A `now` predicate: the object's `status` is one of these."""
    return lambda obj: obj.status in statuses


@dataclass(frozen=True)
class CardAction(Generic[T]):
    """One action of a card."""

    slug: str
    title: Any
    button: Any
    #: Said once after success.
    done: Any
    roles: tuple[str, ...]
    #: The service: called as run(actor=…, <object kwarg>=id, **form.service_kwargs()).
    run: Callable[..., Any]
    #: May this person do it to this object at all (the service's own predicate)?
    permitted: Callable[[User, T], bool] = _always
    #: Does the object's state allow it now (to offer it; the service checks again)?
    now: Callable[[T], bool] = _any_state
    #: Its form posts files.
    multipart: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def offered(self, user: User, obj: T) -> bool:
        """Shown on the card: the state allows it, the person has the role and the right."""
        return self.now(obj) and user.has_role(*self.roles) and self.permitted(user, obj)


def refusal_status(error: DomainError) -> int:
    """The status of a page re-shown after the service refused: its own 4xx, else 422."""
    return error.status if 400 <= error.status < 500 else 422


def perform(
    request: StaffRequest,
    action: CardAction[T],
    obj: T,
    form: ActionForm,
    *,
    target: dict[str, Any],
    success: Callable[[], HttpResponse],
    reshow: Callable[[ActionForm, int], HttpResponse],
) -> HttpResponse:
    """Run `action` on `obj` with the posted `form`. `target` names the object for the service
    ({"appeal_id": 7}); `success` answers after it is done; `reshow` renders the card with the bound
    form and a status when there is something to correct."""
    user = request.user
    if not action.permitted(user, obj):
        raise PermissionDenied
    status = 422
    if form.is_valid():
        try:
            action.run(actor=user, **target, **form.service_kwargs())
        except DomainPermissionDenied:
            raise PermissionDenied from None
        except NotFound:
            raise Http404 from None
        except DomainError as exc:
            add_domain_error(form, exc, aliases=form.error_aliases())
            status = refusal_status(exc)
        else:
            messages.success(request, str(action.done))
            return success()
    form.focus_first_error()
    return reshow(form, status)


def action_urls(
    actions: Iterable[CardAction[Any]],
    handle: Callable[[StaffRequest, int, CardAction[Any]], HttpResponse],
    *,
    object_kwarg: str,
    name_prefix: str,
    view_prefix: str,
) -> list[URLPattern]:
    """`<int:object_kwarg>/<slug>/` → a POST-only view for each action, named `<name_prefix>-<slug>`,
    allowed to the action's roles; `handle(request, id, action)` does the work (usually `perform`)."""

    def view_for(action: CardAction[Any]) -> Callable[..., HttpResponse]:
        @role_required(*action.roles)
        @require_POST
        def view(request: StaffRequest, **kwargs: int) -> HttpResponse:
            return handle(request, kwargs[object_kwarg], action)

        view.__name__ = view.__qualname__ = view_prefix + action.slug.replace("-", "_")
        view.__doc__ = f"POST: {action.slug} on the card (calls {action.run.__name__})."
        return view

    return [
        path(f"<int:{object_kwarg}>/{a.slug}/", view_for(a), name=f"{name_prefix}-{a.slug}") for a in actions
    ]


def offered_actions(
    actions: Sequence[CardAction[T]],
    user: User,
    obj: T,
    bound: ActionForm | None,
    *,
    url: Callable[[CardAction[T]], str],
    form_for: Callable[[CardAction[T]], ActionForm | None],
) -> list[dict[str, Any]]:
    """The actions a card offers, each with its form; a form re-shown with errors stays open.
    `form_for` may return None to leave an action out (nothing to choose in it)."""
    shown = []
    for action in actions:
        is_bound = bound is not None and bound.slug == action.slug
        if not is_bound and not action.offered(user, obj):
            continue
        form = bound if is_bound else form_for(action)
        if form is None:
            continue
        shown.append(
            {
                "slug": action.slug,
                "url": url(action),
                "title": action.title,
                "button": action.button,
                "form": form,
                "open": is_bound,
                "multipart": action.multipart,
                **action.extra,
            }
        )
    return shown
