"""Domain errors: the business rule that was broken, said in Ukrainian (or the active language).

Every interface turns them into its own form: the API into 4xx JSON, pages into form errors, commands
into a line on stderr.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str
    code: str = "invalid"

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": str(self.message), "code": self.code}


class DomainError(Exception):
    """A rule of the domain refused the operation. `status` is the HTTP status an API answers with."""

    code = "domain_error"
    status = 400

    def __init__(self, message: str, *, field: str = "", code: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field
        if code:
            self.code = code

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": str(self.message), "field": self.field}


class ValidationFailed(DomainError):
    """One or more fields are invalid; nothing was saved."""

    code = "validation_error"
    status = 422

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        first = errors[0] if errors else FieldError("", "invalid")
        super().__init__(first.message, field=first.field)


class NotFound(DomainError):
    code = "not_found"
    status = 404


class PermissionDenied(DomainError):
    code = "forbidden"
    status = 403


class Conflict(DomainError):
    code = "conflict"
    status = 409


class RateLimited(DomainError):
    """Too many attempts from one address, e-mail or domain: try again after `retry_after` seconds.
    A domain error like the others, so that no call site catches it: pages answer it in one middleware
    (core.middleware), the API in one exception handler (hromada.api), both 429 with Retry-After."""

    code = "rate_limited"
    status = 429

    def __init__(self, retry_after: int) -> None:
        # Translated now, in the language of the request that raised it (a message is a `str`).
        super().__init__(gettext("Too many attempts. Try again later."))
        self.retry_after = retry_after
