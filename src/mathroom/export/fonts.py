"""Register the bundled fonts with ReportLab and mark up text so every script prints right.

ReportLab has no font fallback (a run of CJK text is wrapped in the CJK font by hand) and no
bidi ordering without a package that is not on PyPI, so ``visual_order`` puts right-to-left
runs in reading order here; HarfBuzz (ReportLab's ``shaping``) then joins Arabic letters and
places stacked marks inside each word.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from html import escape
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaFrag

from mathroom import paths
from mathroom.export.font_cache import load_font

BODY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
CJK = "WenQuanYiMicroHei"
MATH = "STIXTwoMath"  # ziamath's own font: plain math glyphs printed as text match it


def body_font(bold: bool, italic: bool) -> str:
    """The body face for a run of prose."""
    if italic:
        _register_italics()
        return BOLD_ITALIC if bold else ITALIC
    return BOLD if bold else BODY


@cache
def register_fonts() -> None:
    """Idempotent. Also makes DejaVu the base font so no unembedded Helvetica is referenced."""
    for name, file in ((BODY, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        pdfmetrics.registerFont(load_font(name, paths.resource("fonts", file)))
    pdfmetrics.registerFont(load_font(MATH, math_font_path(), shapable=False))
    pdfmetrics.registerFontFamily(
        BODY, normal=BODY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    rl_config.canvas_basefontname = BODY
    rl_config.defaultGraphicsFontName = BODY  # vector drawings (math) start in this font
    # ReportLab writes each glyph's Unicode as one hex number, which is wrong past U+FFFF
    # (math italic letters): readers then see nonsense. This writes UTF-16 as PDF requires.
    ttfonts.makeToUnicodeCMap = to_unicode_cmap


@cache
def math_font_path() -> Path:
    """ziamath's STIX Two Math file, found without importing ziamath (about 0.2 s)."""
    spec = find_spec("ziamath")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("ziamath is not installed: reinstall Mathroom")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts" / "STIXTwoMath-Regular.ttf"


@cache
def _register_italics() -> None:
    """The oblique faces, read when italic text first asks for them (rarely, on paper)."""
    register_fonts()
    pdfmetrics.registerFont(load_font(ITALIC, paths.resource("fonts", "DejaVuSans-Oblique.ttf")))
    pdfmetrics.registerFont(
        load_font(BOLD_ITALIC, paths.resource("fonts", "DejaVuSans-BoldOblique.ttf"))
    )


@cache
def cjk_font() -> str:
    """The CJK face's name, registered on first use: parsing its 5 MB file (when the font
    cache has not kept it) takes longer than any other font."""
    register_fonts()
    pdfmetrics.registerFont(load_font(CJK, paths.resource("fonts", "wqy-microhei.ttc"), subfont=0))
    return CJK


