"""The demo council: departments, staff and a year of appeals taken through their real lifecycle.

Every appeal is registered and moved by the same services staff use, with the clock set to the day
it happened, so the journal, terms and overdue lists look like a real register's.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from hromada.accounts.demo import ensure_staff
from hromada.accounts.models import User
from hromada.appeals import services
from hromada.appeals.deadlines import TermRules
from hromada.appeals.factories import AppealFactory
from hromada.appeals.models import Appeal, Issue, Status
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services.common import term_rules
from hromada.notifications.services import muted

TOPIC_DEPARTMENT = {
    "communal": "communal",
    "social_protection": "social",
    "family": "social",
    "labour": "social",
    "defence": "social",
    "housing": "housing",
    "transport": "transport",
    "education": "education",
    "youth_sport": "education",
    "culture": "education",
    "health": "health",
    "land": "architecture",
    "state_building": "architecture",
    "economy": "economy",
    "finance": "economy",
    "ecology": "ecology",
}

RESULTS = ["explained"] * 55 + ["resolved"] * 32 + ["refused"] * 8 + ["returned"] * 2 + ["not_considered"] * 3
ANSWERS = {
    "explained": "Надано роз'яснення щодо порушеного питання та порядку його вирішення.",
    "resolved": "Питання вирішено: роботи виконано, заявника повідомлено.",
    "refused": "У задоволенні відмовлено з підстав, викладених у відповіді. Рішення може бути оскаржене "
    "до органу вищого рівня або до суду.",
    "returned": "Звернення повернуто автору: не зазначено відомостей, передбачених статтею 5 Закону.",
    "not_considered": "Звернення не підлягає розгляду відповідно до статті 8 Закону.",
}


def _at(day: dt.date, hour: int, rng: random.Random) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, rng.randrange(60))))


def seed_demo(
    *,
    appeals: int = 2400,
    seed: int = 2026,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Create the demo council. Appeals are added only to an empty register (run it again: no change)."""
    users = ensure_staff()
    if Appeal.objects.exists():
        return {"appeals": 0}
    today = today or timezone.localdate()
    rng = random.Random(seed)
    factory = AppealFactory(seed)
    moments = factory.received_times(today - dt.timedelta(days=364), today, appeals)
    moments = [m for m in moments if m <= timezone.now()] or moments[:1]
    by_day: dict[dt.date, list[dt.datetime]] = defaultdict(list)
    for moment in moments:
        by_day[timezone.localtime(moment).date()].append(moment)
    created: list[int] = []
    with muted(), transaction.atomic():
        for day in sorted(by_day):
            items = [AppealRegisterIn.model_validate(factory.body(m)) for m in by_day[day]]
            outcomes = services.register_appeals(
                items, actor=users["registrar"], now=max(by_day[day]) + dt.timedelta(minutes=5)
            )
            created += [o.appeal.pk for o in outcomes if o.appeal is not None]
        if progress:
            progress(f"registered {len(created)} appeals")
        counts = _live_through(created, users, rng, today)
    counts["appeals"] = len(created)
    return counts


def _live_through(
    ids: list[int], users: dict[str, User], rng: random.Random, today: dt.date
) -> dict[str, int]:
    """Move each appeal as far along its life as its age allows."""
    rules = term_rules()
    counts: dict[str, int] = defaultdict(int)
    for appeal in Appeal.objects.filter(pk__in=ids).prefetch_related("issues").order_by("id"):
        if appeal.status != Status.REGISTERED:
            continue
        for stage in _live_one(appeal, users, rng, today, rules):
            counts[stage] += 1
    return dict(counts)


