"""How much room a device takes on the drawing before it is placed: its symbol box and its
label box at the origin, unrotated, exactly as `placement` will draw them.

The layout packs columns and rows from these boxes, so they must agree with what is drawn:
both come from the same symbol definition and the same label rule (`label_box`). A stretch
symbol (busbar, busbar trunking) is measured again once its extent is known.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from evsld.geometry.labels import label_lines
from evsld.geometry.placement import STRETCH_MARGIN, label_box
from evsld.geometry.primitives import Box
from evsld.geometry.symbols import Graphic, PortGeometry, SymbolDef, library, symbol_name
from evsld.model.device import Device


@dataclass(frozen=True, slots=True)
class Footprint:
    """A device's symbol and label at origin (0, 0), rotation 0, in drawing units; the
    edges of both together are precomputed, the layout reads them for every device."""

    symbol: SymbolDef
    lines: tuple[str, ...]
    box: Box
    label: Box
    ports: Mapping[str, PortGeometry]
    left: float = field(init=False)
    right: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        box, label = self.box, self.label
        object.__setattr__(self, "left", min(box.x0, label.x0))
        object.__setattr__(self, "right", max(box.x1, label.x1))
        object.__setattr__(self, "top", min(box.y0, label.y0))
        object.__setattr__(self, "bottom", max(box.y1, label.y1))

    def stretched(self, extent: tuple[float, float]) -> Footprint:
        """The same device drawn at a stretch extent (left, right) in local units."""
        graphic = self.symbol.graphic(extent)
        label = label_box(self.lines, graphic.box, graphic.ports)
        return Footprint(self.symbol, self.lines, graphic.box, label, graphic.ports)

    def fitted(self, attached: Mapping[str, list[float]]) -> Footprint:
        """A stretch symbol reaching every attached x (local units, per port), as the
        placement fits it (`SymbolDef.fit_extent` with the same margin)."""
        return self.stretched(self.symbol.fit_extent(attached, STRETCH_MARGIN))


def footprint(device: Device) -> Footprint:
    """The device's footprint at its symbol's nominal extent."""
    symbol, graphic = _nominal(symbol_name(device))
    lines = tuple(label_lines(device))
    label = label_box(lines, graphic.box, graphic.ports)
    return Footprint(symbol, lines, graphic.box, label, graphic.ports)


@cache
def _nominal(name: str) -> tuple[SymbolDef, Graphic]:
    symbol = library()[name]
    return symbol, symbol.graphic()
