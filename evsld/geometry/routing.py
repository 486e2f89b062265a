"""Orthogonal wire routes between two ports, around symbol and label boxes.

The search is tiered so that the usual case costs one index query: a straight run between
ports that face each other; else, from short stubs that leave each symbol, the simple shapes
designers draw (one bend, or one bend pair with the cross run between the ends); else a
U-shaped detour past everything in the way; else a bend-penalised shortest path over the
Hanan grid of the nearby obstacles. Everything is deterministic: the same model gives the
same route, whatever was routed before.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from evsld.geometry.obstacles import ObstacleIndex
from evsld.geometry.primitives import Box, Point

CLEARANCE = 10.0  # a wire keeps this far from boxes it turns around (one grid step)
BEND_COST = 30.0  # a bend costs like this much extra length in the detour search
_MAX_MIDS = 5  # cross-run positions tried between the ends
_DETOUR_ROUNDS = 3
_SEARCH_WINDOWS = (60.0, 240.0, 960.0)
_MAX_EXPANSIONS = 20_000
_MAX_SEARCH_BOXES = 300  # beyond this a window is too crowded to search in reasonable time


@dataclass(frozen=True, slots=True)
class End:
    """One end of a wire: the port point, the direction the wire leaves the symbol along,
    and the device's symbol box (which the wire may leave but must not cross)."""

    point: Point
    facing: Point
    owner: str
    box: Box


def route(a: End, b: End, index: ObstacleIndex) -> tuple[Point, ...]:
    """The polyline from a's port to b's port."""
    return route_many([(a, b)], index)[0]


def route_many(pairs: Sequence[tuple[End, End]], index: ObstacleIndex) -> list[tuple[Point, ...]]:
    """Routes for many wires: the straight runs of a whole drawing are tested in one
    vectorised query, and only the wires that need a bend are routed one by one."""
    facing = [i for i, (a, b) in enumerate(pairs) if _face_each_other(a, b)]
    blocked = index.blocked_many(
        [
            (pairs[i][0].point, pairs[i][1].point, (pairs[i][0].owner, pairs[i][1].owner))
            for i in facing
        ]
    )
    straight = {i for i, hit in zip(facing, blocked, strict=True) if not hit}
    straight |= {i for i, (a, b) in enumerate(pairs) if a.point == b.point}  # ports touch
    return [
        (a.point, b.point) if i in straight else _route_around(a, b, index)
        for i, (a, b) in enumerate(pairs)
    ]


def _route_around(a: End, b: End, index: ObstacleIndex) -> tuple[Point, ...]:
    s0, s1 = _stub(a), _stub(b)
    cores = _simple_cores(s0, a.facing, s1, b.facing)
    # the stubs leave their own symbols; one query answers for them and every simple core
    stubs = [([a.point, s0], (a.owner,)), ([s1, b.point], (b.owner,))]
    free = _free(stubs + [(core, ()) for core in cores], index)
    core = None
    if free[0] and free[1]:
        core = next((c for c, ok in zip(cores, free[2:], strict=True) if ok), None)
        core = core or _u_detour(s0, a.facing, s1, b.facing, index) or _search(s0, s1, a, b, index)
    if core is None:  # boxed in: draw the plainest shape rather than nothing
        core = cores[0] if cores else [s0, (s1[0], s0[1]), s1]
    return tidy((a.point, *core, b.point))


def tidy(points: tuple[Point, ...] | list[Point]) -> tuple[Point, ...]:
    """Drop repeated points and the middle of straight runs."""
    out: list[Point] = []
    for p in points:
        if out and p == out[-1]:
            continue
        if len(out) >= 2 and _collinear(out[-2], out[-1], p):
            out[-1] = p
        else:
            out.append(p)
    return tuple(out)


def _collinear(a: Point, b: Point, c: Point) -> bool:
    return (a[0] == b[0] == c[0]) or (a[1] == b[1] == c[1])


def _face_each_other(a: End, b: End) -> bool:
    (x0, y0), (x1, y1) = a.point, b.point
    if x0 != x1 and y0 != y1:
        return False
    dx, dy = x1 - x0, y1 - y0
    toward_b = dx * a.facing[0] + dy * a.facing[1] > 0
    toward_a = -dx * b.facing[0] - dy * b.facing[1] > 0
    return toward_b and toward_a


