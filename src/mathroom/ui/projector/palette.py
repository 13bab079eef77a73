"""Projector colours: a dark and a light theme, both high contrast from the back of the room."""

from __future__ import annotations

from dataclasses import dataclass


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


def other(palette: ProjectorPalette) -> ProjectorPalette:
    return LIGHT if palette is DARK else DARK
