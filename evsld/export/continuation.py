"""Where lines leave one sheet and continue on another: pairs of continuation marks.

Each wire and each busbar is walked from its start to its end. On every sheet that draws it,
it occupies one stretch of that walk (the part inside the sheet's window); where the walk
leaves one sheet's stretch and enters the next sheet's, both sheets get a mark at their
window edge, each naming the other. Wires drawn on top of each other that leave at the same
place share one mark.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from evsld.export.marks import EDGE_OF, Mark, StubLine, arrowhead
from evsld.export.parts import Parts, horizontal, stretch_lines
from evsld.export.views import View
from evsld.geometry.primitives import Box, Point, Stroke

Locate = Callable[[int, Point], Point]  # (view index, world point) -> sheet point
EPSILON = 1e-6  # drawing units along a path


@dataclass(frozen=True)
class Path:
    """A wire, or a busbar's centre line, in world coordinates."""

    key: str  # "w:<connection id>" or "s:<device id>"
    points: tuple[Point, ...]
    strokes: tuple[tuple[float, Stroke], ...]  # (offset across the path, stroke) per line


@dataclass(frozen=True)
class End:
    """One end of a stretch of a path on one sheet, where a mark goes."""

    view: int
    point: Point  # world
    outward: Point  # unit vector out of the window
    path: Path
    far_owner: str  # the device the path leads to on the other sheet ("" when unknown)
    silent: bool = False  # the path's own end, not a window edge: a link target, no mark


def paths(parts: Parts) -> list[Path]:
    found = [
        Path(f"w:{conn}", wire.points, ((0.0, wire.stroke),))
        for conn, wire in parts.drawing.wires.items()
    ]
    for s in parts.stretch:
        b = s.box
        if horizontal(s):
            mid = (b.y0 + b.y1) / 2
            points = ((b.x0, mid), (b.x1, mid))
            offsets = [
                (ln.points[0][1] - mid, ln.stroke)
                for ln in stretch_lines(s)
                if _along(ln.points, 1)
            ]
        else:
            mid = (b.x0 + b.x1) / 2
            points = ((mid, b.y0), (mid, b.y1))
            offsets = [
                (ln.points[0][0] - mid, ln.stroke)
                for ln in stretch_lines(s)
                if _along(ln.points, 0)
            ]
        found.append(
            Path(f"s:{s.device_id}", points, tuple(sorted(set(offsets), key=lambda o: o[0])))
        )
    return found


def _along(points: tuple[Point, ...], axis: int) -> bool:
    """A line running along x (axis 1: constant y) or along y (axis 0: constant x)."""
    return len(points) == 2 and points[0][axis] == points[1][axis]


