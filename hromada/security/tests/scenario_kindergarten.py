"""The kindergarten part of the scenario: an institution with its groups (public), an application
resident A filed on the portal (`kg_application`: A's status page; the queue's managers' card), and a paper
application (the managers' only: its parent has no account). Made through the services the pages
use."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hromada.accounts.models import User
from hromada.kindergarten import services
from hromada.kindergarten.ages import current_school_year
from hromada.kindergarten.models import AgeGroup, Institution
from hromada.kindergarten.services import ApplicationInput

MANAGERS = {"education_officer", "administrator"}
CHILD_A = {
    "child_surname": "Ясельна-Таємниця",
    "child_name": "Веселина",
    "certificate_number": "917253",
    "parent_name": "Ясельна-Мати Ярослава Остапівна",
    "parent_phone": "+380631357111",
    "parent_email": "yaroslava.yaselna@kindergarten-a.example",
}
CHILD_PAPER = {
    "child_surname": "Паперовий-Прихований",
    "child_name": "Любомир",
    "certificate_number": "628461",
    "parent_name": "Паперова Мати Зиновія Карпівна",
    "parent_phone": "+380931112299",
    "parent_email": "zynovia.paper@kindergarten.example",
}

#: Who may see what (merged into the scenario's entitlement table, as `Access` keyword arguments).
ACCESS: dict[str, dict[str, Any]] = {
    "kg_application": {"staff": MANAGERS, "portal": {"resident_a"}},
    "kg_application_paper": {"staff": MANAGERS},
    # The institution and its group: public on the portal; their staff pages are the managers'.
    "kg_institution": {"staff": MANAGERS, "portal": "everyone"},
    "kg_group": {"staff": MANAGERS, "portal": "everyone"},
}
MARKERS: dict[str, list[str]] = {
    "kg_application": list(CHILD_A.values()),
    "kg_application_paper": list(CHILD_PAPER.values()),
    "kg_institution": [],
    "kg_group": [],
}


def _input(child: dict[str, str], institution: Institution, school_year: int) -> ApplicationInput:
    return ApplicationInput(
        **child,
        child_patronymic="",
        birth_date=dt.date(school_year - 3, 2, 14),
        sex=2,
        certificate_series="І-ЯС",
        parent_address="",
        registered_in_community=True,
        school_year=school_year,
        start_month=9,
        benefit="first_in_turn",
        institution_ids=[institution.pk],
    )


def build(users: dict[str, User], resident_a: User) -> tuple[dict[str, int], dict[str, str]]:
    """The ids of the kindergarten objects; the numbers (URL values), A's code, and a birth date and
    school year that fit the group (the API probes' bodies, api_ops_kindergarten)."""
    school_year = current_school_year() + 1
    place = Institution.objects.create(name="ЗДО сценарію «Дзвіночок»", address="вул. Сценарна, 1")
    group = AgeGroup.objects.create(institution=place, school_year=school_year, age=3, capacity=5)
    mine = services.file_application(actor=resident_a, data=_input(CHILD_A, place, school_year))
    paper = services.file_application(
        actor=users["education_officer"], data=_input(CHILD_PAPER, place, school_year), on_paper=True
    )
    ids = {
        "kg_application": mine.application.pk,
        "kg_application_paper": paper.application.pk,
        "kg_institution": place.pk,
        "kg_group": group.pk,
    }
    values = {
        "kg_number": str(mine.application.number),
        "kg_code": mine.code,
        "kg_number_paper": str(paper.application.number),
        "kg_birth_date": _input(CHILD_A, place, school_year).birth_date.isoformat(),
        "kg_school_year": str(school_year),
    }
    return ids, values
