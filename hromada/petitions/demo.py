"""Demo е-петиції: a few petitions in several states, signed by demo residents (never in production).

Each petition lives its story in the council year that ends today: created, moderated, signed over
weeks, supported on paper, answered within the charter's term, or closed the day after its last day;
every step goes through the services with the council clock set to when it happened (so counters,
events and deadlines are what the real workflow makes), with e-mails muted. Seeded: one story.
Idempotent: a second run finds the demo petitions and adds nothing."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from hromada.accounts.demo import PASSWORD, ensure_staff
from hromada.accounts.models import User
from hromada.core import clock
from hromada.notifications.services import muted
from hromada.petitions import services
from hromada.petitions.models import Petition, PetitionStatus
from hromada.residents.demo import DEMO_EMAIL, seed_resident
from hromada.residents.models import Resident

SIGNERS = 40
#: (first name, female?) — the patronymic is made for the same sex.
FIRST_NAMES = [
    ("Олена", True),
    ("Іван", False),
    ("Марія", True),
    ("Петро", False),
    ("Оксана", True),
    ("Андрій", False),
    ("Наталія", True),
    ("Богдан", False),
    ("Ірина", True),
    ("Тарас", False),
    ("Галина", True),
    ("Микола", False),
]
#: Surnames the same for a man and a woman.
LAST_NAMES = [
    "Коваленко",
    "Бондар",
    "Ткаченко",
    "Кравчук",
    "Шевчук",
    "Поліщук",
    "Лисенко",
    "Мороз",
    "Гуменюк",
]
PATRONYMICS = [  # (male, female)
    ("Олександрович", "Олександрівна"),
    ("Іванович", "Іванівна"),
    ("Миколайович", "Миколаївна"),
    ("Петрович", "Петрівна"),
    ("Васильович", "Василівна"),
    ("Степанович", "Степанівна"),
    ("Григорович", "Григорівна"),
]
#: Signers are adults of every age: 18 to 80 years old today.
SIGNER_AGES = (18, 80)
#: The demo signers' accounts were made this long ago (before the oldest petition).
SIGNERS_SINCE_DAYS = 300


@dataclass(frozen=True)
class DemoPetition:
    title: str
    category: str
    text: str
    target: PetitionStatus
    #: Days before today it was created (drafted and submitted that day, moderated the next).
    created: int
    #: Online signatures it collects.
    online: int = 0
    #: Days before today the paper signatures came (that reaches the threshold), 0 for none.
    paper: int = 0
    #: Days before today the head answered, 0 for no answer.
    answered: int = 0


PETITIONS = [
    DemoPetition(
        "Облаштувати безбар'єрний перехід біля школи № 3",
        "transport",
        "Просимо облаштувати пониження бордюрів і тактильну плитку на переході біля школи № 3.",
        PetitionStatus.COLLECTING,
        created=24,
        online=22,
    ),
    DemoPetition(
        "Відновити нічне освітлення парку Перемоги",
        "communal",
        "Просимо відновити роботу ліхтарів у парку Перемоги з 22:00 до 6:00.",
        PetitionStatus.CONSIDERATION,
        created=50,
        online=37,
        paper=6,
    ),
    DemoPetition(
        "Створити укриття в ліцеї на вулиці Садовій",
        "education",
        "Просимо передбачити в бюджеті облаштування найпростішого укриття в ліцеї.",
        PetitionStatus.ANSWERED,
        created=130,
        online=40,
        paper=94,
        answered=85,
    ),
    DemoPetition(
        "Перейменувати вулицю Пушкіна на вулицю Героїв ЗСУ",
        "state_building",
        "Просимо розглянути перейменування вулиці за результатами громадського обговорення.",
        PetitionStatus.CLOSED,
        created=110,
        online=31,
    ),
    DemoPetition(
        "Заборонити феєрверки у святкові дні",
        "other",
        "Просимо заборонити феєрверки в межах громади.",
        PetitionStatus.REFUSED,
        created=64,
    ),
    DemoPetition(
        "Встановити велопарковки біля ЦНАП",
        "transport",
        "Просимо встановити щонайменше 10 велопарковок біля Центру надання адміністративних послуг.",
        PetitionStatus.MODERATION,
        created=0,
    ),
]


@contextmanager
def council_clock(moment: dt.datetime) -> Iterator[None]:
    """The council's clock (core/clock.py) shows `moment` inside the block."""
    with override_settings(HROMADA_NOW=moment.isoformat()):
        yield


def signer_name(i: int) -> str:
    """ "Прізвище Ім'я По батькові" with the patronymic of the first name's sex."""
    first, female = FIRST_NAMES[i % len(FIRST_NAMES)]
    male_patronymic, female_patronymic = PATRONYMICS[i % len(PATRONYMICS)]
    patronymic = female_patronymic if female else male_patronymic
    return f"{LAST_NAMES[i % len(LAST_NAMES)]} {first} {patronymic}"


