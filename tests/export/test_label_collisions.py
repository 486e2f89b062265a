"""The printed diagram keeps every text clear or says where it could not: read back from the
PDF, and named by tag, sheet and zone for the CLI and the application."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from evsld.export.diagram import drawing_of, layout_diagram
from evsld.export.document import export_pdf
from evsld.export.sheet import Sheet, sheet_format
from evsld.geometry.drawing import overlapping
from evsld.model.fileformat import save_project
from tests.builders import car_park_in_a_row


def diagram_words(path: Path, sheets: int) -> list[str]:
    reader = PdfReader(path)
    return " ".join(page.extract_text() for page in reader.pages[:sheets]).split()


def test_labels_drawn_too_close_print_clear_and_every_tag_is_on_the_sheet(tmp_path) -> None:
    project = car_park_in_a_row(6, pitch=70.0)
    result = export_pdf(project, tmp_path / "row.pdf", draft=True)
    assert result.collisions == ()
    layout = layout_diagram(project, drawing_of(project), Sheet(sheet_format("A3")))
    assert overlapping(layout.drawing.devices.values()) == []
    words = diagram_words(result.path, result.diagram_sheets)
    for device in project.diagram.devices():
        assert device.tag in words, device.tag


def test_a_label_with_no_room_is_printed_and_named_with_sheet_and_zone(tmp_path) -> None:
    project = car_park_in_a_row(6, pitch=40.0)
    result = export_pdf(project, tmp_path / "tight.pdf", draft=True)
    assert result.collisions
    drawing = drawing_of(project)
    assert len(result.collisions) == len(drawing.label_collisions)
    for printed, found in zip(result.collisions, drawing.label_collisions, strict=True):
        assert printed.tag == project.diagram.device(found.device_id).tag
        assert printed.over == tuple(project.diagram.device(d).tag for d in found.over)
        assert printed.sheet == 1 and re.fullmatch(r"[A-F][1-8]", printed.zone)
        assert str(printed).startswith(f"the label of {printed.tag} prints over ")
        assert f"sheet 1, zone {printed.zone}" in str(printed)
    words = diagram_words(result.path, result.diagram_sheets)
    for device in project.diagram.devices():  # printed all the same
        assert device.tag in words, device.tag


def test_the_zone_is_where_the_label_prints_on_a_split_drawing() -> None:
    """A3 sheets hold a 40-column row only split: each stuck label is named on the sheet
    and in the zone its box lands on."""
    project = car_park_in_a_row(40, pitch=40.0)
    sheet = Sheet(sheet_format("A3"))
    layout = layout_diagram(project, drawing_of(project), sheet, first_sheet=3)
    assert len(layout.pages) > 1 and layout.label_collisions
    boxes = {c.device_id: c.box for c in layout.drawing.label_collisions}
    for printed, found in zip(
        layout.label_collisions, layout.drawing.label_collisions, strict=True
    ):
        n = printed.sheet - 3
        (placed,) = [
            p
            for p in layout.pages[n].placed
            if any(layout.parts.items[i].owner == found.device_id for i in p.view.items)
        ]
        box = placed.box_to_sheet(boxes[found.device_id])
        assert sheet.zone_at((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2) == printed.zone


def test_the_cli_writes_the_set_and_warns_of_each_collision(tmp_path) -> None:
    source = tmp_path / "tight.evsld"
    save_project(car_park_in_a_row(6, pitch=40.0), source)
    out = tmp_path / "tight.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "evsld", "export", str(source), "-o", str(out), "--draft"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert out.exists() and str(out) in result.stdout
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("evsld: warning: ")]
    assert warnings and all("prints over" in w and "zone" in w for w in warnings)
    assert any(w.startswith("evsld: warning: the label of F") for w in warnings)


def test_no_warning_when_every_label_finds_room(tmp_path) -> None:
    source = tmp_path / "row.evsld"
    save_project(car_park_in_a_row(4, pitch=70.0), source)
    result = subprocess.run(
        [sys.executable, "-m", "evsld", "export", str(source), "-o", str(tmp_path / "r.pdf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
