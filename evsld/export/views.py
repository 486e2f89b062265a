"""Which part of the drawing goes on which sheet.

A drawing that does not fit one sheet at the readable scale is split, never shrunk: first
into rows by the items' vertical centres (a cut between levels: main board above, sub-boards
below), then each row into sheets by the items' horizontal centres (a cut between feeders).
Cuts prefer empty space and few wires crossing; an item always goes whole to one sheet, so a
label hanging over the next feeder's column simply travels with its symbol.

Before a wide row is cut, empty columns wider than GAP_MAX are narrowed to GAP_KEEP, so that
feeders drawn far apart on screen do not make sheets holding a single breaker. Such a column
holds only horizontal lines, which are drawn shorter. A row's x coordinates after narrowing
are its *row coordinates*; y is never narrowed.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import numpy as np

from evsld.export.parts import Item, Parts, horizontal
from evsld.geometry.primitives import Box, Point

CLEARANCE = 3.0  # drawing units: free space a preferred cut keeps from anything drawn
GAP_MAX = 120.0  # an empty column wider than this is narrowed ...
GAP_KEEP = 60.0  # ... to this
FILL_WEIGHT = 2.0  # one wire crossing a cut is worth half a sheet of unused width
NOT_FREE = 3.0  # a cut between overlapping extents of items, not through empty space
EDGE_ROOM = 3.0  # drawing units around the drawing: a line on its very edge (a board
# outline, a busbar 4 units thick) is drawn whole, not halved by the clip


@dataclass(frozen=True, slots=True)
class Strip:
    """World columns [x0, x1] of a row, at row x `at` onwards."""

    x0: float
    x1: float
    at: float

    @property
    def end(self) -> float:
        return self.at + self.x1 - self.x0


def to_row_x(strips: tuple[Strip, ...], x: float) -> float:
    """World x to row x; a point in a narrowed-away column goes to its boundary."""
    for s in strips:
        if x <= s.x1:
            return s.at + max(0.0, x - s.x0)
    return strips[-1].end


@dataclass(frozen=True)
class View:
    """What one sheet shows: whole items, and the lines clipped to `window`."""

    row: int
    column: int
    items: tuple[int, ...]  # indices into Parts.items
    window: Box  # row coordinates
    strips: tuple[Strip, ...]  # the row's strips meeting the window
    stretch: tuple[str, ...]  # busbars and busways drawn (clipped)
    wires: tuple[str, ...]  # wires drawn (clipped): those with an end here
    outlines: tuple[str, ...]  # board outlines drawn (clipped), by board id

    def world_rects(self) -> list[tuple[Strip, Box]]:
        """Each strip's part of the window, in world coordinates."""
        w = self.window
        rects = []
        for s in self.strips:
            lo, hi = max(w.x0, s.at), min(w.x1, s.end)
            if hi > lo:
                rects.append((s, Box(s.x0 + lo - s.at, w.y0, s.x0 + hi - s.at, w.y1)))
        return rects

    def row_point(self, p: Point) -> Point:
        return (to_row_x(self.strips, p[0]), p[1])


@dataclass(frozen=True)
class Split:
    views: tuple[View, ...]  # row by row, left to right: the order of the sheets
    oversize: int  # pieces larger than a sheet (an item alone bigger than the sheet)


def split(parts: Parts, width: float, height: float) -> Split:
    """Views whose windows are at most width x height drawing units."""
    items = parts.items
    stretch_ids = [s.device_id for s in parts.stretch]
    # rows: items and stretch symbols by vertical centre
    row_boxes = [i.cover for i in items] + [s.box for s in parts.stretch]
    row_centres = [i.center[1] for i in items] + [(s.box.y0 + s.box.y1) / 2 for s in parts.stretch]
    wire_y = _wire_spans(parts, lambda p: p[1])
    row_cuts, oversize = choose_cuts(
        np.array(row_centres),
        np.array([b.y0 for b in row_boxes]),
        np.array([b.y1 for b in row_boxes]),
        _free_midpoints([(b.y0, b.y1) for b in row_boxes]),
        straddling(wire_y),
        height,
    )
    row_of_item = np.searchsorted(np.array(row_cuts), [i.center[1] for i in items], side="right")
    row_of_stretch = dict(
        zip(
            stretch_ids,
            np.searchsorted(
                np.array(row_cuts), [(s.box.y0 + s.box.y1) / 2 for s in parts.stretch], "right"
            ).tolist(),
            strict=True,
        )
    )
    top, bottom = min(b.y0 for b in row_boxes), max(b.y1 for b in row_boxes)
    y_edges = [top - EDGE_ROOM, *row_cuts, bottom + EDGE_ROOM]
    views: list[View] = []
    for row in range(len(row_cuts) + 1):
        members = [i for i in range(len(items)) if row_of_item[i] == row]
        stretch = [s for s in parts.stretch if row_of_stretch[s.device_id] == row]
        band = (y_edges[row], y_edges[row + 1])
        row_views, too_big = _split_row(parts, row, members, stretch, band, (width, height))
        views += row_views
        oversize += too_big
    return Split(tuple(_with_wires(parts, views)), oversize)


