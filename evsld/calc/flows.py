"""Design currents of every device, summed up the feeding tree (bottom-up).

Each node carries three sums: consumption not governed by load management, EV consumption
per governing zone (capped at every node, R722-DF1), and generation (PV, storage). A branch
must carry the worse direction, so its phase currents are max(consumption, generation) per
phase: with generation off it carries the consumption, with consumption off the generation,
and anything in between is less than the larger of the two. Currents of different power
factors add arithmetically (a conservative sum), while their I cos phi and I sin phi sums
are kept so that voltage drops add up exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import partial
from typing import NamedTuple, cast

from evsld.calc.currents import LeafCurrent, neutral_current
from evsld.calc.zones import ZERO, Vector, Zone, add_all, add_vectors, capped_currents


class Flow(NamedTuple):
    free: Vector
    zoned: Mapping[str, Vector]
    gen: Vector


EMPTY = Flow(ZERO, {}, ZERO)


class NodeCurrents(NamedTuple):
    """What a device carries: phase currents (A), neutral current (A) and power factor."""

    phases: tuple[float, float, float]
    ib_a: float  # the largest phase current
    neutral_a: float
    cos_phi: float  # power factor of the summed currents
    # sum of I cos phi and of I sin phi over the arithmetic sum of I: the coefficients that
    # make Ib (R a + X b) equal the sum of every load's own drop
    active_share: float
    reactive_share: float


NO_CURRENT = NodeCurrents((0.0, 0.0, 0.0), 0.0, 0.0, 1.0, 1.0, 0.0)


def leaf_vector(leaf: LeafCurrent) -> Vector:
    i1, i2, i3 = leaf.phase_currents
    total = i1 + i2 + i3
    sin_phi = math.sqrt(max(0.0, 1.0 - leaf.cos_phi * leaf.cos_phi))
    return (i1, i2, i3, total * leaf.cos_phi, total * sin_phi)


def _leaf_flow(leaf: LeafCurrent, zone: str | None) -> Flow:
    vector = leaf_vector(leaf)
    gen = vector if leaf.delivers else ZERO
    if not leaf.draws:
        return Flow(ZERO, {}, gen)
    if zone is not None:
        return Flow(ZERO, {zone: vector}, gen)
    return Flow(vector, {}, gen)


def _merge(flows: Sequence[Flow]) -> Flow:
    """The children's flows summed: free and generated currents, and per zone (each zone's
    vector summed in place, in the children's order)."""
    sums: dict[str, list[float]] = {}
    for f in flows:
        for zone, v in f.zoned.items():
            total = sums.get(zone)
            if total is None:
                sums[zone] = list(v)
            else:
                total[0] += v[0]
                total[1] += v[1]
                total[2] += v[2]
                total[3] += v[3]
                total[4] += v[4]
    zoned: dict[str, Vector] = {zone: (t[0], t[1], t[2], t[3], t[4]) for zone, t in sums.items()}
    return Flow(add_all(f.free for f in flows), zoned, add_all(f.gen for f in flows))


def _currents(load: Vector, gen: Vector) -> NodeCurrents:
    """A branch carries the larger of consumption and generation on each phase."""
    phases = (max(load[0], gen[0]), max(load[1], gen[1]), max(load[2], gen[2]))
    dominant = load if load[0] + load[1] + load[2] >= gen[0] + gen[1] + gen[2] else gen
    total = dominant[0] + dominant[1] + dominant[2]
    ib = max(phases)
    if total <= 0.0:
        return NodeCurrents(phases, ib, neutral_current(*phases), 1.0, 1.0, 0.0)
    a, r = dominant[3], dominant[4]
    return NodeCurrents(
        phases, ib, neutral_current(*phases), a / math.hypot(a, r), a / total, r / total
    )


def _flow_currents(flow: Flow, zones: Mapping[str, Zone], u0_v: float) -> NodeCurrents:
    load = flow.free
    if flow.zoned:
        load = add_vectors(load, capped_currents(flow.zoned, zones, u0_v))
    return _currents(load, flow.gen)


