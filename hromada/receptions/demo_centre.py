"""The demo ЦНАП (`seed_demo`): a catalogue of services in four groups, four windows with their
administrators and hours (Mon–Fri 08:00–17:00, Tue and Thu to 20:00), bookings on the next open days,
several for today (left booked: demo_queue checks some in), one cancelled, and served visits of the
last working days, so that the open data set is not empty.

Future bookings go through `book_centre_visit` (letters muted by `demo.seed_receptions`); a time
already past — today's morning, the last days — is written directly with its slot claims, as the
service would have. The authorities' EDRPOU codes and the service codes are demo values, not the
registers'. Made once: when the first service of the catalogue exists, nothing is added.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from hromada.accounts.demo import PASSWORD
from hromada.accounts.models import Role, User
from hromada.core import clock
from hromada.core.models import CouncilSettings
from hromada.receptions import centre_slots
from hromada.receptions.models import (
    CentreBooking,
    CentreBookingStatus,
    CentrePerson,
    CentreService,
    SlotClaim,
    Window,
    WindowHours,
)
from hromada.receptions.services.centre_booking import book_centre_visit, cancel_centre_booking, person_key

RESIDENCE = "Реєстрація місця проживання та довідки"
PASSPORTS = "Паспортні документи"
PROPERTY = "Нерухомість і земельні питання"
SOCIAL = "Соціальний захист"
DMS = ("Територіальний підрозділ ДМС у місті", "37976485")
REGISTRATION = ("Відділ реєстрації місця проживання міської ради", "40125577")
PROPERTY_OFFICE = ("Відділ державної реєстрації речових прав міської ради", "40125582")
LAND = ("Відділ у місті Головного управління Держгеокадастру в області", "39767337")
SOCIAL_OFFICE = ("Управління соціального захисту населення міської ради", "03196715")
COUNCIL = ("Виконавчий комітет міської ради", "04053625")


ID = "Паспорт громадянина України або ID-картка"
TAX = "РНОКПП (ідентифікаційний код)"


@dataclass(frozen=True)
class DemoService:
    code: str
    group: str
    name: str
    minutes: int
    fee: str
    authority: tuple[str, str]
    documents: tuple[str, ...]
    #: Window numbers: "13" is windows 1 and 3.
    windows: str
    bookable: bool = True


SERVICES = [
    DemoService(
        "ЦНАП-РМП-01", RESIDENCE, "Декларування (реєстрація) місця проживання", 15, "0",
        REGISTRATION, (ID, "Документ про право власності або користування житлом"), "13"),
    DemoService(
        "ЦНАП-РМП-02", RESIDENCE, "Зняття із задекларованого (зареєстрованого) місця проживання", 15, "0",
        REGISTRATION, (ID,), "13"),
    DemoService(
        "ЦНАП-ДОВ-01", RESIDENCE, "Довідка про зареєстрованих у житловому приміщенні осіб", 15, "0",
        REGISTRATION, (ID,), "1"),
    DemoService(
        "ЦНАП-ДОВ-02", RESIDENCE, "Витяг з реєстру територіальної громади", 15, "0",
        REGISTRATION, (ID,), "1", False),
    DemoService(
        "ЦНАП-ПАС-01", PASSPORTS, "Оформлення паспорта громадянина України у формі ID-картки", 30, "279",
        DMS, ("Свідоцтво про народження", TAX, "Попередній паспорт (за наявності)"), "23"),
    DemoService(
        "ЦНАП-ПАС-02", PASSPORTS, "Оформлення паспорта громадянина України для виїзду за кордон", 30, "782",
        DMS, (ID, TAX), "23"),
    DemoService(
        "ЦНАП-НЕР-01", PROPERTY, "Державна реєстрація права власності на нерухоме майно", 45, "800",
        PROPERTY_OFFICE, (ID, TAX, "Документ, що підтверджує виникнення права власності"), "4"),
    DemoService(
        "ЦНАП-ЗЕМ-01", PROPERTY, "Витяг з Державного земельного кадастру про земельну ділянку", 15, "200",
        LAND, (ID, "Кадастровий номер земельної ділянки"), "4"),
    DemoService(
        "ЦНАП-ЗЕМ-02", PROPERTY,
        "Дозвіл на розроблення проєкту землеустрою щодо відведення земельної ділянки", 30, "0",
        COUNCIL, ("Клопотання", "Графічні матеріали з бажаним місцем ділянки", ID, TAX), "4"),
    DemoService(
        "ЦНАП-СОЦ-01", SOCIAL, "Призначення житлової субсидії", 30, "0", SOCIAL_OFFICE,
        ("Заява і декларація про доходи та майно", ID, "Договір оренди житла (для орендарів)"), "14"),
    DemoService(
        "ЦНАП-СОЦ-02", SOCIAL, "Призначення допомоги при народженні дитини", 30, "0", SOCIAL_OFFICE,
        ("Свідоцтво про народження дитини", "Паспорти батьків", TAX), "14"),
]  # fmt: skip

#: Window number → the administrator (username, first name, surname); window 1 is the demo's `cnap`.
ADMINISTRATORS = {
    "1": ("cnap", "Марія", "Гнатюк"),
    "2": ("cnap2", "Олег", "Дячук"),
    "3": ("cnap3", "Тетяна", "Савченко"),
    "4": ("cnap4", "Ярослав", "Бойко"),
}
LONG_DAYS = (1, 3)  # Tuesday and Thursday to 20:00

#: Visitors of the demo bookings (full name, e-mail, phone): made up, never mailed (see `demo`).
PEOPLE = [
    ("Бондаренко Олена Миколаївна", "o.bondarenko@example.com", "+380671234501"),
    ("Ткачук Андрій Васильович", "", "+380501234502"),
    ("Кравченко Ірина Петрівна", "i.kravchenko@example.com", ""),
    ("Мельничук Сергій Іванович", "s.melnychuk@example.com", "+380931234504"),
    ("Шевчук Наталія Олегівна", "n.shevchuk@example.com", "+380661234505"),
    ("Поліщук Віктор Степанович", "", "+380971234506"),
    ("Гончаренко Людмила Андріївна", "l.honcharenko@example.com", "+380631234507"),
    ("Савчук Максим Юрійович", "m.savchuk@example.com", ""),
    ("Литвиненко Оксана Богданівна", "o.lytvynenko@example.com", "+380681234509"),
    ("Марченко Дмитро Олександрович", "d.marchenko@example.com", "+380951234510"),
    ("Романюк Галина Іванівна", "", "+380671234511"),
    ("Кушнір Павло Миколайович", "p.kushnir@example.com", "+380501234512"),
    ("Лук'яненко Світлана Василівна", "s.lukianenko@example.com", ""),
    ("Остапчук Юрій Петрович", "y.ostapchuk@example.com", "+380731234514"),
    ("Карпенко Тетяна Сергіївна", "t.karpenko@example.com", "+380991234515"),
    ("Білоус Роман Анатолійович", "", "+380681234516"),
]


class _People:
    """Hands out the demo visitors in turn, so no one passes the per-person limits."""

    def __init__(self) -> None:
        self.n = 0

    def next(self) -> dict[str, str]:
        name, email, phone = PEOPLE[self.n % len(PEOPLE)]
        self.n += 1
        return {"full_name": name, "email": email, "phone": phone}


def _catalogue() -> dict[str, CentreService]:
    made = {}
    for s in SERVICES:
        made[s.code] = CentreService.objects.create(
            code=s.code,
            group=s.group,
            name=s.name,
            minutes=s.minutes,
            fee=s.fee,
            authority=s.authority[0],
            authority_code=s.authority[1],
            documents="\n".join(s.documents),
            is_bookable=s.bookable,
        )
    return made


def _administrator(username: str, first: str, last: str, hashed: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, role=Role.CENTRE_ADMINISTRATOR, first_name=first, last_name=last)
        user.password = hashed
        user.save()
    return user


def _windows(services: dict[str, CentreService]) -> list[Window]:
    hashed = make_password(PASSWORD)
    windows = []
    for number, (username, first, last) in ADMINISTRATORS.items():
        window = Window.objects.create(
            number=number, administrator=_administrator(username, first, last, hashed)
        )
        window.services.set([services[s.code] for s in SERVICES if number in s.windows])
        for weekday in range(5):
            ends = dt.time(20) if weekday in LONG_DAYS else dt.time(17)
            WindowHours.objects.create(window=window, weekday=weekday, starts=dt.time(8), ends=ends)
        windows.append(window)
    return windows


def _direct(
    service: CentreService,
    day: dt.date,
    starts: dt.time,
    person: dict[str, str],
    status: str,
) -> CentreBooking | None:
    """A booking at a time already past, written as the service would have (claims included)."""
    grid = centre_slots.grid_minutes()
    minutes = centre_slots.claim_minutes(starts, centre_slots.steps_of(service, grid), grid)
    end = minutes[-1] + grid
    for window in centre_slots.active_windows(service):
        if SlotClaim.objects.filter(window=window, day=day, minute__in=minutes).exists():
            continue
        key = person_key(person["email"], person["phone"])
        booking = CentreBooking.objects.create(
            service=service,
            window=window,
            day=day,
            starts=starts,
            ends=dt.time(end // 60, end % 60),
            status=status,
            person=CentrePerson.objects.get_or_create(key=key)[0],
            created_at=timezone.make_aware(dt.datetime.combine(day, dt.time(7))) - dt.timedelta(days=3),
            **person,
        )
        SlotClaim.objects.bulk_create(
            [SlotClaim(window=window, day=day, minute=m, booking=booking) for m in minutes]
        )
        return booking
    return None


def _book(
    service: CentreService, day: dt.date, starts: dt.time, person: dict[str, str], status: str
) -> CentreBooking | None:
    """Through the service when the time is still ahead; directly when it has passed."""
    now = timezone.localtime(clock.now())
    if (day, starts) > (now.date(), now.time()) and centre_slots.free_windows(service, day, starts):
        booking = book_centre_visit(service=service, day=day, starts=starts, **person)
        if status != CentreBookingStatus.BOOKED:
            CentreBooking.objects.filter(pk=booking.pk).update(status=status)
        return booking
    return _direct(service, day, starts, person, status)


def _working_days(start: dt.date, step: int, count: int) -> list[dt.date]:
    """`count` working days from `start` on (step 1) or back (step -1), `start` excluded."""
    calendar = CouncilSettings.load().calendar
    days: list[dt.date] = []
    day = start
    while len(days) < count:
        day += dt.timedelta(days=step)
        if day.weekday() < 5 and calendar.is_working_day(day):
            days.append(day)
    return days


#: (service code, time) of a day's demo bookings.
TODAY = [
    ("ЦНАП-ПАС-01", "08:30"),
    ("ЦНАП-РМП-01", "09:00"),
    ("ЦНАП-СОЦ-01", "10:00"),
    ("ЦНАП-НЕР-01", "11:15"),
    ("ЦНАП-ПАС-02", "13:00"),
    ("ЦНАП-ДОВ-01", "14:30"),
    ("ЦНАП-ЗЕМ-01", "16:00"),
]
AHEAD = [
    ("ЦНАП-ПАС-01", "09:00"),
    ("ЦНАП-РМП-01", "10:30"),
    ("ЦНАП-СОЦ-02", "11:00"),
    ("ЦНАП-ЗЕМ-02", "15:00"),
]
PAST = [("ЦНАП-ПАС-02", "09:00"), ("ЦНАП-РМП-02", "10:15"), ("ЦНАП-СОЦ-01", "14:00")]


def _bookings(services: dict[str, CentreService]) -> dict[str, int]:
    people = _People()
    counts = {"centre_bookings": 0, "centre_served": 0}
    today = clock.today()
    calendar = CouncilSettings.load().calendar

    def make(plan: list[tuple[str, str]], day: dt.date, status: str) -> list[CentreBooking]:
        made = [_book(services[c], day, dt.time.fromisoformat(t), people.next(), status) for c, t in plan]
        return [b for b in made if b is not None]

    for day in _working_days(today, -1, 3):
        counts["centre_served"] += len(make(PAST, day, CentreBookingStatus.SERVED))
    if today.weekday() < 5 and calendar.is_working_day(today):
        counts["centre_bookings"] += len(make(TODAY, today, CentreBookingStatus.BOOKED))
    ahead = [d for d in _working_days(today, 1, 5) if centre_slots.day_is_open(d)]
    for day in ahead:
        counts["centre_bookings"] += len(make(AHEAD, day, CentreBookingStatus.BOOKED))
    for booking in make([("ЦНАП-ПАС-01", "12:00")], ahead[0], CentreBookingStatus.BOOKED) if ahead else []:
        cancel_centre_booking(token=booking.token)
        counts["centre_cancelled"] = 1
    return counts


def seed() -> dict[str, int]:
    """The demo centre, once (see the module's docstring)."""
    if CentreService.objects.filter(code=SERVICES[0].code).exists():
        return {}
    services = _catalogue()
    windows = _windows(services)
    counts = _bookings(services)
    return {"centre_services": len(services), "centre_windows": len(windows), **counts}
