"""Tools > Balance Phases and Tools > Power Reservation, and the template dialog they lead to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from evsld.model import Project
from evsld.ui.document import Document
from evsld.ui.template_dialog import TemplateDialog
from tests.calc.circuits import SUPPLY, add_branch
from tests.ui.conftest import key
from tests.ui.modal import when_modal

ONE_PHASE = {"power_kw": 7.4, "phases": 1, "rated_current_a": 32.0}


def all_on_l1(count: int) -> Project:
    """Single-phase 32 A points on one board, every one drawn on L1."""
    project = Project()
    supply = project.add("supply", **SUPPLY)
    board = project.add("switchboard", role="main")
    project.connect(supply, board)
    for _ in range(count):
        add_branch(project, board, cable={"phases": 1}, leaf={**ONE_PHASE, "phase": "L1"})
    return project


def phases(project: Project) -> list[str]:
    return [d["phase"] for d in project.diagram.devices_of_kind("evse")]


def window_with(make_window, project: Project):
    window = make_window()
    window.set_document(Document(project))
    told: list[tuple[str, str]] = []
    window.dialogs.info = lambda title, text: told.append((title, text))
    return window, told


def test_balance_phases_is_one_undo_step_and_tells_the_unbalance(make_window) -> None:
    """Three 32 A points on L1: (96, 0, 0) A, u = (96 - 32)/32 = 200 % at the origin; one per
    phase after: (32, 32, 32) A, u = 0 %."""
    window, told = window_with(make_window, all_on_l1(3))
    project = window.document.project
    window.actions["balance_phases"].trigger()
    assert sorted(phases(project)) == ["L1", "L2", "L3"]
    assert window.document.undo_stack.count() == 1
    ((_title, text),) = told
    assert "Unbalance at the origin G1: 200.0% → 0.0%" in text
    assert "Worst board or busway: 200.0% → 0.0%" in text
    assert "L1 → L2" in text and "L1 → L3" in text
    window.checker.run_now()
    assert "L1 32.0 A  L2 32.0 A  L3 32.0 A" in window.calc_label.text()

    key(window, "Ctrl+Z")
    assert phases(project) == ["L1", "L1", "L1"]
    key(window, "Ctrl+Shift+Z")
    assert sorted(phases(project)) == ["L1", "L2", "L3"]


def test_a_balanced_installation_is_left_alone(make_window) -> None:
    project = all_on_l1(1)
    window, told = window_with(make_window, project)
    outcome = window.balance_phases()
    assert not outcome.applied and window.document.undo_stack.count() == 0
    assert "already on the best phases" in told[0][1]


def test_power_reservation_follows_the_design_guide_table(make_window) -> None:
    """Design guide §3, workplace, N = 30 (< 40): A 10 %, P_evse 11 kW, Cfn 0.4, so
    3 points and P_ev = 0.1 x 30 x 11 x 0.4 = 13.2 kW. N = 60 (> 40): A 20 % -> 12 points,
    0.2 x 60 x 11 x 0.4 = 52.8 kW. Overriding Cfn to 1: 0.2 x 60 x 11 x 1 = 132 kW."""
    window, _ = window_with(make_window, Project())
    dialog = window.power_reservation()
    dialog.site.setCurrentIndex(dialog.site.findData("workplace"))
    dialog.spaces.selectAll()
    QTest.keyClicks(dialog.spaces, "30")
    assert dialog.points.text() == "<b>3</b> charging points"
    assert dialog.power.text() == "<b>13.2 kW</b>"
    assert dialog.share.spin.value() == 10.0 and dialog.p_evse.spin.value() == 11.0
    dialog.spaces.selectAll()
    QTest.keyClicks(dialog.spaces, "60")
    assert (dialog.reservation.points, round(dialog.reservation.p_ev_kw, 6)) == (12, 52.8)
    assert dialog.share.spin.value() == 20.0  # the N > 40 column
    QTest.mouseClick(dialog.cfn.check, Qt.MouseButton.LeftButton)
    dialog.cfn.spin.selectAll()
    QTest.keyClicks(dialog.cfn.spin, "1")
    assert dialog.power.text() == "<b>132.0 kW</b>"
    dialog.reject()


def test_the_reservation_creates_the_matching_template_prefilled(make_window) -> None:
    """Workplace, 30 spaces: 3 points of 11 kW -> the office template, 2 indoor + 1 outdoor."""
    window, _ = window_with(make_window, Project())
    dialog = window.power_reservation()
    dialog.site.setCurrentIndex(dialog.site.findData("workplace"))
    dialog.spaces.setValue(30)
    seen_values = []

    def accept(template_dialog: TemplateDialog) -> None:
        seen_values.append((template_dialog.template.name, template_dialog.values()))
        ok = template_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_modal(TemplateDialog, accept)
    QTest.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    ((name, values),) = seen_values
    assert name == "office"
    assert (values["indoor_points"], values["outdoor_points"], values["power_kw"]) == (2, 1, 11)
    evse = list(window.document.project.diagram.devices_of_kind("evse"))
    assert len(evse) == 3 and window.document.unsaved_origin
    assert not dialog.isVisible()


def test_the_template_dialog_previews_and_refuses_bad_values(make_window, qtbot) -> None:
    window = make_window()
    dialog = TemplateDialog(window, "car-park")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    preview = dialog.preview
    assert ok.isEnabled() and not preview.stale and not preview.pixmap().isNull()
    assert sum(1 for _ in preview.project.diagram.ids_of_kind("evse")) == 50
    assert dialog.preview_caption.text().endswith("50 charging points")

    floors = dialog.inputs["floors"]
    floors.selectAll()
    QTest.keyClicks(floors, "9")
    qtbot.waitUntil(lambda: not ok.isEnabled())
    assert dialog.message.text() == "floors must be a whole number from 1 to 4; got 9"
    assert preview.stale  # the last good drawing, faded
    assert "border" in floors.styleSheet()

    floors.selectAll()
    QTest.keyClicks(floors, "1")
    qtbot.waitUntil(ok.isEnabled)
    assert dialog.preview_caption.text().endswith("25 charging points")
    assert dialog.message.isHidden()
