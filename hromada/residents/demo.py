"""The demo council's resident: a confirmed account to try the cabinet with (never in production data)."""

from __future__ import annotations

import datetime as dt

from hromada.accounts.models import User
from hromada.core import clock
from hromada.residents.models import Resident

DEMO_EMAIL = "meshkanka@demo.test"
DEMO_NAME = "Мельник Оксана Василівна"
#: The resident signed up this long before today: before the first of her demo appeals and petitions.
DEMO_SINCE_DAYS = 200
#: An adult of working age (her demo appeals give her social status as "worker").
DEMO_BIRTH_DATE = dt.date(1986, 3, 14)


def seed_resident(password: str) -> Resident:
    """Create (once) the demo resident with a confirmed e-mail."""
    existing = Resident.objects.filter(email=DEMO_EMAIL).first()
    if existing is not None:
        return existing
    user = User(username="resident-demo", email=DEMO_EMAIL, first_name=DEMO_NAME)
    since = clock.now() - dt.timedelta(days=DEMO_SINCE_DAYS)
    user.set_password(password)
    user.date_joined = since
    user.save()
    return Resident.objects.create(
        user=user,
        full_name=DEMO_NAME,
        email=DEMO_EMAIL,
        created_at=since,
        email_confirmed_at=since + dt.timedelta(minutes=4),
        birth_date=DEMO_BIRTH_DATE,
    )
