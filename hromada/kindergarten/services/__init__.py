"""The kindergarten queue's writes: every state change of an application or an institution. Each runs
in one transaction, locks the affected queues (AgeGroup rows) in id order, recomputes exactly the
queues whose order can change (history rows for every changed position) and checks the actor itself."""

from hromada.kindergarten.services.archive import archive_aged_out
from hromada.kindergarten.services.benefits import confirm_benefit, refuse_benefit
from hromada.kindergarten.services.filing import (
    Filed,
    cancel_application,
    change_preferences,
    file_application,
)
from hromada.kindergarten.services.institutions import save_age_group, save_institution
from hromada.kindergarten.services.offers import accept_offer, decline_offer, expire_offers, offer_place
from hromada.kindergarten.services.validation import ApplicationInput

__all__ = [
    "ApplicationInput",
    "Filed",
    "accept_offer",
    "archive_aged_out",
    "cancel_application",
    "change_preferences",
    "confirm_benefit",
    "decline_offer",
    "expire_offers",
    "file_application",
    "offer_place",
    "refuse_benefit",
    "save_age_group",
    "save_institution",
]
