"""Colours, pens and fonts of the canvas, in one place so the drawing looks of a piece."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF

from evsld.paths import FONT_FAMILY, font_path

PAPER = QColor("#ffffff")
INK = QColor("#1b1f24")
FAR_INK = QColor("#6e7781")  # a device seen from far: a grey box, lighter than the lines
CONTROL_INK = QColor("#3466a5")  # load-management and metering links, drawn dashed
OUTLINE_INK = QColor("#57606a")  # board outlines, a step back from the symbols
GRID_DOT = QColor("#c5cad1")
GRID_MAJOR = QColor("#9aa2ad")
SELECTION = QColor("#1f6feb")
SELECTION_FILL = QColor(31, 111, 235, 28)
PORT_OK = QColor("#1a7f37")
PORT_IDLE = QColor("#8c959f")
LABEL_INK = QColor("#24292f")
QUIET = QColor("#6e7781")  # zero counts in the status bar
SEVERITY_COLOURS = {
    "error": QColor("#cf222e"),
    "warning": QColor("#bf8700"),
    "info": QColor("#0969da"),
}


@cache
def drawing_family() -> str:
    """The bundled DejaVu Sans Condensed, registered once, so screen and PDF use one font."""
    for bold in (False, True):
        QFontDatabase.addApplicationFont(str(font_path(bold)))
    return FONT_FAMILY


@cache
def drawing_font(pixel_size: float, bold: bool = False) -> QFont:
    """A font of the drawing, made once per size (painting asks for it every frame)."""
    font = QFont(drawing_family())
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    return font


@cache
def drawing_metrics(pixel_size: float, bold: bool = False) -> QFontMetricsF:
    return QFontMetricsF(drawing_font(pixel_size, bold))
