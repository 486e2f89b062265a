"""Symbol definitions: every file loads, every kind has a symbol whose ports are the kind's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evsld.geometry.primitives import Ellipse, Line, Polygon, Rect, Text, rotate_point, transform
from evsld.geometry.symbols import SymbolError, library, load_symbol, symbol_for, symbol_name
from evsld.model import KINDS, Project
from evsld.paths import symbols_dir

VARIANTS = [
    ("evse", {"current_type": "AC"}, "evse-ac"),
    ("evse", {"current_type": "DC"}, "evse-dc"),
    ("cable", {"phases": 1}, "cable-1p"),
    ("cable", {"phases": 3}, "cable-3p"),
    ("meter", {"mid": True}, "meter-mid"),
    ("meter", {"mid": False}, "meter"),
]


def test_every_symbol_file_is_used_and_every_kind_has_one() -> None:
    project = Project()
    used = {symbol_name(project.add(k)) for k in KINDS}
    used |= {name for _, _, name in VARIANTS}
    assert used == set(library())


@pytest.mark.parametrize(("kind", "attrs", "name"), VARIANTS)
def test_variants_follow_the_attributes(kind: str, attrs: dict, name: str) -> None:
    assert symbol_name(Project().add(kind, **attrs)) == name


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_symbol_ports_are_exactly_the_kind_ports_and_lie_on_the_drawing(kind: str) -> None:
    device = Project().add(kind)
    graphic = symbol_for(device).graphic()
    assert set(graphic.ports) == {p.name for p in KINDS[kind].ports}
    lines = [prim for prim in graphic.primitives if isinstance(prim, Line)]
    for name, port in graphic.ports.items():
        if port.point is not None:
            on_line = any(_on_polyline(port.point, line) for line in lines)
            on_box = any(
                _on_rect_edge(port.point, r) for r in graphic.primitives if isinstance(r, Rect)
            )
            on_circle = any(
                _on_ellipse(port.point, e) for e in graphic.primitives if isinstance(e, Ellipse)
            )
            assert on_line or on_box or on_circle, f"{kind}.{name} floats in the air"
            assert port.point[0] % 2 == 0 and port.point[1] % 2 == 0


def _on_polyline(p, line: Line) -> bool:
    for (x0, y0), (x1, y1) in zip(line.points, line.points[1:], strict=False):
        cross = (x1 - x0) * (p[1] - y0) - (y1 - y0) * (p[0] - x0)
        within = min(x0, x1) <= p[0] <= max(x0, x1) and min(y0, y1) <= p[1] <= max(y0, y1)
        if abs(cross) < 1e-9 and within:
            return True
    return False


def _on_rect_edge(p, r: Rect) -> bool:
    x, y = p
    inside_x = r.x <= x <= r.x + r.w
    inside_y = r.y <= y <= r.y + r.h
    return (inside_x and y in (r.y, r.y + r.h)) or (inside_y and x in (r.x, r.x + r.w))


def _on_ellipse(p, e: Ellipse) -> bool:
    dx, dy = p[0] - e.center[0], p[1] - e.center[1]
    return abs((dx / e.rx) ** 2 + (dy / e.ry) ** 2 - 1) < 1e-6


def test_stretch_symbols_follow_their_extent_and_clamp_wires_to_the_bar() -> None:
    busbar = library()["busbar"].graphic((-200.0, 300.0))
    (bar,) = [p for p in busbar.primitives if isinstance(p, Line)]
    assert bar.points == ((-200.0, 0.0), (300.0, 0.0))
    assert busbar.box.x0 == -200.0 and busbar.box.x1 == 300.0
    assert busbar.ports["out"].attach((120.0, 80.0)) == (120.0, 0.0)
    assert busbar.ports["out"].attach((900.0, 80.0)) == (300.0, 0.0)
    busway = library()["busway"].graphic((0.0, 400.0))
    assert busway.ports["in"].point == (10.0, -4.0)
    assert busway.ports["out"].segment == ((20.0, 4.0), (390.0, 4.0))


def test_rotation_is_exact_and_text_stays_upright() -> None:
    assert rotate_point((0.0, -30.0), 90) == (30.0, 0.0)
    assert rotate_point((0.0, -30.0), 360) == (0.0, -30.0)
    text = Text((10.0, 0.0), "kWh")
    moved = transform(text, 100.0, 50.0, 90)
    assert moved.at == (100.0, 60.0) and moved.text == "kWh"
    rect = transform(Rect(-6, -14, 12, 28), 0.0, 0.0, 90)
    assert (rect.w, rect.h) == (28, 12)
    poly = transform(Polygon(((0.0, 0.0), (10.0, 0.0))), 5.0, 5.0, 180)
    assert poly.points == ((5.0, 5.0), (-5.0, 5.0))


def test_a_broken_symbol_file_names_the_file_and_place(tmp_path: Path) -> None:
    good = json.loads((symbols_dir() / "fuse.json").read_text())
    good["name"] = "broken"
    good["primitives"].append({"line": [["Q", 0], [0, 1]]})
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(good))
    with pytest.raises(
        SymbolError, match=r"broken.json: primitives\[2\]: x must be a number or L/R"
    ):
        load_symbol(path)
    path.write_text("{not json")
    with pytest.raises(SymbolError, match=r"broken\.json: cannot be read"):
        load_symbol(path)
