"""Browser tests of the public pages of questions: the shared set-up lives in hromada/browser_testing.py."""

from hromada.browser_testing import *  # noqa: F403  (fixtures and the skip hook)
