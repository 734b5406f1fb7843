"""Demo е-петиції: a few petitions in several states, signed by demo residents (never in production).

Idempotent: a second run finds the demo petitions and adds nothing. All through the services (so the
counters, events and deadlines are what the real workflow makes), with e-mails muted."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from hromada.accounts.demo import PASSWORD, ensure_staff
from hromada.core import clock
from hromada.notifications.services import muted
from hromada.petitions import services
from hromada.petitions.models import Petition, PetitionStatus
from hromada.residents.demo import DEMO_EMAIL, seed_resident
from hromada.residents.models import Resident

SIGNERS = 40
FIRST_NAMES = ["Олена", "Іван", "Марія", "Петро", "Оксана", "Андрій", "Наталія", "Богдан", "Ірина", "Тарас"]
LAST_NAMES = ["Коваленко", "Бондар", "Ткаченко", "Кравчук", "Шевчук", "Поліщук", "Лисенко", "Мороз"]

#: (title, category, text, target state)
PETITIONS = [
    (
        "Облаштувати безбар'єрний перехід біля школи № 3",
        "transport",
        "Просимо облаштувати пониження бордюрів і тактильну плитку на переході біля школи № 3.",
        PetitionStatus.COLLECTING,
    ),
    (
        "Відновити нічне освітлення парку Перемоги",
        "communal",
        "Просимо відновити роботу ліхтарів у парку Перемоги з 22:00 до 6:00.",
        PetitionStatus.CONSIDERATION,
    ),
    (
        "Створити укриття в ліцеї на вулиці Садовій",
        "education",
        "Просимо передбачити в бюджеті облаштування найпростішого укриття в ліцеї.",
        PetitionStatus.ANSWERED,
    ),
    (
        "Перейменувати вулицю Пушкіна на вулицю Героїв ЗСУ",
        "housing",
        "Просимо розглянути перейменування вулиці за результатами громадського обговорення.",
        PetitionStatus.CLOSED,
    ),
    (
        "Заборонити феєрверки у святкові дні",
        "other",
        "Просимо заборонити феєрверки в межах громади.",
        PetitionStatus.REFUSED,
    ),
    (
        "Встановити велопарковки біля ЦНАП",
        "transport",
        "Просимо встановити щонайменше 10 велопарковок біля Центру надання адміністративних послуг.",
        PetitionStatus.MODERATION,
    ),
]


def _signers() -> list[Resident]:
    from hromada.accounts.models import User

    found = []
    now = clock.now()
    for i in range(SIGNERS):
        email = f"pidpysant{i + 1}@demo.test"
        resident = Resident.objects.filter(email=email).first()
        if resident is None:
            name = f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {LAST_NAMES[i % len(LAST_NAMES)]}"
            user = User(username=f"pidpysant{i + 1}", email=email, first_name=name)
            user.set_unusable_password()
            user.save()
            resident = Resident.objects.create(
                user=user,
                full_name=name,
                email=email,
                created_at=now,
                email_confirmed_at=now,
                birth_date=dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
                address="м. Демо, вул. Центральна, " + str(i + 1),
            )
        found.append(resident)
    return found


def _category(code: str) -> str:
    from hromada.reference.models import Topic

    if Topic.objects.filter(code=code, is_active=True).exists():
        return code
    return Topic.objects.filter(is_active=True).values_list("code", flat=True).first() or code


def seed_petitions() -> dict[str, int]:
    """Create the demo petitions once; returns how many of each state were made."""
    titles = [p[0] for p in PETITIONS]
    if Petition.objects.filter(title__in=titles).exists():
        return {}
    users = ensure_staff()
    moderator, head = users["moderator"], users["head"]
    author = Resident.objects.filter(email=DEMO_EMAIL).first() or seed_resident(PASSWORD)
    signers = _signers()
    made: dict[str, int] = {}
    now = clock.now()
    with muted(), transaction.atomic():
        for n, (title, category, text, target) in enumerate(PETITIONS):
            petition = services.create_petition_draft(
                author=author, title=title, text=text, category=_category(category)
            )
            if target == PetitionStatus.DRAFT:
                continue
            services.submit_petition(author=author, petition_id=petition.pk)
            if target == PetitionStatus.REFUSED:
                services.refuse_petition(
                    actor=moderator,
                    petition_id=petition.pk,
                    reason="Питання не належить до повноважень органів місцевого самоврядування.",
                )
            elif target != PetitionStatus.MODERATION:
                services.publish_petition(actor=moderator, petition_id=petition.pk)
                count = 12 + 5 * n
                for i, signer in enumerate(signers[:count]):
                    at = now - dt.timedelta(minutes=(count - i) * 7)
                    services.sign_petition(
                        signer=signer,
                        petition_id=petition.pk,
                        wants_updates=i % 3 == 0,
                        ip=f"10.0.{n}.{i}",
                        now=at,
                    )
                if target in (PetitionStatus.CONSIDERATION, PetitionStatus.ANSWERED):
                    petition.refresh_from_db()
                    missing = (petition.threshold or 0) - petition.total_count
                    services.add_paper_signatures(
                        actor=moderator,
                        petition_id=petition.pk,
                        count=max(missing, 1),
                        protocol=f"Протокол № {n + 1}",
                    )
                if target == PetitionStatus.ANSWERED:
                    services.answer_petition(
                        actor=head,
                        petition_id=petition.pk,
                        supported=True,
                        text="Петицію підтримано: укриття включено до програми на наступний рік.",
                    )
                if target == PetitionStatus.CLOSED:
                    Petition.objects.filter(pk=petition.pk).update(
                        deadline=clock.today() - dt.timedelta(days=1)
                    )
                    services.close_expired_petitions(clock.today(), today=clock.today())
            made[target] = made.get(target, 0) + 1
    return made
