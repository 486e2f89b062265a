"""File > Export PDF: the questions, the print gate, progress and cancel, through the window."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QProgressDialog

from evsld.model.fileformat import save_project
from evsld.model.operations import RemoveDevice
from evsld.paths import resources_dir
from evsld.ui.pdf_export import COLLISIONS_SHOWN, ExportChoice, ExportPdfDialog, PdfExport
from tests.builders import car_park_in_a_row

EXAMPLE = resources_dir() / "examples" / "small-car-park.evsld"


def exporter(window, target: Path, *, draft: bool = False, accept_draft: bool = False):
    export = PdfExport(window)
    asked: list[str] = []
    export.ask_choice = lambda suggestion, errors: (
        asked.append(f"choice {suggestion.name} {errors}") or ExportChoice(target, "A4", draft)
    )
    export.ask_draft = lambda errors: asked.append(f"draft {errors}") or accept_draft
    return export, asked


def page_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_clean_project_exports_without_a_stamp(window, tmp_path: Path) -> None:
    window.files.open_path(EXAMPLE)
    export, asked = exporter(window, tmp_path / "set.pdf")
    result = export.run()
    assert asked == ["choice small-car-park.pdf 0"]  # suggested beside the project
    assert result is not None and not result.draft and result.path.exists()
    assert len(PdfReader(result.path).pages) == result.pages
    text = page_text(result.path)
    assert "EV01" in text and "DRAFT" not in text
    assert "Exported" in window.statusBar().currentMessage()


def with_an_error(window) -> None:
    """Removing the RCD of EV01's circuit leaves it without 30 mA protection (722.531.3)."""
    window.files.open_path(EXAMPLE)
    project = window.document.project
    rcd = project.diagram.by_tag("F2")
    window.document.execute(RemoveDevice(rcd.id), "Delete F2")
    assert check_errors(window) > 0


def check_errors(window) -> int:
    from evsld.rules.engine import check_project

    return check_project(window.document.project).errors


def test_the_print_gate_refuses_a_final_set_with_errors(window, tmp_path: Path) -> None:
    with_an_error(window)
    export, asked = exporter(window, tmp_path / "set.pdf", accept_draft=False)
    assert export.run() is None
    assert asked[-1].startswith("draft ") and not (tmp_path / "set.pdf").exists()


def test_a_draft_with_errors_is_stamped_on_every_sheet(window, tmp_path: Path) -> None:
    with_an_error(window)
    export, _ = exporter(window, tmp_path / "set.pdf", accept_draft=True)
    result = export.run()
    assert result is not None and result.draft and result.errors > 0
    reader = PdfReader(result.path)
    assert all("DRAFT" in page.extract_text() for page in reader.pages)


def test_cancel_writes_nothing_and_keeps_an_older_file(window, tmp_path, monkeypatch) -> None:
    window.files.open_path(EXAMPLE)
    target = tmp_path / "set.pdf"
    target.write_bytes(b"older set")
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    export, _ = exporter(window, target)
    assert export.run() is None
    assert target.read_bytes() == b"older set"
    assert "cancelled" in window.statusBar().currentMessage()


def test_an_unwritable_target_is_explained(window, tmp_path: Path) -> None:
    window.files.open_path(EXAMPLE)
    shown: list[str] = []
    window.dialogs.error = lambda title, text, details="": shown.append(text)
    export, _ = exporter(window, tmp_path / "missing-folder" / "set.pdf")
    assert export.run() is None
    assert shown and "missing-folder" in shown[0]


def test_the_dialog_defaults_to_a3_and_a_draft_when_errors_remain(qtbot, tmp_path) -> None:
    dialog = ExportPdfDialog(None, tmp_path / "set", errors=2)
    qtbot.addWidget(dialog)
    choice = dialog.choice()
    assert (choice.sheet, choice.draft, choice.path.name) == ("A3", True, "set.pdf")


def test_labels_printed_over_their_neighbours_are_listed_after_the_export(
    window, tmp_path: Path
) -> None:
    source = tmp_path / "tight.evsld"
    save_project(car_park_in_a_row(20, pitch=40.0), source)
    window.files.open_path(source)
    told: list[str] = []
    window.dialogs.info = lambda title, text: told.append(text)
    export, _ = exporter(window, tmp_path / "tight.pdf", draft=True, accept_draft=True)
    result = export.run()
    assert result is not None and result.path.exists()
    assert len(result.collisions) > COLLISIONS_SHOWN
    (text,) = told
    assert text.startswith(f"{len(result.collisions)} label(s) found no free place")
    assert str(result.collisions[0]) in text
    assert f"… and {len(result.collisions) - COLLISIONS_SHOWN} more" in text


def test_no_list_when_every_label_is_clear(window, tmp_path: Path) -> None:
    window.files.open_path(EXAMPLE)
    told: list[str] = []
    window.dialogs.info = lambda title, text: told.append(text)
    export, _ = exporter(window, tmp_path / "set.pdf")
    assert export.run() is not None and told == []
