"""Browser tests of the kindergarten queue: the shared set-up (hromada/browser_testing.py)."""

from hromada.browser_testing import *  # noqa: F403  (fixtures and the skip hook)
