"""The demo receptions (`seed_demo`): officials with their hours and bookings, the centre's catalogue,
windows, bookings and today's queue. Made once; a second run adds nothing."""

from __future__ import annotations

from hromada.notifications.services import muted
from hromada.receptions import demo_centre, demo_personal, demo_queue


def seed_receptions() -> dict[str, int]:
    """Every demo letter is muted here, the one place the demo switch is allowed: the demo visitors'
    addresses are made up and must never be mailed."""
    with muted():
        return {**demo_personal.seed(), **demo_centre.seed(), **demo_queue.seed()}