def _split_row(
    parts: Parts,
    row: int,
    members: list[int],
    stretch: list,
    band: tuple[float, float],
    size: tuple[float, float],
) -> tuple[list[View], int]:
    width, height = size
    items = [parts.items[i] for i in members]
    boards = {s.device_id for s in stretch}
    outlines = [o for o in parts.outlines if o.board_id in boards]
    covers = [i.cover for i in items] + [s.box for s in stretch] + [o.box for o in outlines]
    if not covers:
        return [], 0
    x0 = min(b.x0 for b in covers) - EDGE_ROOM
    x1 = max(b.x1 for b in covers) + EDGE_ROOM
    # narrow empty columns: nothing but horizontal lines may cross them
    blocked = [(b.x0 - CLEARANCE, b.x1 + CLEARANCE) for b in (i.cover for i in items)]
    blocked += [
        (b.x0 - CLEARANCE, b.x1 + CLEARANCE) for b in (s.box for s in stretch if not horizontal(s))
    ]
    blocked += [(o.box.x0 - CLEARANCE, o.box.x0 + CLEARANCE) for o in outlines]
    blocked += [(o.box.x1 - CLEARANCE, o.box.x1 + CLEARANCE) for o in outlines]
    owners = {i.owner for i in items} | boards
    for conn, (a, b) in parts.wire_ends.items():
        if a in owners or b in owners:
            pts = parts.wire(conn).points
            blocked += [
                (p[0] - CLEARANCE, p[0] + CLEARANCE)
                for p, q in itertools.pairwise(pts)
                if p[0] == q[0] and max(p[1], q[1]) > band[0] and min(p[1], q[1]) < band[1]
            ]
    strips = _narrowed(x0, x1, free_gaps(x0, x1, blocked))
    row_box = [_row_box(strips, i.cover) for i in items]
    centres = np.array([to_row_x(strips, i.center[0]) for i in items])
    lines = _row_lines(parts, strips, owners, stretch, outlines)
    cuts, oversize = choose_cuts(
        centres,
        np.array([b.x0 for b in row_box]),
        np.array([b.x1 for b in row_box]),
        _free_midpoints([(b.x0, b.x1) for b in row_box]),
        straddling(lines),
        width,
    )
    column_of = np.searchsorted(np.array(cuts), centres, side="right")
    edges = [strips[0].at, *cuts, strips[-1].end]
    in_column: list[list[int]] = [[] for _ in range(len(cuts) + 1)]
    for k, column in enumerate(column_of.tolist()):
        in_column[column].append(k)
    stretch_boxes = [(s.device_id, _row_box(strips, s.box)) for s in stretch]
    outline_boxes = [(o.board_id, _row_box(strips, o.box)) for o in outlines]
    views = []
    for column, ks in enumerate(in_column):
        mine = [members[k] for k in ks]
        window = Box(edges[column], band[0], edges[column + 1], band[1])
        for k in ks:
            window = window.union(row_box[k])
        shown = [d for d, box in stretch_boxes if box.intersects(window)]
        outlined = [b for b, box in outline_boxes if box.intersects(window)]
        views.append(
            View(row, column, tuple(mine), window, tuple(strips), tuple(shown), (), tuple(outlined))
        )
    return _absorb(views, width, height), oversize


