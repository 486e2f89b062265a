"""One read-only attribute mapping shared by every device with equal attributes.

A car park repeats the same charger, breaker and RCD thousands of times. Devices are
immutable, so devices of one kind with equal attributes can share one mapping: at 5,000
chargers this keeps ~11 MB of identical dicts out of memory, and every pass of the check
(which reads attributes device after device) reads a few hot mappings instead of 21,000
scattered ones (~12 % of a full check, at 1,000 as at 5,000 chargers).

Only plain values are shared: two mappings match when their keys, order, values and the
exact types of the values agree, so 1, 1.0 and True never stand in for each other. A set
holding -0.0 is not shared (it equals 0.0, with the same hash).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from types import MappingProxyType, NoneType
from typing import Any

POOL_LIMIT = 8192  # distinct attribute sets kept; the pool starts afresh beyond it
_PLAIN = frozenset({float, int, bool, str, NoneType})

_pool: dict[tuple[Any, ...], MappingProxyType[str, Any]] = {}


def shared_attrs(kind: str, attrs: Mapping[str, Any]) -> MappingProxyType[str, Any]:
    """A read-only copy of `attrs`: the one already handed out for an equal set of a device
    of this kind, when its values are plain."""
    if isinstance(attrs, MappingProxyType):
        return attrs  # already read-only (a device copied with other fields changed)
    own = dict(attrs)
    types = tuple(map(type, own.values()))
    if not _PLAIN.issuperset(types) and not _plain_tuples(own, types):
        return MappingProxyType(own)
    if float in types and _negative_zero(own.values()):
        return MappingProxyType(own)  # -0.0 == 0.0 with one hash: never swapped for 0.0
    key = (kind, tuple(own.items()), types)
    found = _pool.get(key)
    if found is None:
        if len(_pool) >= POOL_LIMIT:
            _pool.clear()  # bounded: a long session's stale sets go
        found = _pool[key] = MappingProxyType(own)
    return found


def _negative_zero(values: Collection[Any]) -> bool:
    """Whether a value is -0.0 (looked for only when some value equals zero: False does)."""
    return 0.0 in values and any(
        type(v) is float and v == 0.0 and math.copysign(1.0, v) < 0.0 for v in values
    )


def _plain_tuples(attrs: dict[str, Any], types: tuple[type, ...]) -> bool:
    """Whether every value is plain or a tuple of text (a list of choices)."""
    return all(
        t in _PLAIN or (t is tuple and all(type(v) is str for v in value))
        for t, value in zip(types, attrs.values(), strict=True)
    )
