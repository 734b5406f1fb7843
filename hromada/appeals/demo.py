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
from hromada.core import clock
from hromada.notifications.services import muted

from .demo_data import RESIDENT_AGES, RESIDENT_PERSON, Year, department_for
from .demo_files import attach_letters
from .summaries import shorten

#: Of the appeals whose term ended lately (at most STUCK_DAYS ago), this share is still not answered:
#: the overdue list of a working council, days and weeks late, never months.
STUCK_SHARE = 0.15
STUCK_DAYS = 40
#: This share was answered late (by 1..LATE_DAYS days), then closed as usual.
LATE_SHARE = 0.04
LATE_DAYS = 14

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
    """Create the demo council: a year of appeals ending `today` (the council's today by default).
    Appeals are added only to an empty register (run it again: no change)."""
    users = ensure_staff()
    if Appeal.objects.exists():
        return {"appeals": 0}
    today = today or clock.today()
    rng = random.Random(seed)
    rules = term_rules()
    by_day = _registration_days(_bodies(AppealFactory(seed), appeals, today, rng, rules), today, rules)
    created: list[int] = []
    with muted(), transaction.atomic():
        for day in sorted(by_day):
            items = [AppealRegisterIn.model_validate(body) for body, _moment in by_day[day]]
            latest = max(moment for _body, moment in by_day[day])
            opening = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
            outcomes = services.register_appeals(
                items, actor=users["registrar"], now=max(latest, opening) + dt.timedelta(minutes=5)
            )
            created += [o.appeal.pk for o in outcomes if o.appeal is not None]
        if progress:
            progress(f"registered {len(created)} appeals")
        letters = attach_letters(created, users["registrar"], random.Random(seed + 1))
        counts = _live_through(created, users, rng, today)
        counts["letters_attached"] = letters
    counts["appeals"] = len(created)
    return counts


def _bodies(
    factory: AppealFactory, count: int, today: dt.date, rng: random.Random, rules: TermRules
) -> list[tuple[dict[str, object], dt.datetime]]:
    """`count` registration bodies, each with the moment it arrived (not later than now), oldest
    first; a few electronic ones, of several ages, are the demo resident's."""
    year = Year.ending(today, rules.calendar)
    now = clock.now()
    rows = []
    for _ in range(count):
        body = factory.body()
        moment = year.received_at(rng, str(body["channel"]))
        if moment <= now:
            body["summary"] = shorten(str(body["text"]))
            body["received_at"] = moment.isoformat()
            rows.append((body, moment))
    rows.sort(key=lambda row: row[1])
    for age in RESIDENT_AGES:
        since = today - dt.timedelta(days=age)
        for body, moment in rows:
            own = body["channel"] in ("web", "email") and body.get("applicants") and "signatories" not in body
            if own and timezone.localtime(moment).date() >= since:
                body["applicants"] = [dict(RESIDENT_PERSON)]
                break
    return rows


