"""The bundled DejaVu Sans Condensed, registered with reportlab once.

The same TrueType files give the canvas its glyphs and the layout its text widths
(evsld.geometry.fontmetrics), so text measured for a label is the text printed. reportlab
embeds the subset of glyphs used, so Δ, Ω, ², µ and accented names print on any computer.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from evsld.paths import font_path

REGULAR = "DejaVuSansCondensed"
BOLD = "DejaVuSansCondensed-Bold"


@cache
def register_fonts() -> tuple[str, str]:
    """Register both faces (idempotent); returns their reportlab names."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(font_path(False))))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_path(True))))
    return REGULAR, BOLD


def face(bold: bool) -> str:
    return BOLD if bold else REGULAR
