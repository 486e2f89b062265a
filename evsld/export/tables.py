"""Report tables flowed over as many sheets as they need.

A section is a heading and a table. Sections follow one another down the content area;
a table that reaches the bottom continues on the next sheet under its heading marked
"(continued)" with its column titles repeated, as a reader turning pages expects. Column
widths are weights of the content width, so one report fits A4 to A1; cells that may be
long (messages, tag lists) wrap, the others are shortened with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from reportlab.lib.colors import Color

from evsld.export.painter import FRAME_INK, SHADE, Painter
from evsld.export.typeset import shorten, wrap
from evsld.geometry.primitives import Box, Text

HEADING_SIZE = 4.0
TEXT_SIZE = 2.4
LINE = 3.3  # mm per line of a row
PAD = 1.0
HEADING_HEIGHT = 8.0
HEADER_HEIGHT = 5.0
SECTION_GAP = 6.0
KEEP_WITH_HEADING = 3  # rows a table heading needs below it on the same page


@dataclass(frozen=True)
class Column:
    title: str
    weight: float
    align: str = "left"  # "left" or "right" (numbers)
    wrap: bool = False


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    bold: bool = False
    ink: Color | None = None
    span: bool = False  # a group heading: the first cell across the whole row


@dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    empty: str = ""  # printed instead of the table when there are no rows
    notes: tuple[str, ...] = ()  # lines printed under the heading
    width: float = 1.0  # share of the content width the table takes (short tables: less)


@dataclass
class Block:
    """Something placed on a report page at `y` (mm from the sheet top)."""

    kind: str  # "heading", "note", "header", "row"
    y: float
    height: float
    section: Section
    text: str = ""
    lines: list[list[str]] = field(default_factory=list)  # per cell, for a row
    row: Row | None = None


def table_box(section: Section, area: Box) -> Box:
    return Box(area.x0, area.y0, area.x0 + area.width * section.width, area.y1)


def column_edges(section: Section, area: Box) -> list[float]:
    area = table_box(section, area)
    total = sum(c.weight for c in section.columns)
    edges = [area.x0]
    for c in section.columns:
        edges.append(edges[-1] + area.width * c.weight / total)
    return edges


def _cell_lines(section: Section, row: Row, area: Box) -> list[list[str]]:
    if row.span:
        return [wrap(row.cells[0], table_box(section, area).width - 2 * PAD, TEXT_SIZE, row.bold)]
    edges = column_edges(section, area)
    out = []
    for col, value, x0, x1 in zip(section.columns, row.cells, edges, edges[1:], strict=False):
        width = x1 - x0 - 2 * PAD
        if col.wrap:
            out.append(wrap(value, width, TEXT_SIZE, row.bold))
        else:
            out.append([shorten(value, width, TEXT_SIZE, row.bold)])
    return out


def _height(section: Section, row: Row, area: Box, lines: list[list[str]] | None = None) -> float:
    lines = lines if lines is not None else _cell_lines(section, row, area)
    return LINE * max(len(c) for c in lines) + PAD


def paginate(sections: list[Section], area: Box) -> list[list[Block]]:
    """The blocks of each report page, in order."""
    pages: list[list[Block]] = [[]]
    y = area.y0

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = area.y0

    def room(height: float) -> bool:
        return y + height <= area.y1

    for section in sections:
        notes = [line for note in section.notes for line in wrap(note, area.width, TEXT_SIZE)]
        head = HEADING_HEIGHT + LINE * len(notes)
        # a heading is not left alone at a page's foot: it keeps its first rows with it
        first_rows = (
            sum(_height(section, row, area) for row in section.rows[:KEEP_WITH_HEADING])
            if section.rows
            else LINE
        )
        if pages[-1] and not room(head + HEADER_HEIGHT + first_rows):
            new_page()
        pages[-1].append(Block("heading", y, HEADING_HEIGHT, section, section.title))
        y += HEADING_HEIGHT
        for line in notes:
            pages[-1].append(Block("note", y, LINE, section, line))
            y += LINE
        if not section.rows:
            pages[-1].append(Block("note", y, LINE, section, section.empty))
            y += LINE + SECTION_GAP
            continue
        pages[-1].append(Block("header", y, HEADER_HEIGHT, section))
        y += HEADER_HEIGHT
        for row in section.rows:
            lines = _cell_lines(section, row, area)
            height = _height(section, row, area, lines)
            if not room(height):
                new_page()
                title = f"{section.title} (continued)"
                pages[-1].append(Block("heading", y, HEADING_HEIGHT, section, title))
                pages[-1].append(Block("header", y + HEADING_HEIGHT, HEADER_HEIGHT, section))
                y += HEADING_HEIGHT + HEADER_HEIGHT
            pages[-1].append(Block("row", y, height, section, lines=lines, row=row))
            y += height
        y += SECTION_GAP
    return [p for p in pages if p]


def draw_blocks(painter: Painter, blocks: list[Block], area: Box) -> None:
    for block in blocks:
        if block.kind == "heading":
            painter.text(Text((area.x0, block.y + 5.5), block.text, HEADING_SIZE, bold=True))
        elif block.kind == "note":
            painter.text(Text((area.x0, block.y + LINE - 0.7), block.text, TEXT_SIZE))
        elif block.kind == "header":
            _header(painter, block, area)
        else:
            _row(painter, block, area)


def _header(painter: Painter, block: Block, area: Box) -> None:
    right = table_box(block.section, area).x1
    painter.box(Box(area.x0, block.y, right, block.y + block.height), 0.0, fill=SHADE)
    edges = column_edges(block.section, area)
    for col, x0, x1 in zip(block.section.columns, edges, edges[1:], strict=False):
        title = shorten(col.title, x1 - x0 - 2 * PAD, TEXT_SIZE, True)
        painter.text(_aligned(title, col.align, x0, x1, block.y + 3.6, True))


def _row(painter: Painter, block: Block, area: Box) -> None:
    row = block.row
    assert row is not None
    bottom = block.y + block.height
    right = table_box(block.section, area).x1
    painter.line((area.x0, bottom), (right, bottom), 0.15, SHADE)
    if row.ink is not None:
        painter.ink(row.ink)
    if row.span:
        for n, line in enumerate(block.lines[0]):
            y = block.y + LINE * (n + 1) - 0.4
            painter.text(Text((area.x0 + PAD, y), line, TEXT_SIZE, bold=row.bold))
    else:
        edges = column_edges(block.section, area)
        cells = zip(block.section.columns, block.lines, edges, edges[1:], strict=False)
        for col, lines, x0, x1 in cells:
            for n, line in enumerate(lines):
                y = block.y + LINE * (n + 1) - 0.4
                painter.text(_aligned(line, col.align, x0, x1, y, row.bold))
    painter.ink(FRAME_INK)


def _aligned(text: str, align: str, x0: float, x1: float, y: float, bold: bool) -> Text:
    if align == "right":
        return Text((x1 - PAD, y), text, TEXT_SIZE, "end", bold)
    return Text((x0 + PAD, y), text, TEXT_SIZE, "start", bold)


def page_titles(blocks: list[Block]) -> Iterator[str]:
    """The sections a page shows, for its title block."""
    seen: dict[str, None] = {}
    for block in blocks:
        seen.setdefault(block.section.title, None)
    yield from seen
