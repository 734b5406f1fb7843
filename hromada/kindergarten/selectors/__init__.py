"""The kindergarten queue's reads (visibility lives here: staff lists return nothing to others)."""

from hromada.kindergarten.ages import current_school_year
from hromada.kindergarten.selectors.opendata import COLUMNS as OPEN_DATA_COLUMNS
from hromada.kindergarten.selectors.opendata import open_data_rows
from hromada.kindergarten.selectors.queue import (
    GroupCounts,
    PublicQueueRow,
    QueuePosition,
    application_for_lookup,
    free_places,
    group_name,
    position_history,
    positions_of,
    public_queue,
    queue_length,
)
from hromada.kindergarten.selectors.staff import (
    applications_for_staff,
    applications_of_parent,
    institutions_with_groups,
)

__all__ = [
    "OPEN_DATA_COLUMNS",
    "GroupCounts",
    "PublicQueueRow",
    "QueuePosition",
    "application_for_lookup",
    "applications_for_staff",
    "applications_of_parent",
    "current_school_year",
    "free_places",
    "group_name",
    "institutions_with_groups",
    "open_data_rows",
    "position_history",
    "positions_of",
    "public_queue",
    "queue_length",
]
