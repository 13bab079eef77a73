"""PDF export with ReportLab: pure functions of snapshots, files written atomically. No Qt."""
