"""The bill of materials: devices grouped by kind and rating, counted, with their tags.

A row is what a buyer orders as one item: same kind, same rating as printed on the drawing
(the label without its tag). Cables are grouped by their full designation and busbar
trunking by family and rating, each with its total length, since both are bought by the
metre. Tag lists are compressed to ranges ("EV01–EV10") so a large car park stays readable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from evsld.calc.schedule import designation
from evsld.geometry.labels import label_lines, num
from evsld.model.device import Device
from evsld.model.diagram import natural_key
from evsld.model.project import Project

BY_LENGTH = ("cable", "busway")
_TAG = re.compile(r"^(.*?)(\d+)$")


@dataclass(frozen=True)
class BomRow:
    kind: str  # the kind's label: "Circuit breaker"
    rating: str
    quantity: int
    length_m: float | None  # total, for what is bought by the metre
    tags: tuple[str, ...]


def rating_of(device: Device) -> str:
    """What distinguishes one product of a kind from another."""
    a = device.attrs
    if device.kind == "cable":
        return designation(a)
    if device.kind == "busway":
        return f"{a['family']} {num(a['rating_a'])} A"
    if device.kind == "tapoff":
        return f"{num(a['rating_a'])} A"
    lines = label_lines(device)[1:]
    return " ".join(line for line in lines if line != "open")


def bill_of_materials(project: Project) -> list[BomRow]:
    """One row per kind and rating, in the order of the kinds' catalogue, then rating."""
    groups: dict[tuple[str, str], list[Device]] = {}
    for device in project.diagram.devices():
        groups.setdefault((device.kind, rating_of(device)), []).append(device)
    order = {kind: n for n, kind in enumerate(_kind_order(project))}
    rows = []
    for (kind, rating), devices in sorted(
        groups.items(), key=lambda g: (order[g[0][0]], natural_key(g[0][1]))
    ):
        length = (
            sum(d["length_m"] * (d["parallel"] if kind == "cable" else 1) for d in devices)
            if kind in BY_LENGTH
            else None
        )
        tags = tuple(sorted((d.tag for d in devices), key=natural_key))
        rows.append(BomRow(devices[0].spec.label, rating, len(devices), length, tags))
    return rows


def _kind_order(project: Project) -> list[str]:
    """Kinds in supply-to-load order, as the drawing reads."""
    preferred = [
        "supply",
        "transformer",
        "switchboard",
        "busway",
        "tapoff",
        "switch",
        "fuse",
        "breaker",
        "rcbo",
        "rcd",
        "spd",
        "meter",
        "cable",
        "evse",
        "load",
        "pv",
        "storage",
        "lms",
    ]
    present = {d.kind for d in project.diagram.devices()}
    return preferred + sorted(present - set(preferred))


def tag_ranges(tags: Iterable[str]) -> str:
    """ "EV01–EV04, EV07, Q2" from tags sorted naturally: runs of three or more consecutive
    numbers with the same prefix and padding ("Q9"-"Q10" counts, "EV09"-"EV010" not)
    become a range."""
    parsed = []
    for tag in tags:
        m = _TAG.match(tag)
        parsed.append((m.group(1), m.group(2)) if m else (tag, ""))
    out: list[str] = []
    i = 0
    while i < len(parsed):
        prefix, digits = parsed[i]
        j = i
        while (
            digits
            and j + 1 < len(parsed)
            and parsed[j + 1][0] == prefix
            and parsed[j + 1][1]
            and _same_padding(parsed[j][1], parsed[j + 1][1])
            and int(parsed[j + 1][1]) == int(parsed[j][1]) + 1
        ):
            j += 1
        if j - i >= 2:
            out.append(f"{prefix}{digits}–{prefix}{parsed[j][1]}")
        else:
            out.extend(f"{p}{d}" for p, d in parsed[i : j + 1])
        i = j + 1
    return ", ".join(out)


def _same_padding(a: str, b: str) -> bool:
    """Both unpadded, or both zero-padded to one width."""
    if len(a) == len(b):
        return True
    return not a.startswith("0") and not b.startswith("0")
