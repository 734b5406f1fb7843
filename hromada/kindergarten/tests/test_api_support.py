"""Support of the API and open-data tests (no tests here): institutions with their groups for the
2027/2028 school year, the education officer, and applications filed through the real service with
distinctive personal data (so that a test can look for every piece of it in a public answer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hromada.accounts.models import Role, User
from hromada.kindergarten import services
from hromada.kindergarten.models import AgeGroup, Institution

#: Friday 4.12.2026, 10:00 in Kyiv: the 2026/2027 school year runs; parents queue for 2027/2028.
NOW = "2026-12-04T10:00:00"
SCHOOL_YEAR = 2027
#: A child born on this day is 3 on 1.09.2027 (the reference day).
BORN = dt.date(2024, 3, 17)

__all__ = ["BORN", "NOW", "SCHOOL_YEAR", "application", "file", "institution", "officer", "person"]


def officer(username: str = "osvita", role: str = Role.EDUCATION_OFFICER) -> User:
    return User.objects.create_user(username=username, password="pw", role=role)


def institution(
    name: str, *, edrpou: str = "", ages: tuple[int, ...] = (2, 3, 4, 5), capacity: int = 2
) -> Institution:
    made = Institution.objects.create(name=name, edrpou=edrpou, address="вул. Садова, 1", district="Центр")
    for age in ages:
        AgeGroup.objects.create(institution=made, school_year=SCHOOL_YEAR, age=age, capacity=capacity)
    return made


def group(place: Institution, age: int = 3) -> AgeGroup:
    return AgeGroup.objects.get(institution=place, school_year=SCHOOL_YEAR, age=age)


def person(n: int) -> dict[str, Any]:
    """Personal data nobody else spells: the n-th child and parent."""
    return {
        "child_surname": f"Сонцевич-Таємна{n}",
        "child_name": f"Мирослава{n}",
        "child_patronymic": f"Остапівна-Прихована{n}",
        "certificate_series": "І-ФП",
        "certificate_number": f"73{n:04d}",
        "parent_name": f"Сонцевич-Батько Остап Карпович{n}",
        "parent_phone": f"+38050{n:07d}",
        "parent_email": f"batko{n}@prykhovano.example",
        "parent_address": f"вул. Потаємна Садова, {100 + n}, кв. {n}",
    }


def application(n: int, institutions: list[Institution], **overrides: Any) -> services.ApplicationInput:
    data: dict[str, Any] = {
        **person(n),
        "birth_date": BORN,
        "sex": 2,
        "registered_in_community": True,
        "school_year": SCHOOL_YEAR,
        "start_month": 9,
        "benefit": "none",
        "institution_ids": [i.pk for i in institutions],
    }
    data.update(overrides)
    return services.ApplicationInput(**data)


def file(actor: User, n: int, institutions: list[Institution], **overrides: Any) -> services.Filed:
    """File the n-th application on paper, as the education department does."""
    return services.file_application(
        actor=actor, data=application(n, institutions, **overrides), on_paper=True
    )


def body(n: int, institutions: list[Institution], **overrides: Any) -> dict[str, Any]:
    """The API's body of a paper application (dates as the wire spells them)."""
    data: dict[str, Any] = {
        **person(n),
        "birth_date": BORN.isoformat(),
        "sex": 1,
        "registered_in_community": False,
        "school_year": SCHOOL_YEAR,
        "start_month": 9,
        "benefit": "none",
        "institution_ids": [i.pk for i in institutions],
    }
    data.update(overrides)
    return data
