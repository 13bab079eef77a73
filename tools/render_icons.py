"""Regenerate the raster app icons from resources/icons/mathroom.svg.

Usage: .venv/bin/python tools/render_icons.py [--check]

Writes resources/icons/png/mathroom-{16,24,32,48,64,128,256,512}.png, the Windows
resources/icons/mathroom.ico (16–256 px, one crisp frame per size) and the macOS
resources/icons/mathroom.icns (32–1024 px). Every size is rendered straight from the SVG
with Qt's SVG renderer rather than scaled down from a big bitmap, so small sizes stay sharp.
Uses the offscreen platform, so it needs no display. With --check it renders into a
temporary folder and reports whether the committed PNGs are still up to date.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "mathroom.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)


def render_qimage(renderer: QSvgRenderer, size: int) -> QImage:
    """Paint the SVG onto a transparent square image of ``size`` pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def to_pillow(image: QImage) -> Image.Image:
    """Convert a QImage to a straight-alpha RGBA Pillow image, pixel for pixel."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    data = bytes(rgba.constBits())
    return Image.frombytes(
        "RGBA", (rgba.width(), rgba.height()), data, "raw", "RGBA", rgba.bytesPerLine()
    )


def render_all(source: Path, sizes: tuple[int, ...]) -> dict[int, Image.Image]:
    """Render the SVG at every requested size."""
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"Qt cannot read {source}")
    return {size: to_pillow(render_qimage(renderer, size)) for size in sizes}


def write_outputs(images: dict[int, Image.Image], out_dir: Path) -> list[Path]:
    """Write the PNGs, the .ico and the .icns into ``out_dir``; return the written paths."""
    png_dir = out_dir / "png"
    png_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for size in PNG_SIZES:
        path = png_dir / f"mathroom-{size}.png"
        images[size].save(path, "PNG", optimize=True)
        written.append(path)

    ico_path = out_dir / "mathroom.ico"
    largest_ico = images[max(ICO_SIZES)]
    largest_ico.save(
        ico_path,
        "ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[images[size] for size in ICO_SIZES if size != max(ICO_SIZES)],
    )
    written.append(ico_path)

    icns_path = out_dir / "mathroom.icns"
    largest_icns = images[max(ICNS_SIZES)]
    largest_icns.save(
        icns_path,
        "ICNS",
        append_images=[images[size] for size in ICNS_SIZES if size != max(ICNS_SIZES)],
    )
    written.append(icns_path)
    return written


def pngs_match(fresh_dir: Path, committed_dir: Path) -> list[str]:
    """Names of PNGs whose pixels differ between the fresh render and the committed files."""
    stale: list[str] = []
    for size in PNG_SIZES:
        name = f"mathroom-{size}.png"
        committed = committed_dir / "png" / name
        if not committed.exists():
            stale.append(name)
            continue
        with Image.open(fresh_dir / "png" / name) as new, Image.open(committed) as old:
            if new.convert("RGBA").tobytes() != old.convert("RGBA").tobytes():
                stale.append(name)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="only report whether the PNGs are up to date"
    )
    args = parser.parse_args(argv)

    # QSvgRenderer needs a Gui application; keep the reference alive while rendering.
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    sizes = tuple(sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES)))
    images = render_all(SOURCE, sizes)

    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            write_outputs(images, Path(tmp))
            stale = pngs_match(Path(tmp), ICONS)
        if stale:
            print("Out of date, run tools/render_icons.py:", ", ".join(stale))
            return 1
        print("App icon PNGs are up to date.")
        return 0

    for path in write_outputs(images, ICONS):
        print(f"wrote {path.relative_to(ROOT)}")
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
