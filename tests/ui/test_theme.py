"""The window's fonts: the PDFs' own, italics included (not slanted by Qt)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Run where fontconfig knows no system fonts, so only what register_fonts adds is there.
PROBE = """
import json
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication
from mathroom.ui.theme import register_fonts

app = QApplication([])
before = QFontDatabase.styles("DejaVu Sans")
register_fonts()
italic = QFont("DejaVu Sans", 10)
italic.setItalic(True)
bold_italic = QFont(italic)
bold_italic.setBold(True)
print(json.dumps({
    "before": before,
    "styles": QFontDatabase.styles("DejaVu Sans"),
    "italic": QFontInfo(italic).styleName(),
    "bold_italic": QFontInfo(bold_italic).styleName(),
}))
"""

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def test_italic_dejavu_sans_is_a_real_face_after_register_fonts(tmp_path: Path) -> None:
    conf = tmp_path / "fonts.conf"
    conf.write_text(FONTS_CONF.format(cache=tmp_path / "cache"), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(conf)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    fonts = json.loads(done.stdout.strip().splitlines()[-1])
    assert fonts["before"] == []  # no system DejaVu Sans to stand in for ours
    assert {"Book", "Bold", "Oblique", "Bold Oblique"} <= set(fonts["styles"])
    assert (fonts["italic"], fonts["bold_italic"]) == ("Oblique", "Bold Oblique")
