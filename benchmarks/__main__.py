"""Run every benchmark and print its figures."""

from benchmarks import (
    department_library,
    gap_map,
    grouping,
    packet,
    planning_walk,
    practice,
    printing,
    roster_import,
    roster_parsing,
    startup,
    table_reading,
)

startup.main()
roster_parsing.main()
table_reading.main()
roster_import.main()
gap_map.main()
grouping.main()
packet.main()
practice.main()
printing.main()
planning_walk.main()
department_library.main()
