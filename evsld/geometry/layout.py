"""Automatic layout: a tidy top-down single-line diagram of any project.

Drawn as designers draw it (../shared/domain/drawing-conventions.md): the source at the top,
then transformer, main breaker and main board; a board is a horizontal busbar with its ways
hanging below it left to right; a final circuit reads top to bottom in one column; feeders fan
out to secondary boards and busbar trunking in lower rows, a busway's tap-offs hang along the
run in the order of their positions. Controllers sit below the subtree they drive, left of it,
so their dashed links drop straight down and run along a free band. Parts no source reaches and
controllers that drive nothing drawn go to the right of the tree.

Columns are as wide as what is drawn in them (symbol box union label box, from `footprint`),
plus a separation a wire can run through, so nothing overlaps and wires run straight down the
columns. Everything sits on the 10-unit grid, rotation 0. The layout reads the model only, never
the current positions: the same project always gives the same drawing, and arranging twice
moves nothing the second time.

Public API:
    layout(project) -> {device id: Placement}
    arrange(project) -> Group of MoveDevice ("Arrange"), only the devices that move
"""

from __future__ import annotations

import math
from itertools import pairwise

from evsld.geometry.drawing import IN_BOARD_KINDS
from evsld.geometry.footprint import Footprint, footprint
from evsld.geometry.layout_reach import Drawn, clear_reaches
from evsld.geometry.layout_tree import Forest, build_forest, driven_by, zone_anchors
from evsld.geometry.routing import CLEARANCE
from evsld.model.device import Placement
from evsld.model.diagram import natural_key
from evsld.model.operations import Group, MoveDevice
from evsld.model.project import Project

GRID = 10.0
GAP = 20.0  # between two symbols of a column: the wire joining them
BOARD_GAP = 50.0  # above a busbar's label: its outline and tag, and a wire passing above
SEPARATION = 30.0  # between neighbouring columns: a wire passes, board outlines stay apart
LOOSE_SEPARATION = 100.0  # between the tree and the unfed parts drawn to its right
LONE_WAY = 40.0  # a board's feed beside its only way, so it does not read as running through


def layout(project: Project) -> dict[str, Placement]:
    """Where every device of the project goes."""
    return _Layout(project).run()


def arrange(project: Project) -> Group:
    """The layout as one undoable edit: a move for each device whose placement changes."""
    diagram = project.diagram
    moves = tuple(
        MoveDevice(device_id, placement, label="Arrange")
        for device_id, placement in layout(project).items()
        if diagram.device(device_id).placement != placement
    )
    return Group(moves, label="Arrange")


def _up(value: float) -> float:
    """Up to the grid (a hair of float noise never costs a whole step)."""
    return math.ceil(value / GRID - 1e-9) * GRID


def _down(value: float) -> float:
    return math.floor(value / GRID + 1e-9) * GRID


def _round(value: float) -> float:
    return math.floor(value / GRID + 0.5) * GRID


def _feed_column(ways: list[float]) -> float:
    """Where a busbar's feed comes down: over the middle of its ways, but never in line
    with (or within a wire's clearance of) one of them, so that the feed does not read as
    running on through the board; then in the middle of the gap nearest the centre, or
    left of a lone way."""
    if not ways:
        return 0.0
    centre = _round((ways[0] + ways[-1]) / 2)
    if all(abs(centre - w) >= LONE_WAY for w in ways):
        return centre
    if len(ways) == 1:
        return ways[0] - LONE_WAY
    gaps = [_round((a + b) / 2) for a, b in pairwise(ways)]
    return min(gaps, key=lambda g: (abs(g - centre), g))


