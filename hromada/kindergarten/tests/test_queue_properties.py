"""The queue as a property: after any sequence of filings, benefit decisions, cancellations, offers
with their answers and changes of choice, every queue is exactly 1..n in the rule's order and equals
a recomputation from scratch; a step never moves an application in a queue it does not touch nor
swaps two others; a refused step changes nothing; one child never has two queued applications.

Each hypothesis example runs in its own transaction, rolled back after it
(hypothesis.extra.django.TestCase), on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.test import override_settings
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from hromada.accounts.models import User
from hromada.core.errors import DomainError
from hromada.kindergarten import services
from hromada.kindergarten.models import QUEUED_STATUSES, AgeGroup, Application, Institution, Preference
from hromada.kindergarten.services.queue import recompute_queue
from hromada.kindergarten.tests.kg_support import SCHOOL_YEAR, data, officer, parent

#: Eight children: ages 3 and 4 on the reference day, so each institution has two queues.
CHILDREN = 8
BIRTHS = [dt.date(2024, 3, 10), dt.date(2023, 5, 20)]
INSTITUTIONS = 3

inst_choice = st.lists(st.integers(0, INSTITUTIONS - 1), min_size=1, max_size=INSTITUTIONS, unique=True)
app_index = st.integers(0, 30)
operation = st.one_of(
    st.tuples(
        st.just("file"),
        st.integers(0, CHILDREN - 1),
        inst_choice,
        st.sampled_from(["none", "first_in_turn", "out_of_turn"]),
        st.integers(0, 600),
    ),
    st.tuples(st.sampled_from(["confirm", "refuse"]), app_index),
    st.tuples(st.sampled_from(["cancel", "accept", "decline"]), app_index),
    st.tuples(st.just("offer"), st.integers(0, INSTITUTIONS - 1), st.integers(0, 1)),
    st.tuples(st.just("prefs"), app_index, inst_choice),
    st.tuples(st.just("expire")),
)

RANK = {"out_of_turn": 0, "first_in_turn": 1}


def rule_rank(benefit: str, status: str) -> int:
    """The rule, written again here: a confirmed benefit counts, a claimed or refused one does not."""
    return RANK.get(benefit, 2) if status == "confirmed" else 2


Snapshot = dict[int, list[int]]  # age group id → application ids in position order


@override_settings(HROMADA_NOW="2026-11-16T10:00:00", HROMADA_KINDERGARTEN_NOTIFY_STEP=2)
class QueuePropertyTests(TestCase):
    parent: User
    officer: User
    institutions: list[Institution]
    groups: list[int]

    @classmethod
    def setUpTestData(cls) -> None:
        cls.parent = parent()
        cls.officer = officer()
        cls.institutions = []
        for n in range(INSTITUTIONS):
            inst = Institution.objects.create(name=f"ЗДО № {n + 1}")
            for age in (3, 4):
                AgeGroup.objects.create(institution=inst, school_year=SCHOOL_YEAR, age=age, capacity=2)
            cls.institutions.append(inst)
        cls.groups = list(AgeGroup.objects.order_by("pk").values_list("pk", flat=True))

    @settings(
        max_examples=120,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(operation, min_size=1, max_size=18))
    def test_positions_stay_exact_whatever_the_steps(self, operations: list[tuple[Any, ...]]) -> None:
        for op in operations:
            before = self.snapshot()
            targets, refused = self.apply(op)
            after = self.snapshot()
            event(f"{op[0]}: {'refused' if refused else 'done'}")
            if refused:
                self.assertEqual(before, after, f"a refused {op} changed the queues")
            self.check_untouched(before, after, targets, op)
            self.check_invariants()

    # --- the steps ---------------------------------------------------------------------------------

    def apply(self, op: tuple[Any, ...]) -> tuple[set[int], bool]:
        """Run one step; returns the applications it may move and whether the service refused it."""
        kind = op[0]
        apps = list(Application.objects.order_by("pk"))
        target = (
            apps[op[1] % len(apps)]
            if apps and kind in {"confirm", "refuse", "cancel", "accept", "decline", "prefs"}
            else None
        )
        if kind in {"confirm", "refuse", "cancel", "accept", "decline", "prefs"} and target is None:
            return set(), False
        try:
            return self._run(kind, op, target), False
        except DomainError:
            return {target.pk} if target else set(), True

    def _run(self, kind: str, op: tuple[Any, ...], target: Application | None) -> set[int]:
        ids = [self.institutions[i].pk for i in op[2]] if kind in {"file", "prefs"} else []
        if kind == "file":
            child, benefit, minute = op[1], op[3], op[4]
            moment = dt.datetime(2026, 11, 16, 8, 0) + dt.timedelta(minutes=minute)
            with override_settings(HROMADA_NOW=moment.isoformat()):
                filed = services.file_application(
                    actor=self.parent,
                    data=data(
                        [],
                        institution_ids=ids,
                        certificate_number=f"{900000 + child}",
                        birth_date=BIRTHS[child % 2],
                        benefit=benefit,
                    ),
                )
            return {filed.application.pk}
        if kind == "offer":
            group = AgeGroup.objects.get(institution=self.institutions[op[1]], age=3 + op[2])
            return {services.offer_place(actor=self.officer, age_group=group).pk}
        if kind == "expire":
            offered = set(Application.objects.filter(status="offered").values_list("pk", flat=True))
            with override_settings(HROMADA_NOW="2026-12-20T10:00:00"):
                services.expire_offers(dt.date(2026, 12, 20))
            return offered
        assert target is not None
        if kind == "confirm":
            services.confirm_benefit(actor=self.officer, application=target)
        elif kind == "refuse":
            services.refuse_benefit(actor=self.officer, application=target, note="Немає довідки")
        elif kind == "cancel":
            services.cancel_application(actor=self.parent, application=target)
        elif kind == "accept":
            services.accept_offer(actor=self.parent, application=target)
        elif kind == "decline":
            services.decline_offer(actor=self.parent, application=target)
        elif kind == "prefs":
            services.change_preferences(actor=self.parent, application=target, institution_ids=ids)
        return {target.pk}

    # --- the properties ----------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        queues: Snapshot = defaultdict(list)
        for group_id, app_id in (
            Preference.objects.filter(position__isnull=False)
            .order_by("age_group_id", "position")
            .values_list("age_group_id", "application_id")
        ):
            queues[group_id].append(app_id)
        return dict(queues)

    def check_untouched(
        self, before: Snapshot, after: Snapshot, targets: set[int], op: tuple[Any, ...]
    ) -> None:
        for group_id in self.groups:
            old, new = before.get(group_id, []), after.get(group_id, [])
            if not targets & (set(old) | set(new)):
                self.assertEqual(old, new, f"{op} moved queue {group_id}, which it does not touch")
            others_old = [a for a in old if a not in targets]
            others_new = [a for a in new if a not in targets]
            self.assertEqual(others_old, others_new, f"{op} reordered others in queue {group_id}")

    def check_invariants(self) -> None:
        rows = list(
            Preference.objects.values_list(
                "age_group_id",
                "position",
                "application_id",
                "application__status",
                "application__benefit",
                "application__benefit_status",
                "application__filed_at",
            )
        )
        by_group: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for row in rows:
            by_group[row[0]].append(row)
        for group_id, prefs in by_group.items():
            queued = [r for r in prefs if r[3] in QUEUED_STATUSES]
            self.assertTrue(all(r[1] is None for r in prefs if r[3] not in QUEUED_STATUSES))
            ordered = sorted(queued, key=lambda r: r[1])
            self.assertEqual([r[1] for r in ordered], list(range(1, len(queued) + 1)))
            rule = sorted(queued, key=lambda r: (rule_rank(r[4], r[5]), r[6], r[2]))
            self.assertEqual([r[2] for r in ordered], [r[2] for r in rule])
            self.assertEqual(
                recompute_queue(group_id, reason="filed"), 0, "a recomputation would move someone"
            )
        children = list(
            Application.objects.filter(status__in=QUEUED_STATUSES).values_list(
                "certificate_series", "certificate_number"
            )
        )
        self.assertEqual(len(children), len(set(children)))
