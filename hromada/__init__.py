"""Hromada (громада): a Ukrainian city council's platform for citizens' appeals and e-services."""