class _Layout:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.diagram = project.diagram
        self.forest: Forest = build_forest(project)
        self.zones, self.apart, self.metering = zone_anchors(project, self.forest)
        self.kind = {d.id: d.kind for d in self.diagram.devices()}
        self.feet: dict[str, Footprint] = {d.id: footprint(d) for d in self.diagram.devices()}
        self.driven = {z: driven_by(self.diagram, z) for z in self.diagram.ids_of_kind("lms")}
        # per device: its column relative to its parent's, its origin relative to its own
        # column, the extent (lo, hi) of its subtree relative to its column
        self.offset: dict[str, float] = {}
        self.shift: dict[str, float] = {}
        self.extent: dict[str, tuple[float, float]] = {}
        self.zone_at: dict[str, tuple[str, float]] = {}  # controller -> (anchor, x from it)
        self.bands: dict[str, list[str]] = {}  # anchor -> its controllers, top band first
        self.x: dict[str, float] = {}
        self.floor: dict[str, float] = {}  # board or branch in it -> its switchgear's bottom
        self.y: dict[str, float] = {}

    def run(self) -> dict[str, Placement]:
        for node in reversed(self.forest.order):
            self._measure(node)
        left = 0.0
        trees = [(r, 0.0) for r in self.forest.roots] + [
            (r, LOOSE_SEPARATION) for r in self.forest.loose
        ]
        previous = None
        for root, extra in trees:
            if previous is not None:
                left += _up(self.extent[previous][1] - self.extent[root][0] + SEPARATION + extra)
            self._place_tree(root, left)
            previous = root
        self._place_apart(previous, left)
        drawn = Drawn(
            self.project,
            self.x,
            self.y,
            self.feet,
            self.forest.kids,
            self.forest.parent,
            self._bands,
        )
        clear_reaches(drawn, GAP, GRID)
        return {d: Placement(self.x[d], self.y[d]) for d in self.kind}

    # --- horizontal: columns bottom-up ------------------------------------------------

    def _measure(self, node: str) -> None:
        foot = self.feet[node]
        kids = self.forest.children.get(node, ())
        extent = self.extent
        if foot.symbol.stretch:
            foot = self.feet[node] = self._stretch(node, kids)
            shift = self.shift[node]
        else:
            shift = self.shift[node] = 0.0
            if len(kids) > 1:
                pos = self._pack(kids)
                for kid, p in zip(kids, pos, strict=True):
                    self.offset[kid] = p - pos[0]  # straight into the first, a T to the rest
            elif kids:
                self.offset[kids[0]] = 0.0
        lo, hi = foot.left + shift, foot.right + shift
        for kid in kids:
            dx = self.offset[kid]
            kid_lo, kid_hi = extent[kid]
            lo, hi = min(lo, dx + kid_lo), max(hi, dx + kid_hi)
        if node in self.zones:
            lo, hi = self._make_bands(node, lo, hi)
        extent[node] = (lo, hi)

    def _make_bands(self, node: str, lo: float, hi: float) -> tuple[float, float]:
        """Place the controllers anchored here across, one band each below the subtree;
        returns the subtree's extent with them."""
        self.bands[node] = self._zones_below(node)
        for zone in self.bands[node]:
            foot = self.feet[zone]
            dx = self._zone_x(node, zone, lo)
            lo = min(lo, dx + foot.left - CLEARANCE)  # its link to a meter leaves left
            hi = max(hi, dx + foot.right)
            self.zone_at[zone] = (node, dx)
        return lo, hi

    def _pack(self, kids: tuple[str, ...]) -> list[float]:
        """Columns side by side, each clear of its left neighbour by the separation."""
        pos = [0.0]
        for prev, kid in pairwise(kids):
            pos.append(pos[-1] + _up(self.extent[prev][1] - self.extent[kid][0] + SEPARATION))
        return pos

    def _stretch(self, node: str, kids: tuple[str, ...]) -> Footprint:
        """A busbar takes its feed over the middle of its ways (never in line with one, so
        that a feed does not read as running on through the board); busbar trunking takes its
        feed at the left end, where its `in` port is. Returns the fitted footprint."""
        foot = self.feet[node]
        pos = self._pack(kids) if kids else []
        in_port = foot.ports.get("in")
        if in_port is not None and in_port.point is not None:  # busbar trunking
            origin = _round((pos[0] + pos[-1]) / 2) if pos else 0.0
            fitted = foot.fitted({"out": [p - origin for p in pos]}) if pos else foot
            column = origin + fitted.ports["in"].point[0]
        else:
            column = _feed_column(pos)
            origin = column
            fitted = foot.fitted({"in": [0.0], "out": [p - origin for p in pos]})
        for kid, p in zip(kids, pos, strict=True):
            self.offset[kid] = p - column
        self.shift[node] = origin - column
        return fitted

    # --- controllers ------------------------------------------------------------------

    def _zones_below(self, node: str) -> list[str]:
        """The controllers anchored here, one band each, the one driving the leftmost
        devices on top, so no link drops through another controller; those reading a meter
        last, at the bottom of the tree."""
        zones = self.zones.get(node, [])
        return sorted(
            zones,
            key=lambda z: (z in self.metering, self._reach(node, z), natural_key(z)),
        )

    def _reach(self, node: str, zone: str) -> float:
        """Where the leftmost link of a controller comes down, relative to the anchor's
        column: out of each driven port, one clearance beyond it."""
        xs = []
        for ref in self.driven[zone]:
            rel = self._relative(ref.device, node)
            if rel is not None:
                port = self.feet[ref.device].ports[ref.port]
                xs.append(rel + port.point[0] + CLEARANCE * port.facing[0])
        return min(xs, default=0.0)

    def _relative(self, device: str, node: str) -> float | None:
        """A measured device's origin relative to the column of its ancestor `node`."""
        if device in self.zone_at:
            anchor, dx = self.zone_at[device]
            above = self._relative_column(anchor, node)
            return None if above is None else above + dx
        above = self._relative_column(device, node)
        return None if above is None else above + self.shift.get(device, 0.0)

    def _relative_column(self, device: str, node: str) -> float | None:
        total = 0.0
        while device != node:
            if device not in self.forest.parent or device not in self.offset:
                return None
            total += self.offset[device]
            device = self.forest.parent[device]
        return total

    def _zone_x(self, node: str, zone: str, lo: float) -> float:
        """The controller's x: its label ends one clearance left of its first link; one
        reading a meter goes left of everything (`lo`), its meter link climbing clear."""
        if zone in self.metering:
            return _down(lo - self.feet[zone].left - 2 * CLEARANCE)
        return _down(self._reach(node, zone) - CLEARANCE - self.feet[zone].right)

    # --- placing: top-down ------------------------------------------------------------

    def _place_tree(self, root: str, column: float) -> None:
        stack = [(root, column, 0.0)]
        while stack:
            node, column, top = stack.pop()
            kids = self._place(node, column, top)
            if len(kids) == 1 and not self.feet[node].symbol.stretch:
                kid = kids[0]
                stack.append((kid, column, self._bottom(node) + self._gap(kid)))
                continue
            stack.extend(self._ways(node, column))
        self._bands(root)

    def _place(self, node: str, column: float, top: float) -> tuple[str, ...]:
        self.x[node] = column + self.shift[node]
        self.y[node] = _up(top - self.feet[node].top)
        return self.forest.kids(node)

    def _bottom(self, node: str) -> float:
        return self.y[node] + self.feet[node].bottom

    def _gap(self, node: str) -> float:
        return BOARD_GAP if self.kind[node] == "switchboard" else GAP

    def _ways(self, node: str, column: float) -> list[tuple[str, float, float]]:
        """The ways below a board (or a branch): each way's series devices stacked from the
        top, the devices that end them (loads, chargers, boards, busways) on one common row;
        switchgear ending a way (an SPD, a spare breaker) stays in the board, right below.
        In a board, the switchgear mounted in it comes first and the rest of every way
        starts under the lowest of it, outside the board's outline."""
        start = self._bottom(node)
        if self.kind[node] == "switchboard":
            self._mount_all(node, column)
        floor = self.floor.get(node)
        ends = []
        for kid in self.forest.kids(node):
            x = column + self.offset[kid]
            top = start + self._gap(kid)
            if floor is not None:
                kid, top = self._stack(kid, x, top, [])
                if self.kind[kid] not in IN_BOARD_KINDS:
                    top = max(top, floor + self._gap(kid))
            kid, top = self._stack(kid, x, top, None)
            ends.append([kid, x, top])
        aligned = [e for e in ends if self.kind[e[0]] not in IN_BOARD_KINDS]
        row = max((top for _, _, top in aligned), default=0.0)
        for end in aligned:
            end[2] = row
        return [tuple(e) for e in reversed(ends)]

    def _mount_all(self, board: str, column: float) -> None:
        """Place the switchgear mounted in the board (branches within it included) and
        note, for the board and each branch in it, the lowest bottom of all of it."""
        bottoms: list[float] = []
        inside = [board]
        for kid in self.forest.kids(board):
            self._mount(
                kid,
                column + self.offset[kid],
                self._bottom(board) + self._gap(kid),
                bottoms,
                inside,
            )
        if bottoms:
            for node in inside:
                self.floor[node] = max(bottoms)

    def _mount(self, kid: str, x: float, top: float, bottoms: list[float], inside: list[str]):
        kid, top = self._stack(kid, x, top, bottoms)
        if self.kind[kid] not in IN_BOARD_KINDS:
            return
        self._place(kid, x, top)
        bottoms.append(self._bottom(kid))
        if len(kids := self.forest.kids(kid)) > 1:
            inside.append(kid)
            for k in kids:
                self._mount(
                    k, x + self.offset[k], self._bottom(kid) + self._gap(k), bottoms, inside
                )

    def _stack(
        self, kid: str, x: float, top: float, mounted: list[float] | None
    ) -> tuple[str, float]:
        """Place a way's series devices one under the other from `top` down to the device
        that ends the way (or branches it), which is returned with its top. With `mounted`,
        only the switchgear mounted in a board, whose bottoms it collects."""
        while len(kids := self.forest.kids(kid)) == 1 and not self.feet[kid].symbol.stretch:
            if mounted is not None and self.kind[kid] not in IN_BOARD_KINDS:
                break
            self._place(kid, x, top)
            if mounted is not None:
                mounted.append(self._bottom(kid))
            top = self._bottom(kid) + self._gap(kids[0])
            kid = kids[0]
        return kid, top

    def _bands(self, root: str) -> None:
        """Subtree bottoms, children first, and each anchor's controllers in bands below."""
        bottom: dict[str, float] = {}
        for node in reversed(self._subtree(root)):
            low = max([self._bottom(node)] + [bottom[k] for k in self.forest.kids(node)])
            for zone in self.bands.get(node, ()):
                anchor, dx = self.zone_at[zone]
                self.x[zone] = self.x[anchor] - self.shift[anchor] + dx
                self.y[zone] = _up(low + GAP - self.feet[zone].top)
                low = self.y[zone] + self.feet[zone].bottom
            bottom[node] = low

    def _subtree(self, root: str) -> list[str]:
        order, stack = [], [root]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(self.forest.kids(node))
        return order

    def _place_apart(self, last: str | None, left: float) -> None:
        """Controllers driving nothing drawn, and anything else with no place yet, in a row
        to the right of everything."""
        rest = [z for z in self.apart] + sorted(
            (
                d.id
                for d in self.diagram.devices()
                if d.id not in self.x and d.id not in self.zone_at
            ),
            key=natural_key,
        )
        x = left + (self.extent[last][1] + LOOSE_SEPARATION if last is not None else 0.0)
        for device_id in dict.fromkeys(rest):
            if device_id in self.x:
                continue
            foot = self.feet[device_id]
            x = _up(x - foot.left)
            self.x[device_id] = x
            self.y[device_id] = _up(-foot.top)
            x += foot.right + SEPARATION
