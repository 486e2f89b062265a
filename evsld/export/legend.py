"""The legend: every symbol the drawing uses, and its line styles, with their meaning.

Symbols are drawn from the same definitions as the diagram (evsld.geometry.symbols) at the
diagram's scale, so the legend shows exactly what the sheets show. Entries fill a grid of
cells column by column; a stretch symbol (busbar, trunking) is drawn a short length.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color

from evsld.export.painter import CONTROL_INK, INK, OUTLINE_INK, Painter
from evsld.export.typeset import wrap
from evsld.geometry.drawing import CONTROL_STROKE, OUTLINE_STROKE, POWER_STROKE, DrawingModel
from evsld.geometry.primitives import Box, Line, Primitive, Rect, Text, bounds
from evsld.geometry.symbols import library

CELL_WIDTH = 90.0  # mm
CELL_HEIGHT = 24.0
SYMBOL_WIDTH = 30.0  # the symbol's part of a cell
TEXT_SIZE = 2.8
HEADING = 10.0
STRETCH_EXTENT = (-40.0, 40.0)  # drawing units, for busbars and trunking


@dataclass(frozen=True)
class Entry:
    title: str
    primitives: tuple[Primitive, ...]  # in drawing units, centred on the origin
    ink: Color = INK


def legend_entries(drawing: DrawingModel) -> list[Entry]:
    """The symbols in use, in the library's order, then the line styles in use."""
    used = {placed.symbol for placed in drawing.devices.values()}
    entries = []
    for name, symbol in library().items():
        if name in used:
            graphic = symbol.graphic(STRETCH_EXTENT if symbol.stretch else None)
            entries.append(Entry(symbol.title, graphic.primitives))
    styles = {w.domain for w in drawing.wires.values()}
    run = ((-30.0, 0.0), (30.0, 0.0))
    if drawing.wires:
        entries.append(Entry("Power line", (Line(run, POWER_STROKE),)))
    if any(w.dashed for w in drawing.wires.values()) or len(styles) > 1:
        entries.append(
            Entry("Load-management or metering link", (Line(run, CONTROL_STROKE),), CONTROL_INK)
        )
    if drawing.outlines:
        outline = Rect(-30.0, -12.0, 60.0, 24.0, OUTLINE_STROKE)
        entries.append(Entry("Board enclosure (dash-dot outline)", (outline,), OUTLINE_INK))
    return entries


def legend_pages(entries: list[Entry], area: Box) -> list[list[tuple[Entry, Box]]]:
    """Entries placed in cells, column by column, as many pages as needed."""
    columns = max(1, int(area.width // CELL_WIDTH))
    rows = max(1, int((area.height - HEADING) // CELL_HEIGHT))
    per_page = columns * rows
    pages = []
    for start in range(0, len(entries), per_page):
        cells = []
        for n, entry in enumerate(entries[start : start + per_page]):
            col, row = divmod(n, rows)
            x0 = area.x0 + col * CELL_WIDTH
            y0 = area.y0 + HEADING + row * CELL_HEIGHT
            cells.append((entry, Box(x0, y0, x0 + CELL_WIDTH, y0 + CELL_HEIGHT)))
        pages.append(cells)
    return pages or [[]]


def draw_legend_page(
    painter: Painter, cells: list[tuple[Entry, Box]], area: Box, scale: float
) -> None:
    painter.ink(INK)
    painter.text(Text((area.x0, area.y0 + 5.5), "Legend", 4.0, bold=True))
    for entry, cell in cells:
        symbol_box = Box(cell.x0, cell.y0, cell.x0 + SYMBOL_WIDTH, cell.y1)
        prims = [p for p in entry.primitives if not isinstance(p, Text)]
        texts = [p for p in entry.primitives if isinstance(p, Text)]
        extent = bounds(list(entry.primitives))
        fit = min(
            scale,
            (symbol_box.width - 4.0) / max(extent.width, 1.0),
            (symbol_box.height - 4.0) / max(extent.height, 1.0),
        )
        centre = ((symbol_box.x0 + symbol_box.x1) / 2, (symbol_box.y0 + symbol_box.y1) / 2)
        middle = ((extent.x0 + extent.x1) / 2, (extent.y0 + extent.y1) / 2)
        painter.ink(entry.ink)
        with painter.world(centre, fit, middle):
            painter.draw(prims)
            painter.draw(texts)
        painter.ink(INK)
        width = cell.x1 - symbol_box.x1 - 4.0
        lines = wrap(entry.title, width, TEXT_SIZE)
        top = centre[1] - (len(lines) - 1) * TEXT_SIZE * 0.6 + TEXT_SIZE * 0.35
        for n, line in enumerate(lines):
            painter.text(Text((symbol_box.x1 + 2.0, top + n * TEXT_SIZE * 1.2), line, TEXT_SIZE))
