"""Resolution, extension, forwarding, execution, answer, closing and rework, with real dates."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.appeals import services
from hromada.appeals.errors import TermTooLong, UnansweredIssues, WrongStatus
from hromada.appeals.models import AppealEvent, Assignment, Status
from hromada.appeals.schemas import AppealRegisterIn
from hromada.core.errors import PermissionDenied, ValidationFailed
from hromada.core.models import CouncilSettings
from hromada.testing import appeal_body, kyiv

D = dt.date


def new_appeal(staff, received="2026-11-02T10:00:00", **overrides):
    body = appeal_body(
        received_at=received,
        issues=[{"topic": "communal", "text": "Ліфт"}, {"topic": "transport", "text": "Автобус"}],
        **overrides,
    )
    return services.register_appeal(
        AppealRegisterIn.model_validate(body), actor=staff["registrar"], now=kyiv(2026, 11, 20, 12)
    )


def resolve(staff, appeal, **kw):
    kw.setdefault("lead_department", "communal")
    kw.setdefault("now", kyiv(2026, 11, 3, 10))
    return services.resolve_appeal(actor=staff["head"], appeal_id=appeal.pk, **kw)


@pytest.mark.parametrize(
    ("received", "term", "due"),
    [
        ("2026-11-02T10:00:00", "15d", D(2026, 11, 17)),  # Tuesday
        ("2026-11-02T10:00:00", "1m", D(2026, 12, 2)),
        ("2026-10-30T10:00:00", "15d", D(2026, 11, 13)),  # 14.11 is Saturday → Friday 13.11
        ("2026-10-31T10:00:00", "1m", D(2026, 11, 30)),  # no 31 November → 30th (Monday)
        ("2026-08-09T10:00:00", "15d", D(2026, 8, 24)),  # Independence Day, a working day under martial law
    ],
)
def test_resolution_sets_the_legal_term(staff, received, term, due):
    appeal = resolve(staff, new_appeal(staff, received), term=term, now=kyiv(2026, 11, 3, 10))
    assert appeal.due_date == due and appeal.status == Status.IN_PROGRESS


def test_holiday_is_a_day_off_when_martial_law_is_off(staff):
    CouncilSettings.objects.update_or_create(pk=1, defaults={"martial_law": False})
    appeal = resolve(staff, new_appeal(staff, "2026-08-09T10:00:00"), term="15d")
    assert appeal.due_date == D(2026, 8, 21)  # 24.08 (Mon) holiday, 22–23 weekend → Friday


def test_explicit_due_date_within_a_month_is_accepted_and_beyond_refused(staff):
    appeal = new_appeal(staff)
    assert resolve(staff, appeal, due_date=D(2026, 11, 25)).due_date == D(2026, 11, 25)
    with pytest.raises(TermTooLong, match=r"02\.12\.2026"):
        resolve(staff, appeal, due_date=D(2026, 12, 3))


def test_resolution_names_departments_and_replaces_an_earlier_one(staff):
    appeal = new_appeal(staff)
    resolve(staff, appeal, term="15d", co_departments=["legal", "social"], lead_executor="executor_communal")
    assert set(Assignment.objects.filter(appeal=appeal).values_list("department__code", "is_lead")) == {
        ("communal", True),
        ("legal", False),
        ("social", False),
    }
    resolve(staff, appeal, lead_department="social", term="1m")
    assert list(Assignment.objects.filter(appeal=appeal).values_list("department__code", flat=True)) == [
        "social"
    ]
    assert appeal.resolutions.count() == 2


def test_resolution_refuses_unknown_department_and_foreign_executor(staff):
    appeal = new_appeal(staff)
    with pytest.raises(ValidationFailed) as exc:
        resolve(staff, appeal, lead_department="nope", term="15d")
    assert exc.value.errors[0].field == "lead_department"
    with pytest.raises(ValidationFailed) as exc:
        resolve(staff, appeal, term="15d", lead_executor="executor_social")
    assert exc.value.errors[0].field == "lead_executor"
    with pytest.raises(ValidationFailed) as exc:
        resolve(staff, appeal)
    assert exc.value.errors[0].field == "term"
    assert appeal.resolutions.count() == 0


def test_only_a_head_gives_a_resolution(staff):
    appeal = new_appeal(staff)
    for who in ("registrar", "controller"):
        with pytest.raises(PermissionDenied):
            services.resolve_appeal(
                actor=staff[who], appeal_id=appeal.pk, lead_department="communal", term="15d"
            )


def test_extension_up_to_45_days_and_no_further(staff):
    appeal = resolve(staff, new_appeal(staff), term="15d")  # registered 02.11, due 17.11
    extended = services.extend_term(
        actor=staff["head"], appeal_id=appeal.pk, due_date=D(2026, 12, 17), reason="Потрібна експертиза"
    )
    assert extended.due_date == D(2026, 12, 17)  # 02.11 + 45 days = 17.12 (Thursday)
    with pytest.raises(TermTooLong) as exc:
        services.extend_term(actor=staff["head"], appeal_id=appeal.pk, due_date=D(2026, 12, 18), reason="Ще")
    assert "17.12.2026" in exc.value.message and "45" in exc.value.message


def test_extension_ceiling_on_a_weekend_gives_the_friday_before(staff):
    appeal = resolve(staff, new_appeal(staff, "2026-11-05T10:00:00"), term="15d")  # +45 = 20.12 (Sunday)
    with pytest.raises(TermTooLong, match=r"18\.12\.2026"):
        services.extend_term(actor=staff["head"], appeal_id=appeal.pk, due_date=D(2026, 12, 21), reason="x")
    ok = services.extend_term(actor=staff["head"], appeal_id=appeal.pk, due_date=D(2026, 12, 20), reason="x")
    assert ok.due_date == D(2026, 12, 18)


def test_extension_needs_a_reason_and_a_later_date(staff):
    appeal = resolve(staff, new_appeal(staff), term="1m")  # due 02.12
    with pytest.raises(ValidationFailed) as exc:
        services.extend_term(actor=staff["head"], appeal_id=appeal.pk, due_date=D(2026, 12, 10), reason=" ")
    assert exc.value.errors[0].field == "reason"
    with pytest.raises(ValidationFailed, match=r"02\.12\.2026"):
        services.extend_term(actor=staff["head"], appeal_id=appeal.pk, due_date=D(2026, 11, 30), reason="x")


@pytest.mark.parametrize(("day", "late"), [(7, False), (8, True)])
def test_forwarding_is_checked_against_five_days(staff, day, late):
    appeal = new_appeal(staff)  # registered 02.11 → forward by 07.11
    services.forward_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        to="Держгеокадастр",
        reason="Не належить",
        now=kyiv(2026, 11, day, 9),
    )
    appeal.refresh_from_db()
    event = AppealEvent.objects.get(appeal=appeal, action="forwarded")
    assert appeal.status == Status.FORWARDED and event.data["late"] is late
    assert event.data["deadline"] == "2026-11-07"
    assert set(appeal.issues.values_list("result_id", flat=True)) == {"forwarded"}


def test_answer_per_issue_then_close_only_when_all_answered(staff):
    appeal = resolve(staff, new_appeal(staff), term="15d", lead_executor="executor_communal")
    lift, bus = appeal.issues.order_by("position")
    executor = staff["executor_communal"]
    services.add_note(actor=executor, appeal_id=appeal.pk, text="Проєкт відповіді", draft_answer=True)
    services.answer_appeal(
        actor=executor, appeal_id=appeal.pk, text="Ліфт полагоджено", results=[(lift.pk, "resolved")]
    )
    with pytest.raises(UnansweredIssues) as exc:
        services.close_appeal(actor=staff["head"], appeal_id=appeal.pk)
    assert "№2" in exc.value.message and "Автобус" in exc.value.message
    services.answer_appeal(
        actor=executor, appeal_id=appeal.pk, text="Роз'яснено", results=[(bus.pk, "explained")]
    )
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED
    closed = services.close_appeal(actor=staff["controller"], appeal_id=appeal.pk)
    assert closed.status == Status.CLOSED and closed.closed_at is not None


def test_co_executor_may_write_notes_but_not_answer(staff):
    appeal = resolve(staff, new_appeal(staff), term="15d", co_departments=["social"])
    services.add_note(actor=staff["executor_social"], appeal_id=appeal.pk, text="Інформація від соцзахисту")
    with pytest.raises(PermissionDenied):
        services.answer_appeal(
            actor=staff["executor_social"],
            appeal_id=appeal.pk,
            text="x",
            results=[(appeal.issues.first().pk, "resolved")],
        )


def test_answer_refuses_foreign_issue_and_unknown_result(staff):
    appeal = resolve(staff, new_appeal(staff), term="15d")
    other = new_appeal(staff, "2026-11-03T10:00:00", applicants=[{"name": "Інша Особа", "address": "z"}])
    with pytest.raises(ValidationFailed) as exc:
        services.answer_appeal(
            actor=staff["head"],
            appeal_id=appeal.pk,
            text="x",
            results=[(other.issues.first().pk, "resolved"), (appeal.issues.first().pk, "magic")],
        )
    assert {e.field for e in exc.value.errors} == {"results.0.issue", "results.1.result"}


def test_cannot_answer_before_a_resolution(staff):
    appeal = new_appeal(staff)
    with pytest.raises(WrongStatus):
        services.answer_appeal(
            actor=staff["head"],
            appeal_id=appeal.pk,
            text="x",
            results=[(appeal.issues.first().pk, "resolved")],
        )


def test_reassign_within_the_department_only(staff):
    appeal = resolve(staff, new_appeal(staff), term="15d", lead_executor="executor_communal")
    services.reassign_executor(
        actor=staff["executor_communal"], appeal_id=appeal.pk, executor="executor_communal2"
    )
    appeal.refresh_from_db()
    assert appeal.lead_executor.username == "executor_communal2"
    with pytest.raises(ValidationFailed):
        services.reassign_executor(actor=staff["head"], appeal_id=appeal.pk, executor="executor_social")


def test_rework_reopens_with_a_new_term_from_the_return_date_and_keeps_history(staff):
    appeal = resolve(staff, new_appeal(staff), term="15d")
    issue_ids = list(appeal.issues.values_list("pk", flat=True))
    services.answer_appeal(
        actor=staff["head"], appeal_id=appeal.pk, text="x", results=[(i, "explained") for i in issue_ids]
    )
    services.close_appeal(actor=staff["head"], appeal_id=appeal.pk)
    reopened = services.reopen_appeal(
        actor=staff["registrar"],
        appeal_id=appeal.pk,
        reason="УКЦ: на доопрацювання",
        now=kyiv(2026, 11, 20, 10),
    )
    assert reopened.status == Status.IN_PROGRESS and reopened.due_date == D(
        2026, 12, 4
    )  # 20.11 + 15 = 05.12 Sat → Fri
    assert set(reopened.issues.values_list("result_id", flat=True)) == {None}
    event = AppealEvent.objects.get(appeal=appeal, action="reopened")
    assert set(event.data["before"]["results"].values()) == {"explained"}
    assert list(
        AppealEvent.objects.filter(appeal=appeal).order_by("id").values_list("action", flat=True)
    ) == [
        "registered",
        "resolved",
        "answered",
        "closed",
        "reopened",
    ]


def test_open_appeal_cannot_be_reopened_nor_closed_appeal_extended(staff):
    appeal = resolve(staff, new_appeal(staff), term="15d")
    with pytest.raises(WrongStatus):
        services.reopen_appeal(actor=staff["head"], appeal_id=appeal.pk, reason="x")
    services.forward_appeal(actor=staff["head"], appeal_id=appeal.pk, to="Обл", reason="r")
    with pytest.raises(WrongStatus, match="надіслано за належністю"):
        services.extend_term(actor=staff["head"], appeal_id=appeal.pk, due_date=D(2026, 12, 1), reason="x")
