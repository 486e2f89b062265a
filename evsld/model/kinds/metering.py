"""Energy meters (MID-approved for billing, direct or through current transformers)."""

from __future__ import annotations

from evsld.model.attributes import choice, flag, number
from evsld.model.kinds.base import Category, KindSpec, specs
from evsld.model.kinds.common import phases
from evsld.model.ports import SERIES_PORTS, Domain, PortSpec

METER = KindSpec(
    name="meter",
    label="Energy meter",
    category=Category.METERING,
    tag_prefix="P",
    ports=(*SERIES_PORTS, PortSpec("data", Domain.CONTROL, multi=True, label="data link")),
    attributes=specs(
        flag("mid", "MID approved", True),
        choice("connection", "Connection", "direct", {"direct": "direct", "ct": "via CTs"}),
        number(
            "imax_a",
            "Maximum current Imax",
            63.0,
            "A",
            1.0,
            200.0,
            relevant_when=("connection", ("direct",)),
        ),
        number(
            "ct_primary_a",
            "CT primary current",
            250.0,
            "A",
            5.0,
            10000.0,
            relevant_when=("connection", ("ct",)),
        ),
        phases(3),
    ),
)
