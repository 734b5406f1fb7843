"""Signing: who may sign, one signature per person, exact counters and the threshold transition."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from hromada.petitions import selectors, services
from hromada.petitions.models import Petition, PetitionEvent, PetitionStatus, Signature
from hromada.residents.eligibility import age_on
from hromada.residents.models import ExternalIdentity

pytestmark = pytest.mark.django_db


def _valid_count(petition: Petition) -> int:
    return Signature.objects.filter(petition=petition, withdrawn_at=None, invalidation=None).count()


def _reached_events(petition: Petition) -> int:
    return PetitionEvent.objects.filter(petition=petition, action="threshold_reached").count()


def test_sign_counts_the_signature_and_records_its_sources(collecting, make_resident):
    petition = collecting()
    signer = make_resident("Іван Коваль", email="ivan@Ukr.Net")
    signature = services.sign_petition(
        signer=signer, petition_id=petition.pk, wants_updates=True, ip="10.0.0.7"
    )
    petition.refresh_from_db()
    assert petition.signature_count == 1 and petition.total_count == 1
    assert (signature.name, signature.email_domain, signature.wants_updates) == (
        "Іван Коваль",
        "ukr.net",
        True,
    )
    assert len(signature.ip_key) == 64 and "10.0.0.7" not in signature.ip_key
    assert selectors.live_signature(signer, petition) == signature
    assert list(selectors.signatories(petition).values_list("name", flat=True)) == ["Іван Коваль"]


def test_sign_is_refused_when_signed_already(collecting, make_resident):
    petition = collecting()
    signer = make_resident()
    services.sign_petition(signer=signer, petition_id=petition.pk)
    with pytest.raises(Conflict) as exc:
        services.sign_petition(signer=signer, petition_id=petition.pk)
    assert (exc.value.code, exc.value.status) == ("already_signed", 409)
    petition.refresh_from_db()
    assert petition.signature_count == 1 == _valid_count(petition)


def test_sign_is_refused_when_the_e_mail_is_not_confirmed(collecting, make_resident):
    petition = collecting()
    with pytest.raises(PermissionDenied) as exc:
        services.sign_petition(signer=make_resident(confirmed=False), petition_id=petition.pk)
    assert exc.value.code == "unconfirmed"


def test_sign_is_refused_as_not_found_when_the_petition_is_not_public(draft, make_resident):
    """A draft (or one on moderation) is not found, as on its page: "not collecting" would tell that a
    private petition with this id exists (found by the attack suite, hromada/security)."""
    petition = draft()
    with pytest.raises(NotFound):
        services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    services.submit_petition(author=petition.author, petition_id=petition.pk)
    with pytest.raises(NotFound):
        services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    with pytest.raises(NotFound):
        services.withdraw_signature(signer=make_resident(), petition_id=petition.pk)
    with pytest.raises(NotFound):
        services.sign_petition(signer=make_resident(), petition_id=petition.pk + 1000)


def test_sign_is_accepted_on_the_deadline_day_and_refused_the_day_after(
    collecting, make_resident, rules, now
):
    rules(collection_days=60)
    petition = collecting()  # published Friday 20.11.2026
    assert petition.deadline == dt.date(2027, 1, 19)
    now("2027-01-19T23:59:00")
    services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    now("2027-01-20T00:00:30")  # the job has not run yet: still "collecting"
    with pytest.raises(Conflict) as exc:
        services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    assert exc.value.code == "not_collecting"


def test_sign_takes_at_most_five_queries_when_the_threshold_is_not_crossed(
    collecting, make_resident, django_assert_max_num_queries
):
    petition = collecting()
    signer = make_resident()
    services.charter()  # cached, as in a running server
    # Inside the test's transaction: SAVEPOINT + RELEASE come on top of SELECT, INSERT, UPDATE.
    with django_assert_max_num_queries(5):
        services.sign_petition(signer=signer, petition_id=petition.pk)


def test_threshold_reached_online_moves_to_consideration_with_answer_due(collecting, make_resident, rules):
    rules(threshold=3)
    petition = collecting()  # Friday 20.11.2026
    for _ in range(3):
        services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CONSIDERATION
    # +10 working days from Friday 20.11: Mon 23.11 … Fri 04.12 (martial law: no holidays off)
    assert petition.answer_due == dt.date(2026, 12, 4)
    assert petition.threshold_reached_at is not None
    assert _reached_events(petition) == 1
    with pytest.raises(Conflict) as exc:
        services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    assert exc.value.code == "not_collecting"


def test_threshold_reached_by_paper_signatures(collecting, make_resident, staff, rules):
    rules(threshold=10)
    petition = collecting()
    services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    services.add_paper_signatures(
        actor=staff["moderator"], petition_id=petition.pk, count=5, protocol="Протокол №1"
    )
    petition.refresh_from_db()
    assert (petition.status, petition.total_count) == (PetitionStatus.COLLECTING, 6)
    services.add_paper_signatures(
        actor=staff["moderator"], petition_id=petition.pk, count=4, protocol="Протокол №2"
    )
    petition.refresh_from_db()
    assert (petition.status, petition.signature_count, petition.paper_count) == (
        PetitionStatus.CONSIDERATION,
        1,
        9,
    )
    assert _reached_events(petition) == 1


def test_paper_signatures_are_refused_for_a_head_and_without_protocol(collecting, staff):
    petition = collecting()
    with pytest.raises(PermissionDenied):
        services.add_paper_signatures(actor=staff["head"], petition_id=petition.pk, count=5, protocol="№1")
    with pytest.raises(ValidationFailed) as exc:
        services.add_paper_signatures(actor=staff["moderator"], petition_id=petition.pk, count=0, protocol="")
    assert {e.field for e in exc.value.errors} == {"count", "protocol"}


def test_withdraw_then_sign_again(collecting, make_resident):
    petition = collecting()
    signer = make_resident()
    services.sign_petition(signer=signer, petition_id=petition.pk)
    services.withdraw_signature(signer=signer, petition_id=petition.pk)
    petition.refresh_from_db()
    assert petition.signature_count == 0 and selectors.live_signature(signer, petition) is None
    services.sign_petition(signer=signer, petition_id=petition.pk)
    petition.refresh_from_db()
    assert petition.signature_count == 1 == _valid_count(petition)
    assert Signature.objects.filter(petition=petition, signer=signer).count() == 2


def test_withdraw_is_refused_without_a_signature_and_after_collection(collecting, make_resident, rules):
    rules(threshold=1)
    petition = collecting()
    signer = make_resident()
    with pytest.raises(NotFound):
        services.withdraw_signature(signer=signer, petition_id=petition.pk)
    services.sign_petition(signer=signer, petition_id=petition.pk)  # reaches the threshold
    with pytest.raises(Conflict) as exc:
        services.withdraw_signature(signer=signer, petition_id=petition.pk)
    assert exc.value.status == 409


def test_invalidation_and_revert_keep_the_counter_equal_to_valid_signatures(collecting, make_resident, staff):
    petition = collecting()
    bots = [make_resident(email=f"bot{i}@spam.test") for i in range(3)]
    people = [make_resident() for _ in range(2)]
    for r in bots:
        services.sign_petition(signer=r, petition_id=petition.pk, ip="1.2.3.4")
    signed = [
        services.sign_petition(signer=r, petition_id=petition.pk, ip=f"5.6.7.{i}")
        for i, r in enumerate(people)
    ]
    sources = selectors.top_sources(petition)
    assert sources["email_domain"][0] == ("spam.test", 3)
    moderator = staff["moderator"]
    inv = services.invalidate_signatures(
        actor=moderator,
        petition_id=petition.pk,
        reason="Боти",
        email_domain="spam.test",
        signature_ids=[signed[0].pk],
    )
    petition.refresh_from_db()
    assert inv.signature_total == 4 and petition.signature_count == 1 == _valid_count(petition)
    # the union is of valid signatures only: a second invalidation finds nothing new from the same domain
    again = services.invalidate_signatures(
        actor=moderator, petition_id=petition.pk, reason="Ще раз", email_domain="spam.test"
    )
    assert again.signature_total == 0
    # an invalidated signer keeps the slot: no fresh signature, no withdrawal
    with pytest.raises(Conflict) as exc:
        services.sign_petition(signer=bots[0], petition_id=petition.pk)
    assert exc.value.code == "already_signed"
    with pytest.raises(Conflict):
        services.withdraw_signature(signer=bots[0], petition_id=petition.pk)
    services.revert_invalidation(actor=moderator, invalidation_id=inv.pk)
    petition.refresh_from_db()
    assert petition.signature_count == 5 == _valid_count(petition)
    with pytest.raises(Conflict):
        services.revert_invalidation(actor=moderator, invalidation_id=inv.pk)


def test_invalidation_by_time_window_and_ip_key(collecting, make_resident, staff, now):
    petition = collecting()
    now("2026-11-20T11:00:00")
    early = services.sign_petition(signer=make_resident(), petition_id=petition.pk, ip="9.9.9.9")
    now("2026-11-20T13:00:00")
    services.sign_petition(signer=make_resident(), petition_id=petition.pk, ip="8.8.8.8")
    late = services.sign_petition(signer=make_resident(), petition_id=petition.pk, ip="9.9.9.9")
    inv = services.invalidate_signatures(
        actor=staff["moderator"],
        petition_id=petition.pk,
        reason="Сплеск",
        signed_from=dt.datetime(2026, 11, 20, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        signed_to=dt.datetime(2026, 11, 20, 11, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        ip_key=late.ip_key,
    )
    assert set(inv.signatures.values_list("pk", flat=True)) == {early.pk, late.pk}


def test_invalidate_is_refused_without_criteria_and_for_a_head(collecting, staff):
    petition = collecting()
    with pytest.raises(ValidationFailed) as exc:
        services.invalidate_signatures(actor=staff["moderator"], petition_id=petition.pk, reason="")
    assert {e.field for e in exc.value.errors} == {"reason", "signature_ids"}
    with pytest.raises(PermissionDenied):
        services.invalidate_signatures(
            actor=staff["head"], petition_id=petition.pk, reason="x", email_domain="a.b"
        )


def test_invalidation_is_audited(collecting, make_resident, staff):
    from hromada.core.models import AuditEntry

    petition = collecting()
    services.sign_petition(signer=make_resident(email="x@spam.test"), petition_id=petition.pk)
    inv = services.invalidate_signatures(
        actor=staff["moderator"], petition_id=petition.pk, reason="Боти", email_domain="spam.test"
    )
    services.revert_invalidation(actor=staff["moderator"], invalidation_id=inv.pk)
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "petition_signatures_invalidated",
        "petition_invalidation_reverted",
    ]


def test_revert_reaches_the_threshold_once(collecting, make_resident, staff, rules):
    rules(threshold=2)
    petition = collecting()
    services.sign_petition(signer=make_resident(email="a@spam.test"), petition_id=petition.pk)
    inv = services.invalidate_signatures(
        actor=staff["moderator"], petition_id=petition.pk, reason="?", email_domain="spam.test"
    )
    services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    services.revert_invalidation(actor=staff["moderator"], invalidation_id=inv.pk)
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CONSIDERATION and _reached_events(petition) == 1


# --- age and residence ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "allowed"),
    [
        (dt.date(2008, 11, 20), True),  # 18 today
        (dt.date(2008, 11, 21), False),  # 18 tomorrow
        (dt.date(1990, 1, 1), True),
    ],
)
def test_sign_checks_the_age_on_the_day_of_signing(collecting, make_resident, rules, birth, allowed):
    rules(min_signer_age=18)
    petition = collecting()  # today 20.11.2026
    signer = make_resident(birth_date=birth)
    if allowed:
        services.sign_petition(signer=signer, petition_id=petition.pk)
    else:
        with pytest.raises(PermissionDenied) as exc:
            services.sign_petition(signer=signer, petition_id=petition.pk)
        assert exc.value.code == "under_age"


def test_sign_is_refused_without_a_birth_date_when_age_is_required(collecting, make_resident, rules):
    rules(min_signer_age=18)
    petition = collecting()
    with pytest.raises(PermissionDenied) as exc:
        services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    assert exc.value.code == "under_age"


def test_a_verified_birth_date_wins_over_the_declared_one(collecting, make_resident, rules):
    rules(min_signer_age=18)
    petition = collecting()
    signer = make_resident(birth_date=dt.date(1980, 1, 1))
    ExternalIdentity.objects.create(
        resident=signer,
        provider="bankid",
        subject="42",
        birth_date=dt.date(2010, 5, 5),
        verified_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    with pytest.raises(PermissionDenied):
        services.sign_petition(signer=signer, petition_id=petition.pk)


@pytest.mark.parametrize(
    ("day", "age"),
    [
        (dt.date(2026, 2, 27), 17),
        (dt.date(2026, 2, 28), 18),  # common year: the birthday is 28 February (Civil Code art. 254)
        (dt.date(2028, 2, 28), 19),
        (dt.date(2028, 2, 29), 20),
    ],
)
def test_age_of_someone_born_on_29_february(day, age):
    assert age_on(dt.date(2008, 2, 29), day) == age


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("м. Ірпінь, вул. Миру, 5", True),
        ("ІРПІНЬ, Соборна 1", True),
        ("смт Ворзель, вул. Курортна 2", True),
        ("м. Київ, вул. Ірпінська, 3", False),  # not the whole word
        ("", False),
    ],
)
def test_sign_checks_the_residence_by_a_whole_settlement_name(
    collecting, make_resident, rules, address, allowed
):
    rules(residence_required=True, residence_settlements="Ірпінь\nВорзель\n")
    petition = collecting()
    signer = make_resident(address=address)
    if allowed:
        services.sign_petition(signer=signer, petition_id=petition.pk)
    else:
        with pytest.raises(PermissionDenied) as exc:
            services.sign_petition(signer=signer, petition_id=petition.pk)
        assert exc.value.code == "not_resident"


def test_live_count_is_cached_for_two_seconds(collecting, make_resident, django_assert_num_queries):
    petition = collecting()
    services.sign_petition(signer=make_resident(), petition_id=petition.pk)
    assert selectors.live_count(petition.pk) == (1, 0)
    with django_assert_num_queries(0):
        assert selectors.live_count(petition.pk) == (1, 0)


@pytest.mark.django_db(transaction=True)
def test_sign_takes_three_statements_and_one_short_transaction_in_a_server(make_resident, staff, now):
    """As in a running server: SELECT status/deadline, then BEGIN, INSERT, UPDATE … RETURNING, COMMIT."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hromada.reference.services import load_classifier

    load_classifier()  # transactional tests empty the vocabularies
    author = make_resident()
    petition = services.create_petition_draft(
        author=author, title="Тиша", text="Просимо.", category="transport"
    )
    services.submit_petition(author=author, petition_id=petition.pk)
    services.publish_petition(actor=staff["moderator"], petition_id=petition.pk)
    signer = make_resident()
    services.charter()
    with CaptureQueriesContext(connection) as ctx:
        services.sign_petition(signer=signer, petition_id=petition.pk)
    statements = [q["sql"].split()[0] for q in ctx.captured_queries]
    assert len(statements) <= 5
    assert [s for s in statements if s not in ("BEGIN", "COMMIT")] == ["SELECT", "INSERT", "UPDATE"]
