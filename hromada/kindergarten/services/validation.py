"""The field checks of an application, all at once, so that a form shows every problem together."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from hromada.core import clock
from hromada.core.errors import FieldError, ValidationFailed
from hromada.kindergarten.ages import age_group_age, current_school_year
from hromada.kindergarten.models import Benefit, Sex

#: How many school years ahead a place can be asked for (a newborn's parents file early).
YEARS_AHEAD = 6
_LIMITS = {
    "child_surname": 100,
    "child_name": 100,
    "child_patronymic": 100,
    "certificate_series": 10,
    "certificate_number": 20,
    "parent_name": 250,
    "parent_phone": 30,
    "parent_email": 254,
    "parent_address": 300,
}
_REQUIRED = (
    "child_surname",
    "child_name",
    "certificate_series",
    "certificate_number",
    "parent_name",
    "parent_phone",
)


@dataclass(frozen=True)
class ApplicationInput:
    """What a parent (or staff from a paper application) files."""

    child_surname: str
    child_name: str
    child_patronymic: str
    birth_date: dt.date
    sex: int
    certificate_series: str
    certificate_number: str
    parent_name: str
    parent_phone: str
    parent_email: str
    parent_address: str
    registered_in_community: bool
    school_year: int
    start_month: int
    benefit: str
    institution_ids: list[int] = field(default_factory=list)


def normalise_certificate(series: str, number: str) -> tuple[str, str]:
    """ "і-ак 123 456" and "І-АК123456" are one certificate."""
    clean_series = re.sub(r"[\s\-]", "", series or "").upper()
    clean_number = re.sub(r"\s", "", number or "")
    return clean_series, clean_number


def clean_input(data: ApplicationInput) -> ApplicationInput:
    """The trimmed, normalised input, or ValidationFailed with every field error."""
    text = {name: str(getattr(data, name) or "").strip() for name in _LIMITS}
    text["certificate_series"], text["certificate_number"] = normalise_certificate(
        text["certificate_series"], text["certificate_number"]
    )
    errors = [
        FieldError(name, _("This field is required."), "required") for name in _REQUIRED if not text[name]
    ]
    errors += [
        FieldError(name, _("The value is too long."), "too_long")
        for name, limit in _LIMITS.items()
        if len(text[name]) > limit
    ]
    if text["parent_phone"] and len(re.sub(r"\D", "", text["parent_phone"])) < 5:
        errors.append(FieldError("parent_phone", _("Enter a valid phone number.")))
    if text["parent_email"]:
        try:
            validate_email(text["parent_email"])
        except ValidationError:
            errors.append(FieldError("parent_email", _("Enter a valid e-mail address.")))
    errors += _check_dates(data)
    if data.sex not in Sex.values:
        errors.append(FieldError("sex", _("Choose the child's sex.")))
    if data.benefit not in Benefit.values:
        errors.append(FieldError("benefit", _("Choose a benefit from the list.")))
    if errors:
        raise ValidationFailed(errors)
    return replace(data, **text, institution_ids=[int(i) for i in data.institution_ids or []])  # type: ignore[arg-type]


def _check_dates(data: ApplicationInput) -> list[FieldError]:
    errors: list[FieldError] = []
    today = clock.today()
    first = current_school_year(today)
    year_ok = isinstance(data.school_year, int) and first <= data.school_year <= first + YEARS_AHEAD
    if not year_ok:
        errors.append(FieldError("school_year", _("Choose a school year from the list.")))
    if not isinstance(data.start_month, int) or not 1 <= data.start_month <= 12:
        errors.append(FieldError("start_month", _("Choose a month.")))
    if not isinstance(data.birth_date, dt.date):
        errors.append(FieldError("birth_date", _("Enter the birth date."), "required"))
    elif data.birth_date > today:
        errors.append(FieldError("birth_date", _("The birth date cannot be in the future."), "future"))
    elif year_ok and age_group_age(data.birth_date, data.school_year) >= int(
        settings.HROMADA_KINDERGARTEN_SCHOOL_AGE
    ):
        errors.append(FieldError("birth_date", _("The child will be of school age by then."), "school_age"))
    elif year_ok and age_group_age(data.birth_date, data.school_year) < 0:
        errors.append(FieldError("school_year", _("The child is not born by that school year."), "unborn"))
    return errors
