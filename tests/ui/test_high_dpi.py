"""Sharp at 125 %, 150 % and 200 %: the scale is not rounded, icons are drawn from SVG at
the screen's own pixels, math is drawn at twice the pixels, and the app icon has big sizes.

Each scale needs its own QApplication (the factor is read once, at start), so each runs in
a fresh process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.any_date  # the same on any day: pixels, not dates

PROBE = textwrap.dedent(
    """
    import json
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication
    from mathroom import paths
    from mathroom.ui import theme
    from mathroom.ui.rich_text import RichHtml

    app = QApplication([])
    ratio = app.devicePixelRatio()
    icons = {}
    for svg in sorted(paths.resource("icons", "ui").glob("*.svg")):
        pixmap = theme.icon(svg.stem).pixmap(QSize(20, 20), ratio)
        icons[svg.stem] = [pixmap.width(), pixmap.height(), pixmap.devicePixelRatio()]
    app_icon = theme.app_icon().pixmap(QSize(64, 64), ratio)
    html = RichHtml(QFont("DejaVu Sans", 10)).text("Solve $2x + 5 = 17$.")
    math = [image.devicePixelRatio() for image in html.images.values()]
    big = [app_icon.width(), app_icon.height()]
    print(json.dumps({"ratio": ratio, "icons": icons, "app_icon": big, "math": math}))
    """
)


@pytest.mark.parametrize("scale", [1.25, 1.5, 2.0])
def test_icons_and_math_are_drawn_at_the_screens_own_pixels(scale: float) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": str(scale)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["ratio"] == pytest.approx(scale)  # 125 % stays 125 %, not rounded to 100
    device = round(20 * scale)
    assert found["icons"], "no UI icons found"
    for name, (width, height, ratio) in found["icons"].items():
        assert (width, height) == (device, device), name  # drawn big, not a 20-pixel stretched
        assert ratio == pytest.approx(scale), name
    assert found["app_icon"] == [round(64 * scale)] * 2
    assert found["math"] and min(found["math"]) >= scale
