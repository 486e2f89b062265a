"""What wires must go around, in a spatial index, and which drawn things overlap.

Every placed device contributes two obstacles: its symbol box and its label box. Wires are
not obstacles (they may cross, as on any single-line diagram). The index is a shapely STRtree
built once per drawing; moving a device replaces its two boxes in a small overlay, and the
tree is rebuilt only when the overlay grows, so the canvas can re-route the wires of a
dragged device without rebuilding anything.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely import STRtree

from evsld.geometry.placement import PlacedDevice
from evsld.geometry.primitives import Box, Point

_REBUILD_AT = 64  # overlay size (devices) that triggers a rebuild, plus 1/16 of the drawing


@dataclass(frozen=True, slots=True)
class Obstacle:
    owner: str  # device id
    box: Box
    is_label: bool


def obstacles_of(placed: PlacedDevice) -> tuple[Obstacle, Obstacle]:
    return (
        Obstacle(placed.device_id, placed.box, False),
        Obstacle(placed.device_id, placed.label_box, True),
    )


def segment_box(a: Point, b: Point) -> Box:
    return Box(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))


def _shapes(boxes: Sequence[Box]) -> np.ndarray:
    coords = box_array(boxes)
    return shapely.box(coords[:, 0], coords[:, 1], coords[:, 2], coords[:, 3])


class ObstacleIndex:
    """Symbol and label boxes of every placed device; queries answer in a stable order."""

    def __init__(self, placed: Iterable[PlacedDevice] = ()) -> None:
        self._by_owner: dict[str, tuple[Obstacle, ...]] = {
            p.device_id: obstacles_of(p) for p in placed
        }
        self._build()

    def _build(self) -> None:
        self._items = [o for group in self._by_owner.values() for o in group]
        self._tree = BoxTree(box_array([o.box for o in self._items]))
        # owners and kinds as arrays, so that blocked_many judges every hit at once
        self._owner_ids = {owner: n for n, owner in enumerate(self._by_owner)}
        self._owner_of = np.array([self._owner_ids[o.owner] for o in self._items], dtype=int)
        self._is_label = np.array([o.is_label for o in self._items], dtype=bool)
        self._stale: set[str] = set()  # owners whose tree entries are out of date
        self._fresh: dict[str, tuple[Obstacle, ...]] = {}  # their current obstacles

    def __len__(self) -> int:
        return len(self._by_owner)

    def __contains__(self, device_id: object) -> bool:
        return device_id in self._by_owner

    def obstacles(self, device_id: str) -> tuple[Obstacle, ...]:
        return self._by_owner.get(device_id, ())

    def update(self, placed: PlacedDevice) -> None:
        """Put a (moved, re-rated or new) device's boxes in place of its old ones."""
        self._replace(placed.device_id, obstacles_of(placed))

    def remove(self, device_id: str) -> None:
        if device_id in self._by_owner:
            self._replace(device_id, ())

    def _replace(self, device_id: str, group: tuple[Obstacle, ...]) -> None:
        if group:
            self._by_owner[device_id] = group
        else:
            del self._by_owner[device_id]
        self._stale.add(device_id)
        self._fresh[device_id] = group
        if len(self._fresh) > _REBUILD_AT + len(self._by_owner) // 16:
            self._build()

    def hits(self, box: Box) -> list[Obstacle]:
        """Obstacles whose interior meets the box (a segment is a box of zero width), so a
        wire may run along an edge or start on a port at the edge of its symbol."""
        _, met = self._tree.meets(box_array([box]))
        found = [o for i in sorted(met.tolist()) if (o := self._items[i]).owner not in self._stale]
        for group in self._fresh.values():
            found.extend(o for o in group if o.box.intersects(box))
        return found

    def blocked(self, a: Point, b: Point, skip_symbols_of: Collection[str] = ()) -> bool:
        """Whether the straight segment a-b runs through an obstacle; the symbol boxes (not
        the labels) of `skip_symbols_of` do not count (a wire leaving its own symbol)."""
        return any(
            o.is_label or o.owner not in skip_symbols_of for o in self.hits(segment_box(a, b))
        )

    def blocked_many(self, segments: Sequence[tuple[Point, Point, Collection[str]]]) -> list[bool]:
        """`blocked` for many segments in one vectorised tree query (whole drawings). A run
        across a whole car park meets thousands of boxes, so the hits are judged as arrays,
        not one by one."""
        boxes = [segment_box(a, b) for a, b, _ in segments]
        if not boxes:
            return []
        seg_idx, item_idx = self._tree.meets(box_array(boxes))
        owner = self._owner_of[item_idx]
        skipped = np.zeros(len(seg_idx), dtype=bool)
        for column in self._skip_ids(segments).T:
            skipped |= owner == column[seg_idx]
        counts = self._is_label[item_idx] | ~skipped
        if self._stale:
            counts &= ~np.isin(owner, [self._owner_ids.get(o, -1) for o in self._stale])
        blocked = np.zeros(len(segments), dtype=bool)
        blocked[seg_idx[counts]] = True
        result = blocked.tolist()
        if self._fresh:
            for s, (_a, _b, skip) in enumerate(segments):
                result[s] = result[s] or any(
                    o.box.intersects(boxes[s]) and (o.is_label or o.owner not in skip)
                    for group in self._fresh.values()
                    for o in group
                )
        return result

    def _skip_ids(self, segments: Sequence[tuple[Point, Point, Collection[str]]]) -> np.ndarray:
        """Per segment, the index ids of the owners whose symbols it may cross, padded with
        -1 (no owner has it): shape (segments, most skipped)."""
        width = max((len(skip) for _, _, skip in segments), default=0)
        ids = np.full((len(segments), width), -1, dtype=int)
        for s, (_a, _b, skip) in enumerate(segments):
            for k, owner in enumerate(skip):
                ids[s, k] = self._owner_ids.get(owner, -1)
        return ids


