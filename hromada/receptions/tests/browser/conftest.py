"""Browser tests of receptions: the shared set-up (hromada/browser_testing.py) and the real SMTP
server with the task worker (the letters)."""

from hromada.browser_testing import *  # noqa: F403  (fixtures and the skip hook)
from hromada.notifications.tests.conftest import _empty_queue, smtp, worker  # noqa: F401