def drawn_by(parts: Parts, views: tuple[View, ...]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for n, v in enumerate(views):
        for conn in v.wires:
            found.setdefault(f"w:{conn}", []).append(n)
        for device in v.stretch:
            found.setdefault(f"s:{device}", []).append(n)
    return found


def ends(parts: Parts, views: tuple[View, ...]) -> list[tuple[End, End]]:
    """Every pair of ends where a path leaves one sheet and enters the next."""
    drawing = drawn_by(parts, views)
    view_of_owner = {parts.items[i].owner: n for n, v in enumerate(views) for i in v.items}
    pairs: list[tuple[End, End]] = []
    for path in paths(parts):
        stretches = []
        for n in drawing.get(path.key, []):
            span = _span(path.points, [box for _, box in views[n].world_rects()])
            if span is not None:
                stretches.append((span[0], span[1], n))
        stretches.sort()
        total = sum(abs(x1 - x0) + abs(y1 - y0) for (x0, y0), (x1, y1) in _segments(path))
        for (_, out_t, a), (in_t, _, b) in itertools.pairwise(stretches):
            if a == b:
                continue
            # a window stretched over a neighbour's item may hold the path's own end: the
            # path does not cross an edge there, so that side only receives the link
            leaves_at_end = out_t >= total - EPSILON
            enters_at_start = in_t <= EPSILON
            if leaves_at_end and enters_at_start:
                continue  # drawn whole on both sheets: nothing continues
            leave, leave_dir = _at(path.points, out_t, before=True)
            enter, enter_dir = _at(path.points, in_t, before=False)
            pairs.append(
                (
                    End(
                        a,
                        leave,
                        leave_dir,
                        path,
                        _far(parts, path, view_of_owner, b),
                        leaves_at_end,
                    ),
                    End(
                        b,
                        enter,
                        (-enter_dir[0], -enter_dir[1]),
                        path,
                        _far(parts, path, view_of_owner, a),
                        enters_at_start,
                    ),
                )
            )
    return pairs


def _segments(path: Path) -> list[tuple[Point, Point]]:
    return list(itertools.pairwise(path.points))


def _far(parts: Parts, path: Path, view_of_owner: dict[str, int], view: int) -> str:
    kind, _, ident = path.key.partition(":")
    if kind == "s":
        return ident
    owners = [d for d in parts.wire_ends[ident] if view_of_owner.get(d) == view]
    return owners[0] if len(owners) == 1 else ""


def _span(points: tuple[Point, ...], rects: list[Box]) -> tuple[float, float] | None:
    """The first and last distance along the path at which it is inside any rectangle."""
    lo: float | None = None
    hi: float | None = None
    t = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = abs(x1 - x0) + abs(y1 - y0)
        for r in rects:
            inside = _clip(x0, y0, x1, y1, r)
            if inside is None:
                continue
            a, b = t + inside[0] * length, t + inside[1] * length
            lo = a if lo is None else min(lo, a)
            hi = b if hi is None else max(hi, b)
        t += length
    return None if lo is None or hi is None else (lo, hi)


def _clip(x0: float, y0: float, x1: float, y1: float, r: Box) -> tuple[float, float] | None:
    """The fractions [a, b] of an axis-parallel segment inside a closed rectangle."""
    if y0 == y1:
        if not (r.y0 <= y0 <= r.y1):
            return None
        lo, hi, c0, c1 = r.x0, r.x1, x0, x1
    else:
        if not (r.x0 <= x0 <= r.x1):
            return None
        lo, hi, c0, c1 = r.y0, r.y1, y0, y1
    if c0 == c1:
        return (0.0, 1.0) if lo <= c0 <= hi else None
    fa, fb = (lo - c0) / (c1 - c0), (hi - c0) / (c1 - c0)
    a, b = max(0.0, min(fa, fb)), min(1.0, max(fa, fb))
    return (a, b) if a <= b else None


def _at(points: tuple[Point, ...], t: float, before: bool) -> tuple[Point, Point]:
    """The point at distance t along the path and the unit direction of travel there (of
    the segment ending at t when `before`, else of the one starting at t)."""
    walked = 0.0
    segments = list(itertools.pairwise(points))
    for i, ((x0, y0), (x1, y1)) in enumerate(segments):
        length = abs(x1 - x0) + abs(y1 - y0)
        last = i == len(segments) - 1
        if t < walked + length or (before and t <= walked + length) or last:
            f = 0.0 if length == 0 else (t - walked) / length
            direction = (_sign(x1 - x0), _sign(y1 - y0))
            return (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f), direction
        walked += length
    return points[-1], (0.0, 0.0)


def _sign(v: float) -> float:
    return (v > 0) - (v < 0)


def make_marks(
    pairs: list[tuple[End, End]], scale: float, locate: Locate
) -> tuple[list[Mark], dict[str, str]]:
    """Marks on sheets, merged where several ends share a place; returns them and, for
    each mark, the owner (device id) its reference names."""
    by_place: dict[tuple, dict] = {}
    for n, (a, b) in enumerate(pairs):
        for side, end in ((0, a), (1, b)):
            anchor = locate(end.view, end.point)
            edge = EDGE_OF.get(end.outward)
            if edge is None:
                continue
            place = (end.view, edge, round(anchor[0], 2), round(anchor[1], 2), end.silent)
            slot = by_place.setdefault(
                place, {"anchor": anchor, "edge": edge, "view": end.view, "ends": [], "far": set()}
            )
            slot["ends"].append((n, side, end))
            slot["far"].add(end.far_owner)
    place_name = {place: f"m{i}" for i, place in enumerate(by_place)}
    name_of_end = {
        (n, side): place_name[p] for p, slot in by_place.items() for n, side, _ in slot["ends"]
    }
    marks: list[Mark] = []
    far: dict[str, str] = {}
    for place, slot in by_place.items():
        stub = _stub([end for _, _, end in slot["ends"]], scale)
        targets = tuple(
            dict.fromkeys(
                name_of_end[(n, 1 - side)]
                for n, side, _ in slot["ends"]
                if (n, 1 - side) in name_of_end
            )
        )
        if not targets:
            continue
        mark = Mark(
            place_name[place],
            slot["view"],
            slot["edge"],
            slot["anchor"],
            stub,
            arrowhead(slot["edge"], slot["anchor"], stub),
            targets,
            silent=place[-1],
        )
        marks.append(mark)
        owners = slot["far"]
        far[mark.name] = owners.pop() if len(owners) == 1 else ""
    return marks, far


def _stub(ends: list[End], scale: float) -> tuple[StubLine, ...]:
    lines = {
        StubLine(
            round(offset * scale, 3), stroke.width * scale, tuple(d * scale for d in stroke.dash)
        )
        for end in ends
        for offset, stroke in end.path.strokes
    }
    return tuple(sorted(lines, key=lambda s: (s.offset, s.width)))
