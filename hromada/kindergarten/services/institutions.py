"""The institutions and their age groups, kept by the education department. A group that has
applications keeps its institution, school year and age (they define the queue); its capacity,
name, language and specialisation may change."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.core.errors import FieldError, ValidationFailed
from hromada.kindergarten.models import AgeGroup, Institution, Preference
from hromada.kindergarten.services.common import audit, require_manager
from hromada.kindergarten.services.queue import lock_groups

INSTITUTION_FIELDS = ("name", "edrpou", "address", "district", "territory", "contact", "active")
GROUP_FIELDS = ("institution", "school_year", "age", "name", "capacity", "language", "specialisation")
_QUEUE_KEYS = ("institution_id", "school_year", "age")
MAX_CAPACITY = 1000


def _unknown(fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    extra = set(fields) - set(allowed)
    if extra:
        raise TypeError(f"unknown fields: {sorted(extra)}")


def _lengths(obj: Any, names: tuple[str, ...]) -> list[FieldError]:
    errors = []
    for name in names:
        limit = obj._meta.get_field(name).max_length
        value = getattr(obj, name)
        if limit and isinstance(value, str) and len(value) > limit:
            errors.append(FieldError(name, _("The value is too long."), "too_long"))
    return errors


def save_institution(*, actor: User, institution: Institution | None, **fields: Any) -> Institution:
    """Create (institution None) or change an institution."""
    require_manager(actor)
    _unknown(fields, INSTITUTION_FIELDS)
    obj = institution if institution is not None else Institution()
    for name, value in fields.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)
    errors = _lengths(obj, ("name", "edrpou", "address", "district", "contact"))
    if not obj.name:
        errors.append(FieldError("name", _("This field is required."), "required"))
    if obj.edrpou and not re.fullmatch(r"\d{8}", obj.edrpou):
        errors.append(FieldError("edrpou", _("The EDRPOU code is 8 digits.")))
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        obj.save()
        audit(actor, "save_institution", institution_id=obj.pk, fields=sorted(fields))
    return obj


def save_age_group(*, actor: User, age_group: AgeGroup | None, **fields: Any) -> AgeGroup:
    """Create (age_group None; institution, school_year and age required) or change a group."""
    require_manager(actor)
    _unknown(fields, GROUP_FIELDS)
    with transaction.atomic():
        if age_group is not None:
            lock_groups([age_group.pk])
            obj = AgeGroup.objects.get(pk=age_group.pk)
        else:
            obj = AgeGroup()
        before = {key: getattr(obj, key) for key in _QUEUE_KEYS}
        for name, value in fields.items():
            setattr(obj, name, value.strip() if isinstance(value, str) else value)
        errors = _check_group(obj)
        moved = obj.pk and any(getattr(obj, k) != v for k, v in before.items())
        if moved and Preference.objects.filter(age_group_id=obj.pk).exists():
            errors.append(
                FieldError("age", _("The group has applications: its age and year stay."), "in_use")
            )
        if errors:
            raise ValidationFailed(errors)
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError as exc:
            raise ValidationFailed(
                [FieldError("age", _("The institution has a group of this age for that year."), "duplicate")]
            ) from exc
        audit(actor, "save_age_group", age_group_id=obj.pk, fields=sorted(fields))
    return obj


def _check_group(obj: AgeGroup) -> list[FieldError]:
    errors = _lengths(obj, ("name", "language", "specialisation"))
    if not obj.institution_id:
        errors.append(FieldError("institution", _("This field is required."), "required"))
    if not isinstance(obj.school_year, int) or not 2000 <= obj.school_year <= 2100:
        errors.append(FieldError("school_year", _("Enter the school year's first year.")))
    if not isinstance(obj.age, int) or not 0 <= obj.age < int(settings.HROMADA_KINDERGARTEN_SCHOOL_AGE):
        errors.append(FieldError("age", _("Enter an age below school age.")))
    if not isinstance(obj.capacity, int) or not 0 <= obj.capacity <= MAX_CAPACITY:
        errors.append(FieldError("capacity", _("Enter the number of places.")))
    return errors
