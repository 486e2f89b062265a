"""Live check: debounced after edits, findings listed, selected, marked and fixed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from evsld.model.operations import SetAttribute
from evsld.model.project import Project
from evsld.rules.engine import Report, check_project
from evsld.rules.finding import Finding, Fix, Severity
from evsld.ui.findings import CHECK_DELAY_MS


def rcd_type_checker(project: Project) -> Report:
    """The real checks plus one rule with a fix, standing in for the 722 rule pack: an RCD
    of type AC in front of a charger is an error whose fix sets type B."""
    findings = list(check_project(project).findings)
    for rcd in project.diagram.devices_of_kind("rcd"):
        if rcd.attrs["rcd_type"] == "AC":
            findings.append(
                Finding(
                    rule="TEST-RCD-TYPE",
                    severity=Severity.ERROR,
                    clause="722.531.3.101",
                    devices=(rcd.id,),
                    message=f"{rcd.tag} is type AC",
                    fix=Fix("Use type B", SetAttribute(rcd.id, "rcd_type", "B")),
                )
            )
    return Report.of(findings, "IEC")


def test_checks_run_after_edits_debounced(window, qtbot) -> None:
    reports: list[Report] = []
    window.checker.checked.connect(reports.append)
    window.editor.place("breaker", QPointF(0, 0))
    window.editor.place("breaker", QPointF(100, 0))
    assert reports == []  # not while the user is still working
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=CHECK_DELAY_MS * 10)
    assert reports[0].errors == 1  # TOPO-NO-SOURCE: one report for both edits
    assert window.findings.tree.topLevelItemCount() == 1
    assert "1 error" in window.check_label.text()


def test_selecting_a_finding_selects_and_centres_its_devices_and_marks_them(make_window) -> None:
    window = make_window()
    window.editor.place("supply", QPointF(0, 0))
    loose = window.editor.place("evse", QPointF(2500, 1500))
    window.checker.run_now()
    assert window.scene.devices[loose].severity == "error"  # marker on the symbol
    tree = window.findings.tree
    (row,) = [
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(1) == "TOPO-UNFED"
    ]
    assert row.text(3) == "EV01"
    rect = tree.visualItemRect(row)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.scene.selected_device_ids() == [loose]
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(QPointF(2500, 1500))


def test_the_fix_button_applies_the_fix_as_one_undoable_command(make_window) -> None:
    window = make_window(checker=rcd_type_checker)
    rcd = window.editor.place("rcd", QPointF(0, 0), {"rcd_type": "AC"})
    window.checker.run_now()
    tree = window.findings.tree
    index = next(
        i
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(1) == "TEST-RCD-TYPE"
    )
    tree.setCurrentItem(tree.topLevelItem(index))
    button = window.findings.fix_button
    assert button.isEnabled() and button.text() == "Fix: Use type B"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    diagram = window.document.project.diagram
    assert diagram.device(rcd).attrs["rcd_type"] == "B"
    assert window.document.undo_stack.undoText() == "Use type B"
    window.checker.run_now()
    assert all(f.rule != "TEST-RCD-TYPE" for f in window.findings.findings)
    window.document.undo_stack.undo()
    assert diagram.device(rcd).attrs["rcd_type"] == "AC"


def test_live_check_can_be_switched_off(window, qtbot) -> None:
    reports: list[Report] = []
    window.checker.checked.connect(reports.append)
    window.actions["live_check"].trigger()
    assert not window.checker.enabled
    window.editor.place("breaker", QPointF(0, 0))
    qtbot.wait(CHECK_DELAY_MS * 2)
    assert reports == []
    window.actions["check"].trigger()  # F5 still checks on demand
    assert len(reports) == 1
