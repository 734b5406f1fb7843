"""The input types every router of the JSON API shares, and the shapes of its refusals.

One definition, so that hostile input is refused the same way everywhere, as a 422 naming the field,
before it reaches a service or the database:

- `Text`: text without C0 control characters (other than tab, line feed and carriage return) and
  without lone surrogates. PostgreSQL refuses NUL in text and no encoder takes a lone surrogate, so
  either used to end as a 500; the other controls have no business in a name, an address or a letter
  (they hide text in the register and in exports). Trimmed, as every field of the register is.
- `Date` / `DateTime`: ISO 8601 strings only. pydantic's lax mode reads a number (or a string of
  digits) as Unix time, so `received_to=0` was the 1st of January 1970.
- `ObjectId`, `Count`: integers the database columns can hold (an id past 2**63 or a count past 2**31
  used to reach the database driver and fail there).
- `PageNumber`, `page_size()`, `Paging`: one paging bound. A page past the bound would be an OFFSET no
  database accepts (2**63 was a 500) and no person reads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any

from django.core.paginator import Paginator
from ninja import Schema
from pydantic import BaseModel, BeforeValidator, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

#: C0 controls except \t \n \r, DEL, and lone surrogates (never valid Unicode text).
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
#: The same rule for clients and fuzzers, as an ECMA-262 pattern in the OpenAPI document (surrogates
#: left out: JSON Schema regex engines disagree about them, and JSON text generators never make them).
TEXT_PATTERN = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$"


class _PlainText:
    """Refuses control characters; adds the pattern to the JSON schema so that clients know."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(_refuse_controls, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        result = handler(schema)
        result["pattern"] = TEXT_PATTERN
        return result


def _refuse_controls(value: str) -> str:
    if _FORBIDDEN.search(value):
        raise PydanticCustomError("control_character", "Remove control characters from the text.")
    return value


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


#: Text of any input field. Give `max_length` with `Field(...)` where the model has one.
Text = Annotated[str, BeforeValidator(_strip), _PlainText()]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}(:?\d{2})?)?\Z", re.ASCII
)


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value  # from Python (an import line), not from the wire
    if isinstance(value, str) and _DATE.match(value.strip()):
        return value.strip()
    raise PydanticCustomError("date_format", "Enter a date as YYYY-MM-DD.")


def _iso_datetime(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _DATETIME.match(value.strip()):
        return value.strip()
    raise PydanticCustomError("datetime_format", "Enter a date and time as YYYY-MM-DDTHH:MM.")


#: A day, as YYYY-MM-DD only.
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
#: A moment, as YYYY-MM-DDTHH:MM[:SS[.ffffff]][offset] only (no offset: the council's time).
DateTime = Annotated[dt.datetime, BeforeValidator(_iso_datetime)]

#: Ids are big integers (DEFAULT_AUTO_FIELD is BigAutoField).
ObjectId = Annotated[int, Field(ge=1, le=2**63 - 1)]
#: A count stored in an integer column (PostgreSQL's `integer`).
Count = Annotated[int, Field(ge=0, le=2**31 - 1)]

#: The last page anyone may ask for: a million pages of the smallest size is past every register
#: the council keeps; the offset it gives stays far inside a 64-bit integer.
MAX_PAGE = 1_000_000
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE, description=f"1 … {MAX_PAGE}")]


def page_size(default: int, maximum: int) -> Any:
    """The `page_size` field of a list: bounded, with the list's own default."""
    return Field(default, ge=1, le=maximum, description=f"1 … {maximum}")


class Paging(Schema):
    """?page=&page_size= of a list (a list's query schema extends this and may set its own size)."""

    page: PageNumber = 1
    page_size: int = page_size(25, 100)


# --- Refusals -------------------------------------------------------------------------------------


class ErrorOut(BaseModel):
    """A refusal: 401, 403, 404, 405, 409, 429 (and a domain rule's 400)."""

    code: str
    message: str
    field: str


class FieldErrorOut(BaseModel):
    """One invalid field of a 422 (the answer is a list of them)."""

    field: str = Field(
        description="dotted path of the field, e.g. `applicants.0.email`; empty: the whole body"
    )
    message: str
    code: str


def page_out(rows: Any, size: int, number: int, item: Callable[[Any], Any]) -> dict[str, Any]:
    """One page of a list as the API's lists return it: count, page, pages and the items (`item`
    turns a row into its output dict)."""
    found = Paginator(rows, size).get_page(number)
    return {
        "count": found.paginator.count,
        "page": found.number,
        "pages": found.paginator.num_pages,
        "items": [item(row) for row in found.object_list],
    }
