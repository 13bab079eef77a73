"""Run every benchmark and print its figures."""

from benchmarks import gap_map, grouping, packet, practice, roster_parsing, startup, table_reading

startup.main()
roster_parsing.main()
table_reading.main()
gap_map.main()
grouping.main()
packet.main()
practice.main()
