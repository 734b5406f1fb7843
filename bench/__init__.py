"""Benchmarks of the register at scale (not tests): `python -m bench.run_all`, see docs/benchmarks.md."""
