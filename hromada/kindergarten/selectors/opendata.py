"""Набір даних «Черга дітей до ЗДО» (CMU No. 835, annex 42): one row per preference of a queued,
enrolled or cancelled application — never a name, a certificate or a parent."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import F, Q
from django.utils import timezone

from hromada.kindergarten.ages import age_group_title
from hromada.kindergarten.models import AgeGroup, ApplicationStatus, Benefit, BenefitStatus, Preference

#: The annex's columns, in its order.
COLUMNS = (
    "uid",
    "receivedDate",
    "number",
    "gender",
    "birthDate",
    "ageGroup",
    "benefitType",
    "institutionName",
    "institutionId",
    "dateProvided",
    "status",
)
STATUS_LABELS: dict[str, str] = {
    ApplicationStatus.ACTIVE: "Чинна",
    ApplicationStatus.OFFERED: "Чинна",
    ApplicationStatus.ENROLLED: "Виконана",
    ApplicationStatus.CANCELLED: "Скасована",
}


def open_data_rows(age_group: AgeGroup | int | None = None) -> Iterator[dict[str, object]]:
    """The rows (queued ones in position order per queue), streamed. An enrolled application gives
    the row of the group it was enrolled in; an archived one is not published."""
    prefs = Preference.objects.filter(
        Q(
            application__status__in=[
                ApplicationStatus.ACTIVE,
                ApplicationStatus.OFFERED,
                ApplicationStatus.CANCELLED,
            ]
        )
        | Q(application__status=ApplicationStatus.ENROLLED, application__enrolled_group_id=F("age_group_id"))
    )
    if age_group is not None:
        prefs = prefs.filter(age_group_id=age_group if isinstance(age_group, int) else age_group.pk)
    rows = prefs.order_by("age_group_id", F("position").asc(nulls_last=True), "application_id").values_list(
        "application__number",
        "application__filed_at",
        "position",
        "application__sex",
        "application__birth_date",
        "age_group__name",
        "age_group__age",
        "application__benefit",
        "application__benefit_status",
        "institution__name",
        "institution__edrpou",
        "application__enrolled_at",
        "application__status",
    )
    zone = timezone.get_current_timezone()
    for (
        number,
        filed,
        position,
        sex,
        birth,
        g_name,
        g_age,
        benefit,
        b_status,
        i_name,
        edrpou,
        enrolled,
        st,
    ) in rows.iterator(chunk_size=2000):
        yield {
            "uid": number,
            "receivedDate": filed.astimezone(zone).date().isoformat(),
            "number": position,
            "gender": sex,
            "birthDate": birth.year,
            "ageGroup": g_name or age_group_title(g_age),
            "benefitType": "Так" if benefit != Benefit.NONE and b_status == BenefitStatus.CONFIRMED else "Ні",
            "institutionName": i_name,
            "institutionId": edrpou or "null",
            "dateProvided": enrolled.astimezone(zone).date().isoformat() if enrolled else "",
            "status": STATUS_LABELS[st],
        }
