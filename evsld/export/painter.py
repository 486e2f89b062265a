"""Draws evsld's primitives on a reportlab canvas, in millimetres with y downwards.

One painter per page. The page is set up once so that user space is millimetres from the
sheet's top-left corner, y down, like the layout; `world()` adds a view's scale and offset so
that symbols are drawn from the very primitives the canvas draws (evsld.geometry), and stroke
widths and dash lengths scale with them. Text is set with a text matrix that flips it upright
again, so it reads normally and extracts as plain text.

A large set draws hundreds of thousands of lines and texts, and reportlab formats every
number it writes: the painter remembers the colour, line width, dash and font the PDF
graphics state holds and writes them only when they change. What is drawn many times
alike (a symbol, the frame and title block of every sheet) is written once as a PDF form
XObject and placed by reference (`reuse`).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from weakref import WeakKeyDictionary

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from evsld.export.fonts import face
from evsld.geometry.primitives import (
    Arc,
    Box,
    Ellipse,
    Line,
    Point,
    Polygon,
    Primitive,
    Rect,
    Stroke,
    Text,
    text_width,
)

# the canvas's colours (evsld.ui.style), so print matches screen; all print well in grey
INK = HexColor("#1b1f24")
CONTROL_INK = HexColor("#3466a5")  # load-management and metering links, dashed
OUTLINE_INK = HexColor("#57606a")  # board outlines
FRAME_INK = HexColor("#000000")
DRAFT_INK = HexColor("#cf222e")
SEVERITY_INK = {"error": HexColor("#cf222e"), "warning": HexColor("#9a6700"), "info": INK}
SHADE = HexColor("#eaeef2")  # table headers

# the forms of each document (a canvas is one document): what was drawn -> the form's name
_FORMS: WeakKeyDictionary[Canvas, dict[Hashable, str]] = WeakKeyDictionary()


class Painter:
    def __init__(self, canvas: Canvas, page_width: float, page_height: float) -> None:
        self.canvas = canvas
        self.page_height = page_height
        canvas.setPageSize((page_width * mm, page_height * mm))
        canvas.translate(0, page_height * mm)
        canvas.scale(mm, -mm)  # user space: mm from the top-left corner, y down
        canvas.setLineJoin(1)
        canvas.setLineCap(0)
        self._ink: Color = INK  # the colour asked for
        self._state = _State()  # what the PDF graphics state holds
        self.ink(INK)

    # --- state ------------------------------------------------------------------------

    @contextmanager
    def world(self, origin: Point, scale: float, world_origin: Point) -> Iterator[None]:
        """Draw in drawing units: world point `world_origin` lands on sheet `origin`."""
        c = self.canvas
        c.saveState()
        c.translate(*origin)
        c.scale(scale, scale)
        c.translate(-world_origin[0], -world_origin[1])
        with self._restoring():
            yield

    @contextmanager
    def clipped(self, box: Box) -> Iterator[None]:
        c = self.canvas
        c.saveState()
        path = c.beginPath()
        path.rect(box.x0, box.y0, box.width, box.height)
        c.clipPath(path, stroke=0, fill=0)
        with self._restoring():
            yield

    @contextmanager
    def _restoring(self) -> Iterator[None]:
        """Around a saveState: restoreState returns the PDF to the state remembered here."""
        ink, state = self._ink, replace(self._state)
        try:
            yield
        finally:
            self.canvas.restoreState()
            self._ink, self._state = ink, state

    def ink(self, colour: Color) -> None:
        self._ink = colour
        self._stroke_colour(colour)
        self._fill_colour(colour)

    def _stroke_colour(self, colour: Color) -> None:
        if colour != self._state.stroke_colour:
            self.canvas.setStrokeColor(colour)
            self._state.stroke_colour = colour

    def _fill_colour(self, colour: Color) -> None:
        if colour != self._state.fill_colour:
            self.canvas.setFillColor(colour)
            self._state.fill_colour = colour

    def _line_style(self, width: float, dash: tuple[float, ...]) -> None:
        state = self._state
        if width != state.width:
            self.canvas.setLineWidth(width)
            state.width = width
        if dash != state.dash:
            self.canvas.setDash(list(dash))
            state.dash = dash

    # --- primitives -------------------------------------------------------------------

    def stroke(self, stroke: Stroke) -> None:
        self._line_style(stroke.width, stroke.dash)

    def draw(self, primitives: Iterable[Primitive]) -> None:
        for prim in primitives:
            if isinstance(prim, Text):
                self.text(prim)
                continue
            self.stroke(prim.stroke)
            fill = 1 if getattr(prim, "fill", False) else 0
            c = self.canvas
            if isinstance(prim, Line):
                self.polyline(prim.points)
            elif isinstance(prim, Polygon):
                path = c.beginPath()
                path.moveTo(*prim.points[0])
                for p in prim.points[1:]:
                    path.lineTo(*p)
                path.close()
                c.drawPath(path, stroke=1, fill=fill)
            elif isinstance(prim, Rect):
                c.rect(prim.x, prim.y, prim.w, prim.h, stroke=1, fill=fill)
            elif isinstance(prim, Ellipse):
                cx, cy = prim.center
                c.ellipse(
                    cx - prim.rx, cy - prim.ry, cx + prim.rx, cy + prim.ry, stroke=1, fill=fill
                )
            elif isinstance(prim, Arc):
                self.arc(prim)

    def polyline(self, points: Iterable[Point]) -> None:
        points = list(points)
        path = self.canvas.beginPath()
        path.moveTo(*points[0])
        for p in points[1:]:
            path.lineTo(*p)
        self.canvas.drawPath(path, stroke=1, fill=0)

    def arc(self, prim: Arc) -> None:
        """Counter-clockwise on screen from start_deg: with y down that is clockwise in
        user space, so the angles change sign."""
        cx, cy = prim.center
        r = prim.radius
        path = self.canvas.beginPath()
        path.arc(cx - r, cy - r, cx + r, cy + r, startAng=-prim.start_deg, extent=-prim.span_deg)
        self.canvas.drawPath(path, stroke=1, fill=0)

    def text(self, prim: Text, colour: Color | None = None, angle: float = 0.0) -> None:
        """One line of text; `angle` turns it counter-clockwise (degrees) about `at`."""
        shift = 0.0
        if prim.anchor != "start":
            width = text_width(prim.text, prim.size, prim.bold)
            shift = -width / 2 if prim.anchor == "middle" else -width
        cos, sin = (1.0, 0.0) if angle == 0 else _turn(angle)
        x, y = prim.at[0] + shift * cos, prim.at[1] - shift * sin
        font = (face(prim.bold), prim.size)
        if font != self._state.font:  # the text state outlives BT/ET: set it only on a change
            self.canvas.setFont(*font)
            self._state.font = font
        if colour is not None:
            self._fill_colour(colour)
        t = self.canvas.beginText()
        t.setTextTransform(cos, -sin, -sin, -cos, x, y)
        t.textOut(prim.text)
        self.canvas.drawText(t)
        if colour is not None:
            self._fill_colour(self._ink)

    def line(self, a: Point, b: Point, width: float, colour: Color | None = None) -> None:
        self._stroke_colour(self._ink if colour is None else colour)
        self._line_style(width, ())
        self.canvas.line(a[0], a[1], b[0], b[1])
        self._stroke_colour(self._ink)

    def box(self, box: Box, width: float, fill: Color | None = None) -> None:
        c = self.canvas
        self._line_style(width, ())
        if fill is not None:
            self._fill_colour(fill)
        c.rect(
            box.x0,
            box.y0,
            box.width,
            box.height,
            stroke=1 if width > 0 else 0,
            fill=fill is not None,
        )
        self._fill_colour(self._ink)

    def triangle(self, points: tuple[Point, Point, Point]) -> None:
        path = self.canvas.beginPath()
        path.moveTo(*points[0])
        path.lineTo(*points[1])
        path.lineTo(*points[2])
        path.close()
        self.canvas.drawPath(path, stroke=0, fill=1)

    def image(self, data: bytes, box: Box) -> None:
        """A PNG or JPEG filling box (the caller keeps its aspect); flipped back upright."""
        c = self.canvas
        c.saveState()
        c.translate(box.x0, box.y1)
        c.scale(1, -1)
        with self._restoring():
            c.drawImage(ImageReader(io.BytesIO(data)), 0, 0, box.width, box.height, mask="auto")

    # --- forms -----------------------------------------------------------------------

    def reuse(
        self,
        key: Hashable,
        box: Callable[[], Box],
        draw: Callable[[], None],
        at: Point = (0.0, 0.0),
    ) -> None:
        """What `draw` draws (within `box()`), moved by `at`. The first call for a key in a
        document records it as a form XObject; every call places that form, so a symbol
        drawn ten thousand times costs one reference each. The form inherits the colour,
        line join and transformation in force where it is placed; `key` must name
        everything else the drawing depends on."""
        forms = _FORMS.setdefault(self.canvas, {})
        name = forms.get(key)
        if name is None:
            name = f"evsld{len(forms)}"
            self._record(name, box(), draw)
            forms[key] = name
        c = self.canvas
        if at == (0.0, 0.0):
            c.doForm(name)
            return
        c.saveState()
        c.translate(*at)
        with self._restoring():
            c.doForm(name)

    def _record(self, name: str, box: Box, draw: Callable[[], None]) -> None:
        """Draw into a new form: its stream starts from what the place of use holds, so
        nothing this page has set may be assumed there."""
        c = self.canvas
        ink, state = self._ink, self._state
        c.beginForm(name, box.x0, box.y0, box.x1, box.y1)
        self._state = _State()
        try:
            draw()
        finally:
            c.endForm()
            self._ink, self._state = ink, state

    # --- links ------------------------------------------------------------------------

    def to_page(self, x: float, y: float) -> Point:
        """Sheet mm (y down) to PDF points (y up), for annotations and destinations."""
        return (x * mm, (self.page_height - y) * mm)

    def destination(self, name: str, at: Point) -> None:
        left, top = self.to_page(at[0] - 20.0, at[1] - 20.0)
        self.canvas.bookmarkPage(name, fit="XYZ", left=left, top=top)

    def link(self, box: Box, destination: str) -> None:
        x0, y1 = self.to_page(box.x0, box.y0)
        x1, y0 = self.to_page(box.x1, box.y1)
        self.canvas.linkAbsolute("", destination, Rect=(x0, y0, x1, y1), Border="[0 0 0]")


@dataclass
class _State:
    """What the PDF graphics state holds (None: not known, so the next use sets it)."""

    stroke_colour: Color | None = None
    fill_colour: Color | None = None
    width: float | None = None
    dash: tuple[float, ...] | None = None
    font: tuple[str, float] | None = None


def _turn(angle: float) -> tuple[float, float]:
    return math.cos(math.radians(angle)), math.sin(math.radians(angle))
