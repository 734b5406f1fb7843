"""Registration rules (domain.md §2) through the service every interface calls."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from hromada.appeals.errors import AlreadyRegistered
from hromada.appeals.models import Appeal, AppealEvent, AppealEventAction, Applicant, Issue, Status
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services import register_appeal, register_appeals
from hromada.core.errors import ValidationFailed
from hromada.core.models import CouncilSettings
from hromada.testing import appeal_body, assert_append_only, kyiv

NOW = kyiv(2026, 11, 20, 12, 0)


def register(actor, **overrides):
    return register_appeal(AppealRegisterIn.model_validate(appeal_body(**overrides)), actor=actor, now=NOW)


@pytest.fixture
def registrar(staff):
    return staff["registrar"]


def test_index_is_surname_letter_and_yearly_number(registrar):
    first = register(registrar)
    second = register(registrar, applicants=[{"name": "Бондаренко Олена Іванівна", "email": "o@example.com"}])
    assert (first.number, second.number) == ("К-1", "Б-2")
    assert (first.year, first.seq, second.seq) == (2026, 1, 2)


def test_numbers_restart_each_calendar_year(registrar):
    register(registrar, received_at="2025-12-31T10:00:00")
    register(
        registrar, received_at="2025-12-31T11:00:00", applicants=[{"name": "Арсенюк Ігор", "address": "x"}]
    )
    new_year = register(registrar, received_at="2026-01-02T10:00:00")
    assert new_year.number == "К-1" and new_year.year == 2026


def test_collective_appeal_is_marked_ko_and_keeps_signatory_count(registrar):
    appeal = register(registrar, signatories=37)
    assert appeal.number.startswith("КО-")
    assert appeal.subject_id == "collective" and appeal.signatories == 37


def test_several_applicants_make_a_collective_appeal(registrar):
    appeal = register(
        registrar,
        applicants=[{"name": "Коваленко Іван", "address": "a"}, {"name": "Мельник Петро", "address": "b"}],
    )
    assert appeal.subject_id == "collective" and appeal.signatories == 2


def test_anonymous_appeal_is_registered_bp_and_not_considered(registrar):
    appeal = register(registrar, anonymous=True, applicants=[])
    assert appeal.number.startswith("БП-")
    assert appeal.subject_id == "anonymous"
    assert appeal.status == Status.CLOSED and appeal.due_date is None
    assert set(appeal.issues.values_list("result_id", flat=True)) == {"not_considered"}


def test_number_format_is_a_setting(registrar):
    CouncilSettings.objects.update_or_create(pk=1, defaults={"number_format": "{prefix}-{seq}/{year}"})
    assert register(registrar).number == "К-1/2026"


def test_electronic_appeal_without_email_is_refused_and_nothing_saved(registrar):
    with pytest.raises(ValidationFailed) as exc:
        register(registrar, channel="web", applicants=[{"name": "Коваленко Іван", "address": "x"}])
    assert [e.field for e in exc.value.errors] == ["applicants.0.email"]
    assert "електронної пошти" in exc.value.errors[0].message
    assert Appeal.objects.count() == Applicant.objects.count() == Issue.objects.count() == 0


def test_written_appeal_without_author_is_refused_unless_anonymous(registrar):
    with pytest.raises(ValidationFailed) as exc:
        register(registrar, applicants=[])
    assert exc.value.errors[0].field == "applicants"


def test_unknown_codes_are_reported_per_field(registrar):
    with pytest.raises(ValidationFailed) as exc:
        register(
            registrar,
            channel="pigeon",
            kind="wish",
            issues=[{"topic": "nope", "text": "x"}],
            applicants=[{"name": "Коваленко", "categories": ["alien"], "sex": "x", "email": "bad"}],
        )
    fields = {e.field for e in exc.value.errors}
    assert fields == {
        "channel",
        "kind",
        "issues.0.topic",
        "applicants.0.categories",
        "applicants.0.sex",
        "applicants.0.email",
    }


def test_inactive_topic_cannot_be_used_but_old_appeals_keep_it(registrar):
    from hromada.reference import selectors as ref
    from hromada.reference.models import Topic

    old = register(registrar)
    Topic.objects.filter(code="communal").update(is_active=False)
    ref.clear_cache()
    with pytest.raises(ValidationFailed):
        register(registrar)
    assert old.issues.get().topic_id == "communal"


def test_future_receipt_time_is_refused(registrar):
    with pytest.raises(ValidationFailed) as exc:
        register(registrar, received_at="2026-11-21T12:00:00")
    assert exc.value.errors[0].field == "received_at"


@pytest.mark.parametrize(
    ("channel", "received", "registered"),
    [
        ("web", "2026-11-16T17:59:00", "2026-11-16"),  # Monday, in working hours
        ("web", "2026-11-16T18:30:00", "2026-11-17"),  # Monday evening → Tuesday
        ("email", "2026-11-13T19:00:00", "2026-11-16"),  # Friday evening → Monday
        ("web", "2026-11-14T10:00:00", "2026-11-16"),  # Saturday → Monday
        ("post", "2026-11-14T10:00:00", "2026-11-14"),  # a letter keeps its date
        ("phone", "2026-11-16T22:00:00", "2026-11-16"),
    ],
)
def test_after_hours_rule_applies_to_electronic_appeals(registrar, channel, received, registered):
    body = {"received_at": received, "channel": channel}
    if channel in ("web", "email"):
        body["applicants"] = [{"name": "Коваленко Іван", "email": "i@example.com"}]
    appeal = register(registrar, **body)
    assert appeal.registered_on.isoformat() == registered


def test_provisional_due_date_is_one_month_moved_off_weekend(registrar):
    # Registered Wed 2026-10-14 → 2026-11-14 is a Saturday → Friday 2026-11-13.
    appeal = register(registrar, received_at="2026-10-14T10:00:00")
    assert appeal.due_date == dt.date(2026, 11, 13)


def test_priority_author_is_flagged(registrar):
    appeal = register(
        registrar, applicants=[{"name": "Коваленко Іван", "address": "x", "categories": ["combatant"]}]
    )
    other = register(
        registrar, applicants=[{"name": "Мельник Іван", "address": "y", "categories": ["other"]}]
    )
    assert appeal.priority is True and other.priority is False


def test_repeated_appeal_links_the_earlier_one_of_the_same_person_and_topic(registrar):
    first = register(registrar, received_at="2026-10-01T10:00:00")
    again = register(
        registrar,
        received_at="2026-11-02T10:00:00",
        text="Ліфт досі не працює, прошу вжити заходів.",
        applicants=[{"name": "коваленко  іван петрович", "phone": "067 123 45 67"}],  # same phone, other form
    )
    assert again.feature_id == "repeated" and again.repeated_of_id == first.pk
    assert AppealEvent.objects.get(appeal=again, action="registered").data["repeated_of"] == first.pk


def test_same_name_with_other_contacts_is_not_the_same_person(registrar):
    register(registrar, received_at="2026-10-01T10:00:00")
    other = register(
        registrar,
        received_at="2026-11-02T10:00:00",
        applicants=[
            {"name": "Коваленко Іван Петрович", "address": "вул. Садова, 9", "phone": "+380501112233"}
        ],
    )
    assert other.feature_id == "primary" and other.repeated_of_id is None


def test_other_topic_is_not_repeated(registrar):
    register(registrar, received_at="2026-10-01T10:00:00")
    other = register(
        registrar, received_at="2026-11-02T10:00:00", issues=[{"topic": "transport", "text": "x"}]
    )
    assert other.feature_id == "primary"


def test_same_text_through_another_channel_is_a_duplicate(registrar):
    first = register(registrar, received_at="2026-11-02T10:00:00")
    dup = register(
        registrar,
        channel="email",
        received_at="2026-11-02T11:00:00",
        applicants=[{"name": "Коваленко Іван Петрович", "phone": "0671234567", "email": "k@example.com"}],
    )
    assert dup.feature_id == "duplicate" and dup.duplicate_of_id == first.pk


def test_same_card_number_through_another_channel_is_a_duplicate(registrar):
    card = register(registrar, channel="gov_hotline", external_id="УКЦ-77")
    regional = register(
        registrar,
        channel="regional_hotline",
        external_id="УКЦ-77",
        applicants=[{"name": "Інша Особа", "address": "z"}],
        text="Інший текст",
    )
    assert regional.feature_id == "duplicate" and regional.duplicate_of_id == card.pk


def test_same_card_in_the_same_channel_is_already_registered(registrar):
    card = register(registrar, channel="gov_hotline", external_id="УКЦ-1")
    with pytest.raises(AlreadyRegistered) as exc:
        register(registrar, channel="gov_hotline", external_id="УКЦ-1")
    assert exc.value.appeal_id == card.pk and Appeal.objects.count() == 1


def test_database_refuses_a_second_card_with_the_same_channel_and_number(registrar):
    card = register(registrar, channel="gov_hotline", external_id="УКЦ-2")
    clone = Appeal.objects.get(pk=card.pk)
    clone.pk, clone.seq = None, 999
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()


def test_batch_links_repeats_within_the_batch_and_reports_bad_items(registrar):
    items = [
        AppealRegisterIn.model_validate(appeal_body(received_at="2026-11-02T10:00:00")),
        AppealRegisterIn.model_validate(appeal_body(channel="nope")),
        AppealRegisterIn.model_validate(appeal_body(received_at="2026-11-03T10:00:00", text="Знову ліфт")),
    ]
    outcomes = register_appeals(items, actor=registrar, now=NOW)
    assert outcomes[1].errors and outcomes[1].appeal is None
    first, third = outcomes[0].appeal, outcomes[2].appeal
    assert first is not None and third is not None
    assert third.repeated_of_id == first.pk and third.feature_id == "repeated"
    assert [first.seq, third.seq] == [1, 2]  # no gap for the refused item


def test_registration_writes_one_event_with_the_registrar(registrar):
    appeal = register(registrar)
    event = AppealEvent.objects.get(appeal=appeal)
    assert (event.action, event.actor_id, event.data["number"]) == ("registered", registrar.pk, "К-1")


def test_events_cannot_be_changed_or_deleted(registrar):
    appeal = register(registrar)
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        AppealEvent.objects.filter(appeal=appeal).update(action="forged")
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        AppealEvent.objects.filter(appeal=appeal).delete()
    assert AppealEvent.objects.get(appeal=appeal).action == "registered"


def test_events_are_refused_through_raw_sql_too_when_anyone_tries(registrar):
    assert_append_only(AppealEvent.objects.get(appeal=register(registrar)))


def test_the_journal_label_comes_from_the_model_when_an_event_is_read(registrar):
    event = AppealEvent.objects.get(appeal=register(registrar))
    assert event.get_action_display() == AppealEventAction.REGISTERED.label == "Зареєстровано"
