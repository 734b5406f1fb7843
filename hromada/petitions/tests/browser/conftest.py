"""Browser tests of the staff petition pages: the shared set-up lives in hromada/browser_testing.py."""

from hromada.browser_testing import *  # noqa: F403  (fixtures and the skip hook)
