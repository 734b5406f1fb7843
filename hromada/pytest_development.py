"""Loaded by pytest before Django (`-p hromada.pytest_development` in pyproject): the suite runs the
development configuration, as `make test` does (DEBUG=1, this installation's key in var/). The
production configuration is proven by tests that start `hromada` in a subprocess with the documented
production environment (hromada/security/tests/test_deployment.py)."""

import os

os.environ.setdefault("DEBUG", "1")
