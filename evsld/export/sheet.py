"""Drawing sheets: ISO 5457 formats, frame, zone grid, and where the title strip goes.

Everything is in millimetres on the trimmed sheet, origin at its top-left corner, y downwards
(the drawing's own direction; the PDF painter flips it once). The frame sits 20 mm from the
left edge (filing margin) and 10 mm from the others; the zone grid lives in the border just
outside the frame, numbers along the top and bottom, letters (I and O skipped, as ISO 5457
asks) down the sides, about 50 mm per field. The title block (ISO 7200, 180 mm wide) sits in
the bottom-right corner of the frame and the revision table to its left, both in one strip
across the bottom so that every sheet keeps a plain rectangle for its content.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from evsld.geometry.primitives import Box

FILING_MARGIN = 20.0  # left, ISO 5457
EDGE_MARGIN = 10.0  # top, right, bottom
ZONE_BAND = 5.0  # the strip of zone letters and numbers outside the frame
ZONE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # I and O are not used
TITLE_BLOCK_WIDTH = 180.0  # ISO 7200
TITLE_STRIP_HEIGHT = 40.0
CONTENT_GAP = 5.0  # between the content and the frame or the title strip
DRAFT_BAND = 3.0  # extra room above the content of a draft sheet, for its stamp line


@dataclass(frozen=True)
class SheetFormat:
    """An ISO 216 A-format in landscape, with its ISO 5457 zone count (fields of ~50 mm)."""

    name: str
    width: float  # mm, landscape
    height: float
    columns: int  # zone numbers along the top
    rows: int  # zone letters down the side


FORMATS = {
    f.name: f
    for f in (
        SheetFormat("A4", 297.0, 210.0, 6, 4),
        SheetFormat("A3", 420.0, 297.0, 8, 6),
        SheetFormat("A2", 594.0, 420.0, 12, 8),
        SheetFormat("A1", 841.0, 594.0, 16, 12),
    )
}


class SheetFormatError(ValueError):
    """A sheet format name that is not one of FORMATS; the message lists the choices."""


def sheet_format(name: str) -> SheetFormat:
    try:
        return FORMATS[name.upper()]
    except KeyError:
        raise SheetFormatError(
            f"unknown sheet format '{name}'; choose one of {', '.join(FORMATS)}"
        ) from None


@dataclass(frozen=True)
class Sheet:
    """The fixed geometry of every sheet of one format."""

    format: SheetFormat
    stamp_band: float = 0.0  # mm kept free at the top of the content (a draft's stamp line)

    @property
    def width(self) -> float:
        return self.format.width

    @property
    def height(self) -> float:
        return self.format.height

    @cached_property
    def frame(self) -> Box:
        """The drawing frame (0.7 mm line): the content and the title strip are inside it."""
        return Box(FILING_MARGIN, EDGE_MARGIN, self.width - EDGE_MARGIN, self.height - EDGE_MARGIN)

    @cached_property
    def zone_border(self) -> Box:
        """The outer line of the zone band around the frame."""
        return self.frame.grown(ZONE_BAND)

    @cached_property
    def title_strip(self) -> Box:
        f = self.frame
        return Box(f.x0, f.y1 - TITLE_STRIP_HEIGHT, f.x1, f.y1)

    @cached_property
    def title_block(self) -> Box:
        s = self.title_strip
        return Box(s.x1 - TITLE_BLOCK_WIDTH, s.y0, s.x1, s.y1)

    @cached_property
    def revision_table(self) -> Box:
        """Left of the title block: as wide as the sheet allows, at most 140 mm."""
        s = self.title_strip
        right = self.title_block.x0
        return Box(max(s.x0, right - 140.0), s.y0, right, s.y1)

    @cached_property
    def content(self) -> Box:
        """Where diagrams, legends and tables go: inside the frame, above the title strip."""
        f = self.frame
        return Box(
            f.x0 + CONTENT_GAP,
            f.y0 + CONTENT_GAP + self.stamp_band,
            f.x1 - CONTENT_GAP,
            self.title_strip.y0 - CONTENT_GAP,
        )

    def column_edges(self) -> list[float]:
        """x of each zone boundary along the frame, left to right (columns + 1 values)."""
        f, n = self.frame, self.format.columns
        return [f.x0 + f.width * i / n for i in range(n + 1)]

    def row_edges(self) -> list[float]:
        f, n = self.frame, self.format.rows
        return [f.y0 + f.height * i / n for i in range(n + 1)]

    def zone_at(self, x: float, y: float) -> str:
        """The zone reference of a point on the sheet, letter then number: "C4"."""
        f = self.frame
        column = min(
            self.format.columns - 1, max(0, int((x - f.x0) / f.width * self.format.columns))
        )
        row = min(self.format.rows - 1, max(0, int((y - f.y0) / f.height * self.format.rows)))
        return f"{ZONE_LETTERS[row]}{column + 1}"