def unicode_hex(code: int) -> str:
    """The UTF-16BE hex a ToUnicode CMap wants for ``code``.

    Math alphanumerics (U+1D454 italic g, U+210E italic h) are written as the plain letter
    they stand for, so the text layer of 3g + 5 in math italic reads (and searches, and is
    read aloud) as ``3g + 5``. Arabic letters shaped into their joining forms (U+FEF3, the
    initial yeh) are written as the letters typed (U+064A), so the name reads back as typed.
    """
    char = chr(code)
    if 0x1D400 <= code <= 0x1D7FF or code == 0x210E or 0xFB50 <= code <= 0xFEFC:
        char = unicodedata.normalize("NFKC", char).lstrip() or char  # FE70: space + mark
    return char.encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap for one subset, with correct entries for every plane."""
    entries = [f"<{index:02X}> <{unicode_hex(code)}>" for index, code in enumerate(subset)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            # A bfchar section may hold at most 100 entries.
            *(
                part
                for start in range(0, len(entries), 100)
                for part in (
                    f"{len(entries[start : start + 100])} beginbfchar",
                    *entries[start : start + 100],
                    "endbfchar",
                )
            ),
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


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


def _is_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def needs_shaping(text: str) -> bool:
    """True for text HarfBuzz must shape: right-to-left letters, or marks left uncomposed."""
    return any(_is_rtl(c) or unicodedata.category(c) in ("Mn", "Mc") for c in text)


_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def _levels(text: str, rtl: bool | None) -> list[int]:
    """Embedding levels by a simplified Unicode bidi algorithm (no explicit embeddings).

    ``rtl`` None takes the direction of the first strong letter (rule P2), else left to right.
    """
    kinds: list[str] = []
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "NSM" and kinds:
            kind = kinds[-1]  # W1: a mark has the type of its letter
        kinds.append(kind)
    if rtl is None:
        first = next((k for k in kinds if k in ("L", "R", "AL")), "L")
        rtl = first != "L"
    base = 1 if rtl else 0
    last = "R" if rtl else "L"  # the last strong type, starting from the paragraph's
    resolved: list[str] = []
    for kind in kinds:
        if kind in ("L", "R", "AL"):
            last = kind
        elif kind == "EN" and last != "R":
            # W2 and W7: digits after Arabic letters are Arabic numbers; after Latin, Latin.
            kind = "AN" if last == "AL" else "L"
        kind = "R" if kind == "AL" else kind
        resolved.append(kind if kind in ("L", "R", "EN", "AN") else "N")
    # N1/N2: neutrals between two runs of one direction take it; else the base direction.
    index = 0
    while index < len(resolved):
        if resolved[index] != "N":
            index += 1
            continue
        end = index
        while end < len(resolved) and resolved[end] == "N":
            end += 1
        before = _direction(resolved[index - 1]) if index else ("R" if rtl else "L")
        after = _direction(resolved[end]) if end < len(resolved) else ("R" if rtl else "L")
        fill = before if before == after else ("R" if rtl else "L")
        resolved[index:end] = [fill] * (end - index)
        index = end
    levels = []
    for kind in resolved:
        if base == 0:
            levels.append({"L": 0, "R": 1}.get(kind, 2))
        else:
            levels.append(1 if kind == "R" else 2)
    return levels


def _direction(kind: str) -> str:
    return "L" if kind == "L" else "R"  # numbers count as right-to-left next to neutrals


def visual_order(text: str, rtl: bool | None = None) -> str:
    """``text`` with its right-to-left runs in reading order, each word kept whole.

    Words of right-to-left letters stay in typed (logical) order, because HarfBuzz shapes a
    word from its logical order and returns its glyphs left to right; only the order of the
    words and the neutrals between them changes. Text with nothing right-to-left is returned
    as it is.
    """
    if not any(_is_rtl(c) for c in text) and not rtl:
        return text
    levels = _levels(text, rtl)
    # Units: runs of one level, split at spaces, so a right-to-left run reverses word-wise.
    units: list[tuple[str, int]] = []
    for char, level in zip(text, levels, strict=True):
        if units and units[-1][1] == level and units[-1][0][-1].isspace() == char.isspace():
            units[-1] = (units[-1][0] + char, level)
        else:
            units.append((char, level))
    top = max(levels)
    lowest_odd = min((lv for lv in levels if lv % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):  # rule L2
        index = 0
        while index < len(units):
            if units[index][1] < level:
                index += 1
                continue
            end = index
            while end < len(units) and units[end][1] >= level:
                end += 1
            units[index:end] = units[index:end][::-1]
            index = end
    out: list[str] = []
    word: list[str] = []  # the visual units of one word (no spaces between them)
    for unit, level in [*units, (" ", 0)]:
        if unit[0].isspace():
            out.append(_shaping_order(word))
            out.append(unit)
            word = []
            continue
        if level % 2 and not any(_is_rtl(c) for c in unit):
            unit = unit[::-1].translate(_MIRROR)  # neutrals inside right-to-left text
        word.append(unit)
    return "".join(out)[:-1]


def _shaping_order(units: list[str]) -> str:
    """One word's visual units as HarfBuzz must receive them.

    A word with right-to-left letters is shaped right to left as a whole, so HarfBuzz
    reverses all of it: a comma or a digit that should sit to the right of an Arabic word
    is handed over first (reversed and mirrored, which HarfBuzz undoes).
    """
    if len(units) < 2 or not any(_is_rtl(c) for unit in units for c in unit):
        return "".join(units)
    return "".join(
        unit if any(_is_rtl(c) for c in unit) else unit[::-1].translate(_MIRROR)
        for unit in reversed(units)
    )


def paragraph_markup(text: str) -> str:
    """Escape text for a ReportLab Paragraph, in visual order, CJK runs in the CJK font.

    Names are data, never markup: ``<``, ``&`` and friends are escaped.
    """
    text = visual_order(unicodedata.normalize("NFC", text))
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


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text (a name, a title), shaped when its script needs it."""
    markup, shaping = _markup(text)
    if shaping and not style.shaping:
        style = _shaped(style)
    # A packet repeats the same headings, labels and names hundreds of times: parse each
    # once. ReportLab only reads a paragraph's fragments after parsing them.
    frags = _parsed_frags(markup, style)
    paragraph = _Paragraph(markup, style, frags=list(frags))
    paragraph.key = (markup, style)
    return paragraph


# Line breaks per (markup, style, line widths): the words and ReportLab's bookkeeping of them.
_BROKEN: dict[tuple[object, ...], tuple[Any, ...]] = {}
_BROKEN_MAX = 8192


class _Paragraph(Paragraph):
    """A Paragraph that breaks the same text at the same width once: a packet prints the
    same labels and headings hundreds of times, and cards measure theirs at every size."""

    key: tuple[str, ParagraphStyle] | None = None  # None on ReportLab's split-off parts

    def breakLines(self, width: Any) -> Any:  # noqa: N802 (ReportLab's name)
        if self.key is None:
            return super().breakLines(width)
        key = (*self.key, *(width if isinstance(width, list | tuple) else (width,)))
        state = self.__dict__  # breakLines also leaves these counts on the paragraph
        found = _BROKEN.get(key)
        if found is None:
            lines = super().breakLines(width)
            found = (lines, *(state[name] for name in _BREAK_STATE))
            if len(_BROKEN) >= _BROKEN_MAX:
                _BROKEN.clear()
            _BROKEN[key] = found
        else:
            state.update(zip(_BREAK_STATE, found[1:], strict=True), height=0)
        return found[0]


_BREAK_STATE = ("_width_max", "_splitLongWordCount", "_hyphenations")


@lru_cache(maxsize=4096)
def _markup(text: str) -> tuple[str, bool]:
    """A text's paragraph markup, and whether it needs shaping (names repeat on every page)."""
    text = unicodedata.normalize("NFC", text)
    return paragraph_markup(text), needs_shaping(text)


@cache
def _shaped(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)


def clear_paragraph_cache() -> None:
    """Forget parsed paragraphs (benchmarks start cold with this)."""
    _parsed_frags.cache_clear()
    _BROKEN.clear()
    _markup.cache_clear()


@lru_cache(maxsize=4096)
def _parsed_frags(markup: str, style: ParagraphStyle) -> tuple[ParaFrag, ...]:
    return tuple(Paragraph(markup, style).frags)


def _flush(run: list[str], cjk: bool) -> str:
    escaped = escape("".join(run), quote=False)  # markup needs only &, < and >
    return f'<font name="{cjk_font()}">{escaped}</font>' if cjk else escaped
