"""The PDF painter writes a colour, line width or dash only when it changes, so what it
remembers of the PDF graphics state must stay true: read the page back, replay the state
operators (with q/Q) and check that every stroke and every text is painted as asked. And
what repeats is written once: one form for the frame of every sheet, one per symbol."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from evsld.export.document import export_pdf
from evsld.export.fonts import REGULAR, register_fonts
from evsld.export.painter import CONTROL_INK, INK, OUTLINE_INK, SHADE, Painter
from evsld.geometry.primitives import Box, Stroke, Text
from tests.builders import car_park

COLOURS = (INK, CONTROL_INK, OUTLINE_INK, SHADE)
STROKES = (Stroke(1.0), Stroke(2.0), Stroke(1.0, (3.0, 2.0)), Stroke(0.5, (1.0, 1.0)))

action = st.one_of(
    st.tuples(st.just("ink"), st.sampled_from(COLOURS)),
    st.tuples(st.just("stroke"), st.sampled_from(STROKES)),
    st.tuples(st.just("text"), st.sampled_from((None, *COLOURS))),
    st.tuples(st.just("line"), st.sampled_from((None, *COLOURS))),
    st.tuples(st.just("box"), st.sampled_from((None, *COLOURS))),
    st.tuples(st.just("enter"), st.sampled_from(("world", "clipped"))),
    st.tuples(st.just("leave"), st.none()),
)


def _rgb(colour: Color) -> tuple[float, float, float]:
    return (round(colour.red, 3), round(colour.green, 3), round(colour.blue, 3))


def _paint(actions: list) -> tuple[bytes, list[tuple]]:
    """Run the actions on one page; returns the PDF and what each paint operation asked
    for, in order: ("S", width, dash, stroke colour) or ("Tj", fill colour)."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=0, initialFontName=REGULAR)
    painter = Painter(canvas, 420.0, 297.0)
    asked: list[tuple] = []
    ink, stroke = INK, None
    saved = []
    stack = []
    for kind, value in actions:
        if kind == "ink":
            painter.ink(value)
            ink = value
        elif kind == "stroke":
            painter.stroke(value)
            stroke = value
        elif kind == "text":
            painter.text(Text((10.0, 10.0), "Q1", 2.4), value)
            asked.append(("Tj", _rgb(ink if value is None else value)))
        elif kind == "line":
            painter.line((0.0, 0.0), (5.0, 5.0), 0.25, value)
            asked.append(("S", 0.25, (), _rgb(ink if value is None else value)))
        elif kind == "box":
            painter.box(Box(1.0, 1.0, 4.0, 4.0), 0.5, value)
            asked.append(("B" if value is not None else "S", 0.5, (), _rgb(ink)))
        elif kind == "enter":
            context = (
                painter.world((5.0, 5.0), 0.25, (0.0, 0.0))
                if value == "world"
                else painter.clipped(Box(0.0, 0.0, 400.0, 280.0))
            )
            context.__enter__()
            stack.append(context)
            saved.append((ink, stroke))
        elif stack:
            stack.pop().__exit__(None, None, None)
            ink, stroke = saved.pop()
        if kind in ("ink", "stroke", "enter", "leave") and stroke is not None:
            painter.stroke(stroke)
            painter.polyline(((0.0, 0.0), (1.0, 1.0)))
            asked.append(("S", stroke.width, stroke.dash, _rgb(ink)))
    while stack:
        stack.pop().__exit__(None, None, None)
    canvas.showPage()
    canvas.save()
    return out.getvalue(), asked


def _painted(pdf: bytes) -> list[tuple]:
    """Replay the page's state operators; the state at each stroke, fill-and-stroke and
    text show, in the form _paint records."""
    reader = PdfReader(io.BytesIO(pdf))
    state = {"w": 1.0, "d": (), "RG": (0.0, 0.0, 0.0), "rg": (0.0, 0.0, 0.0)}
    stack = []
    seen = []
    for operands, op in ContentStream(reader.pages[0].get_contents(), reader).operations:
        if op == b"q":
            stack.append(dict(state))
        elif op == b"Q":
            state = stack.pop()
        elif op == b"w":
            state["w"] = float(operands[0])
        elif op == b"d":
            state["d"] = tuple(float(v) for v in operands[0])
        elif op in (b"RG", b"rg"):
            state[op.decode()] = tuple(round(float(v), 3) for v in operands)
        elif op in (b"S", b"B", b"B*"):
            seen.append((op.decode()[0], round(state["w"], 3), state["d"], state["RG"]))
        elif op == b"Tj":
            seen.append(("Tj", state["rg"]))
    return seen


def _rounded(asked: list[tuple]) -> list[tuple]:
    return [(a[0], round(a[1], 3), *a[2:]) if a[0] != "Tj" else a for a in asked]


def test_a_stroke_style_is_written_once_while_it_holds() -> None:
    pdf, asked = _paint([("stroke", Stroke(2.0))] + [("ink", INK)] * 5)
    assert _painted(pdf) == _rounded(asked)
    reader = PdfReader(io.BytesIO(pdf))
    ops = [op for _, op in ContentStream(reader.pages[0].get_contents(), reader).operations]
    assert ops.count(b"w") == 1 and ops.count(b"S") == 6


def test_after_a_nested_state_ends_the_outer_style_is_in_force_again() -> None:
    actions = [
        ("stroke", Stroke(2.0)),
        ("enter", "world"),
        ("stroke", Stroke(1.0, (3.0, 2.0))),
        ("ink", CONTROL_INK),
        ("leave", None),
        ("text", None),
        ("stroke", Stroke(1.0, (3.0, 2.0))),
    ]
    pdf, asked = _paint(actions)
    assert _painted(pdf) == _rounded(asked)


@settings(max_examples=40, deadline=None)
@given(st.lists(action, max_size=25))
def test_every_stroke_and_text_is_painted_as_asked(actions) -> None:
    pdf, asked = _paint(actions)
    assert _painted(pdf) == _rounded(asked)


def test_the_frame_is_one_form_on_every_sheet_and_each_symbol_one_form(tmp_path) -> None:
    project, _ = car_park(3)
    result = export_pdf(project, tmp_path / "set.pdf")
    reader = PdfReader(tmp_path / "set.pdf")
    forms_on = [
        {
            ref.idnum
            for ref in page["/Resources"]["/XObject"].values()
            if ref.get_object()["/Subtype"] == "/Form"
        }
        for page in reader.pages
    ]
    frame = set.intersection(*forms_on)
    assert len(frame) == 1 and result.pages == 3
    from evsld.export.diagram import drawing_of

    drawing = drawing_of(project)
    shown = [d for d in drawing.devices.values() if d.symbol != "busbar"]
    assert len(forms_on[0] - frame) == len({d.local for d in shown})
    content = reader.pages[0].get_contents().get_data()
    assert content.count(b" Do") == len(shown) + 1
