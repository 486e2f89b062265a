"""The single-line diagram laid out on sheets: scale, views, continuation marks.

Scale: labels are 8 drawing units high, so 0.25 mm per unit prints them 2.0 mm high, the
smallest a printed drawing may use; 0.3125 mm per unit is the usual 2.5 mm lettering. A
drawing is printed as large as fits one sheet within that range; when it does not fit at
0.25 mm per unit it is split over several sheets (evsld.export.views) rather than shrunk.
Every number here is in millimetres on the sheet unless it says drawing units.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from evsld.export.collisions import PrintedCollision, locate
from evsld.export.continuation import ends, make_marks
from evsld.export.marks import Mark, place_texts
from evsld.export.parts import Parts
from evsld.export.sheet import Sheet
from evsld.export.views import EDGE_ROOM, Strip, View, split
from evsld.geometry.drawing import DrawingModel
from evsld.geometry.placement import LABEL_SIZE
from evsld.geometry.primitives import Box, Point
from evsld.model.project import Project

MIN_SCALE = 2.0 / LABEL_SIZE  # mm per drawing unit: labels 2.0 mm high
MAX_SCALE = 2.5 / LABEL_SIZE  # labels 2.5 mm high
MARK_SIDE = 20.0  # room left and right of a split view for continuation marks
MARK_END = 10.0  # room above and below
MARK_TEXT = 2.0  # continuation references print as large as the smallest labels


def drawing_of(project: Project) -> DrawingModel:
    """The project's drawing as printed: labels fitted clear of symbols and other labels."""
    return DrawingModel.of(project, fit=True)


@dataclass(frozen=True)
class PlacedView:
    """A view on its sheet: the window's top-left corner lands on `origin`."""

    view: View
    origin: Point
    scale: float

    def to_sheet(self, p: Point) -> Point:
        """A point in row coordinates (see views) to the sheet."""
        w = self.view.window
        return (
            self.origin[0] + (p[0] - w.x0) * self.scale,
            self.origin[1] + (p[1] - w.y0) * self.scale,
        )

    def world_to_sheet(self, p: Point) -> Point:
        return self.to_sheet(self.view.row_point(p))

    def box_to_sheet(self, box: Box) -> Box:
        """A world box lying inside one strip (any item) on the sheet."""
        x0, y0 = self.world_to_sheet((box.x0, box.y0))
        x1, y1 = self.world_to_sheet((box.x1, box.y1))
        return Box(x0, y0, x1, y1)

    @property
    def rect(self) -> Box:
        w = self.view.window
        a, b = self.to_sheet((w.x0, w.y0)), self.to_sheet((w.x1, w.y1))
        return Box(a[0], a[1], b[0], b[1])

    def strip_rects(self) -> list[tuple[Strip, Box, Box]]:
        """Per strip in the window: the strip, its world rectangle, its sheet rectangle."""
        out = []
        for strip, world in self.view.world_rects():
            a = self.world_to_sheet((world.x0, world.y0))
            b = self.world_to_sheet((world.x1, world.y1))
            out.append((strip, world, Box(a[0], a[1], b[0], b[1])))
        return out


@dataclass(frozen=True)
class DiagramPage:
    placed: tuple[PlacedView, ...]  # the views on this sheet, in reading order
    marks: tuple[Mark, ...]
    boards: tuple[str, ...]  # tags of the boards and busways drawn here, for the sheet title


@dataclass(frozen=True)
class DiagramLayout:
    parts: Parts
    scale: float
    pages: tuple[DiagramPage, ...]
    oversize: int  # views larger than the sheet (an item bigger than a sheet): zero normally
    mark_collisions: int  # references that found no free place: zero on any sane drawing
    # labels that found no free place beside their symbols (see evsld.geometry.label_fit)
    label_collisions: tuple[PrintedCollision, ...] = ()

    @property
    def drawing(self) -> DrawingModel:
        return self.parts.drawing


