"""English pages write dates as Ukrainian ones do: 21.11.2026."""

from hromada.formats.uk.formats import *  # noqa: F403
