"""The demo kindergarten queue (`seed_demo`): eight institutions with groups for this school year and
the next, sixty applications filed over the last two years (benefits claimed, confirmed and one
refused), one place offered, one child enrolled, one application cancelled — and one application of
the demo resident, so the cabinet shows one. Seeded (one story every run) and made once."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from hromada.accounts.demo import ensure_staff
from hromada.accounts.models import User
from hromada.core import clock
from hromada.kindergarten import services
from hromada.kindergarten.ages import current_school_year, reference_date, years_before
from hromada.kindergarten.models import AgeGroup, Application, Institution, PositionChange, PositionReason
from hromada.kindergarten.services import ApplicationInput
from hromada.notifications.services import muted
from hromada.residents.demo import DEMO_EMAIL

APPLICATIONS = 60
INSTITUTIONS = [
    ("Заклад дошкільної освіти (ясла-садок) № 1 «Сонечко»", "вул. Шевченка, 12", "Центральний"),
    ("Заклад дошкільної освіти (ясла-садок) № 3 «Веселка»", "вул. Героїв Майдану, 4", "Центральний"),
    ("Заклад дошкільної освіти № 5 «Барвінок»", "вул. Садова, 27", "Північний"),
    ("Заклад дошкільної освіти (ясла-садок) № 7 «Калинка»", "просп. Незалежності, 81", "Північний"),
    ("Заклад дошкільної освіти № 9 «Казка»", "вул. Лесі Українки, 15", "Південний"),
    ("Заклад дошкільної освіти (ясла-садок) № 11 «Дзвіночок»", "вул. Соборна, 3", "Південний"),
    ("Заклад дошкільної освіти № 14 «Теремок»", "вул. Миру, 40", "Західний"),
    ("Заклад дошкільної освіти (центр розвитку дитини) № 17 «Джерельце»", "вул. Квітнева, 9", "Західний"),
]
SURNAMES = ["Коваленко", "Бондаренко", "Ткачук", "Мельник", "Шевчук", "Кравченко", "Олійник", "Лисенко"]
GIRLS = ["Софія", "Анна", "Марія", "Злата", "Вероніка", "Олена"]
BOYS = ["Артем", "Максим", "Марко", "Богдан", "Давид", "Назар"]
PARENTS = ["Ольга Петрівна", "Ірина Василівна", "Андрій Миколайович", "Тетяна Іванівна", "Сергій Олегович"]


def seed_kindergarten(seed: int = 15) -> dict[str, int]:
    """Every demo letter is muted: the demo parents' addresses are made up and must never be mailed."""
    if Institution.objects.exists():
        return {}
    rng = random.Random(seed)
    with muted(), transaction.atomic():
        officer = ensure_staff()["osvita"]
        institutions = _institutions(officer, rng)
        apps = [_file(rng, institutions, n) for n in range(APPLICATIONS)]
        _backdate(apps)
        _benefits(officer, apps, rng)
        _offers(officer, apps)
    return {"kindergarten_institutions": len(institutions), "kindergarten_applications": len(apps)}


def _institutions(officer: User, rng: random.Random) -> list[Institution]:
    year = current_school_year()
    made = []
    for n, (name, address, district) in enumerate(INSTITUTIONS):
        inst = services.save_institution(
            actor=officer,
            institution=None,
            name=name,
            edrpou=f"{26004000 + 137 * n:08d}",
            address=address,
            district=district,
            territory=f"{district} район громади",
            contact=f"+38 (0462) 6{n}-1{n}-0{n}",
        )
        for school_year in (year, year + 1):
            for age in range(1, 6):
                services.save_age_group(
                    actor=officer,
                    age_group=None,
                    institution=inst,
                    school_year=school_year,
                    age=age,
                    capacity=rng.choice([2, 3, 15, 20, 25]),
                    language="українська",
                    specialisation="інклюзивна" if (n + age) % 7 == 0 else "",
                )
        made.append(inst)
    return made


def _file(rng: random.Random, institutions: list[Institution], n: int) -> Application:
    year = current_school_year() + (1 if n % 4 else 0)
    age = rng.randint(1, 5)
    born = years_before(reference_date(year), age) - dt.timedelta(days=rng.randint(1, 360))
    girl = n % 2 == 0
    surname = rng.choice(SURNAMES)
    parent = User.objects.filter(email=DEMO_EMAIL).first() if n == APPLICATIONS - 1 else None
    chosen = rng.sample(institutions, rng.choice([1, 2, 3, 3]))
    data = ApplicationInput(
        child_surname=surname,
        child_name=rng.choice(GIRLS if girl else BOYS),
        child_patronymic="",
        birth_date=born,
        sex=2 if girl else 1,
        certificate_series="І-ЕЛ",
        certificate_number=f"{512000 + n * 7:06d}",
        parent_name=f"{surname} {rng.choice(PARENTS)}",
        parent_phone=f"+38067{1000000 + n * 3791:07d}",
        parent_email=DEMO_EMAIL if parent else f"parent{n + 1}@demo.test",
        parent_address=f"вул. Центральна, {n + 1}",
        registered_in_community=n % 9 != 0,
        school_year=year,
        start_month=9,
        benefit=rng.choice(["none"] * 6 + ["first_in_turn", "first_in_turn", "out_of_turn"]),
        institution_ids=[i.pk for i in chosen],
    )
    return services.file_application(actor=parent, data=data, on_paper=parent is None).application


def _backdate(apps: list[Application]) -> None:
    """Spread the filings over the last two years, in filing order (the queues' order stays)."""
    now = clock.now()
    for n, app in enumerate(apps):
        filed = now - dt.timedelta(days=730 * (len(apps) - n) / len(apps), hours=n % 7)
        number = f"ДНЗ-{timezone.localtime(filed).year}-{app.pk:06d}"
        Application.objects.filter(pk=app.pk).update(filed_at=filed, number=number)
        PositionChange.objects.filter(cause=app, reason=PositionReason.FILED).update(at=filed)
        app.filed_at, app.number = filed, number


def _benefits(officer: User, apps: list[Application], rng: random.Random) -> None:
    claimed = [a for a in apps if a.benefit != "none"]
    for n, app in enumerate(claimed):
        if n == 1:
            services.refuse_benefit(actor=officer, application=app, note="Довідку не подано.")
        elif n % 3 != 2:
            services.confirm_benefit(actor=officer, application=app, note="Документ перевірено.")


def _offers(officer: User, apps: list[Application]) -> None:
    """One child enrolled, one place offered (waiting for the answer), one application withdrawn."""
    groups = AgeGroup.objects.filter(preferences__position=1, capacity__gte=2).order_by("pk").distinct()
    first, second = list(groups[:2])
    enrolled = services.offer_place(actor=officer, age_group=first)
    services.accept_offer(actor=officer, application=enrolled)
    services.offer_place(actor=officer, age_group=second)
    waiting = Application.objects.filter(status="active", filed_by__isnull=True).order_by("-pk").first()
    if waiting is not None:
        services.cancel_application(actor=officer, application=waiting, note="Батьки відкликали заяву.")
