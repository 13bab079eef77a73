"""Projector colours: a dark and a light theme, both high contrast from the back of the room."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class ProjectorPalette:
    name: str
    background: str
    ink: str
    muted: str  # still well above 7:1 against the background: secondary, never faint
    accent: str
    card: str
    highlight: str  # the agenda's current block
    highlight_ink: str
    cue: str  # the end-of-timer background
    # High contrast, for the back of the room: pure black and white, larger type, thicker lines.
    high_contrast: bool = False
    type_scale: float = 1.0  # times the smallest text (1/30 of the window's height)
    line_scale: float = 1.0  # times the width of drawn lines (card edges)

    def style_sheet(self) -> str:
        """Colours only: sizes come from setFont, which a font rule here would override."""
        return f"""
        QWidget#projector {{ background: {self.background}; }}
        QLabel {{ color: {self.ink}; background: transparent; }}
        QLabel#muted {{ color: {self.muted}; }}
        QLabel#accent {{ color: {self.accent}; }}
        QFrame#tile {{ background: {self.card}; border-radius: 16px; }}
        """


DARK = ProjectorPalette(
    name="dark",
    background="#0b0e14",
    ink="#f7f9fc",
    muted="#c9d1e3",
    accent="#ffd166",
    card="#1a2233",
    highlight="#ffd166",
    highlight_ink="#0b0e14",
    cue="#8c2f1b",
)

LIGHT = ProjectorPalette(
    name="light",
    background="#ffffff",
    ink="#0d1117",
    muted="#364152",
    accent="#1b4aa0",
    card="#e9eef7",
    highlight="#1b4aa0",
    highlight_ink="#ffffff",
    cue="#ffcf8a",
)


DARK_HIGH_CONTRAST = replace(
    DARK,
    name="dark high contrast",
    background="#000000",
    ink="#ffffff",
    muted="#ffffff",
    accent="#ffe000",
    card="#000000",
    highlight="#ffe000",
    highlight_ink="#000000",
    high_contrast=True,
    type_scale=1.5,
    line_scale=2.5,
)

LIGHT_HIGH_CONTRAST = replace(
    LIGHT,
    name="light high contrast",
    background="#ffffff",
    ink="#000000",
    muted="#000000",
    accent="#0033a0",
    card="#ffffff",
    highlight="#000000",
    highlight_ink="#ffffff",
    high_contrast=True,
    type_scale=1.5,
    line_scale=2.5,
)

_PAIRS = ((DARK, DARK_HIGH_CONTRAST), (LIGHT, LIGHT_HIGH_CONTRAST))


def is_dark(palette: ProjectorPalette) -> bool:
    return palette in (DARK, DARK_HIGH_CONTRAST)


def other(palette: ProjectorPalette) -> ProjectorPalette:
    """The other theme (dark ↔ light), keeping high contrast as it was."""
    return with_contrast(LIGHT if is_dark(palette) else DARK, palette.high_contrast)


def with_contrast(palette: ProjectorPalette, on: bool) -> ProjectorPalette:
    """The same theme with high contrast on or off."""
    normal, high = _PAIRS[0] if is_dark(palette) else _PAIRS[1]
    return high if on else normal
