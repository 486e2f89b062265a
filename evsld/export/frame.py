"""What every sheet carries around its content: frame, zone grid, title block, revision
table and, on a draft, the DRAFT stamp.

The title block follows ISO 7200's fields (owner, title, drawing number, revision, date of
issue, sheet, creator, approver, document type) in a 180 x 40 mm block; each value shrinks to
fit its cell down to the minimum lettering and is shortened beyond that, so a long client name
never runs into the next cell.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.lib.colors import Color

from evsld.export.painter import DRAFT_INK, FRAME_INK, OUTLINE_INK, Painter
from evsld.export.sheet import ZONE_BAND, ZONE_LETTERS, Sheet
from evsld.export.typeset import fit_size, shorten
from evsld.geometry.primitives import Box, Text
from evsld.model.logo import Logo
from evsld.model.project_data import Revision

FRAME_LINE = 0.7  # mm, ISO 5457 frame
THIN_LINE = 0.25
CAPTION_SIZE = 1.8
VALUE_SIZE = 2.8
PAD = 1.2  # mm inside a cell


@dataclass(frozen=True)
class SheetText:
    """What one sheet's title block says beyond the project's metadata."""

    number: int
    count: int
    document: str  # the document type: "Single-line diagram +B1", "Check report" ...


@dataclass(frozen=True)
class Cell:
    x: float  # mm from the title block's top-left corner
    y: float
    w: float
    h: float
    caption: str
    key: str  # metadata key, or a key of the per-sheet values
    size: float = VALUE_SIZE
    bold: bool = False


TITLE_CELLS = (
    Cell(0, 20, 25, 10, "Drawn by", "drawn_by"),
    Cell(25, 20, 25, 10, "Checked by", "checked_by"),
    Cell(0, 30, 25, 10, "Approved by", "approved_by"),
    Cell(25, 30, 25, 10, "Date of issue", "date"),
    Cell(50, 0, 90, 10, "Project", "title", 3.2, True),
    Cell(50, 10, 45, 10, "Client", "client"),
    Cell(95, 10, 45, 10, "Site", "site"),
    Cell(50, 20, 90, 10, "Drawing title", "drawing_title", 3.5, True),
    Cell(50, 30, 90, 10, "Document type", "document"),
    Cell(140, 0, 40, 10, "Drawing number", "drawing_number", 3.0, True),
    Cell(140, 10, 20, 10, "Revision", "revision", 3.0, True),
    Cell(160, 10, 20, 10, "Format", "format"),
    Cell(140, 20, 40, 20, "Sheet", "sheet", 5.0, True),
)
OWNER_CELL = Cell(0, 0, 50, 20, "Company", "company", 3.2, True)
PER_SHEET = ("document", "sheet")  # the cells that differ from sheet to sheet


def draw_frame(
    painter: Painter,
    sheet: Sheet,
    metadata: Mapping[str, str],
    logo: Logo | None,
    revisions: tuple[Revision, ...],
    page: SheetText,
) -> None:
    """Frame, zones, title block and revision table of one sheet. All but the sheet's
    document type and number (and the logo, see _logo) is alike on every sheet of a set:
    drawn once as a form and placed on each sheet."""
    furniture = Furniture(sheet, tuple(sorted(metadata.items())), logo, revisions)
    painter.reuse(
        furniture,
        lambda: Box(0.0, 0.0, sheet.width, sheet.height),
        lambda: _furniture(painter, furniture),
    )
    if logo is not None:
        _logo(painter, sheet.title_block, metadata.get("company", ""), logo)
    painter.ink(FRAME_INK)
    values = {"document": page.document, "sheet": f"{page.number} / {page.count}"}
    for cell in TITLE_CELLS:
        if cell.key in PER_SHEET:
            _value(painter, sheet.title_block, cell, values[cell.key])


@dataclass(frozen=True)
class Furniture:
    """What every sheet of a set carries alike, and so the key of its form."""

    sheet: Sheet
    metadata: tuple[tuple[str, str], ...]
    logo: Logo | None
    revisions: tuple[Revision, ...]


def _furniture(painter: Painter, furniture: Furniture) -> None:
    """Frame, zones, title block and revision table; the per-sheet cells stay empty."""
    sheet = furniture.sheet
    painter.ink(FRAME_INK)
    painter.box(sheet.frame, FRAME_LINE)
    painter.box(sheet.zone_border, THIN_LINE)
    _zones(painter, sheet)
    values = dict(furniture.metadata)
    values["format"] = f"{sheet.format.name} landscape"
    block = sheet.title_block
    painter.box(block, 0.5)
    for cell in TITLE_CELLS:
        _cell(painter, block, cell, None if cell.key in PER_SHEET else values.get(cell.key, ""))
    _owner(painter, block, values.get("company", ""), furniture.logo)
    _revisions(painter, sheet.revision_table, furniture.revisions)


def _zones(painter: Painter, sheet: Sheet) -> None:
    """Zone numbers top and bottom, letters left and right, with a tick at every edge."""
    f, z = sheet.frame, sheet.zone_border
    size = 2.5
    cols, rows = sheet.column_edges(), sheet.row_edges()
    for i, (a, b) in enumerate(itertools.pairwise(cols)):
        if i:
            painter.line((a, z.y0), (a, f.y0), THIN_LINE)
            painter.line((a, f.y1), (a, z.y1), THIN_LINE)
        mid = (a + b) / 2
        label = str(i + 1)
        painter.text(Text((mid, f.y0 - ZONE_BAND / 2 + size * 0.35), label, size, "middle"))
        painter.text(Text((mid, f.y1 + ZONE_BAND / 2 + size * 0.35), label, size, "middle"))
    for i, (a, b) in enumerate(itertools.pairwise(rows)):
        if i:
            painter.line((z.x0, a), (f.x0, a), THIN_LINE)
            painter.line((f.x1, a), (z.x1, a), THIN_LINE)
        mid = (a + b) / 2 + size * 0.35
        letter = ZONE_LETTERS[i]
        painter.text(Text((f.x0 - ZONE_BAND / 2, mid), letter, size, "middle"))
        painter.text(Text((f.x1 + ZONE_BAND / 2, mid), letter, size, "middle"))


def _cell(painter: Painter, block: Box, cell: Cell, value: str | None) -> None:
    """The cell's box, caption and value (None: filled in per sheet)."""
    box = _cell_box(block, cell)
    painter.box(box, THIN_LINE)
    painter.ink(OUTLINE_INK)
    painter.text(Text((box.x0 + PAD, box.y0 + PAD + CAPTION_SIZE * 0.75), cell.caption, 1.8))
    painter.ink(FRAME_INK)
    if value is not None:
        _value(painter, block, cell, value)


