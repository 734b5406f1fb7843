"""Demo public questions (one or more in every state) and legal consultations for the demo council.

`seed_questions()` is called by the `seed_demo` command after the demo departments and staff exist;
it goes through the real services with the clock set back, mutes the letters, and skips whatever it
made before (idempotent: an item whose text is already stored is not made again).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from hromada.accounts.models import Department, Role, User
from hromada.core import clock
from hromada.notifications.services import muted
from hromada.questions import services
from hromada.questions.models import LegalConsultation, Question
from hromada.reference import selectors as ref
from hromada.reference.models import Topic


@dataclass(frozen=True)
class DemoQuestion:
    author: str
    topic: str
    department: str
    text: str
    days_ago: int
    #: "new", "published", "answered" or "rejected"
    state: str
    answer: str = ""
    reason: str = ""


QUESTIONS = [
    DemoQuestion(
        "Коваленко Іван Петрович",
        "communal",
        "communal",
        "Коли планується заміна ліфтів у будинках № 5 і № 7 на вул. Київській? Ліфти працюють з 1978 року "
        "і часто зупиняються між поверхами.",
        40,
        "answered",
        answer="Заміну ліфтів у будинках № 5 і № 7 на вул. Київській включено до програми капітального "
        "ремонту житлового фонду на 2027 рік. До того часу обслуговувальна організація щомісяця проводить "
        "технічний огляд ліфтів.",
    ),
    DemoQuestion(
        "Шевченко Марія Олексіївна",
        "transport",
        "transport",
        "Чи буде відновлено автобусний маршрут № 7 до мікрорайону Південний у вечірній час?",
        30,
        "answered",
        answer="З 1 грудня маршрут № 7 працюватиме до 22:00 з інтервалом 20 хвилин; розклад оприлюднено на "
        "сайті ради.",
    ),
    DemoQuestion(
        "Бондаренко-Лисенко Олег Миколайович",
        "education",
        "education",
        "Скільки нових місць у дитячих садках відкриють у наступному навчальному році?",
        21,
        "answered",
        answer="Після реконструкції ЗДО № 14 відкриються дві нові групи на 40 місць.",
    ),
    DemoQuestion(
        "Ткачук Наталія Василівна",
        "ecology",
        "ecology",
        "Хто відповідає за видалення аварійних дерев у сквері на вул. Лесі Українки?",
        6,
        "published",
    ),
    DemoQuestion(
        "Мельничук Андрій Іванович",
        "social_protection",
        "social",
        "Як оформити компенсацію за догляд за людиною з інвалідністю І групи?",
        4,
        "published",
    ),
    DemoQuestion(
        "Остапчук Галина Петрівна",
        "communal",
        "communal",
        "Чому в будинку № 3 на вул. Садовій уже тиждень немає гарячої води?",
        1,
        "new",
    ),
    DemoQuestion(
        "Гуменюк Роман",
        "other",
        "",
        "Де в місті можна безкоштовно здати на переробку старі батарейки?",
        0,
        "new",
    ),
    DemoQuestion(
        "Демченко Олена Вікторівна",
        "other",
        "",
        "Продаю будівельні матеріали недорого, телефонуйте за номером у профілі.",
        9,
        "rejected",
        reason="Повідомлення є рекламою і не містить запитання до міської влади.",
    ),
]

CONSULTATIONS = [
    (
        "Як оскаржити рішення органу місцевого самоврядування?",
        "local_government",
        "Мешканець не згоден із рішенням виконавчого комітету. Куди і в який строк можна його оскаржити?",
        "Рішення можна оскаржити до суду в порядку адміністративного судочинства, як правило, протягом "
        "шести місяців з дня, коли особа дізналася про порушення своїх прав. Скаргу можна також подати "
        "міському голові або до ради.",
        True,
    ),
    (
        "Чи може управитель підвищити тариф без згоди співвласників?",
        "communal",
        "Управитель багатоквартирного будинку повідомив про підвищення ціни послуги. Чи законно це?",
        "Ціна послуги з управління визначається договором; змінити її можна лише в порядку, який цей "
        "договір передбачає. Співвласники мають право вимагати обґрунтування та розрахунку ціни.",
        True,
    ),
    (
        "Як отримати безоплатну правову допомогу?",
        "law_order",
        "Хто має право на безоплатну вторинну правову допомогу і куди звертатися?",
        "Право мають, зокрема, особи з доходом нижче двох прожиткових мінімумів, ветерани війни, "
        "внутрішньо переміщені особи. Звертатися слід до найближчого бюро правової допомоги.",
        False,
    ),
]


def _first(role: str) -> User | None:
    return User.objects.filter(role=role, is_active=True).order_by("username").first()


def _department(code: str) -> Department | None:
    if code:
        found = Department.objects.filter(code=code, is_active=True).first()
        if found:
            return found
    return Department.objects.filter(is_active=True).order_by("name").first()


def _answerer(department: Department) -> User | None:
    executor = (
        User.objects.filter(role=Role.EXECUTOR, department=department, is_active=True)
        .order_by("username")
        .first()
    )
    return executor or _first(Role.HEAD)


def _topic(code: str) -> str:
    topics = ref.active(Topic)
    return code if code in topics else next(iter(topics), "")


def _asked_at(item: DemoQuestion, now: dt.datetime) -> dt.datetime:
    """In the daytime `days_ago` days before now (an hour ago at the latest): residents do not all
    write at three in the morning."""
    day = timezone.localtime(now).date() - dt.timedelta(days=item.days_ago)
    minute = (len(item.text) * 7) % 60  # fixed per question: the demo is the same on every run
    daytime = timezone.make_aware(dt.datetime.combine(day, dt.time(10 + item.days_ago % 8, minute)))
    return min(daytime, now - dt.timedelta(hours=1))


@transaction.atomic
def seed_questions() -> dict[str, int]:
    """The demo questions and consultations that are not there yet; returns how many were made."""
    made = {"questions": 0, "consultations": 0}
    moderator = _first(Role.MODERATOR)
    if moderator is None:
        return made  # the demo staff come first (seed_demo)
    now = clock.now()
    with muted():
        for item in QUESTIONS:
            if Question.objects.filter(text=item.text).exists():
                continue
            asked = _asked_at(item, now)
            question = services.ask_question(
                name=item.author,
                email=f"demo{QUESTIONS.index(item) + 1}@example.org",
                topic=_topic(item.topic),
                text=item.text,
                consent=True,
                now=asked,
            )
            made["questions"] += 1
            if item.state == "rejected":
                services.reject_question(
                    actor=moderator,
                    question_id=question.pk,
                    reason=item.reason,
                    now=asked + dt.timedelta(hours=20),
                )
                continue
            if item.state == "new":
                continue
            department = _department(item.department)
            if department is None:
                continue
            services.publish_question(
                actor=moderator,
                question_id=question.pk,
                department=department.code,
                now=asked + dt.timedelta(days=1),
            )
            answerer = _answerer(department)
            if item.state == "answered" and answerer is not None:
                services.answer_question(
                    actor=answerer,
                    question_id=question.pk,
                    text=item.answer,
                    now=asked + dt.timedelta(days=min(item.days_ago - 1, 10)),
                )
        for title, topic, question_text, answer, published in CONSULTATIONS:
            if LegalConsultation.objects.filter(title=title).exists():
                continue
            consultation = services.create_consultation(
                actor=moderator, title=title, question=question_text, answer=answer, topic=_topic(topic)
            )
            made["consultations"] += 1
            if published:
                services.publish_consultation(actor=moderator, consultation_id=consultation.pk)
    return made
