"""Run every benchmark and print its figures."""

from benchmarks import startup

startup.main()