def _cell_box(block: Box, cell: Cell) -> Box:
    return Box(
        block.x0 + cell.x, block.y0 + cell.y, block.x0 + cell.x + cell.w, block.y0 + cell.y + cell.h
    )


def _value(painter: Painter, block: Box, cell: Cell, value: str) -> None:
    box = _cell_box(block, cell)
    width = cell.w - 2 * PAD
    line = " ".join(value.split())  # a multi-line site address prints on one line
    size = fit_size(line, width, cell.size, cell.bold)
    baseline = box.y1 - PAD - 0.4 if cell.h <= 10 else box.y1 - cell.h / 2 + size * 0.1
    text = shorten(line, width, size, cell.bold)
    painter.text(Text((box.x0 + PAD, baseline), text, size, bold=cell.bold))


def _owner(painter: Painter, block: Box, company: str, logo: Logo | None) -> None:
    """The owner's cell: room for the logo when there is one (see _logo), the company's
    name below it."""
    c = OWNER_CELL
    box = _cell_box(block, c)
    painter.box(box, THIN_LINE)
    width = c.w - 2 * PAD
    if logo is None:
        _cell(painter, block, c, company)
        return
    if company:
        size = fit_size(company, width, 2.5, True)
        text = shorten(company, width, size, True)
        painter.text(Text(((box.x0 + box.x1) / 2, box.y1 - PAD), text, size, "middle", True))


