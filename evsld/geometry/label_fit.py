"""Labels moved off whatever they would print over, for the printed drawing.

A label sits to the right of its symbol (evsld.geometry.placement). Devices drawn closer
than their labels are wide, as a user or a file may place them, would print the label over
the next symbol or label. Before printing, each such label takes the first free spot of a
fixed list around its own symbol (`SPOTS`): along its right side, below, above, then to its
left and at its corners. Every spot lies against the symbol's box at the usual gap, so a
moved label still reads as the symbol's own, with no leader. A spot is free when it covers
no symbol and no other label; a spot also clear of every wire is preferred. A label with no
free spot stays where it was and is reported (`LabelCollision`), never printed over in
silence: a leader into distant free space would cross wires and leave the reader guessing
which symbol it names on exactly the crowded drawings that need one, whereas the report
tells the designer which devices to move apart.

Labels already free stay put, so a drawing laid out by evsld.geometry.layout prints as
before. The pass is deterministic and drawing-wide, so it is vectorised (a 5,000-charger
drawing has some 15,000 labels to move): every candidate spot of every crowded label is
judged against the symbols, the labels that stay and the wires in one STRtree query per
label; then, in rounds, each label picks its best spot left and the picks that meet no
pick kept before them in reading order (top to bottom, left to right, device id) are
kept, the others picking again around them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from evsld.geometry.obstacles import (
    BoxTree,
    box_array,
    interiors_meet,
    interiors_meet_sides,
    segment_array,
)
from evsld.geometry.placement import LABEL_GAP, PlacedDevice
from evsld.geometry.primitives import Box, Point
from evsld.geometry.symbols import PortGeometry, library

# what a placed label keeps from other symbols and labels (two labels that merely touch read
# as one line) and from a wire beside it (text starts at the very edge of its box): as much
# as from its own symbol. A wire may run along its top or bottom: the box has air above the
# capitals and below the baseline.
CLEARANCE = LABEL_GAP
_DOWN, _UP = (0.0, 1.0), (0.0, -1.0)
_BLOCK = 20_000  # label-obstacle pairs judged at once (bounds the memory of a big drawing)
# how a spot fares, best first: free; across a wire; covering a symbol or a label (or
# within CLEARANCE of one)
_FREE, _ON_WIRE, _BLOCKED = 0, 1, 2

# the candidate spots, best first, by where they sit against the symbol box and how the
# text aligns there ("home" is the label's usual place and alignment)
SPOTS = (
    ("home", "home"),
    ("right, top", "start"),
    ("right, bottom", "start"),
    *(
        (f"{side}, {where}", anchor)
        for side in ("below", "above")
        for where, anchor in (
            ("centred", "middle"),
            ("flush left", "start"),
            ("flush right", "end"),
            ("right of first wire", "start"),
            ("left of first wire", "end"),
            ("right of last wire", "start"),
            ("left of last wire", "end"),
        )
    ),
    ("left, centred", "end"),
    ("left, top", "end"),
    ("left, bottom", "end"),
    ("right, below", "start"),
    ("right, above", "start"),
    ("left, below", "end"),
    ("left, above", "end"),
)


@dataclass(frozen=True)
class LabelCollision:
    """A text that found no free spot and prints over `over` (the devices whose symbol or
    label it covers). `box` is the text's box in world units."""

    device_id: str
    box: Box
    over: tuple[str, ...]
    board_name: bool = False  # a board outline's name rather than a device label


@dataclass(frozen=True)
class FittedLabels:
    devices: dict[str, PlacedDevice]
    collisions: tuple[LabelCollision, ...]


def fit_labels(
    devices: Mapping[str, PlacedDevice], wires: Iterable[Sequence[Point]]
) -> FittedLabels:
    """Every label on a spot free of symbols and other labels (and of wires where one is),
    or reported where none is."""
    ids = list(devices)
    placed = [devices[d] for d in ids]
    n = len(placed)
    symbols = box_array([p.box for p in placed])
    labels = box_array([p.label_box for p in placed])
    segments = segment_array(wires)
    # one tree of everything drawn, grown by the clearance (wires sideways only)
    grown = (_grown(np.vstack((symbols, labels)), CLEARANCE), _grown(segments, CLEARANCE, 0.0))
    scene = BoxTree(np.vstack(grown))
    owner = np.concatenate((np.arange(n), np.arange(n), np.full(len(segments), -1)))
    weight = np.array([_BLOCKED] * 2 * n + [_ON_WIRE] * len(segments), dtype=np.int8)
    crowded = _judge(labels[:, None, :], np.arange(n), scene, owner, weight)[:, 0] > _FREE
    if not crowded.any():
        return FittedLabels(dict(devices), ())
    order = np.array(
        sorted(np.flatnonzero(crowded).tolist(), key=lambda k: _reading(placed[k], ids[k]))
    )
    weight[n : 2 * n][crowded] = _FREE  # the crowded labels leave their places
    spots = _spots(symbols[order], labels[order], _ports([placed[k] for k in order]))
    state = _judge(spots, order, scene, owner, weight)
    state[np.isnan(spots).any(axis=2)] = _BLOCKED
    chosen = _settle(spots, state)
    boxes = spots[np.arange(len(order)), chosen]
    out = dict(devices)
    for j, k in enumerate(order.tolist()):
        if chosen[j]:
            out[ids[k]] = placed[k].relabelled(Box(*boxes[j].tolist()), SPOTS[chosen[j]][1])
    stuck = np.flatnonzero(state[np.arange(len(order)), chosen] == _BLOCKED)
    collisions = _collisions(stuck, boxes, order, ids, scene, owner, weight)
    return FittedLabels(out, tuple(collisions))


