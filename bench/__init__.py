"""Benchmarks: measured and written to bench/results/, never asserted in timed tests."""