def _stub(end: End) -> Point:
    """The point one clearance beyond the symbol box, straight out of the port."""
    (x, y), (dx, dy), box = end.point, end.facing, end.box
    if dx > 0:
        return (max(x, box.x1) + CLEARANCE, y)
    if dx < 0:
        return (min(x, box.x0) - CLEARANCE, y)
    if dy > 0:
        return (x, max(y, box.y1) + CLEARANCE)
    return (x, min(y, box.y0) - CLEARANCE)


def _free(polylines: list[tuple[list[Point], tuple[str, ...]]], index: ObstacleIndex) -> list[bool]:
    """Per polyline, whether every segment is free (the symbols named with it excepted),
    from one vectorised query."""
    segments = [(p, q, skip) for line, skip in polylines for p, q in itertools.pairwise(line)]
    hits = index.blocked_many(segments)
    free, at = [], 0
    for line, _ in polylines:
        n = len(line) - 1
        free.append(not any(hits[at : at + n]))
        at += n
    return free


def _direction(p: Point, q: Point) -> Point:
    return ((q[0] > p[0]) - (q[0] < p[0]), (q[1] > p[1]) - (q[1] < p[1]))


def _doubles_back(core: list[Point], d0: Point, d1: Point) -> bool:
    """A core that runs back over its own stub (out of a port, then straight back in)."""
    moves = [d for p, q in itertools.pairwise(core) if (d := _direction(p, q)) != (0, 0)]
    return bool(moves) and (moves[0] == (-d0[0], -d0[1]) or moves[-1] == (d1[0], d1[1]))


def _spread(lo: float, hi: float) -> list[float]:
    """Cross-run positions between lo and hi: the middle (on the grid) first, then outwards."""
    mid = round((lo + hi) / 20) * 10.0
    values = [mid] if lo <= mid <= hi else []
    for step in range(1, _MAX_MIDS):
        values += [v for v in (mid + 10 * step, mid - 10 * step) if lo <= v <= hi]
    return list(dict.fromkeys([*values[:_MAX_MIDS], lo, hi]))


def _simple_cores(s0: Point, d0: Point, s1: Point, d1: Point) -> list[list[Point]]:
    """Straight, then one bend pair with the cross run between the ends, then one bend;
    vertical runs first when the wire leaves vertically (power flows top to bottom)."""
    (x0, y0), (x1, y1) = s0, s1
    if x0 == x1 or y0 == y1:  # in line: every shape below is this one straight run
        return [] if _doubles_back([s0, s1], d0, d1) else [[s0, s1]]
    vertical = [[s0, (x0, y), (x1, y), s1] for y in _spread(min(y0, y1), max(y0, y1))]
    horizontal = [[s0, (x, y0), (x, y1), s1] for x in _spread(min(x0, x1), max(x0, x1))]
    bends = [[s0, (x0, y1), s1], [s0, (x1, y0), s1]]
    order = vertical + bends + horizontal if d0[0] == 0 else horizontal + bends + vertical
    return [core for core in order if not _doubles_back(core, d0, d1)]


def _u_detour(
    s0: Point, d0: Point, s1: Point, d1: Point, index: ObstacleIndex
) -> list[Point] | None:
    """Go past everything between the ends: a cross run just beyond the obstacles on the
    way (below or above, right or left), widened while the legs still hit something."""
    (x0, y0), (x1, y1) = s0, s1
    area = Box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    for _ in range(_DETOUR_ROUNDS):
        found = [o.box for o in index.hits(area)]
        if not found:
            return None
        area = area.union(_cover(found))
        below, above = area.y1 + CLEARANCE, area.y0 - CLEARANCE
        right, left = area.x1 + CLEARANCE, area.x0 - CLEARANCE
        vertical = [[s0, (x0, y), (x1, y), s1] for y in (below, above)]
        horizontal = [[s0, (x, y0), (x, y1), s1] for x in (right, left)]
        cores = vertical + horizontal if d0[0] == 0 else horizontal + vertical
        cores = [c for c in cores if not _doubles_back(c, d0, d1)]
        free = _free([(c, ()) for c in cores], index)
        core = next((c for c, ok in zip(cores, free, strict=True) if ok), None)
        if core is not None:
            return core
    return None


def _cover(boxes: list[Box]) -> Box:
    return Box(
        min(b.x0 for b in boxes),
        min(b.y0 for b in boxes),
        max(b.x1 for b in boxes),
        max(b.y1 for b in boxes),
    )


