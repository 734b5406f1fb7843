import datetime as dt
import io

from django.core.management import call_command

from hromada.accounts.models import User
from hromada.appeals.demo import seed_demo
from hromada.appeals.models import Appeal, AppealEvent, Status


def test_demo_council_has_every_state_and_is_idempotent(db):
    counts = seed_demo(appeals=400, today=dt.date(2026, 11, 20))
    assert counts["appeals"] >= 395
    statuses = set(Appeal.objects.values_list("status", flat=True))
    assert statuses == {s.value for s in Status}
    overdue = Appeal.objects.filter(
        status__in=["registered", "in_progress"], due_date__lt=dt.date(2026, 11, 20)
    )
    assert overdue.exists()
    assert Appeal.objects.filter(feature_id="repeated").exists()
    assert AppealEvent.objects.filter(action="reopened").exists()
    for username in ("registrar", "head", "controller", "executor_communal", "executor_social", "admin"):
        assert User.objects.get(username=username).check_password("demo")
    assert seed_demo(appeals=400)["appeals"] == 0
    assert Appeal.objects.count() == counts["appeals"]


def test_seed_demo_command_prints_the_logins(db):
    out = io.StringIO()
    call_command("seed_demo", "--appeals", "30", stdout=out)
    assert "registrar" in out.getvalue() and "demo" in out.getvalue()
