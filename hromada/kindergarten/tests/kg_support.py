"""Builders for the domain tests: institutions with groups, parents, officers, applications."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from hromada.accounts.models import Department, Role, User
from hromada.kindergarten import services
from hromada.kindergarten.models import AgeGroup, Application, Institution, Preference
from hromada.kindergarten.services import ApplicationInput, Filed

#: Monday 16 November 2026 (school year 2026/2027); the applications ask for 2027/2028.
NOW = "2026-11-16T10:00:00"
SCHOOL_YEAR = 2027
#: Three years old on 1 September 2027.
BORN = dt.date(2024, 3, 10)

_serial = itertools.count(1)


def institution(name: str = "ЗДО № 1 «Сонечко»", *, capacity: int = 2, ages: range = range(6)) -> Institution:
    inst = Institution.objects.create(name=name, edrpou=f"{next(_serial):08d}", address="вул. Шкільна, 1")
    for age in ages:
        AgeGroup.objects.create(institution=inst, school_year=SCHOOL_YEAR, age=age, capacity=capacity)
    return inst


def group(inst: Institution, age: int = 3) -> AgeGroup:
    return AgeGroup.objects.get(institution=inst, school_year=SCHOOL_YEAR, age=age)


def officer(username: str = "osvita", role: str = Role.EDUCATION_OFFICER) -> User:
    department = None
    if role == Role.EXECUTOR:
        department, _ = Department.objects.get_or_create(
            code="education", defaults={"name": "Управління освіти"}
        )
    return User.objects.create_user(
        username=username, password="pw", role=role, email=f"{username}@rada.test", department=department
    )


def parent(username: str = "mama") -> User:
    return User.objects.create_user(username=username, password="pw", email=f"{username}@example.org")


def data(institutions: list[Institution], **over: Any) -> ApplicationInput:
    n = next(_serial)
    fields: dict[str, Any] = {
        "child_surname": "Коваленко",
        "child_name": "Марія",
        "child_patronymic": "Іванівна",
        "birth_date": BORN,
        "sex": 2,
        "certificate_series": "І-АК",
        "certificate_number": f"{100000 + n}",
        "parent_name": "Коваленко Ольга Петрівна",
        "parent_phone": "+380671234567",
        "parent_email": "olha@example.org",
        "parent_address": "вул. Садова, 5",
        "registered_in_community": True,
        "school_year": SCHOOL_YEAR,
        "start_month": 9,
        "benefit": "none",
        "institution_ids": [i.pk for i in institutions],
    }
    fields.update(over)
    return ApplicationInput(**fields)


def file(
    actor: User | None, institutions: list[Institution], *, on_paper: bool = False, **over: Any
) -> Filed:
    return services.file_application(actor=actor, data=data(institutions, **over), on_paper=on_paper)


def queue(age_group: AgeGroup) -> list[int]:
    """The application ids of a queue in position order."""
    return list(
        Preference.objects.filter(age_group=age_group, position__isnull=False)
        .order_by("position")
        .values_list("application_id", flat=True)
    )


def places(application: Application) -> dict[int, int | None]:
    """age group id → position of one application."""
    return dict(Preference.objects.filter(application=application).values_list("age_group_id", "position"))
