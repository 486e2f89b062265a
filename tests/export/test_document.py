"""The exported drawing set read back: pages, sizes, title block, tags, links, fonts, stamp,
print gate, and what happens when the target cannot be written."""

from __future__ import annotations

import base64
import os
import struct
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from evsld.export.document import (
    ExportCancelled,
    ExportError,
    PrintGateError,
    export_pdf,
)
from evsld.export.frame import STAMP
from evsld.model.fileformat import load_project
from evsld.rules.engine import Report, check_project
from evsld.rules.finding import Finding, Severity
from evsld.templates import build
from tests.builders import car_park

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "small-car-park.evsld"
MM = 72 / 25.4


def text_of(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, PdfReader]:
    project = load_project(EXAMPLE)
    path = tmp_path_factory.mktemp("pdf") / "example.pdf"
    result = export_pdf(project, path)
    return project, result, PdfReader(path)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, object, PdfReader]:
    project = build("office-case-study")
    path = tmp_path_factory.mktemp("pdf") / "office.pdf"
    result = export_pdf(project, path)
    return project, result, PdfReader(path)


def test_the_example_is_one_a3_diagram_sheet_a_legend_and_one_report_page(example) -> None:
    _, result, reader = example
    assert result.pages == len(reader.pages) == 3
    assert result.diagram_sheets == 1
    for page in reader.pages:  # A3 landscape, 420 x 297 mm
        assert float(page.mediabox.width) == pytest.approx(420 * MM, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(297 * MM, abs=0.5)


def test_every_sheet_has_its_title_block_with_sheet_n_of_m(example) -> None:
    project, _, reader = example
    meta = project.metadata
    for n, text in enumerate(text_of(reader), start=1):
        for key in ("title", "client", "drawing_number", "drawing_title", "drawn_by", "date"):
            assert meta[key] and meta[key] in text, (n, key)
        assert f"{n} / 3" in text
        assert "A3 landscape" in text


def test_every_device_tag_is_on_the_diagram_sheet(example) -> None:
    project, _, reader = example
    diagram = reader.pages[0].extract_text().split()
    for device in project.diagram.devices():
        assert device.tag in diagram, device.tag


def test_the_report_prints_the_calculated_figures_with_greek_and_superscripts(example) -> None:
    _, _, reader = example
    report = reader.pages[2].extract_text()
    for heading in (
        "Demand summary",
        "Currents at every board",
        "Check results",
        "Accepted findings",
        "Cable schedule",
        "Bill of materials",
    ):
        assert heading in report
    # the example's worked figures (evsld calc): 4 x 22 kW + 30 kW building = 112 kW design,
    # W4 = 45 m of 5G6 at 32 A: 2.35 % cumulative drop
    assert "112.0 kW" in report
    assert "ΔU cum. %" in report and "mm²" in report
    assert "2.35" in report
    assert "Q2–Q5" in report  # four identical C32 breakers on one BOM row


def test_only_the_bundled_font_is_used_and_it_is_embedded(example) -> None:
    _, _, reader = example
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "DejaVuSansCondensed" in font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_no_stamp_on_a_set_for_construction(example) -> None:
    _, _, reader = example
    assert not any("DRAFT" in t for t in text_of(reader))


def test_a_large_diagram_is_split_over_sheets_with_linked_continuation_marks(office) -> None:
    project, result, reader = office
    assert result.diagram_sheets > 1
    diagram_text = " ".join(text_of(reader)[: result.diagram_sheets]).split()
    for device in project.diagram.devices():
        assert device.tag in diagram_text, device.tag
    diagram_pages = [p.indirect_reference for p in reader.pages[: result.diagram_sheets]]
    links = 0
    for page in reader.pages[: result.diagram_sheets]:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot["/Subtype"] == "/Link":
                links += 1
                assert annot["/Dest"][0] in diagram_pages  # a mark on another diagram sheet
    assert links >= 2 * (result.diagram_sheets - 1)


def test_no_view_is_larger_than_its_sheet_and_references_find_free_room() -> None:
    from evsld.export.diagram import drawing_of, layout_diagram
    from evsld.export.sheet import Sheet, sheet_format

    project = build("office-case-study")
    drawing = drawing_of(project)
    for name in ("A4", "A3", "A2", "A1"):
        layout = layout_diagram(project, drawing, Sheet(sheet_format(name)))
        assert layout.oversize == 0, name
        assert layout.mark_collisions == 0, name
        for page in layout.pages:
            drawn = [m for m in page.marks if not m.silent]
            rects = [placed.rect for placed in page.placed]
            for n, mark in enumerate(drawn):  # references stay in the margins, apart
                assert not any(mark.text_box.intersects(r) for r in rects), mark.text
                assert not any(mark.text_box.intersects(o.text_box) for o in drawn[n + 1 :])


def error_report() -> Report:
    finding = Finding("TEST-ERR", Severity.ERROR, "722.531.3", (), "a residual error")
    return Report.of([finding], "IEC")


def test_the_print_gate_refuses_a_set_with_errors_and_writes_nothing(tmp_path: Path) -> None:
    project, _ = car_park(1)
    target = tmp_path / "set.pdf"
    with pytest.raises(PrintGateError) as refused:
        export_pdf(project, target, report=error_report())
    assert refused.value.report.errors == 1
    assert not target.exists()


def test_a_draft_carries_the_stamp_and_the_error_count_on_every_sheet(tmp_path: Path) -> None:
    project, _ = car_park(2)
    target = tmp_path / "draft.pdf"
    result = export_pdf(project, target, draft=True, report=error_report(), sheet="A4")
    reader = PdfReader(target)
    assert result.draft and len(reader.pages) == result.pages
    for text in text_of(reader):
        assert text.count(STAMP) == 2  # the see-through diagonal and the solid corner line
        assert "1 error in the check report" in text
    assert "TEST-ERR" in " ".join(text_of(reader))
    assert float(reader.pages[0].mediabox.width) == pytest.approx(297 * MM, abs=0.5)


def test_progress_counts_every_page_and_cancelling_keeps_the_previous_file(
    tmp_path: Path,
) -> None:
    project, _ = car_park(2)
    target = tmp_path / "set.pdf"
    seen: list[tuple[int, int]] = []
    result = export_pdf(project, target, progress=lambda n, total, _: seen.append((n, total)))
    preparing = [step for step in seen if step[1] == 0]  # before the page count is known
    assert preparing and seen[: len(preparing)] == preparing
    pages = seen[len(preparing) :]
    assert [n for n, _ in pages] == list(range(result.pages + 1))
    assert {total for _, total in pages} == {result.pages}
    before = target.read_bytes()
    with pytest.raises(ExportCancelled):
        export_pdf(project, target, progress=lambda n, total, what: n < 1 or total == 0)
    assert target.read_bytes() == before
    with pytest.raises(ExportCancelled):  # while laying out, before any page
        export_pdf(project, target, progress=lambda n, total, what: what != "drawing")
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["set.pdf"]  # no .part left


def test_an_unwritable_target_is_refused_in_words(tmp_path: Path) -> None:
    project, _ = car_park(1)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="does not exist"):
        export_pdf(project, blocker / "set.pdf")
    with pytest.raises(ExportError, match="is a folder"):
        export_pdf(project, tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    project, _ = car_park(1)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="not writable"):
            export_pdf(project, folder / "set.pdf")
    finally:
        folder.chmod(0o700)


