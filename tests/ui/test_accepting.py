"""Accepting a finding with a reason in the findings dock: one undoable command, listed apart,
revocable; stale acceptances shown and removable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QTreeWidget

from evsld.model.operations import SetAttribute
from evsld.ui.accepted import ReasonDialog
from evsld.ui.document import Document
from tests.builders import car_park
from tests.ui.conftest import key
from tests.ui.modal import when_modal

REASON = "SPD inside the charger per its datasheet"


def far_charger_window(make_window):
    """Three chargers, one 50 m from the origin SPD: R534-DIST warns (limit 30 m)."""
    project, feeders = car_park(3)
    project.apply(SetAttribute(feeders[0].cable.id, "length_m", 50.0))
    window = make_window()
    window.set_document(Document(project))
    window.checker.run_now()
    return window, feeders[0]


def click_row(tree: QTreeWidget, text: str, column: int) -> None:
    (item,) = [
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(column) == text
    ]
    tree.scrollToItem(item)
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center()
    )


def type_reason(text: str):
    def answer(dialog: ReasonDialog) -> None:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # a reason is required
        QTest.keyClicks(dialog.reason, "   ")
        assert not ok.isEnabled()  # blanks are no reason
        QTest.keyClicks(dialog.reason, text)
        assert ok.isEnabled()
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    return answer


def test_accept_with_a_reason_then_undo_and_redo(make_window) -> None:
    window, feeder = far_charger_window(make_window)
    panel = window.findings
    assert window.checker.report.warnings == 1
    click_row(panel.tree, "R534-DIST", 1)
    assert panel.accept_button.isEnabled()

    shown = when_modal(ReasonDialog, type_reason(REASON))
    QTest.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    assert shown
    project = window.document.project
    (acceptance,) = project.acceptances
    assert acceptance.rule == "R534-DIST" and acceptance.reason == REASON
    assert feeder.evse.id in acceptance.devices
    window.checker.run_now()
    assert window.checker.report.warnings == 0
    assert panel.tabs.tabText(1) == "Accepted (1)"
    row = panel.accepted.tree.topLevelItem(0)
    assert (row.text(0), row.text(2)) == ("R534-DIST", REASON)
    assert "0 warnings" in window.check_label.text()

    before = window.document.undo_stack.count()
    key(window, "Ctrl+Z")
    assert project.acceptances == () and window.document.undo_stack.count() == before
    window.checker.run_now()
    assert window.checker.report.warnings == 1
    key(window, "Ctrl+Shift+Z")
    assert project.acceptances == (acceptance,)


def test_cancelling_the_reason_accepts_nothing(make_window) -> None:
    window, _ = far_charger_window(make_window)
    click_row(window.findings.tree, "R534-DIST", 1)
    when_modal(ReasonDialog, lambda dialog: QTest.keyClick(dialog, Qt.Key.Key_Escape))
    assert not window.findings.accept_selected()
    assert window.document.project.acceptances == ()
    assert window.document.undo_stack.count() == 0


def test_errors_that_the_rule_does_not_let_you_accept_have_no_accept_button(make_window) -> None:
    window, feeder = far_charger_window(make_window)
    window.document.execute(SetAttribute(feeder.rcd.id, "rcd_type", "AC"))
    window.checker.run_now()
    click_row(window.findings.tree, "R722-RCD-TYPE", 1)
    assert not window.findings.current_finding().acceptable
    assert not window.findings.accept_button.isEnabled()


def test_revoke_is_undoable_and_a_stale_acceptance_is_shown_and_removable(make_window) -> None:
    window, feeder = far_charger_window(make_window)
    click_row(window.findings.tree, "R534-DIST", 1)
    when_modal(ReasonDialog, type_reason(REASON))
    window.findings.accept_selected()
    window.checker.run_now()
    accepted = window.findings.accepted
    project = window.document.project

    window.findings.tabs.setCurrentIndex(1)
    click_row(accepted.tree, "R534-DIST", 0)
    QTest.mouseClick(accepted.revoke_button, Qt.MouseButton.LeftButton)
    assert project.acceptances == ()
    key(window, "Ctrl+Z")
    assert len(project.acceptances) == 1

    # the charger changes: the acceptance no longer matches and is reported, not kept
    window.document.execute(SetAttribute(feeder.evse.id, "rated_current_a", 20.0))
    window.checker.run_now()
    assert accepted.tree.topLevelItemCount() == 0
    assert accepted.notice_list.count() == 1 and not accepted.lower.isHidden()
    assert "changed" in accepted.notice_list.item(0).text()
    assert window.findings.tabs.tabText(1) == "Accepted (0, 1 stale)"
    QTest.mouseClick(accepted.drop_button, Qt.MouseButton.LeftButton)
    assert project.acceptances == ()
    key(window, "Ctrl+Z")
    assert len(project.acceptances) == 1
