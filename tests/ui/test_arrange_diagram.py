"""Edit > Arrange Diagram: the automatic layout as one undo step from the keyboard."""

from __future__ import annotations

from evsld.geometry.layout import arrange
from evsld.model.device import Placement
from evsld.model.operations import MoveDevice
from evsld.paths import resources_dir
from tests.ui.conftest import key

EXAMPLE = resources_dir() / "examples" / "small-car-park.evsld"


def positions(window) -> dict[str, Placement]:
    return {d.id: d.placement for d in window.document.project.diagram.devices()}


def test_arrange_tidies_a_dragged_device_in_one_undo_step(window) -> None:
    window.files.open_path(EXAMPLE)
    project = window.document.project
    ev = project.diagram.by_tag("EV03")
    window.document.execute(MoveDevice(ev.id, Placement(2000.0, -900.0)), "Move")
    before = positions(window)
    key(window, "Ctrl+L")
    after = positions(window)
    assert after != before and after[ev.id] != Placement(2000.0, -900.0)
    assert not arrange(project).operations  # nothing left to tidy
    assert window.editor.arrange_diagram() is False  # and the command says so
    key(window, "Ctrl+Z")
    assert positions(window) == before


def test_the_file_menu_offers_the_pdf_export(window) -> None:
    action = window.actions["export_pdf"]
    assert action.shortcut().toString() == "Ctrl+E" and action.text() == "&Export PDF…"
