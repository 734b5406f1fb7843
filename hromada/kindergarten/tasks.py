"""Background work of the kindergarten queue (runs in `hromada db_worker`, never in a request).

One change can move a whole queue — a cancellation near the head improves every place behind it —
so the "your place improved" letters of one change are composed here, in the worker, from one task
row written on commit, instead of one letter after another in the parent's or the clerk's request."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django_tasks import task


@task()
def send_position_letters(preference_ids: list[int]) -> int:
    """Compose and queue the letters of the preferences whose place improved (one per application)."""
    from hromada.kindergarten import notify

    with translation.override(settings.LANGUAGE_CODE):
        return notify.compose_position_letters(preference_ids)
