"""The door into appeals for other domains (двері): the only names another domain may import from it.

Petitions needs two things of the register: to register a petition that did not reach its
signatures as a collective appeal, and to read that appeal's number for the author's letter. The
import contract (pyproject.toml) lets a domain import this module and nothing else of appeals, so a
new cross-domain need is a visible change here, not a quiet import of a model.
"""

from __future__ import annotations

from hromada.appeals.models import Appeal
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.services.registration import register_appeal
from hromada.appeals.summaries import shorten

__all__ = ["AppealRegisterIn", "register_appeal", "registered_appeal", "shorten"]


def registered_appeal(appeal_id: int | None) -> Appeal | None:
    """The appeal a petition was registered as (its number goes into the author's letter)."""
    if appeal_id is None:
        return None
    return Appeal.objects.filter(pk=appeal_id).first()