def _live_one(
    appeal: Appeal, users: dict[str, User], rng: random.Random, today: dt.date, rules: TermRules
) -> list[str]:
    """The stages one appeal reaches by `today`: forwarded, or resolved and then worked, answered,
    closed and sometimes reopened. The random draws come in a fixed order, so a seed gives one story."""
    cal = rules.calendar
    head = users["head"]
    start = cal.next_working_day(appeal.registered_on + dt.timedelta(days=1))
    if start >= today:
        return ["awaiting_resolution"]
    issues = list(appeal.issues.all())
    if rng.random() < 0.03:
        forward_day = appeal.registered_on + dt.timedelta(days=rng.choice([2, 3, 4, 5, 7]))
        services.forward_appeal(
            actor=head,
            appeal_id=appeal.pk,
            to="Головне управління Держгеокадастру в області",
            reason="Питання не належить до повноважень ради",
            now=_at(min(forward_day, today), 11, rng),
        )
        return ["forwarded"]
    executor = _resolve(appeal, issues[0].topic_id, users, rng, start)
    due = appeal.due_date
    assert due is not None
    roll = rng.random()
    if roll < 0.04 and due < today:
        return ["overdue"]
    if roll < 0.08:
        due = _extend(appeal, head, rules, due, today, rng)
    answer_day = start + dt.timedelta(days=rng.randint(1, max(1, (due - start).days)))
    if answer_day >= today:
        if rng.random() < 0.5:
            services.add_note(
                actor=executor,
                appeal_id=appeal.pk,
                text="Направлено запит, очікуємо інформацію.",
                now=_at(start, 15, rng),
            )
        return ["in_progress"]
    _answer(appeal, issues, executor, answer_day, rng)
    close_day = cal.next_working_day(answer_day + dt.timedelta(days=1))
    if close_day >= today:
        return ["answered"]
    services.close_appeal(actor=users["controller"], appeal_id=appeal.pk, now=_at(close_day, 10, rng))
    if appeal.channel_id in ("gov_hotline", "regional_hotline") and rng.random() < 0.04:
        reopen_day = close_day + dt.timedelta(days=rng.randint(2, 10))
        if reopen_day < today:
            services.reopen_appeal(
                actor=users["registrar"],
                appeal_id=appeal.pk,
                reason="Контактний центр повернув на доопрацювання: заявник не задоволений",
                now=_at(reopen_day, 11, rng),
            )
            return ["closed", "reopened"]
    return ["closed"]


def _resolve(appeal: Appeal, topic: str, users: dict[str, User], rng: random.Random, start: dt.date) -> User:
    """The head's resolution to the department of the first issue's topic; returns its executor
    (the appeal's due date is refreshed)."""
    department = TOPIC_DEPARTMENT.get(topic, "legal")
    if department == "communal" and rng.random() < 0.25:
        department = rng.choice(["vodokanal", "misksvitlo"])
    co = ["legal"] if rng.random() < 0.05 and department != "legal" else []
    executor = users[f"executor_{department}"]
    services.resolve_appeal(
        actor=users["head"],
        appeal_id=appeal.pk,
        lead_department=department,
        lead_executor=executor.username,
        co_departments=co,
        term=rng.choice(["15d", "15d", "1m"]),
        instruction="Розглянути, вжити заходів, надати відповідь заявнику.",
        now=_at(start, 10, rng),
    )
    appeal.refresh_from_db(fields=["due_date"])
    return executor


def _extend(
    appeal: Appeal, head: User, rules: TermRules, due: dt.date, today: dt.date, rng: random.Random
) -> dt.date:
    """Two more weeks where the legal maximum still allows them; the due date after it."""
    new_due = min(appeal.registered_on + dt.timedelta(days=rules.max_days), due + dt.timedelta(days=14))
    if new_due <= due:
        return due
    services.extend_term(
        actor=head,
        appeal_id=appeal.pk,
        due_date=new_due,
        reason="Потребує додаткового вивчення",
        now=_at(min(due, today), 12, rng),
    )
    return new_due


def _answer(
    appeal: Appeal, issues: list[Issue], executor: User, answer_day: dt.date, rng: random.Random
) -> None:
    """A site-visit note, then the answer with a random result for every issue."""
    services.add_note(
        actor=executor,
        appeal_id=appeal.pk,
        text="Проведено обстеження на місці.",
        now=_at(answer_day, 9, rng),
    )
    results = [(issue.pk, rng.choice(RESULTS)) for issue in issues]
    services.answer_appeal(
        actor=executor,
        appeal_id=appeal.pk,
        text=ANSWERS[results[0][1]],
        results=results,
        now=_at(answer_day, 14, rng),
    )
