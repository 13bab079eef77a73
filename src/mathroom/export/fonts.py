"""Register the bundled fonts with ReportLab and mark up text so every script has glyphs.

ReportLab has no font fallback: a run of CJK text must be wrapped in the CJK font by hand.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from mathroom import paths

BODY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
CJK = "WenQuanYiMicroHei"
MATH = "STIXTwoMath"  # ziamath's own font: plain math glyphs printed as text match it


@cache
def register_fonts() -> None:
    """Idempotent. Also makes DejaVu the base font so no unembedded Helvetica is referenced."""
    pdfmetrics.registerFont(TTFont(BODY, str(paths.resource("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(paths.resource("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFont(
        TTFont(CJK, str(paths.resource("fonts", "wqy-microhei.ttc")), subfontIndex=0)
    )
    math_font = resources.files("ziamath") / "fonts" / "STIXTwoMath-Regular.ttf"
    with resources.as_file(math_font) as math_path:
        pdfmetrics.registerFont(TTFont(MATH, str(math_path)))
    pdfmetrics.registerFontFamily(BODY, normal=BODY, bold=BOLD, italic=BODY, boldItalic=BOLD)
    rl_config.canvas_basefontname = BODY
    rl_config.defaultGraphicsFontName = BODY  # vector drawings (math) start in this font


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x1100 <= code <= 0x11FF  # Hangul Jamo
        or 0x2E80 <= code <= 0x9FFF  # CJK radicals .. unified ideographs, kana
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x2FA1F
    )


def paragraph_markup(text: str) -> str:
    """Escape text for a ReportLab Paragraph and wrap CJK runs in the CJK font.

    Names are data, never markup: ``<``, ``&`` and friends are escaped.
    """
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    run: list[str] = []
    run_is_cjk = False
    for char in text:
        cjk = is_cjk(char)
        if run and cjk != run_is_cjk:
            out.append(_flush(run, run_is_cjk))
            run = []
        run.append(char)
        run_is_cjk = cjk
    if run:
        out.append(_flush(run, run_is_cjk))
    return "".join(out)


def _flush(run: list[str], cjk: bool) -> str:
    escaped = escape("".join(run))
    return f'<font name="{CJK}">{escaped}</font>' if cjk else escaped