def _logo(painter: Painter, block: Box, company: str, logo: Logo) -> None:
    """The logo in the owner's cell, centred above the company's name. Drawn on each sheet
    rather than in the shared frame: reportlab writes the image once either way, and the
    sheet's own resources then name it."""
    box = _cell_box(block, OWNER_CELL)
    name_height = 3.5 if company else 0.0
    room = Box(box.x0 + PAD, box.y0 + PAD, box.x1 - PAD, box.y1 - PAD - name_height)
    w = min(room.width, room.height * logo.aspect)
    h = w / logo.aspect
    x0 = room.x0 + (room.width - w) / 2
    y0 = room.y0 + (room.height - h) / 2
    painter.image(logo.data, Box(x0, y0, x0 + w, y0 + h))


REVISION_COLUMNS = (("Rev", 12.0), ("Date", 22.0), ("Description", 0.0), ("By", 22.0))
REVISION_HEADER = 6.0
REVISION_ROW = 5.5


def _revisions(painter: Painter, box: Box, revisions: tuple[Revision, ...]) -> None:
    """The revision table, newest at the top: as many as fit (the latest matter)."""
    painter.box(box, THIN_LINE)
    fixed = sum(w for _, w in REVISION_COLUMNS)
    widths = [w or box.width - fixed for _, w in REVISION_COLUMNS]
    edges = [box.x0]
    for w in widths:
        edges.append(edges[-1] + w)
    header_y = box.y0 + REVISION_HEADER
    painter.line((box.x0, header_y), (box.x1, header_y), THIN_LINE)
    for x in edges[1:-1]:
        painter.line((x, box.y0), (x, box.y1), THIN_LINE)
    for (title, _), x in zip(REVISION_COLUMNS, edges, strict=False):
        painter.text(Text((x + PAD, box.y0 + 4.2), title, 2.2, bold=True))
    fits = int((box.height - REVISION_HEADER) // REVISION_ROW)
    shown = list(reversed(revisions))[:fits]
    for n, rev in enumerate(shown):
        y = header_y + (n + 1) * REVISION_ROW - 1.6
        cells = (rev.rev, rev.date, rev.description, rev.author)
        for value, x, w in zip(cells, edges, widths, strict=False):
            text = shorten(" ".join(value.split()), w - 2 * PAD, 2.2)
            painter.text(Text((x + PAD, y), text, 2.2))


STAMP = "DRAFT — NOT FOR CONSTRUCTION"


def stamp_lines(errors: int) -> tuple[str, str]:
    """The stamp's two lines; the second says why the set is not for construction."""
    if errors == 0:
        return STAMP, "no errors in the check report"
    noun = "error" if errors == 1 else "errors"
    return STAMP, f"{errors} {noun} in the check report"


def draw_draft_stamp(painter: Painter, sheet: Sheet, errors: int) -> None:
    """A large see-through diagonal stamp across the content (the drawing stays legible
    through it), and a solid line in the frame's top-left corner, in the band a draft sheet
    keeps free above its content (Sheet.stamp_band), that no copy can lose."""
    area = sheet.content
    first, second = stamp_lines(errors)
    cx, cy = (area.x0 + area.x1) / 2, (area.y0 + area.y1) / 2
    size = min(area.width, area.height) / 14
    faint = Color(DRAFT_INK.red, DRAFT_INK.green, DRAFT_INK.blue, alpha=0.22)
    big = Text((cx, cy), first, size, "middle", True)
    small = Text((cx + size * 0.55, cy + size * 1.5), second, size * 0.6, "middle")
    painter.text(big, faint, angle=20.0)
    painter.text(small, faint, angle=20.0)
    painter.ink(DRAFT_INK)
    at = (sheet.frame.x0 + 2.0, sheet.frame.y0 + 4.5)
    painter.text(Text(at, f"{first} · {second}", 3.0, bold=True))
    painter.ink(FRAME_INK)