def test_a_failure_while_writing_leaves_the_previous_file(tmp_path: Path, monkeypatch) -> None:
    project, _ = car_park(1)
    target = tmp_path / "set.pdf"
    target.write_bytes(b"previous")

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("evsld.export.document.os.replace", full_disk)
    with pytest.raises(ExportError, match="No space left"):
        export_pdf(project, target)
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["set.pdf"]


def test_the_example_has_no_errors_so_it_passes_the_gate() -> None:
    assert check_project(load_project(EXAMPLE)).errors == 0


@pytest.mark.parametrize("source", ["office-case-study", "synthetic-60"])
def test_no_symbol_or_label_is_cut_by_a_sheet_edge(source: str) -> None:
    """Every item printed on a split sheet lies whole inside its view, and every view lies
    inside the sheet's content area (above the title strip, inside the frame)."""
    from benchmarks.synthetic import installation
    from evsld.export.diagram import drawing_of, layout_diagram
    from evsld.export.sheet import Sheet, sheet_format

    project = installation(60) if source == "synthetic-60" else build(source)
    sheet = Sheet(sheet_format("A3"))
    layout = layout_diagram(project, drawing_of(project), sheet)
    area = sheet.content.grown(0.01)
    printed = 0
    for page in layout.pages:
        for placed in page.placed:
            rect = placed.rect.grown(0.01)
            assert _inside(rect, area)
            for i in placed.view.items:
                box = placed.box_to_sheet(layout.parts.items[i].cover)
                assert _inside(box, rect), layout.parts.items[i].owner
                printed += 1
    assert printed == len(layout.parts.items)  # and each is printed exactly once


