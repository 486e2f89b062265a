"""The catalogue of device kinds a designer can draw."""

from __future__ import annotations

from evsld.model.kinds.base import Category, KindSpec
from evsld.model.kinds.charging import EVSE
from evsld.model.kinds.control import CONTROL_LINKS, LMS
from evsld.model.kinds.distribution import BUSWAY, CABLE, SWITCHBOARD, TAPOFF
from evsld.model.kinds.loads import LOAD, PV, STORAGE
from evsld.model.kinds.metering import METER
from evsld.model.kinds.protection import BREAKER, FUSE, RCBO, RCD, SPD, SWITCH
from evsld.model.kinds.supply import SUPPLY, TRANSFORMER
from evsld.model.ports import Domain

KINDS: dict[str, KindSpec] = {
    k.name: k
    for k in (
        SUPPLY,
        TRANSFORMER,
        SWITCHBOARD,
        CABLE,
        BREAKER,
        FUSE,
        SWITCH,
        RCD,
        RCBO,
        SPD,
        METER,
        BUSWAY,
        TAPOFF,
        EVSE,
        LOAD,
        PV,
        STORAGE,
        LMS,
    )
}


def kind(name: str) -> KindSpec:
    """The spec of a kind; KeyError for an unknown name."""
    return KINDS[name]


def link_problem(kind_a: str, port_a: str, kind_b: str, port_b: str) -> str | None:
    """Why two ports cannot be linked, or None when they can."""
    spec_a, spec_b = KINDS[kind_a].port(port_a), KINDS[kind_b].port(port_b)
    if spec_a is None or spec_b is None:
        missing = port_a if spec_a is None else port_b
        owner = kind_a if spec_a is None else kind_b
        return f"a {KINDS[owner].label.lower()} has no port '{missing}'"
    if spec_a.domain is not spec_b.domain:
        return "a power port cannot be linked to a control port"
    if spec_a.domain is Domain.CONTROL:
        a, b = (kind_a, port_a), (kind_b, port_b)
        if b not in CONTROL_LINKS.get(a, ()) and a not in CONTROL_LINKS.get(b, ()):
            return (
                f"a control link cannot join {KINDS[kind_a].label.lower()} '{port_a}' "
                f"and {KINDS[kind_b].label.lower()} '{port_b}'"
            )
    return None


__all__ = ["KINDS", "Category", "KindSpec", "kind", "link_problem"]