def layout_diagram(
    project: Project, drawing: DrawingModel, sheet: Sheet, first_sheet: int = 1
) -> DiagramLayout:
    """The diagram on as many sheets as it needs; sheet numbers start at `first_sheet`."""
    parts = Parts.of(project, drawing)
    if not parts.items:
        return DiagramLayout(parts, MAX_SCALE, (), 0, 0)
    area = sheet.content
    b = parts.bounds().grown(EDGE_ROOM)
    fit = min(area.width / max(b.width, 1.0), area.height / max(b.height, 1.0))
    if fit >= MIN_SCALE:
        scale = min(fit, MAX_SCALE)
        view = View(
            0,
            0,
            tuple(range(len(parts.items))),
            b,
            (Strip(b.x0, b.x1, b.x0),),
            tuple(s.device_id for s in parts.stretch),
            tuple(drawing.wires),
            tuple(o.board_id for o in drawing.outlines),
        )
        origin = (
            area.x0 + (area.width - b.width * scale) / 2,
            area.y0 + (area.height - b.height * scale) / 2,
        )
        page = DiagramPage((PlacedView(view, origin, scale),), (), _boards(project, [view]))
        clashes = locate(
            project, drawing.label_collisions, parts, [page.placed], sheet, first_sheet
        )
        return DiagramLayout(parts, scale, (page,), 0, 0, clashes)
    scale = MIN_SCALE
    inner = Box(area.x0 + MARK_SIDE, area.y0 + MARK_END, area.x1 - MARK_SIDE, area.y1 - MARK_END)
    pieces = split(parts, inner.width / scale, inner.height / scale)
    page_of, placed = pack(pieces.views, scale, area)
    marks, far = make_marks(
        ends(parts, pieces.views), scale, lambda n, p: placed[n].world_to_sheet(p)
    )
    marks = [replace(m, page=page_of[m.page]) for m in marks]
    by_name = {m.name: m for m in marks}
    labels = {}
    for m in marks:
        refs = []
        for t in m.targets:
            target = by_name[t]
            refs.append(f"{first_sheet + target.page}/{sheet.zone_at(*target.tip)}")
        refs = list(dict.fromkeys(refs))
        text = ", ".join(refs[:2]) + (" …" if len(refs) > 2 else "")
        tag = project.diagram.device(far[m.name]).tag if far[m.name] else ""
        labels[m.name] = f"{tag} {text}" if tag else text
    pages = []
    collisions = 0
    views_on: list[list[int]] = [[] for _ in range(max(page_of, default=-1) + 1)]
    for k, n in enumerate(page_of):
        views_on[n].append(k)
    marks_on: list[list[Mark]] = [[] for _ in views_on]
    for m in marks:
        marks_on[m.page].append(m)
    for n, views in enumerate(views_on):
        rects = [placed[k].rect for k in views]
        mine, bad = place_texts(marks_on[n], labels, MARK_TEXT, rects, sheet.content)
        collisions += bad
        shown = tuple(placed[k] for k in views)
        pages.append(DiagramPage(shown, tuple(mine), _boards(project, [v.view for v in shown])))
    clashes = locate(
        project, drawing.label_collisions, parts, [p.placed for p in pages], sheet, first_sheet
    )
    return DiagramLayout(parts, scale, tuple(pages), pieces.oversize, collisions, clashes)


def pack(views: tuple[View, ...], scale: float, area: Box) -> tuple[list[int], list[PlacedView]]:
    """Views on sheets, several to a sheet where they fit: left to right in shelves, shelves
    top to bottom, each view with room for its continuation marks around it. A view goes
    on the first sheet with room left (first fit), so a short row of the drawing fills the
    space under a tall one instead of taking a sheet of its own; in reading order
    otherwise. Returns each view's sheet index and its placement."""
    page_of: list[int] = []
    placed: list[PlacedView] = []
    shelves: list[_Shelf] = []
    for view in views:
        w = view.window.width * scale + 2 * MARK_SIDE
        h = view.window.height * scale + 2 * MARK_END
        page = next(
            (n for n, shelf in enumerate(shelves) if shelf.fit(w, h, area) is not None),
            len(shelves),
        )
        if page == len(shelves):
            shelves.append(_Shelf(area.x0, area.y0, 0.0))
        at = shelves[page].fit(w, h, area) or (area.x0, area.y0)  # an oversize view still goes
        shelves[page].take(at, w, h)
        page_of.append(page)
        placed.append(PlacedView(view, (at[0] + MARK_SIDE, at[1] + MARK_END), scale))
    return page_of, placed


@dataclass
class _Shelf:
    """Where the next view goes on one sheet: the current shelf's cursor and height."""

    x: float
    y: float
    height: float

    def fit(self, w: float, h: float, area: Box) -> Point | None:
        """The top-left corner for a w x h view on this shelf or a new one, None if full."""
        x, y = self.x, self.y
        if x + w > area.x1 + 0.01 and x > area.x0:  # next shelf
            x, y = area.x0, y + self.height
        if y + h > area.y1 + 0.01 and y > area.y0:
            return None
        return (x, y)

    def take(self, at: Point, w: float, h: float) -> None:
        if at[1] != self.y:
            self.y, self.height = at[1], 0.0
        self.x = at[0] + w
        self.height = max(self.height, h)


def _boards(project: Project, views: list[View]) -> tuple[str, ...]:
    ids = dict.fromkeys(d for v in views for d in v.stretch)
    return tuple(project.diagram.device(d).tag for d in ids)
