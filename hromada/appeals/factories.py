"""Plausible appeals for tests, the demo council and benchmarks (one generator for all three).

Texts are paraphrases of real residents' problems (fixtures/demo_texts.jsonl); names and addresses
are invented. Channel weights follow published council notes: most appeals reach a city through the
Government and regional hotlines.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils import timezone

CHANNEL_WEIGHTS = {
    "gov_hotline": 33,
    "regional_hotline": 24,
    "post": 11,
    "personal_reception": 7,
    "phone": 7,
    "web": 6,
    "email": 4,
    "social_media": 2,
    "authorities": 2,
    "other_bodies": 2,
    "authorized_person": 1,
    "media": 1,
}
ELECTRONIC = {"web", "email", "social_media"}
HOTLINES = {"gov_hotline", "regional_hotline"}

SURNAMES = [
    ("Коваленко", "Коваленко"),
    ("Шевченко", "Шевченко"),
    ("Бондаренко", "Бондаренко"),
    ("Ткаченко", "Ткаченко"),
    ("Кравченко", "Кравченко"),
    ("Олійник", "Олійник"),
    ("Шевчук", "Шевчук"),
    ("Поліщук", "Поліщук"),
    ("Мельник", "Мельник"),
    ("Лисенко", "Лисенко"),
    ("Савченко", "Савченко"),
    ("Руденко", "Руденко"),
    ("Мороз", "Мороз"),
    ("Марченко", "Марченко"),
    ("Петренко", "Петренко"),
    ("Іваненко", "Іваненко"),
    ("Гончаренко", "Гончаренко"),
    ("Ковальчук", "Ковальчук"),
    ("Клименко", "Клименко"),
    ("Павленко", "Павленко"),
    ("Левченко", "Левченко"),
    ("Харченко", "Харченко"),
    ("Кузьменко", "Кузьменко"),
    ("Литвиненко", "Литвиненко"),
    ("Ярошенко", "Ярошенко"),
    ("Захарченко", "Захарченко"),
    ("Демченко", "Демченко"),
    ("Білик", "Білик"),
    ("Гриценко", "Гриценко"),
    ("Остапчук", "Остапчук"),
    ("Юрченко", "Юрченко"),
    ("Андрієнко", "Андрієнко"),
    ("Федоренко", "Федоренко"),
    ("Дмитренко", "Дмитренко"),
    ("Ничипорук", "Ничипорук"),
    ("Зінченко", "Зінченко"),
    ("Антонюк", "Антонюк"),
    ("Вовк", "Вовк"),
    ("Гуменюк", "Гуменюк"),
    ("Ємельяненко", "Ємельяненко"),
    ("Жук", "Жук"),
    ("Соловйов", "Соловйова"),
    ("Білоус", "Білоус"),
    ("Костенко", "Костенко"),
    ("Пилипенко", "Пилипенко"),
    ("Рибак", "Рибак"),
    ("Сидоренко", "Сидоренко"),
    ("Тимошенко", "Тимошенко"),
    ("Усенко", "Усенко"),
    ("Чорновол", "Чорновол"),
    ("Щербак", "Щербак"),
    ("Яковенко", "Яковенко"),
    ("Дорошенко", "Дорошенко"),
]
MALE_NAMES = [
    "Олександр",
    "Іван",
    "Микола",
    "Петро",
    "Андрій",
    "Сергій",
    "Василь",
    "Юрій",
    "Віктор",
    "Володимир",
    "Богдан",
    "Тарас",
    "Олег",
    "Дмитро",
    "Григорій",
    "Степан",
    "Михайло",
    "Роман",
]
FEMALE_NAMES = [
    "Олена",
    "Наталія",
    "Тетяна",
    "Ольга",
    "Ірина",
    "Марія",
    "Людмила",
    "Галина",
    "Світлана",
    "Оксана",
    "Валентина",
    "Ганна",
    "Надія",
    "Катерина",
    "Любов",
    "Юлія",
    "Віра",
    "Лариса",
]
PATRONYMICS = [  # (male, female)
    ("Олександрович", "Олександрівна"),
    ("Іванович", "Іванівна"),
    ("Миколайович", "Миколаївна"),
    ("Петрович", "Петрівна"),
    ("Андрійович", "Андріївна"),
    ("Сергійович", "Сергіївна"),
    ("Васильович", "Василівна"),
    ("Юрійович", "Юріївна"),
    ("Вікторович", "Вікторівна"),
    ("Володимирович", "Володимирівна"),
    ("Степанович", "Степанівна"),
    ("Михайлович", "Михайлівна"),
    ("Григорович", "Григорівна"),
    ("Павлович", "Павлівна"),
    ("Анатолійович", "Анатоліївна"),
]
STREETS = [
    "вул. Шевченка",
    "вул. Соборна",
    "просп. Незалежності",
    "вул. Гетьмана Мазепи",
    "вул. Лесі Українки",
    "вул. Героїв України",
    "вул. Садова",
    "вул. Миру",
    "вул. Козацька",
    "вул. Івана Франка",
    "вул. Центральна",
    "вул. Грушевського",
    "вул. Зелена",
    "просп. Свободи",
    "вул. Європейська",
    "вул. Степана Бандери",
    "вул. Небесної Сотні",
    "вул. Квітнева",
]


@lru_cache(maxsize=1)
def demo_texts() -> list[dict[str, str]]:
    path = Path(__file__).resolve().parent / "fixtures" / "demo_texts.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class AppealFactory:
    """Makes registration bodies (dicts in the API's shape). Deterministic for a given seed."""

    def __init__(self, seed: int = 2026, *, people: int = 4000) -> None:
        self.rng = random.Random(seed)
        self.channels = list(CHANNEL_WEIGHTS)
        self.weights = list(CHANNEL_WEIGHTS.values())
        self.people = [self._person(i) for i in range(people)]
        self._card = 100_000

    def _person(self, i: int) -> dict[str, Any]:
        rng = self.rng
        female = rng.random() < 0.58
        male_surname, female_surname = rng.choice(SURNAMES)
        first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        male_patronymic, female_patronymic = rng.choice(PATRONYMICS)
        surname, patronymic = (
            (female_surname, female_patronymic) if female else (male_surname, male_patronymic)
        )
        name = f"{surname} {first} {patronymic}"
        person: dict[str, Any] = {
            "name": name,
            "address": f"{rng.choice(STREETS)}, {rng.randint(1, 180)}, кв. {rng.randint(1, 120)}",
            "phone": f"+38067{rng.randint(1000000, 9999999)}",
            "email": f"resident{i}@example.com",
            "sex": "female" if female else "male",
            "social_status": rng.choice(
                ["pensioner"] * 4
                + ["worker", "public_sector", "unemployed", "entrepreneur", "student", "other"]
            ),
        }
        roll = rng.random()
        if roll < 0.06:
            person["categories"] = [
                rng.choice(["combatant", "war_participant", "disability_2", "disability_1"])
            ]
        elif roll < 0.10:
            person["categories"] = [
                rng.choice(
                    ["large_family", "child_of_war", "chornobyl_affected", "labour_veteran", "single_mother"]
                )
            ]
        return person

    def body(self, received_at: dt.datetime | None = None, *, channel: str | None = None) -> dict[str, Any]:
        rng = self.rng
        channel = channel or rng.choices(self.channels, self.weights)[0]
        texts = demo_texts()
        first = rng.choice(texts)
        issues = [{"topic": first["topic"], "text": first["text"]}]
        if rng.random() < 0.06:
            second = rng.choice(texts)
            if second["topic"] != first["topic"]:
                issues.append({"topic": second["topic"], "text": second["text"]})
        person = dict(rng.choice(self.people))
        if channel not in ELECTRONIC and rng.random() < 0.5:
            person.pop("email")
        body: dict[str, Any] = {
            "channel": channel,
            "kind": first["kind"],
            "summary": first["text"][:120],
            "text": " ".join(i["text"] for i in issues),
            "issues": issues,
            "applicants": [person],
        }
        if received_at is not None:
            body["received_at"] = received_at.isoformat()
        if channel in HOTLINES:
            self._card += 1
            prefix = "УКЦ" if channel == "gov_hotline" else "РКЦ"
            body["external_id"] = f"{prefix}-{self._card}-{rng.randint(10, 99)}"
        roll = rng.random()
        if roll < 0.015:
            body["anonymous"] = True
            body["applicants"] = []
        elif roll < 0.045:
            body["signatories"] = rng.randint(2, 60)
        return body

    def received_times(self, start: dt.date, end: dt.date, count: int) -> list[dt.datetime]:
        """`count` moments between `start` and `end` (inclusive), mostly on weekdays in office hours."""
        days = (end - start).days + 1
        moments = []
        for _ in range(count):
            day = start + dt.timedelta(days=self.rng.randrange(days))
            if day.weekday() >= 5 and self.rng.random() < 0.7:
                day -= dt.timedelta(days=day.weekday() - 4)
            hour = self.rng.choice([8, 9, 9, 10, 10, 11, 11, 12, 13, 14, 14, 15, 16, 17, 19, 21])
            moment = dt.datetime.combine(max(start, day), dt.time(hour, self.rng.randrange(60)))
            moments.append(timezone.make_aware(moment))
        return sorted(moments)
