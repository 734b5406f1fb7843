"""The one JSON API, /api/v1/. Routers are listed here explicitly."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import URLPattern, URLResolver, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer, SessionAuth

from hromada.accounts import second_factor
from hromada.accounts.models import User
from hromada.accounts.services import user_for_token
from hromada.appeals.api.files import router as appeal_files_router
from hromada.appeals.api.public import router as public_router
from hromada.appeals.api.staff import router as appeals_router
from hromada.core.api_types import ErrorOut, FieldErrorOut
from hromada.core.errors import DomainError, FieldError, RateLimited, ValidationFailed
from hromada.core.pages import rate_limit_body
from hromada.core.validation import field_errors
from hromada.kindergarten.api import public as kindergarten_public
from hromada.kindergarten.api import staff as kindergarten_staff
from hromada.petitions.api.public import router as petitions_router
from hromada.petitions.api.staff import router as petitions_staff_router
from hromada.receptions.api import centre as receptions_centre
from hromada.receptions.api import personal as receptions_personal
from hromada.receptions.api import queue as receptions_queue
from hromada.reports.api import router as reports_router


class Utf8Renderer(JSONRenderer):
    """Ukrainian text as text, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return user_for_token(token)


class StaffSession(SessionAuth):
    """The staff workspace's session: only an account with a staff role. A resident signed in to the
    portal's cabinet is a user too, but the staff API is not theirs (401, as for anyone else). A
    session that has passed the password but not the second factor its role needs is refused too:
    the second factor would mean nothing if the API behind the pages did not ask for it."""

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = super().authenticate(request, key)
        if user is None or not getattr(user, "role", ""):
            return None
        return user if second_factor.is_satisfied(request) else None


def _refusal(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"code": code, "message": message, "field": ""},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


@csrf_exempt  # it changes nothing; without this a POST with a cookie got Django's HTML 403
def not_found(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """Any path under /api/v1/ that no operation serves: JSON, as every other refusal of the API."""
    return _refusal("not_found", _("Nothing here: check the address."), 404)


def _json_refusals(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ninja answers a method a path does not serve with a plain-text 405: make it the API's JSON."""

    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            refused = _refusal("method_not_allowed", _("This address does not take this method."), 405)
            refused["Allow"] = response.get("Allow", "")
            return refused
        return response

    for attribute in ("csrf_exempt", "__name__", "__doc__"):
        if hasattr(view, attribute):
            setattr(wrapped, attribute, getattr(view, attribute))
    return wrapped


#: The refusals every operation may give, by what the operation has (see HromadaApi.document_refusals).
_ERROR = {"$ref": "#/components/schemas/ErrorOut"}
_FIELD_ERRORS = {"type": "array", "items": {"$ref": "#/components/schemas/FieldErrorOut"}}


def _answer(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


class HromadaApi(NinjaAPI):
    """NinjaAPI whose URLs answer JSON for unknown paths and methods, and whose OpenAPI document lists
    every refusal an operation can give, not only the answers its view returns itself."""

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _json_refusals(pattern.callback)
        # Last: a path no operation matched (e.g. /petitions/abc, whose id must be a number).
        return [*patterns, re_path(r"^[\s\S]*$", not_found)]  # [\s\S]: a %0A too

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (ErrorOut, FieldErrorOut):
            components.setdefault(model.__name__, model.model_json_schema())
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                self.document_refusals(method, operation)
        return schema

    @staticmethod
    def document_refusals(method: str, operation: dict[str, Any]) -> None:
        """401 and 403 where a credential is needed (a role, a confirmed e-mail; the session's CSRF
        check), 404 where the path names an object, 409 where a secured operation changes state (the
        object is not in a state that allows it), 422 where anything is read from the request. The
        rate-limited operations declare 429 themselves."""
        responses = operation.setdefault("responses", {})
        secured = bool(operation.get("security"))
        parameters = operation.get("parameters", [])
        changes = method.lower() in {"post", "put", "patch", "delete"}
        wanted: dict[str, dict[str, Any]] = {}
        if secured:
            wanted["401"] = _answer("No credential, or not one the operation takes", _ERROR)
            wanted["403"] = _answer("The role (or the account's state) does not allow it", _ERROR)
        if any(p.get("in") == "path" for p in parameters):
            wanted["404"] = _answer("No such object, or not visible to you", _ERROR)
        if secured and changes:
            wanted["409"] = _answer("The object's state does not allow it", _ERROR)
        if parameters or "requestBody" in operation or changes:
            wanted["422"] = _answer("Invalid input: a list of field errors; nothing was saved", _FIELD_ERRORS)
        given = {str(status) for status in responses}  # ninja keys them by int
        for status, answer in wanted.items():
            if status not in given:
                responses[int(status)] = answer


api = HromadaApi(
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
api.add_router("/", appeal_files_router)
api.add_router("/", reports_router)
api.add_router("/petitions", petitions_staff_router)
api.add_router("/public", public_router)
api.add_router("/public/petitions", petitions_router)
for _receptions in (receptions_personal, receptions_centre, receptions_queue):
    api.add_router("/receptions", _receptions.router)
    api.add_router("/public/receptions", _receptions.public_router)
api.add_router("/kindergarten", kindergarten_staff.router)
api.add_router("/public/kindergarten", kindergarten_public.public_router)


@api.exception_handler(ValidationFailed)
def _validation_failed(request: HttpRequest, exc: ValidationFailed) -> HttpResponse:
    return api.create_response(request, [e.as_dict() for e in exc.errors], status=422)


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    """Every rate-limited operation's 429, with the seconds to wait in Retry-After."""
    response = api.create_response(request, rate_limit_body(exc), status=exc.status)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(NinjaValidationError)
def _invalid_body(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(request, [e.as_dict() for e in field_errors(exc.errors)], status=422)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    body = {"code": "not_found", "message": _("Nothing here: check the address."), "field": ""}
    return api.create_response(request, body, status=404)


@api.exception_handler(MultiPartParserError)
def _bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    """A multipart body without a valid boundary is the client's mistake, not the server's (was 500)."""
    error = FieldError("", _("The body is not valid multipart/form-data."), "multipart_invalid")
    return api.create_response(request, [error.as_dict()], status=422)


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
