"""The demo council's resident: a confirmed account to try the cabinet with (never in production data)."""

from __future__ import annotations

from hromada.accounts.models import User
from hromada.core import clock
from hromada.residents.models import Resident

DEMO_EMAIL = "meshkanka@demo.test"
DEMO_NAME = "Мельник Оксана Василівна"


def seed_resident(password: str) -> Resident:
    """Create (once) the demo resident with a confirmed e-mail."""
    existing = Resident.objects.filter(email=DEMO_EMAIL).first()
    if existing is not None:
        return existing
    user = User(username="resident-demo", email=DEMO_EMAIL, first_name=DEMO_NAME)
    user.set_password(password)
    user.save()
    now = clock.now()
    return Resident.objects.create(
        user=user, full_name=DEMO_NAME, email=DEMO_EMAIL, created_at=now, email_confirmed_at=now
    )
