"""The rows a registered batch adds beside its appeals: applicants (with their categories), issues
and the first journal entry, built in memory and inserted in bulk by `registration`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hromada.accounts.models import User
from hromada.appeals.models import Appeal, AppealEvent, Applicant, Issue
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services.common import jsonable
from hromada.appeals.services.repeats import _Known, _Person
from hromada.core.bulk import attach_prefetched, bulk_insert
from hromada.reference import selectors as ref
from hromada.reference.models import AuthorCategory

#: One item of a batch on its way in: (index in the batch, item, its unsaved appeal, the earlier appeal
#: it repeats, the one it duplicates, its authors' keys).
Plan = tuple[int, AppealRegisterIn, Appeal, _Known | None, _Known | None, list[_Person]]


@dataclass
class Rows:
    """The rows that hang off the new appeals, built in memory and inserted in bulk, a fixed number of
    queries whatever the batch size."""

    applicants: list[Applicant] = field(default_factory=list)
    applicant_categories: list[list[str]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    events: list[AppealEvent] = field(default_factory=list)
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)  # per plan: index ranges

    def insert(self) -> None:
        bulk_insert(self.applicants)
        through = Applicant.categories.through
        links = [
            through(applicant_id=a.pk, authorcategory_id=code)
            for a, codes in zip(self.applicants, self.applicant_categories, strict=True)
            for code in codes
        ]
        if links:
            bulk_insert(links)
        bulk_insert(self.issues)
        bulk_insert(self.events)

    def attach(self, plans: list[Plan]) -> None:
        """Attach the rows to their appeals as if prefetched, so they can be shown unread."""
        vocabulary = ref.vocabulary(AuthorCategory)
        for applicant, codes in zip(self.applicants, self.applicant_categories, strict=True):
            found = sorted((vocabulary[code] for code in codes), key=lambda c: (c.position, c.code))
            attach_prefetched(applicant, "categories", found)
        for (_i, _item, appeal, *_rest), (a0, a1, i0, i1) in zip(plans, self.spans, strict=True):
            attach_prefetched(appeal, "applicants", self.applicants[a0:a1])
            attach_prefetched(appeal, "issues", self.issues[i0:i1])
            attach_prefetched(appeal, "assignments", [])


def related_rows(plans: list[Plan], *, actor: User | None, now: dt.datetime) -> Rows:
    """Applicants, issues and the "registered" journal entry of every inserted appeal, which is marked
    with the numbers of the appeals it repeats or duplicates (the card shows them unread)."""
    rows = Rows()
    for _i, item, appeal, repeated, duplicate, persons in plans:
        rows.spans.append(
            (len(rows.applicants), len(rows.applicants) + len(item.applicants), len(rows.issues), 0)
        )
        for pos, (a, p) in enumerate(zip(item.applicants, persons, strict=True)):
            rows.applicants.append(
                Applicant(
                    appeal=appeal,
                    position=pos,
                    name=a.name,
                    address=a.address,
                    phone=a.phone,
                    email=a.email,
                    sex_id=a.sex or None,
                    social_status_id=a.social_status or None,
                    name_key=p.name,
                    email_key=p.email,
                    phone_key=p.phone,
                    address_key=p.address,
                )
            )
            rows.applicant_categories.append(list(dict.fromkeys(a.categories)))
        for pos, issue in enumerate(item.issues, start=1):
            rows.issues.append(
                Issue(
                    appeal=appeal,
                    position=pos,
                    topic_id=issue.topic,
                    text=issue.text,
                    result_id="not_considered" if item.anonymous else None,
                    answered_at=now if item.anonymous else None,
                )
            )
        rows.events.append(_registered_event(actor, now, item, appeal, repeated, duplicate))
        rows.spans[-1] = (*rows.spans[-1][:3], len(rows.issues))
        appeal.repeated_of_number = repeated.appeal_number if repeated else None  # type: ignore[attr-defined]
        appeal.duplicate_of_number = duplicate.appeal_number if duplicate else None  # type: ignore[attr-defined]
    return rows


def _registered_event(
    actor: User | None,
    now: dt.datetime,
    item: AppealRegisterIn,
    appeal: Appeal,
    repeated: _Known | None,
    duplicate: _Known | None,
) -> AppealEvent:
    """The journal's first entry: the number, the dates, and why an anonymous appeal is not considered."""
    data = {
        "number": appeal.number,
        "channel": appeal.channel_id,
        "feature": appeal.feature_id,
        "registered_on": appeal.registered_on,
        "due_date": appeal.due_date,
    }
    if repeated:
        data["repeated_of"] = appeal.repeated_of_id
    if duplicate:
        data["duplicate_of"] = appeal.duplicate_of_id
    if item.late_registration:
        # Who confirmed it and when are the entry's actor and time.
        data["late_registration"] = True
    if item.anonymous:
        data["not_considered"] = "anonymous (Law art. 8)"
    return AppealEvent(appeal=appeal, actor=actor, at=now, action="registered", data=jsonable(data))
