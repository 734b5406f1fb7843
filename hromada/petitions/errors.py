"""The refusals of petition services that every face shows the same way (a 409 with its code)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hromada.core.errors import Conflict
from hromada.petitions.models import Petition


def wrong_state(petition: Petition) -> Conflict:
    """The step is not possible in the petition's state (code `wrong_state`)."""
    return Conflict(
        _("The petition is %(status)s: this is not possible now.")
        % {"status": petition.get_status_display()},
        code="wrong_state",
    )


def not_collecting() -> Conflict:
    """Signing, withdrawing or paper signatures outside the collection (code `not_collecting`)."""
    return Conflict(_("The petition is not collecting signatures."), code="not_collecting")


class StoppedCollecting(Exception):
    """The counter UPDATE matched nothing: another signature ended the collection meanwhile."""
