"""The queue's services: each step's outcome, who may take it, and bad input refused whole."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.accounts.models import Role
from hromada.core.errors import PermissionDenied, ValidationFailed
from hromada.kindergarten import errors, selectors, services
from hromada.kindergarten.models import Application, PositionChange, Preference
from hromada.kindergarten.services.queue import recompute_queue
from hromada.kindergarten.tests.kg_support import (
    BORN,
    NOW,
    SCHOOL_YEAR,
    file,
    group,
    institution,
    officer,
    parent,
    places,
    queue,
)

pytestmark = pytest.mark.django_db
OTHER_ROLES = [r for r in Role.values if r not in (Role.EDUCATION_OFFICER, Role.ADMINISTRATOR)]


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW


@pytest.fixture
def world():
    a, b, c = institution("ЗДО № 1"), institution("ЗДО № 2"), institution("ЗДО № 3")
    return {"a": a, "b": b, "c": c, "officer": officer(), "mama": parent("mama"), "tato": parent("tato")}


def test_filing_gives_a_number_a_code_and_positions_when_the_input_is_valid(world):
    first = file(world["mama"], [world["a"], world["b"]])
    second = file(world["tato"], [world["b"]])
    app = first.application
    assert app.number == f"ДНЗ-2026-{app.pk:06d}" and len(app.number) <= 20
    assert len(first.code) == 8 and set(first.code) <= set(Application.CODE_ALPHABET)
    assert first.code not in app.code_hash and app.filed_by == world["mama"]
    assert places(app) == {group(world["a"]).pk: 1, group(world["b"]).pk: 1}
    assert places(second.application) == {group(world["b"]).pk: 2}
    assert list(PositionChange.objects.filter(application=app).values_list("new_position", "reason")) == [
        (1, "filed"),
        (1, "filed"),
    ]
    assert (
        Preference.objects.filter(application=app)
        .values_list("notified_position", flat=True)
        .distinct()
        .get()
        == 1
    )


def test_lookup_finds_the_application_only_when_the_code_matches(world):
    filed = file(world["mama"], [world["a"]])
    number = filed.application.number
    assert selectors.application_for_lookup(number, filed.code.lower()) == filed.application
    assert selectors.application_for_lookup(number, "AAAAAAAA") is None
    assert selectors.application_for_lookup(number, "") is None
    assert selectors.application_for_lookup("ДНЗ-2026-999999", filed.code) is None


def test_a_claimed_benefit_counts_as_general_until_staff_confirm_it(world):
    general = file(world["mama"], [world["a"]]).application
    claimed = file(world["tato"], [world["a"], world["b"]], benefit="out_of_turn").application
    assert claimed.benefit_status == "claimed"
    assert queue(group(world["a"])) == [general.pk, claimed.pk]
    services.confirm_benefit(actor=world["officer"], application=claimed, note="Довідка УБД")
    assert queue(group(world["a"])) == [claimed.pk, general.pk]
    reasons = set(
        PositionChange.objects.filter(reason="benefit_confirmed").values_list("application_id", flat=True)
    )
    assert reasons == {general.pk, claimed.pk}  # both moved in queue a; nobody moved in b
    services.refuse_benefit(actor=world["officer"], application=claimed, note="Довідка недійсна")
    claimed.refresh_from_db()
    assert claimed.benefit_status == "refused" and claimed.benefit_note == "Довідка недійсна"
    assert queue(group(world["a"])) == [general.pk, claimed.pk]


def test_benefit_rank_orders_out_of_turn_before_first_in_turn_before_general(world):
    general = file(world["mama"], [world["a"]]).application
    first = file(world["mama"], [world["a"]], benefit="first_in_turn").application
    out = file(world["mama"], [world["a"]], benefit="out_of_turn").application
    for app in (first, out):
        services.confirm_benefit(actor=world["officer"], application=app)
    assert queue(group(world["a"])) == [out.pk, first.pk, general.pk]


@pytest.mark.parametrize("role", [*OTHER_ROLES, ""])
def test_benefit_decisions_offers_and_institutions_are_refused_when_the_role_is_not_the_queues(world, role):
    app = file(world["mama"], [world["a"]], benefit="first_in_turn").application
    clerk = officer(f"clerk_{role or 'none'}", role)
    with pytest.raises(PermissionDenied):
        services.confirm_benefit(actor=clerk, application=app)
    with pytest.raises(PermissionDenied):
        services.refuse_benefit(actor=clerk, application=app, note="ні")
    with pytest.raises(PermissionDenied):
        services.offer_place(actor=clerk, age_group=group(world["a"]))
    with pytest.raises(PermissionDenied):
        services.save_institution(actor=clerk, institution=None, name="Новий ЗДО")
    with pytest.raises(PermissionDenied):
        services.save_age_group(actor=clerk, age_group=group(world["a"]), capacity=30)
    with pytest.raises(PermissionDenied):
        file(clerk, [world["a"]], on_paper=True)
    app.refresh_from_db()
    assert app.benefit_status == "claimed" and app.status == "active"


def test_a_parent_cannot_act_on_anothers_application(world):
    app = file(world["mama"], [world["a"]]).application
    for step in (
        lambda: services.cancel_application(actor=world["tato"], application=app),
        lambda: services.change_preferences(
            actor=world["tato"], application=app, institution_ids=[world["b"].pk]
        ),
        lambda: services.accept_offer(actor=world["tato"], application=app),
        lambda: services.decline_offer(actor=world["tato"], application=app),
        lambda: services.confirm_benefit(actor=world["mama"], application=app),
    ):
        with pytest.raises(PermissionDenied):
            step()
    assert places(app) == {group(world["a"]).pk: 1}


def test_an_anonymous_visitor_cannot_file_but_staff_file_on_paper(world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        file(AnonymousUser(), [world["a"]])  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        file(None, [world["a"]])
    paper = file(world["officer"], [world["a"]], on_paper=True, parent_email="").application
    assert paper.filed_by is None and places(paper) == {group(world["a"]).pk: 1}
    with pytest.raises(PermissionDenied):  # only staff act on a paper application
        services.cancel_application(actor=world["mama"], application=paper)


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"child_name": "  "}, "child_name"),
        ({"child_surname": ""}, "child_surname"),
        ({"birth_date": dt.date(2026, 12, 1)}, "birth_date"),
        ({"birth_date": dt.date(2021, 8, 31)}, "birth_date"),  # six on 1.9.2027
        ({"certificate_number": ""}, "certificate_number"),
        ({"parent_phone": "12"}, "parent_phone"),
        ({"parent_email": "not-an-address"}, "parent_email"),
        ({"school_year": 2020}, "school_year"),
        ({"start_month": 13}, "start_month"),
        ({"benefit": "vip"}, "benefit"),
        ({"sex": 5}, "sex"),
    ],
)
def test_bad_input_is_a_field_error_and_nothing_is_saved(world, over, field):
    with pytest.raises(ValidationFailed) as caught:
        file(world["mama"], [world["a"]], **over)
    assert field in {e.field for e in caught.value.errors}
    assert not Application.objects.exists() and not PositionChange.objects.exists()


def test_the_choice_of_institutions_is_checked_when_filing(world, settings):
    settings.HROMADA_KINDERGARTEN_MAX_PREFERENCES = 2
    cases = [
        ([], errors.TooManyPreferences),
        ([world["a"], world["b"], world["c"]], errors.TooManyPreferences),
        ([world["a"], world["a"]], errors.TooManyPreferences),
    ]
    for chosen, error in cases:
        with pytest.raises(error) as caught:
            file(world["mama"], chosen)
        assert caught.value.field == "institutions"
    world["c"].active = False
    world["c"].save()
    with pytest.raises(errors.TooManyPreferences):
        file(world["mama"], [world["c"]])
    nursery = institution("Ясла", ages=range(0, 2))
    with pytest.raises(errors.NoAgeGroup):
        file(world["mama"], [world["a"], nursery])
    assert not Application.objects.exists()


def test_a_second_queued_application_for_one_child_is_refused(world):
    file(world["mama"], [world["a"]], certificate_series="і-ак", certificate_number="123 456")
    with pytest.raises(errors.DuplicateChild) as caught:
        file(world["tato"], [world["b"]], certificate_series="І-АК", certificate_number="123456")
    assert caught.value.field == "certificate_number" and caught.value.status == 409
    assert Application.objects.count() == 1


def test_a_cancelled_application_leaves_every_queue_and_the_rest_close_up(world):
    first = file(world["mama"], [world["a"], world["b"]]).application
    second = file(world["tato"], [world["a"]]).application
    third = file(world["tato"], [world["b"]]).application
    unrelated = file(world["tato"], [world["c"]]).application
    services.cancel_application(actor=world["mama"], application=first, note="Переїхали")
    first.refresh_from_db()
    assert first.status == "cancelled" and first.closed_at is not None and first.status_note == "Переїхали"
    assert set(places(first).values()) == {None}
    assert places(second) == {group(world["a"]).pk: 1} and places(third) == {group(world["b"]).pk: 1}
    assert not PositionChange.objects.filter(application=unrelated, reason="cancelled").exists()
    with pytest.raises(errors.WrongApplicationStatus):
        services.cancel_application(actor=world["mama"], application=first)


def test_changing_preferences_recomputes_only_the_queues_joined_or_left(world):
    app = file(world["mama"], [world["a"], world["b"]]).application
    other_b = file(world["tato"], [world["b"]]).application
    other_c = file(world["tato"], [world["c"]]).application
    before = PositionChange.objects.count()
    services.change_preferences(
        actor=world["mama"], application=app, institution_ids=[world["c"].pk, world["a"].pk]
    )
    assert places(app) == {group(world["c"]).pk: 1, group(world["a"]).pk: 1}  # filed earlier than other_c
    assert list(Preference.objects.filter(application=app).values_list("institution_id", "rank")) == [
        (world["c"].pk, 1),
        (world["a"].pk, 2),
    ]
    assert places(other_b) == {group(world["b"]).pk: 1} and places(other_c) == {group(world["c"]).pk: 2}
    moved = PositionChange.objects.order_by("pk")[before:]
    assert {(c.application_id, c.age_group_id) for c in moved} == {
        (app.pk, group(world["b"]).pk),
        (other_b.pk, group(world["b"]).pk),
        (app.pk, group(world["c"]).pk),
        (other_c.pk, group(world["c"]).pk),
    }
    with pytest.raises(errors.NoAgeGroup):
        services.change_preferences(
            actor=world["mama"], application=app, institution_ids=[institution("Ясла", ages=range(2)).pk]
        )


def test_an_offer_goes_to_the_first_waiting_and_accepting_enrols_out_of_every_queue(world):
    first = file(world["mama"], [world["a"], world["b"]]).application
    second = file(world["tato"], [world["a"]]).application
    g = group(world["a"])
    offered = services.offer_place(actor=world["officer"], age_group=g)
    assert offered == first and offered.status == "offered"
    assert offered.offer_deadline is not None and offered.offer_deadline.date() == dt.date(2026, 11, 26)
    assert selectors.free_places(g) == 1 and places(first)[g.pk] == 1  # an offer keeps its place
    assert services.offer_place(actor=world["officer"], age_group=g) == second
    assert selectors.free_places(g) == 0
    with pytest.raises(errors.NoFreePlace):
        services.offer_place(actor=world["officer"], age_group=g)
    services.accept_offer(actor=world["mama"], application=first)
    first.refresh_from_db()
    assert first.status == "enrolled" and first.enrolled_group == g and first.enrolled_at is not None
    assert set(places(first).values()) == {None}
    assert places(second) == {g.pk: 1}
    assert PositionChange.objects.filter(application=first, reason="enrolled").count() == 2
    assert selectors.free_places(g) == 0  # one enrolled, one offered


def test_declining_drops_the_institution_and_the_last_one_cancels(world):
    app = file(world["mama"], [world["a"], world["b"]]).application
    behind = file(world["tato"], [world["a"]]).application
    services.offer_place(actor=world["officer"], age_group=group(world["a"]))
    services.decline_offer(actor=world["mama"], application=app)
    app.refresh_from_db()
    assert app.status == "active" and app.offer_preference is None
    assert places(app) == {group(world["b"]).pk: 1} and places(behind) == {group(world["a"]).pk: 1}
    assert Preference.objects.get(application=app).rank == 1
    services.offer_place(actor=world["officer"], age_group=group(world["b"]))
    services.decline_offer(actor=world["mama"], application=app)
    app.refresh_from_db()
    assert app.status == "cancelled" and not Preference.objects.filter(application=app).exists()
    assert [h.new_position for h in selectors.position_history(app)][-1] is None


def test_an_offer_cannot_be_accepted_after_its_deadline_and_nobody_waiting_is_an_error(world, settings):
    app = file(world["mama"], [world["a"]]).application
    with pytest.raises(errors.WrongApplicationStatus):
        services.accept_offer(actor=world["mama"], application=app)
    services.offer_place(actor=world["officer"], age_group=group(world["a"]))
    with pytest.raises(errors.NobodyWaiting):
        services.offer_place(actor=world["officer"], age_group=group(world["a"]))
    settings.HROMADA_NOW = "2026-11-27T08:00:00"
    with pytest.raises(errors.OfferExpired):
        services.accept_offer(actor=world["mama"], application=app)
    app.refresh_from_db()
    assert app.status == "offered"


def test_institutions_and_groups_are_saved_with_field_errors_for_bad_values(world):
    admin = officer("admin", Role.ADMINISTRATOR)
    inst = services.save_institution(actor=admin, institution=None, name=" ЗДО № 9 ", edrpou="12345678")
    assert inst.name == "ЗДО № 9"
    with pytest.raises(ValidationFailed) as caught:
        services.save_institution(actor=admin, institution=inst, name="", edrpou="12")
    assert {e.field for e in caught.value.errors} == {"name", "edrpou"}
    g = services.save_age_group(
        actor=world["officer"], age_group=None, institution=inst, school_year=SCHOOL_YEAR, age=3, capacity=25
    )
    with pytest.raises(ValidationFailed):  # a second group of the same age
        services.save_age_group(
            actor=world["officer"], age_group=None, institution=inst, school_year=SCHOOL_YEAR, age=3
        )
    with pytest.raises(ValidationFailed):
        services.save_age_group(actor=world["officer"], age_group=g, age=7)
    file(world["mama"], [inst])
    with pytest.raises(ValidationFailed) as caught:
        services.save_age_group(actor=world["officer"], age_group=g, age=4)
    assert caught.value.errors[0].code == "in_use"
    assert services.save_age_group(actor=world["officer"], age_group=g, capacity=30).capacity == 30


def test_selectors_give_positions_public_rows_and_staff_lists(world, django_assert_max_num_queries):
    app = file(world["mama"], [world["a"], world["b"]], benefit="first_in_turn").application
    file(world["tato"], [world["a"]])
    services.confirm_benefit(actor=world["officer"], application=app)
    mine = selectors.positions_of(app)
    assert [(p.institution_id, p.position, p.queue_length) for p in mine] == [
        (world["a"].pk, 1, 2),
        (world["b"].pk, 1, 1),
    ]
    g = group(world["a"])
    with django_assert_max_num_queries(1):
        rows = selectors.public_queue(g)
    assert rows[0] == selectors.PublicQueueRow(
        position=1,
        number=app.number,
        birth_year=BORN.year,
        benefit=True,
        filed_on=dt.date(2026, 11, 16),
        status="active",
    )
    assert list(selectors.applications_for_staff(actor=world["officer"], query="Коваленко"))
    assert not selectors.applications_for_staff(actor=world["mama"]).exists()
    assert list(selectors.applications_of_parent(world["mama"])) == [app]
    assert [len(i.age_groups.all()) for i in selectors.institutions_with_groups(SCHOOL_YEAR)] == [6, 6, 6]
    assert selectors.current_school_year(dt.date(2026, 8, 31)) == 2025
    assert selectors.current_school_year(dt.date(2026, 9, 1)) == 2026


def test_the_lookup_is_one_query(world, django_assert_num_queries):
    filed = file(world["mama"], [world["a"]])
    with django_assert_num_queries(1):
        assert selectors.application_for_lookup(filed.application.number, filed.code) is not None


def test_a_long_queue_closes_up_with_one_history_row_per_moved_place(world):
    mama = world["mama"]
    apps = [file(mama, [world["a"]]).application for _ in range(12)]
    g = group(world["a"])
    Application.objects.filter(pk=apps[0].pk).update(status="archived")  # as the daily job does
    before = PositionChange.objects.count()
    assert recompute_queue(g, reason="archived") == 12  # no cause: the block is written by the database
    assert queue(g) == [a.pk for a in apps[1:]]
    moved = PositionChange.objects.order_by("pk")[before:]
    assert sorted((c.application_id, c.old_position, c.new_position) for c in moved) == sorted(
        [(apps[0].pk, 1, None)] + [(a.pk, n + 1, n) for n, a in enumerate(apps[1:], start=1)]
    )
    assert {(c.reason, c.cause_id, c.age_group_id) for c in moved} == {("archived", None, g.pk)}
    assert all(c.preference_id for c in moved) and len({c.at for c in moved}) == 1


def test_a_shifted_block_moves_the_told_place_only_past_the_step(world, settings):
    """The block's one UPDATE keeps `notified_position` as the row-by-row path would: unchanged after
    one place, moved (and a letter queued) once the place is better by NOTIFY_STEP."""
    settings.HROMADA_KINDERGARTEN_NOTIFY_STEP = 2
    mama = world["mama"]
    apps = [file(mama, [world["a"]]).application for _ in range(12)]
    g = group(world["a"])

    def told() -> list[tuple[int | None, int | None]]:
        return list(
            Preference.objects.filter(age_group=g, application__in=apps[2:])
            .order_by("application_id")
            .values_list("position", "notified_position")
        )

    assert told() == [(n, n) for n in range(3, 13)]
    services.cancel_application(actor=mama, application=apps[0])
    assert told() == [(n - 1, n) for n in range(3, 13)]  # one place better: not told yet
    services.cancel_application(actor=mama, application=apps[1])
    assert told() == [(n - 2, n - 2) for n in range(3, 13)]  # two places: told, letters queued