class FlowEntry(NamedTuple):
    """A device's flow and currents, and what they were made of: its end-device current, zone
    and U0, or its children's flows (see evsld.calc.memo)."""

    inputs: tuple[object, ...]
    u0_v: float
    flow: Flow
    currents: NodeCurrents


_flow_entry = partial(tuple.__new__, FlowEntry)  # one per device: skip the keyword handling


def node_currents(
    order: Sequence[str],
    children: Mapping[str, Sequence[str]],
    leaves: Mapping[str, LeafCurrent],
    zone_of: Mapping[str, str],
    zones: Mapping[str, Zone],
    supply: tuple[Mapping[str, str], Mapping[str, float]],
    kept: Mapping[str, FlowEntry],
) -> tuple[dict[str, NodeCurrents], dict[str, FlowEntry]]:
    """Currents of every fed device, leaves first, and the entries the next run may
    reuse (`kept` holds the last run's). `supply` gives each device's source and each source's
    U0 (the load-management caps in power need it). A device with a single child carries
    exactly its child's currents, and end devices drawing the same in the same zone (a car
    park's identical chargers) carry the same currents: each computed once, shared."""
    flows: dict[str, Flow] = {}
    result: dict[str, NodeCurrents] = {}
    entries: dict[str, FlowEntry] = {}
    alike: Alike = {}
    source_of, u0_by_source = supply
    for node in reversed(order):
        kids = children.get(node)
        leaf = leaves.get(node)
        if leaf is not None:
            inputs: tuple[object, ...] = (leaf, zone_of.get(node))
        elif not kids:
            flows[node], result[node] = EMPTY, NO_CURRENT
            continue
        elif len(kids) == 1:
            flows[node], result[node] = flows[kids[0]], result[kids[0]]
            continue
        else:
            inputs = tuple([flows[k] for k in kids])
        u0 = u0_by_source[source_of[node]]
        entry = kept.get(node)
        if entry is not None and entry.u0_v == u0 and same_inputs(entry.inputs, inputs):
            flows[node], result[node], entries[node] = entry.flow, entry.currents, entry
            continue
        entry = entries[node] = flow_entry(inputs, leaf, u0, entry, zones, alike)
        flows[node], result[node] = entry.flow, entry.currents
    return result, entries


Alike = dict[tuple[LeafCurrent, str | None, float], tuple[Flow, NodeCurrents]]


def flow_entry(
    inputs: tuple[object, ...],
    leaf: LeafCurrent | None,
    u0: float,
    entry: FlowEntry | None,
    zones: Mapping[str, Zone],
    alike: Alike,
) -> FlowEntry:
    """A device's flow and currents computed anew from its `inputs` (its end-device current
    and zone, or its children's flows). Identical end devices share one computation through
    `alike` (one per run); outputs equal to the last run's (`entry`) keep their identity, so
    the change stops there."""
    if leaf is None:  # the sum of the children's flows (the inputs)
        flow = _merge(cast(tuple[Flow, ...], inputs))
        currents = _flow_currents(flow, zones, u0)
    else:
        key = (leaf, cast(str | None, inputs[1]), u0)
        made = alike.get(key)
        if made is None:
            flow = _leaf_flow(leaf, key[1])
            made = alike[key] = (flow, _flow_currents(flow, zones, u0))
        flow, currents = made
    if entry is not None:  # equal outputs keep their identity: the change stops here
        flow = entry.flow if flow == entry.flow else flow
        currents = entry.currents if currents == entry.currents else currents
    return _flow_entry((inputs, u0, flow, currents))


def same_inputs(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    """The same end-device current (identity) in the same zone, or the same children's flows
    (identity)."""
    if len(old) != len(new):
        return False
    if isinstance(new[0], LeafCurrent):
        return old[0] is new[0] and old[1] == new[1]
    return all(a is b for a, b in zip(old, new, strict=True))
