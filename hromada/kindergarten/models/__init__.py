from hromada.kindergarten.models.applications import (
    QUEUED_STATUSES,
    Application,
    ApplicationStatus,
    Benefit,
    BenefitStatus,
    PositionChange,
    PositionReason,
    Preference,
    Sex,
)
from hromada.kindergarten.models.institutions import AgeGroup, Institution

__all__ = [
    "QUEUED_STATUSES",
    "AgeGroup",
    "Application",
    "ApplicationStatus",
    "Benefit",
    "BenefitStatus",
    "Institution",
    "PositionChange",
    "PositionReason",
    "Preference",
    "Sex",
]
