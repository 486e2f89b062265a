"""What the symbol palette offers: every device kind, plus presets designers reach for often
(a DC charger, a MID meter), grouped by the model's palette categories."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from evsld.model.kinds import KINDS, Category

PALETTE_MIME = "application/x-evsld-palette-entry"


@dataclass(frozen=True)
class PaletteEntry:
    key: str
    label: str
    kind: str
    category: Category
    attrs: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def matches(self, text: str) -> bool:
        """Search by label, kind name or tag letter ("rcd", "charger", "Q")."""
        needle = text.strip().casefold()
        spec = KINDS[self.kind]
        haystack = (self.label, self.kind, spec.label, spec.tag_prefix)
        return not needle or any(needle in h.casefold() for h in haystack)


_PRESETS = (
    PaletteEntry(
        "evse:dc",
        "DC charging station",
        "evse",
        Category.EV_CHARGING,
        MappingProxyType({"current_type": "DC", "power_kw": 50.0, "connector": "ccs2"}),
    ),
    PaletteEntry(
        "meter:mid", "MID meter", "meter", Category.METERING, MappingProxyType({"mid": True})
    ),
)


def _entries() -> tuple[PaletteEntry, ...]:
    entries = [PaletteEntry(name, spec.label, name, spec.category) for name, spec in KINDS.items()]
    entries.extend(_PRESETS)
    order = list(Category)
    return tuple(sorted(entries, key=lambda e: order.index(e.category)))


ENTRIES = _entries()
_BY_KEY = {e.key: e for e in ENTRIES}


def entry_by_key(key: str) -> PaletteEntry | None:
    return _BY_KEY.get(key)
