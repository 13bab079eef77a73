"""Persistence: SQLAlchemy tables, the engine, units of work, migrations and backups.

Everything SQLite-specific lives in engine.py, backup.py and migrate.py so that another
database can be added later without touching services or UI.
"""
