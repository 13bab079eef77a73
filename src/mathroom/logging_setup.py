"""Log to a rotating file in the data folder. Never log student names: log ids."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path


def configure_logging(logs_dir: Path, level: int = logging.INFO) -> Path:
    logs_dir.mkdir(parents=True, exist_ok=True)
    log_file = logs_dir / "mathroom.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "mathroom", False):
            root.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.mathroom = True  # type: ignore[attr-defined]  # marks our handler for reconfiguring
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic's "assume non-transactional DDL" is misleading here: store.migrate runs every
    # migration inside its own explicit transaction. Keep its warnings, drop the chatter.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return log_file