def _reading(placed: PlacedDevice, device_id: str) -> tuple[float, float, str]:
    return (placed.box.y0, placed.box.x0, device_id)


def _settle(spots: np.ndarray, state: np.ndarray) -> np.ndarray:
    """The spot each label takes, in rounds. Each round every label still unplaced picks
    its best spot left (free before across a wire, then in SPOTS order; a label with none
    keeps its usual place and is stuck there); stuck labels and, in reading order, every
    label whose pick meets no pick kept before it keep theirs; the others lose the spots
    the kept labels cover and pick again. Every round keeps at least one label."""
    m, k_spots = state.shape
    chosen = np.zeros(m, dtype=int)
    active = np.arange(m)
    while len(active):
        best = (state[active].astype(int) * k_spots + np.arange(k_spots)).min(axis=1)
        stuck = best // k_spots == _BLOCKED
        pick = np.where(stuck, 0, best % k_spots)
        picks = spots[active, pick]
        a, b = BoxTree(_grown(picks, CLEARANCE)).meets(picks)
        partners: dict[int, list[int]] = {}
        for x, y in zip(a.tolist(), b.tolist(), strict=True):
            if x != y:
                partners.setdefault(x, []).append(y)
        kept = stuck.copy()  # so far: the stuck labels and the picks kept before x
        for x in sorted(partners):
            if not stuck[x]:
                kept[x] = not any(kept[y] for y in partners[x])
        kept |= ~np.isin(np.arange(len(active)), list(partners))
        chosen[active[kept]] = pick[kept]
        rest = active[~kept]
        if len(rest):
            taken = int(kept.sum())
            blocked = _judge(
                spots[rest],
                rest,
                BoxTree(_grown(picks[kept], CLEARANCE)),
                np.full(taken, -1),
                np.full(taken, _BLOCKED, dtype=np.int8),
            )
            state[rest] = np.maximum(state[rest], blocked)
        active = rest
    return chosen


def _judge(
    spots: np.ndarray,
    owners: np.ndarray,
    tree: BoxTree,
    tree_owner: np.ndarray,
    weight: np.ndarray,
) -> np.ndarray:
    """(m, k) state of spot j of label i: the heaviest weight among the tree's boxes it
    meets that the label's own device does not own (_FREE when none). The tree is asked
    once per label, for the box around all its spots, and the spots are judged against
    the answers in blocks."""
    m, k = spots.shape[:2]
    out = np.zeros((m, k), dtype=np.int8)
    hood = np.stack(
        (
            np.nanmin(spots[:, :, 0], axis=1),
            np.nanmin(spots[:, :, 1], axis=1),
            np.nanmax(spots[:, :, 2], axis=1),
            np.nanmax(spots[:, :, 3], axis=1),
        ),
        axis=1,
    )
    q, i = tree.meets(hood)
    keep = (weight[i] > _FREE) & (tree_owner[i] != owners[q])
    q, i = q[keep], i[keep]
    x0, y0, x1, y1 = (np.ascontiguousarray(spots[:, :, c]) for c in range(4))
    for at in range(0, len(q), _BLOCK):
        qq, ii = q[at : at + _BLOCK], i[at : at + _BLOCK]
        hit = interiors_meet_sides(x0[qq], y0[qq], x1[qq], y1[qq], tree.coords[ii][:, None, :])
        rows, cols = np.nonzero(hit)
        np.maximum.at(out, (qq[rows], cols), weight[ii[rows]])
    return out


