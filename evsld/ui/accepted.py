"""Accepted findings in the findings dock: the reason dialog, the accepted list and the
notices about acceptances that no longer apply.

Accepting, revoking and dropping stale acceptances are the rule engine's operations
(evsld.rules.acceptance: accept, withdraw, drop_stale), each run as one undoable command.
Accepted findings are listed apart, greyed, with their reasons (IEC 60364-7-722 checks a
designer may overrule only in writing, and the reports print the reason).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evsld.model.diagram import EditError
from evsld.rules.acceptance import AcceptedFinding, Notice, drop_stale, withdraw
from evsld.rules.finding import Finding
from evsld.rules.report import Report
from evsld.ui.document import Document
from evsld.ui.style import QUIET, SEVERITY_COLOURS

NOTICE_LIST_HEIGHT = 64


class ReasonDialog(QDialog):
    """Asks why a finding is accepted; OK stays disabled until a reason is written."""

    def __init__(self, finding: Finding, tags: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Accept {finding.rule}")
        intro = QLabel(
            f"<b>{finding.rule}</b> ({finding.clause}) on {tags}:<br>{finding.message}"
            "<p>Why is this acceptable? The reason is saved in the project and printed "
            "beside the finding in every report.</p>"
        )
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("Reason (required)")
        self.reason.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Accept")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._reason_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.buttons)
        self._reason_changed()
        self.resize(480, 260)

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def _reason_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text()))


class AcceptedPanel(QWidget):
    """The accepted findings (greyed, with reasons, revocable) and the stale notices."""

    devices_selected = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.document: Document | None = None
        self.accepted: list[AcceptedFinding] = []
        self.notices: list[Notice] = []
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Rule", "Devices", "Reason", "Message"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        for column, width in enumerate((150, 120, 260)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.revoke_button = QPushButton("Revoke")
        self.revoke_button.setToolTip("Withdraw the acceptance: the finding becomes active again")
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.notice_list = QListWidget()
        self.notice_list.setWordWrap(True)
        self.drop_button = QPushButton("Remove Stale Acceptances")
        self.drop_button.clicked.connect(self.drop_stale)
        self.lower = QWidget()  # the notices, above the list while there are any
        notices = QVBoxLayout(self.lower)
        notices.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("Acceptances that no longer apply:"), 1)
        row.addWidget(self.drop_button)
        notices.addLayout(row)
        notices.addWidget(self.notice_list)
        self.notice_list.setMaximumHeight(NOTICE_LIST_HEIGHT)
        top = QHBoxLayout()
        top.addWidget(QLabel("Accepted by the designer, with the reason given:"), 1)
        top.addWidget(self.revoke_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.lower)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self._selection_changed()

    def show_report(self, report: Report, tags_of) -> None:
        self.tree.clear()
        self.accepted = list(report.accepted)
        for entry in self.accepted:
            f = entry.finding
            item = QTreeWidgetItem([f.rule, tags_of(f.devices), entry.reason, f.message])
            for column in range(4):
                item.setForeground(column, QUIET)
            item.setToolTip(2, entry.reason)
            item.setToolTip(3, f.message)
            self.tree.addTopLevelItem(item)
        self.notices = list(report.notices)
        self.notice_list.clear()
        for notice in self.notices:
            self.notice_list.addItem(notice.message)
            self.notice_list.item(self.notice_list.count() - 1).setForeground(
                SEVERITY_COLOURS["warning"]
            )
        self.lower.setVisible(bool(self.notices))
        self._selection_changed()

    def current(self) -> AcceptedFinding | None:
        items = self.tree.selectedItems()
        return self.accepted[self.tree.indexOfTopLevelItem(items[0])] if items else None

    def _selection_changed(self) -> None:
        entry = self.current()
        self.revoke_button.setEnabled(entry is not None)
        if entry is not None and entry.finding.devices:
            self.devices_selected.emit(list(entry.finding.devices))

    def revoke_selected(self) -> bool:
        entry = self.current()
        if entry is None or self.document is None:
            return False
        try:
            operation = withdraw(self.document.project, entry.acceptance)
        except EditError as err:  # the report predates an edit that removed it
            self.document.refused.emit(str(err))
            return False
        return self.document.execute(operation)

    def drop_stale(self) -> bool:
        if self.document is None:
            return False
        operation = drop_stale(self.document.project, self.notices)
        return operation is not None and self.document.execute(operation)