def segment_array(polylines: Iterable[Sequence[Point]]) -> np.ndarray:
    """Every segment of the polylines as a box (no width along the segment's run), as an
    (n, 4) array. The points go into one array at once (a drawing has tens of thousands of
    wires); the pairs that would join one polyline's end to the next one's start are left
    out."""
    lengths: list[int] = []
    points: list[Point] = []
    for line in polylines:
        lengths.append(len(line))
        points.extend(line)
    flat = np.array(points, dtype=float).reshape(-1, 2)
    joins = np.ones(max(len(flat) - 1, 0), dtype=bool)
    ends = np.cumsum(np.array(lengths, dtype=int))  # one past each polyline's last point
    ends = ends[(ends > 0) & (ends < len(flat))]
    joins[ends - 1] = False
    a, b = flat[:-1][joins], flat[1:][joins]
    return np.hstack((np.minimum(a, b), np.maximum(a, b)))


def box_array(boxes: Sequence[Box]) -> np.ndarray:
    """Boxes as an (n, 4) array of x0, y0, x1, y1, for the vectorised predicates."""
    return np.array([(b.x0, b.y0, b.x1, b.y1) for b in boxes], dtype=float).reshape(-1, 4)


def _envelopes(coords: np.ndarray) -> np.ndarray:
    """Shapes whose envelopes are the boxes, for envelope-only tree queries: a diagonal is
    built three times faster than the box polygon itself."""
    return shapely.linestrings(np.stack((coords[:, :2], coords[:, 2:]), axis=1))


def interiors_meet(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Box.intersects over arrays of boxes (x0, y0, x1, y1 along the last axis, the rest
    broadcast): the interiors meet, so touching edges do not count and a segment (a box of
    no width) counts only when it runs through the other box."""
    return interiors_meet_sides(a[..., 0], a[..., 1], a[..., 2], a[..., 3], b)


def interiors_meet_sides(
    x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray, b: np.ndarray
) -> np.ndarray:
    """`interiors_meet` with the first boxes given side by side: callers that test many
    boxes in blocks keep each side as one contiguous array."""
    return (b[..., 0] < x1) & (x0 < b[..., 2]) & (b[..., 1] < y1) & (y0 < b[..., 3])


class BoxTree:
    """Fixed boxes, given as an (n, 4) array, in an STRtree that answers for a whole batch
    of boxes at once which of them meets which (drawing-wide passes: thousands of labels)."""

    def __init__(self, coords: np.ndarray) -> None:
        self.coords = coords.reshape(-1, 4)
        self._tree = STRtree(_envelopes(self.coords))

    def __len__(self) -> int:
        return len(self.coords)

    def meets(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(query index, box index) of every pair whose interiors meet, by query index."""
        queries = queries.reshape(-1, 4)
        if not len(queries) or not len(self.coords):
            return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
        q, i = self._tree.query(_envelopes(queries))
        hit = interiors_meet(queries[q], self.coords[i])
        q, i = q[hit], i[hit]
        if len(q) and (np.diff(q) < 0).any():  # the tree answers by query already
            order = np.argsort(q, kind="stable")
            q, i = q[order], i[order]
        return q, i


def boxes_overlap(a: Box, b: Box) -> bool:
    """Whether two boxes share interior area (touching edges do not count), with shapely."""
    shape_a, shape_b = _shapes([a, b])
    return bool(shapely.intersects(shape_a, shape_b) and not shapely.touches(shape_a, shape_b))


def devices_overlap(a: PlacedDevice, b: PlacedDevice) -> bool:
    """Whether anything drawn for one device (symbol or label) covers the other's."""
    return any(boxes_overlap(p, q) for p in (a.box, a.label_box) for q in (b.box, b.label_box))


def overlapping(placed: Iterable[PlacedDevice]) -> list[tuple[Obstacle, Obstacle]]:
    """Every pair of symbol or label boxes of different devices that overlap, in a stable
    order: what a layout must leave empty and what a test asserts is empty."""
    items = [o for p in placed for o in obstacles_of(p)]
    shapes = _shapes([o.box for o in items])
    left, right = STRtree(shapes).query(shapes, predicate="intersects")
    pairs = [
        (i, j)
        for i, j in zip(left.tolist(), right.tolist(), strict=True)
        if i < j and items[i].owner != items[j].owner
    ]
    if not pairs:
        return []
    a, b = np.array(pairs).T
    touching = shapely.touches(shapes[a], shapes[b])
    return [
        (items[i], items[j]) for (i, j), t in zip(pairs, touching.tolist(), strict=True) if not t
    ]
