"""Assertions on routed wires shared by the routing and drawing tests."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from evsld.geometry.drawing import PlacedDevice
from evsld.geometry.primitives import Box, Point


def segment_box(p: Point, q: Point) -> Box:
    return Box(min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))


def assert_orthogonal(points: tuple[Point, ...]) -> None:
    assert len(points) >= 2
    if len(points) == 2 and points[0] == points[1]:
        return  # the two ports touch: nothing to draw
    for p, q in itertools.pairwise(points):
        assert p != q, f"zero-length segment at {p} in {points}"
        assert p[0] == q[0] or p[1] == q[1], f"diagonal {p} -> {q} in {points}"


def crossings(
    points: tuple[Point, ...], ends: tuple[str, str], devices: Mapping[str, PlacedDevice]
) -> list[str]:
    """What a wire runs through: any label; any symbol box except its own ends' (and those
    only by the first or last segment, which leaves the port)."""
    found = []
    segments = list(itertools.pairwise(points))
    for i, (p, q) in enumerate(segments):
        seg = segment_box(p, q)
        for placed in devices.values():
            if placed.label_box.intersects(seg):
                found.append(f"segment {i} crosses the label of {placed.device_id}")
            own_stub = (i == 0 and placed.device_id == ends[0]) or (
                i == len(segments) - 1 and placed.device_id == ends[1]
            )
            if placed.box.intersects(seg) and not own_stub:
                found.append(f"segment {i} crosses the symbol of {placed.device_id}")
    return found