def _registration_days(
    rows: list[tuple[dict[str, object], dt.datetime]], today: dt.date, rules: TermRules
) -> dict[dt.date, list[tuple[dict[str, object], dt.datetime]]]:
    """Group the appeals by the day the registrar registers them: the day they came, or the next
    working day for what came on a weekend or holiday (unless that day is still to come)."""
    by_day: dict[dt.date, list[tuple[dict[str, object], dt.datetime]]] = defaultdict(list)
    for body, moment in rows:
        day = rules.calendar.next_working_day(timezone.localtime(moment).date())
        if day > today:
            day = timezone.localtime(moment).date()
        by_day[day].append((body, moment))
    return by_day


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
    """The stages one appeal reaches by `today`: forwarded, or resolved and then worked, answered
    (a few late), closed and sometimes reopened; a few of the latest stay overdue. The random draws
    come in a fixed order, so a seed gives one story."""
    cal = rules.calendar
    start = cal.next_working_day(appeal.registered_on + dt.timedelta(days=1))
    if start >= today:
        return ["awaiting_resolution"]
    issues = list(appeal.issues.all())
    if rng.random() < 0.03:
        forward_day = cal.next_working_day(appeal.registered_on + dt.timedelta(days=rng.choice([1, 2, 3])))
        services.forward_appeal(
            actor=users["head"],
            appeal_id=appeal.pk,
            to="Головне управління Держгеокадастру в області",
            reason="Питання не належить до повноважень ради",
            now=_at(min(forward_day, today), 11, rng),
        )
        return ["forwarded"]
    executor = _resolve(appeal, issues, users, rng, start)
    due = appeal.due_date
    assert due is not None
    roll = rng.random()
    if roll < STUCK_SHARE and 0 < (today - due).days <= STUCK_DAYS:
        _note(appeal, executor, start, rng)
        return ["overdue"]
    if roll > 1 - 0.04:
        due = _extend(appeal, users["head"], rules, due, today, rng)
    if rng.random() < LATE_SHARE:
        answer_day = due + dt.timedelta(days=rng.randint(1, LATE_DAYS))
    else:
        answer_day = start + dt.timedelta(days=rng.randint(1, max(1, (due - start).days)))
    answer_day = max(start, cal.previous_working_day(answer_day))
    if answer_day >= today:
        if rng.random() < 0.5:
            _note(appeal, executor, start, rng)
        return ["overdue" if due < today else "in_progress"]
    return _answer_and_close(appeal, issues, executor, users, answer_day, rng, today, rules)


def _note(appeal: Appeal, executor: User, day: dt.date, rng: random.Random) -> None:
    services.add_note(
        actor=executor,
        appeal_id=appeal.pk,
        text="Направлено запит, очікуємо інформацію.",
        now=_at(day, 15, rng),
    )


def _answer_and_close(
    appeal: Appeal,
    issues: list[Issue],
    executor: User,
    users: dict[str, User],
    answer_day: dt.date,
    rng: random.Random,
    today: dt.date,
    rules: TermRules,
) -> list[str]:
    """Answered, then closed by the controller a few working days later; a hotline card now and then
    comes back (reopened) and is answered and closed again."""
    cal = rules.calendar
    _answer(appeal, issues, executor, answer_day, rng)
    close_day = cal.add_working_days(answer_day, rng.choice([1, 1, 1, 2, 3]))
    if close_day >= today:
        return ["answered"]
    services.close_appeal(actor=users["controller"], appeal_id=appeal.pk, now=_at(close_day, 10, rng))
    if appeal.channel_id not in ("gov_hotline", "regional_hotline") or rng.random() >= 0.04:
        return ["closed"]
    reopen_day = cal.add_working_days(close_day, rng.randint(2, 6))
    if reopen_day >= today:
        return ["closed"]
    services.reopen_appeal(
        actor=users["registrar"],
        appeal_id=appeal.pk,
        reason="Контактний центр повернув на доопрацювання: заявник не задоволений",
        now=_at(reopen_day, 11, rng),
    )
    again = cal.add_working_days(reopen_day, rng.randint(2, 8))
    if again >= today:
        return ["closed", "reopened"]
    _answer(appeal, issues, executor, again, rng)
    close_again = cal.add_working_days(again, 1)
    if close_again < today:
        services.close_appeal(actor=users["controller"], appeal_id=appeal.pk, now=_at(close_again, 10, rng))
    return ["closed", "reopened"]


def _resolve(
    appeal: Appeal, issues: list[Issue], users: dict[str, User], rng: random.Random, start: dt.date
) -> User:
    """The head's resolution to the department of the first issue's topic (a second issue of another
    department's topic makes that one a co-executor); returns the lead executor (the appeal's due
    date is refreshed)."""
    department = department_for(issues[0].topic_id, issues[0].text)
    co = {department_for(issue.topic_id, issue.text) for issue in issues[1:]} - {department}
    executor = users[f"executor_{department}"]
    services.resolve_appeal(
        actor=users["head"],
        appeal_id=appeal.pk,
        lead_department=department,
        lead_executor=executor.username,
        co_departments=sorted(co),
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