def _collisions(
    stuck: np.ndarray,
    boxes: np.ndarray,
    order: np.ndarray,
    ids: list[str],
    scene: BoxTree,
    owner: np.ndarray,
    weight: np.ndarray,
) -> list[LabelCollision]:
    """What each stuck label covers: symbols, labels left in place and labels moved (the
    boxes themselves, not their clearance)."""
    if not len(stuck):
        return []
    mine = boxes[stuck]
    over: dict[int, set[str]] = {}
    q, i = scene.meets(mine)
    drawn = (weight[i] == _BLOCKED) & (owner[i] != order[stuck[q]])
    drawn &= interiors_meet(mine[q], _grown(scene.coords[i], -CLEARANCE))
    for s, item in zip(q[drawn].tolist(), i[drawn].tolist(), strict=True):
        over.setdefault(s, set()).add(ids[owner[item]])
    q, i = BoxTree(boxes).meets(mine)
    for s, other in zip(q.tolist(), i.tolist(), strict=True):
        if other != stuck[s]:
            over.setdefault(s, set()).add(ids[order[other]])
    return [  # stuck only for want of clearance: printed clear all the same
        LabelCollision(ids[order[j]], Box(*boxes[j].tolist()), tuple(sorted(over[s])))
        for s, j in enumerate(stuck.tolist())
        if s in over
    ]


def _grown(coords: np.ndarray, dx: float, dy: float | None = None) -> np.ndarray:
    dy = dx if dy is None else dy
    return coords + np.array([-dx, -dy, dx, dy])


def _ports(placed: Sequence[PlacedDevice]) -> np.ndarray:
    """Per device, the x of its first and last wire leaving downwards, then upwards (NaN
    where none does)."""
    rows = []
    for p in placed:
        if library()[p.symbol].stretch:  # ports along a busbar: none to keep clear of
            rows.append((math.nan,) * 4)
            continue
        ox = p.origin[0]
        rows.append(tuple(ox + x for x in _port_offsets(p.symbol, p.rotation, p.ports, ox)))
    return np.array(rows, dtype=float).reshape(-1, 4)


_OFFSETS: dict[tuple[str, int], tuple[float, ...]] = {}


def _port_offsets(
    symbol: str, rotation: int, ports: Mapping[str, PortGeometry], ox: float
) -> tuple[float, ...]:
    """The same for a symbol of fixed size, from its position: one answer per symbol and
    turn, as a drawing has thousands of alike devices."""
    key = (symbol, rotation)
    if key not in _OFFSETS:
        row: list[float] = []
        for facing in (_DOWN, _UP):
            xs = sorted(g.point[0] - ox for g in ports.values() if g.point and g.facing == facing)
            row += [xs[0], xs[-1]] if xs else [math.nan, math.nan]
        _OFFSETS[key] = tuple(row)
    return _OFFSETS[key]


def _spots(symbols: np.ndarray, labels: np.ndarray, ports: np.ndarray) -> np.ndarray:
    """(m, len(SPOTS), 4): the candidate boxes of m labels, in the order of SPOTS; a spot
    beside a wire that does not exist is NaN."""
    x0, y0, x1, y1 = symbols.T
    w, h = labels[:, 2] - labels[:, 0], labels[:, 3] - labels[:, 1]
    g = LABEL_GAP
    right, left, below, above = x1 + g, x0 - g - w, y1 + g, y0 - g - h
    mid_x, mid_y = (x0 + x1 - w) / 2, (y0 + y1 - h) / 2

    def across(first: np.ndarray, last: np.ndarray) -> list[np.ndarray]:
        return [mid_x, x0, x1 - w, first + g, first - g - w, last + g, last - g - w]

    xs = [labels[:, 0], right, right]
    xs += across(ports[:, 0], ports[:, 1]) + across(ports[:, 2], ports[:, 3])
    xs += [left, left, left, right, right, left, left]
    ys = [labels[:, 1], y0, y1 - h, *[below] * 7, *[above] * 7]
    ys += [mid_y, y0, y1 - h, below, above, below, above]
    left_x, top_y = np.stack(xs, axis=1), np.stack(ys, axis=1)
    return np.stack((left_x, top_y, left_x + w[:, None], top_y + h[:, None]), axis=2)


def board_name_collisions(
    texts: Sequence[tuple[str, Box]], devices: Mapping[str, PlacedDevice]
) -> list[LabelCollision]:
    """Board names (board id, text box) that cover another device's symbol or label."""
    placed = list(devices.values())
    owners = [p.device_id for p in placed for _ in range(2)]
    tree = BoxTree(box_array([b for p in placed for b in (p.box, p.label_box)]))
    q, i = tree.meets(box_array([box for _, box in texts]))
    over: dict[int, set[str]] = {}
    for t, item in zip(q.tolist(), i.tolist(), strict=True):
        if owners[item] != texts[t][0]:
            over.setdefault(t, set()).add(owners[item])
    return [
        LabelCollision(texts[t][0], texts[t][1], tuple(sorted(o)), board_name=True)
        for t, o in sorted(over.items())
    ]