def _inside(inner, outer) -> bool:
    return (
        outer.x0 <= inner.x0
        and outer.y0 <= inner.y0
        and inner.x1 <= outer.x1
        and inner.y1 <= outer.y1
    )


def test_an_empty_project_prints_its_report_alone_and_an_unwired_one_its_devices(
    tmp_path: Path,
) -> None:
    from evsld.model import Project

    empty = export_pdf(Project(), tmp_path / "empty.pdf", draft=True)
    assert (empty.pages, empty.diagram_sheets) == (1, 0)
    assert "Bill of materials" in PdfReader(tmp_path / "empty.pdf").pages[0].extract_text()
    project = Project()
    charger = project.add("evse")
    export_pdf(project, tmp_path / "unwired.pdf", draft=True)
    first = PdfReader(tmp_path / "unwired.pdf").pages[0].extract_text().split()
    assert project.diagram.device(charger.id).tag in first


def test_a_line_on_the_drawing_edge_is_printed_whole() -> None:
    """A board outline or busbar on the very edge of the drawing lies inside the clip of
    its view by at least half its stroke, so it is not printed halved or not at all."""
    from evsld.export.diagram import drawing_of, layout_diagram
    from evsld.export.sheet import Sheet, sheet_format

    project = load_project(EXAMPLE)
    layout = layout_diagram(project, drawing_of(project), Sheet(sheet_format("A3")))
    (page,) = layout.pages
    (placed,) = page.placed
    for outline in layout.drawing.outlines:
        half = outline.stroke.width / 2 * placed.scale
        box = placed.box_to_sheet(outline.box).grown(half)
        assert _inside(box, placed.rect)
    for device in layout.parts.stretch:
        assert _inside(placed.box_to_sheet(device.box), placed.rect)


def png_header(width: int, height: int) -> bytes:
    """PNG signature and a valid IHDR chunk, nothing after it."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + crc


def test_a_logo_with_broken_image_data_is_refused_in_a_sentence(tmp_path: Path) -> None:
    """A sound PNG header over garbage (a hand-edited file): the model's header check passes,
    the export refuses before writing, naming the logo, never a decoder traceback."""
    project, _ = car_park(2)
    broken = png_header(40, 20) + b"\x00\x00\x00\x05IDATgarbage-not-zlib"
    project.metadata["logo"] = "data:image/png;base64," + base64.b64encode(broken).decode()
    target = tmp_path / "set.pdf"
    with pytest.raises(ExportError, match="logo cannot be printed: its PNG image data is damaged"):
        export_pdf(project, target)
    assert not target.exists()
