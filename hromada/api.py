"""The one JSON API, /api/v1/. Routers are listed here explicitly."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer, SessionAuth

from hromada.accounts import second_factor
from hromada.accounts.services import user_for_token
from hromada.appeals.api import router as appeals_router
from hromada.core.errors import DomainError, FieldError, ValidationFailed
from hromada.core.validation import field_errors
from hromada.petitions.api import router as petitions_staff_router
from hromada.portal.api import router as public_router
from hromada.portal.petitions_api import router as petitions_router
from hromada.reports.api import router as reports_router


class Utf8Renderer(JSONRenderer):
    """Ukrainian text as text, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):  # type: ignore[no-untyped-def]
        return user_for_token(token)


class StaffSession(SessionAuth):
    """The staff workspace's session: only an account with a staff role. A resident signed in to the
    portal's cabinet is a user too, but the staff API is not theirs (401, as for anyone else). A
    session that has passed the password but not the second factor its role needs is refused too:
    the second factor would mean nothing if the API behind the pages did not ask for it."""

    def authenticate(self, request: HttpRequest, key: str | None):  # type: ignore[no-untyped-def]
        user = super().authenticate(request, key)
        if user is None or not getattr(user, "role", ""):
            return None
        return user if second_factor.is_satisfied(request) else None


api = NinjaAPI(
    title="Hromada API",
    version="1",
    description="Звернення громадян та е-сервіси ради. Auth: `Authorization: Bearer <token>` "
    "(`hromada create_api_token USERNAME`). Errors: 422 with a list of `{field, message, code}`; "
    "other refusals `{code, message, field}`. Send `Accept-Language: en` for English messages.",
    auth=[BearerToken(), StaffSession()],
    urls_namespace="api",
    renderer=Utf8Renderer(),
)
api.add_router("/", appeals_router)
api.add_router("/", reports_router)
api.add_router("/petitions", petitions_staff_router)
api.add_router("/public", public_router)
api.add_router("/public/petitions", petitions_router)


@api.exception_handler(ValidationFailed)
def _validation_failed(request: HttpRequest, exc: ValidationFailed) -> HttpResponse:
    return api.create_response(request, [e.as_dict() for e in exc.errors], status=422)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(NinjaValidationError)
def _invalid_body(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(request, [e.as_dict() for e in field_errors(exc.errors)], status=422)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    body = {"code": "unauthorized", "message": _("Sign in or give an API token."), "field": ""}
    return api.create_response(request, body, status=401)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        # ninja wraps an unparsable body (bad JSON, bad encoding) in HttpError(400): it is bad input.
        error = FieldError("", _("The body is not valid JSON."), "json_invalid")
        return api.create_response(request, [error.as_dict()], status=422)
    return api.create_response(
        request, {"code": "error", "message": str(exc), "field": ""}, status=exc.status_code
    )