def _search(s0: Point, s1: Point, a: End, b: End, index: ObstacleIndex) -> list[Point] | None:
    """Least length + bends path on the Hanan grid of the obstacles near the ends."""
    for margin in _SEARCH_WINDOWS:
        window = Box(
            min(s0[0], s1[0]), min(s0[1], s1[1]), max(s0[0], s1[0]), max(s0[1], s1[1])
        ).grown(margin)
        boxes = [o.box for o in index.hits(window)]
        if len(boxes) > _MAX_SEARCH_BOXES:
            return None
        path = _grid_path(s0, s1, a.facing, b.facing, boxes, window)
        if path is not None:
            return path
    return None


def _grid_path(
    s0: Point, s1: Point, d0: Point, d1: Point, boxes: list[Box], window: Box
) -> list[Point] | None:
    xs = sorted(
        {s0[0], s1[0], window.x0, window.x1}
        | {v for bx in boxes for v in (bx.x0 - CLEARANCE, bx.x1 + CLEARANCE)}
    )
    ys = sorted(
        {s0[1], s1[1], window.y0, window.y1}
        | {v for bx in boxes for v in (bx.y0 - CLEARANCE, bx.y1 + CLEARANCE)}
    )
    xs = [x for x in xs if window.x0 <= x <= window.x1]
    ys = [y for y in ys if window.y0 <= y <= window.y1]
    xi, yi = {x: i for i, x in enumerate(xs)}, {y: i for i, y in enumerate(ys)}
    start, goal = (xi[s0[0]], yi[s0[1]]), (xi[s1[0]], yi[s1[1]])
    steps = ((1, 0), (-1, 0), (0, 1), (0, -1))
    arrive_bad = (int(d1[0]), int(d1[1]))  # arriving along the goal stub's outward direction

    spans: dict[tuple[bool, float], list[tuple[float, float]]] = {}

    def free(p: Point, q: Point) -> bool:
        """No obstacle interior on the edge: only obstacles straddling its grid line count,
        gathered once per line."""
        row = p[1] == q[1]
        line = p[1] if row else p[0]
        if (row, line) not in spans:
            spans[row, line] = (
                [(b.x0, b.x1) for b in boxes if b.y0 < line < b.y1]
                if row
                else [(b.y0, b.y1) for b in boxes if b.x0 < line < b.x1]
            )
        lo, hi = (min(p[0], q[0]), max(p[0], q[0])) if row else (min(p[1], q[1]), max(p[1], q[1]))
        return not any(a < hi and lo < b for a, b in spans[row, line])

    def h(node: tuple[int, int]) -> float:
        return abs(xs[node[0]] - s1[0]) + abs(ys[node[1]] - s1[1])

    first = (int(d0[0]), int(d0[1]))
    heap = [(h(start), 0.0, start, first)]
    best = {(start, first): 0.0}
    parent: dict[tuple, tuple] = {}
    expansions = 0
    while heap and expansions < _MAX_EXPANSIONS:
        _, cost, node, heading = heapq.heappop(heap)
        if cost > best.get((node, heading), float("inf")):
            continue
        if node == goal and heading != arrive_bad:
            return _unwind(parent, (node, heading), xs, ys)
        expansions += 1
        here = (xs[node[0]], ys[node[1]])
        for step in steps:
            if step == (-heading[0], -heading[1]):
                continue
            nxt = (node[0] + step[0], node[1] + step[1])
            if not (0 <= nxt[0] < len(xs) and 0 <= nxt[1] < len(ys)):
                continue
            there = (xs[nxt[0]], ys[nxt[1]])
            if not free(here, there):
                continue
            new = cost + abs(there[0] - here[0]) + abs(there[1] - here[1])
            new += BEND_COST if step != heading else 0.0
            state = (nxt, step)
            if new < best.get(state, float("inf")):
                best[state] = new
                parent[state] = (node, heading)
                heapq.heappush(heap, (new + h(nxt), new, nxt, step))
    return None


def _unwind(parent: dict, state: tuple, xs: list[float], ys: list[float]) -> list[Point]:
    points = []
    while True:
        node = state[0]
        points.append((xs[node[0]], ys[node[1]]))
        if state not in parent:
            break
        state = parent[state]
    return list(tidy(points[::-1]))