def _absorb(views: list[View], width: float, height: float) -> list[View]:
    """Neighbouring pieces of a row are joined while the two still fit a sheet. A piece's
    window grows to hold its items whole, so a piece holding only a board's name or the
    end of a busbar often lies inside its neighbour: a sheet for it helps nobody."""
    out = list(views)
    n = 1
    while n < len(out):
        joined = out[n - 1].window.union(out[n].window)
        if joined.width <= width and joined.height <= height:
            out[n - 1] = _merged(out[n - 1], out[n])
            del out[n]
        else:
            n += 1
    return [replace(v, column=c) for c, v in enumerate(out)]


def _merged(left: View, right: View) -> View:
    return replace(
        left,
        items=left.items + right.items,
        window=left.window.union(right.window),
        stretch=tuple(dict.fromkeys(left.stretch + right.stretch)),
        outlines=tuple(dict.fromkeys(left.outlines + right.outlines)),
    )


def _row_box(strips: tuple[Strip, ...] | list[Strip], box: Box) -> Box:
    return Box(to_row_x(tuple(strips), box.x0), box.y0, to_row_x(tuple(strips), box.x1), box.y1)


def _row_lines(
    parts: Parts, strips, owners: set[str], stretch, outlines
) -> list[tuple[float, float, float]]:
    """Spans along x that a column cut crossing them costs: row wires between two items of
    the row (by their ends' x), busbars (1 each) and board outlines (a half)."""
    centre = {i.owner: i.center for i in parts.items if i.owner in owners}
    spans = []
    for conn, (a, b) in parts.wire_ends.items():
        if a in owners and b in owners:
            pts = parts.wire(conn).points
            xa = centre[a][0] if a in centre and not parts.is_stretch(a) else pts[0][0]
            xb = centre[b][0] if b in centre and not parts.is_stretch(b) else pts[-1][0]
            spans.append((to_row_x(strips, min(xa, xb)), to_row_x(strips, max(xa, xb)), 1.0))
    for s in stretch:
        if horizontal(s):
            box = _row_box(strips, s.box)
            spans.append((box.x0, box.x1, 1.0))
    for o in outlines:
        box = _row_box(strips, o.box)
        spans.append((box.x0, box.x1, 0.5))
    return spans


def _wire_spans(parts: Parts, axis: Callable[[Point], float]) -> list[tuple[float, float, float]]:
    """Per wire, the span between its two ends along one axis (an item's centre, or where the
    wire meets a busbar)."""
    centre = {i.owner: i.center for i in parts.items}
    spans = []
    for conn, (a, b) in parts.wire_ends.items():
        pts = parts.wire(conn).points
        va = axis(pts[0]) if parts.is_stretch(a) else axis(centre[a])
        vb = axis(pts[-1]) if parts.is_stretch(b) else axis(centre[b])
        spans.append((min(va, vb), max(va, vb), 1.0))
    return spans


def straddling(spans: list[tuple[float, float, float]]) -> Callable[[float], float]:
    """The cost of a cut at a position: the summed weights of the spans it crosses,
    lo < at < hi. A 5,000-charger row has tens of thousands of spans, so each candidate is
    answered from sorted ends and running sums: the spans starting before it less those
    ending at or before it (a span of no length at the cut itself is in neither)."""
    table = np.array(spans, dtype=float).reshape(-1, 3)
    lo, hi, weight = table[:, 0], table[:, 1], table[:, 2]
    by_lo, by_hi = np.argsort(lo), np.argsort(hi)
    lo_sorted, hi_sorted = lo[by_lo], hi[by_hi]
    started = np.concatenate(([0.0], np.cumsum(weight[by_lo])))
    ended = np.concatenate(([0.0], np.cumsum(weight[by_hi])))
    points: dict[float, float] = {}
    for a, b, w in zip(lo.tolist(), hi.tolist(), weight.tolist(), strict=True):
        if a == b:
            points[a] = points.get(a, 0.0) + w

    def cost(at: float) -> float:
        before = started[np.searchsorted(lo_sorted, at, side="left")]
        done = ended[np.searchsorted(hi_sorted, at, side="right")]
        return float(before - done + points.get(at, 0.0))

    return cost


