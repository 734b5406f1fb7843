"""Електронні петиції: every change of a petition, one function each (Law art. 23-1, the charter).

Every state change is one transaction with one PetitionEvent; e-mails go after commit (notify.py);
files are stored inside `atomic_with_files()`, so a refused step leaves none. Who may act is in
permissions.py, the shared refusals in errors.py. See README.md for the flow and the rules.
"""

from hromada.petitions.services.answer import answer_petition
from hromada.petitions.services.closing import close_expired_petitions
from hromada.petitions.services.common import charter
from hromada.petitions.services.counting import (
    add_paper_signatures,
    invalidate_signatures,
    revert_invalidation,
)
from hromada.petitions.services.drafts import (
    TEXT_MAX,
    TITLE_MAX,
    create_petition_draft,
    submit_petition,
    update_petition_draft,
)
from hromada.petitions.services.moderation import (
    publish_petition,
    refuse_petition,
    return_petition_for_edits,
)
from hromada.petitions.services.signing import sign_petition, withdraw_signature

__all__ = [
    "TEXT_MAX",
    "TITLE_MAX",
    "add_paper_signatures",
    "answer_petition",
    "charter",
    "close_expired_petitions",
    "create_petition_draft",
    "invalidate_signatures",
    "publish_petition",
    "refuse_petition",
    "return_petition_for_edits",
    "revert_invalidation",
    "sign_petition",
    "submit_petition",
    "update_petition_draft",
    "withdraw_signature",
]
