"""The demo council's departments and staff (every domain's demo uses them), and its second factor:
`make run` must stay usable without a phone.

Every demo staff account gets a confirmed TOTP device with one fixed secret, published here and in the
README (so it protects nothing: demo only). `hromada demo_totp USERNAME` prints the current code while
DEBUG is on; an authenticator app given DEMO_TOTP_SECRET shows the same codes.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable

from django.contrib.auth.hashers import make_password
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hromada.accounts.models import Department, DepartmentKind, Role, User

#: Base32, as an authenticator app takes it. Public: never use it outside the demo.
DEMO_TOTP_SECRET = "HROMADADEMOTOTPSECRETKEY234567AB"


def demo_key_hex() -> str:
    return base64.b32decode(DEMO_TOTP_SECRET).hex()


def give_demo_second_factor(users: Iterable[User]) -> int:
    """A confirmed TOTP device with the demo secret for each staff user that has none (idempotent)."""
    made = 0
    for user in users:
        if not user.role or TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            continue
        TOTPDevice.objects.create(user=user, name="demo", key=demo_key_hex(), confirmed=True)
        made += 1
    return made


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


DEPARTMENTS = [
    ("communal", "Департамент житлово-комунального господарства", DepartmentKind.EXECUTIVE_BODY),
    ("social", "Управління соціального захисту населення", DepartmentKind.EXECUTIVE_BODY),
    ("housing", "Управління житлової політики", DepartmentKind.EXECUTIVE_BODY),
    ("transport", "Відділ транспорту та зв'язку", DepartmentKind.EXECUTIVE_BODY),
    ("education", "Управління освіти, молоді та спорту", DepartmentKind.EXECUTIVE_BODY),
    ("health", "Відділ охорони здоров'я", DepartmentKind.EXECUTIVE_BODY),
    (
        "architecture",
        "Управління архітектури, містобудування та земельних відносин",
        DepartmentKind.EXECUTIVE_BODY,
    ),
    ("ecology", "Відділ екології та благоустрою", DepartmentKind.EXECUTIVE_BODY),
    ("economy", "Управління економічного розвитку", DepartmentKind.EXECUTIVE_BODY),
    ("legal", "Юридичний відділ", DepartmentKind.EXECUTIVE_BODY),
    ("vodokanal", "КП «Міськводоканал»", DepartmentKind.MUNICIPAL_ENTERPRISE),
    ("misksvitlo", "КП «Міськсвітло»", DepartmentKind.MUNICIPAL_ENTERPRISE),
]

STAFF = [
    ("registrar", Role.REGISTRAR, None, "Оксана", "Гринько"),
    ("head", Role.HEAD, None, "Ігор", "Савчук"),
    ("controller", Role.CONTROLLER, None, "Людмила", "Кравець"),
    ("moderator", Role.MODERATOR, None, "Анна", "Мартинюк"),
    ("admin", Role.ADMINISTRATOR, None, "Адміністратор", ""),
    ("cnap", Role.CENTRE_ADMINISTRATOR, None, "Марія", "Гнатюк"),
    ("osvita", Role.EDUCATION_OFFICER, None, "Вікторія", "Дячук"),
]
PASSWORD = "demo"
#: The executors of the departments above, in the same order (first name, surname).
EXECUTOR_NAMES = [
    ("Олена", "Петренко"),
    ("Тарас", "Шевчук"),
    ("Наталія", "Бондар"),
    ("Андрій", "Ткаченко"),
    ("Ірина", "Коваль"),
    ("Василь", "Мельник"),
    ("Світлана", "Олійник"),
    ("Богдан", "Кравчук"),
    ("Юлія", "Лисенко"),
    ("Роман", "Поліщук"),
    ("Галина", "Руденко"),
    ("Максим", "Марченко"),
]


def ensure_staff() -> dict[str, User]:
    for code, name, kind in DEPARTMENTS:
        Department.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})
    users: dict[str, User] = {}
    hashed = make_password(PASSWORD)  # one slow hash for all demo accounts
    people = list(STAFF) + [
        (f"executor_{code}", Role.EXECUTOR, code, *EXECUTOR_NAMES[i % len(EXECUTOR_NAMES)])
        for i, (code, _name, _k) in enumerate(DEPARTMENTS)
    ]
    for username, role, dept, first, last in people:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                role=role,
                first_name=first,
                last_name=last,
                is_staff=role == Role.ADMINISTRATOR,
                is_superuser=role == Role.ADMINISTRATOR,
                department=Department.objects.get(code=dept) if dept else None,
            )
            user.password = hashed
            user.save()
        users[username] = user
    return users