def _with_wires(parts: Parts, views: list[View]) -> list[View]:
    """Each view draws the wires with an end among its items, and those meeting one of its
    busbars inside its window."""
    view_of_item = {parts.items[i].owner: n for n, v in enumerate(views) for i in v.items}
    views_of_stretch: dict[str, list[int]] = {}
    for n, v in enumerate(views):
        for device in v.stretch:
            views_of_stretch.setdefault(device, []).append(n)
    drawn: list[set[str]] = [set() for _ in views]
    for conn, ends in parts.wire_ends.items():
        pts = parts.wire(conn).points
        for end, point in zip(ends, (pts[0], pts[-1]), strict=True):
            if not parts.is_stretch(end):
                drawn[view_of_item[end]].add(conn)
                continue
            for n in views_of_stretch.get(end, ()):
                if _contains(views[n].window, views[n].row_point(point)):
                    drawn[n].add(conn)
    return [
        View(v.row, v.column, v.items, v.window, v.strips, v.stretch, tuple(sorted(d)), v.outlines)
        for v, d in zip(views, drawn, strict=True)
    ]


def _contains(box: Box, p: Point) -> bool:
    return box.x0 <= p[0] <= box.x1 and box.y0 <= p[1] <= box.y1


def free_gaps(
    lo: float, hi: float, blocked: Iterable[tuple[float, float]]
) -> list[tuple[float, float]]:
    """The stretches of (lo, hi) that no blocked interval covers, in order."""
    gaps: list[tuple[float, float]] = []
    cursor = lo
    for a, b in sorted(blocked):
        if a > cursor:
            gaps.append((cursor, min(a, hi)))
        cursor = max(cursor, b)
        if cursor >= hi:
            break
    if cursor < hi:
        gaps.append((cursor, hi))
    return [(a, b) for a, b in gaps if b > a]


def _free_midpoints(extents: list[tuple[float, float]]) -> list[float]:
    if not extents:
        return []
    lo = min(a for a, _ in extents)
    hi = max(b for _, b in extents)
    grown = [(a - CLEARANCE, b + CLEARANCE) for a, b in extents]
    return [(a + b) / 2 for a, b in free_gaps(lo, hi, grown)]


def _narrowed(x0: float, x1: float, gaps: list[tuple[float, float]]) -> tuple[Strip, ...]:
    """Strips covering [x0, x1], every inner gap wider than GAP_MAX narrowed to GAP_KEEP."""
    strips: list[Strip] = []
    start, at = x0, x0  # row x = world x up to the first narrowed column
    for a, b in gaps:
        if b - a > GAP_MAX and a > x0 and b < x1:
            end = a + GAP_KEEP / 2
            strips.append(Strip(start, end, at))
            at += end - start
            start = b - GAP_KEEP / 2
    strips.append(Strip(start, x1, at))
    return tuple(strips)


def choose_cuts(
    centres: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    free: list[float],
    cost: Callable[[float], float],
    length: float,
) -> tuple[list[float], int]:
    """Cut positions so that the items of each piece (by centre), with the piece itself,
    span at most `length`. Candidates are the middles of free gaps and of consecutive
    centres; the best is cheap (few lines cross it), in empty space, and fills the sheet.
    Returns the cuts and how many pieces are longer than `length` all the same."""
    order = np.argsort(centres, kind="stable")
    centres, lo, hi = centres[order], lo[order], hi[order]
    if len(centres) == 0:
        return [], 0
    free_set = set(free)
    between = [(a + b) / 2 for a, b in itertools.pairwise(centres) if b > a]
    candidates = sorted(set(free) | set(between))
    start = float(lo.min())
    first = 0
    cuts: list[float] = []
    oversize = 0
    while max(hi[first:].max(), start) - min(lo[first:].min(), start) > length:
        best: tuple[float, float, int] | None = None
        fallback: tuple[float, int] | None = None
        for at in itertools.islice(candidates, bisect.bisect_right(candidates, start), None):
            last = int(np.searchsorted(centres, at, side="left"))
            if last <= first:
                continue
            if last >= len(centres):
                break
            fallback = fallback or (at, last)
            extent = max(at, hi[first:last].max()) - min(start, lo[first:last].min())
            if extent > length:
                break
            score = cost(at) + FILL_WEIGHT * (1 - extent / length)
            score += 0.0 if at in free_set else NOT_FREE
            if best is None or (score, -at) <= (best[0], -best[1]):
                best = (score, at, last)
        if best is not None:
            _, at, last = best
        elif fallback is not None:
            at, last = fallback
            oversize += 1
        else:
            break
        cuts.append(at)
        start, first = at, last
    return cuts, oversize


__all__ = ["Item", "Split", "Strip", "View", "choose_cuts", "split", "to_row_x"]
