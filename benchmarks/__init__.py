"""Benchmarks by installation size: `python -m benchmarks` (see README)."""
