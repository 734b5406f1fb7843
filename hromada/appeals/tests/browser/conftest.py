"""Browser tests of the register's staff pages: the shared set-up lives in hromada/browser_testing.py."""

from hromada.browser_testing import *  # noqa: F403  (fixtures and the skip hook)
