"""Benchmarks: `make bench` prints figures; they are measurements, not pass/fail tests."""