def _signers(rng: random.Random) -> list[Resident]:
    found = []
    today = clock.today()
    since = clock.now() - dt.timedelta(days=SIGNERS_SINCE_DAYS)
    for i in range(SIGNERS):
        email = f"pidpysant{i + 1}@demo.test"
        age_days = rng.randint(SIGNER_AGES[0] * 366 + 1, SIGNER_AGES[1] * 365)
        resident = Resident.objects.filter(email=email).first()
        if resident is None:
            name = signer_name(i)
            user = User(username=f"pidpysant{i + 1}", email=email, first_name=name, date_joined=since)
            user.set_unusable_password()
            user.save()
            resident = Resident.objects.create(
                user=user,
                full_name=name,
                email=email,
                created_at=since,
                email_confirmed_at=since + dt.timedelta(minutes=3),
                birth_date=today - dt.timedelta(days=age_days),
                address="м. Демо, вул. Центральна, " + str(i + 1),
            )
        found.append(resident)
    return found


def _category(code: str) -> str:
    from hromada.reference.models import Topic

    if Topic.objects.filter(code=code, is_active=True).exists():
        return code
    return Topic.objects.filter(is_active=True).values_list("code", flat=True).first() or code


def _moment(days_ago: int, hour: int, rng: random.Random) -> dt.datetime:
    """`days_ago` days before today at about `hour` o'clock, never later than now."""
    day = clock.today() - dt.timedelta(days=days_ago)
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, rng.randrange(60))))
    return min(moment, clock.now() - dt.timedelta(minutes=30))


def seed_petitions(seed: int = 2026) -> dict[str, int]:
    """Create the demo petitions once; returns how many of each state were made."""
    titles = [p.title for p in PETITIONS]
    if Petition.objects.filter(title__in=titles).exists():
        return {}
    rng = random.Random(seed)
    users = ensure_staff()
    author = Resident.objects.filter(email=DEMO_EMAIL).first() or seed_resident(PASSWORD)
    signers = _signers(rng)
    made: dict[str, int] = {}
    with muted(), transaction.atomic():
        for n, item in enumerate(PETITIONS):
            _live(n, item, author, signers, users, rng)
            made[item.target] = made.get(item.target, 0) + 1
    return made


def _live(
    n: int,
    item: DemoPetition,
    author: Resident,
    signers: list[Resident],
    users: dict[str, User],
    rng: random.Random,
) -> None:
    """One petition's story, step by step at the moments it happened."""
    moderator, head = users["moderator"], users["head"]
    created = _moment(item.created, 10, rng) if item.created else clock.now() - dt.timedelta(hours=5)
    with council_clock(created):
        petition = services.create_petition_draft(
            author=author, title=item.title, text=item.text, category=_category(item.category)
        )
    with council_clock(created + dt.timedelta(minutes=40)):
        services.submit_petition(author=author, petition_id=petition.pk)
    if item.target == PetitionStatus.MODERATION:
        return
    moderated = _moment(item.created - 1, 11, rng)
    with council_clock(moderated):
        if item.target == PetitionStatus.REFUSED:
            services.refuse_petition(
                actor=moderator,
                petition_id=petition.pk,
                reason="Питання не належить до повноважень органів місцевого самоврядування.",
            )
            return
        services.publish_petition(actor=moderator, petition_id=petition.pk)
    petition.refresh_from_db()
    assert petition.deadline is not None
    if item.paper:
        last = _moment(item.paper, 9, rng)
    else:
        deadline_end = timezone.make_aware(dt.datetime.combine(petition.deadline, dt.time(22, 0)))
        last = min(clock.now() - dt.timedelta(hours=1), deadline_end)
    _sign(n, petition.pk, signers[: item.online], moderated, last, rng)
    if item.paper:
        with council_clock(_moment(item.paper, 12, rng)):
            petition.refresh_from_db()
            services.add_paper_signatures(
                actor=moderator,
                petition_id=petition.pk,
                count=max((petition.threshold or 0) - petition.total_count, 1),
                protocol=f"Протокол № {n + 1}",
            )
    if item.answered:
        with council_clock(_moment(item.answered, 15, rng)):
            services.answer_petition(
                actor=head,
                petition_id=petition.pk,
                supported=True,
                text="Петицію підтримано: укриття включено до програми на наступний рік.",
            )
    if item.target == PetitionStatus.CLOSED:
        day_after = petition.deadline + dt.timedelta(days=1)
        at = timezone.make_aware(dt.datetime.combine(day_after, dt.time(0, 30)))
        with council_clock(at):
            services.close_expired_petitions(day_after, today=day_after)


def _sign(
    n: int,
    petition_id: int,
    signers: list[Resident],
    start: dt.datetime,
    end: dt.datetime,
    rng: random.Random,
) -> None:
    """The signers sign one by one between `start` and `end`, most of them in the first days."""
    span = (end - start).total_seconds()
    offsets = sorted(span * rng.random() ** 2 for _ in signers)
    for i, (signer, offset) in enumerate(zip(signers, offsets, strict=True)):
        services.sign_petition(
            signer=signer,
            petition_id=petition_id,
            wants_updates=i % 3 == 0,
            ip=f"10.0.{n}.{i}",
            now=start + dt.timedelta(seconds=max(offset, 600)),
        )
