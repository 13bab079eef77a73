"""Run every benchmark and print its figures."""

from benchmarks import roster_parsing, startup

startup.main()
roster_parsing.main()
