"""Live check and the findings dock.

The checker runs on a single-shot timer restarted by every model change (300 ms after the
last edit), so typing and dragging never wait for it; the same cycle runs the calculations
(the status bar's demand and phase currents, the Calculation dock). The dock lists every
active finding with its severity, rule, clause, devices and message; selecting one selects
and centres its devices; the Fix button applies the finding's fix and Accept… accepts an
acceptable finding with a reason, each as one undoable command. Accepted findings and stale
acceptances are on their own tab (evsld.ui.accepted).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evsld.calc.analysis import Analysis, analyse
from evsld.model.diagram import EditError
from evsld.model.project import Project
from evsld.rules.acceptance import accept
from evsld.rules.engine import Report, check_project
from evsld.rules.finding import Finding, Severity
from evsld.ui.accepted import AcceptedPanel, ReasonDialog
from evsld.ui.document import Document
from evsld.ui.style import SEVERITY_COLOURS

CHECK_DELAY_MS = 300
Checker = Callable[[Project], Report]
Analyser = Callable[[Project], Analysis]


class LiveChecker(QObject):
    """Runs the checks and the calculations on the current document, debounced; emits each
    new report and analysis."""

    checked = Signal(object)  # Report
    analysed = Signal(object)  # Analysis

    def __init__(
        self,
        checker: Checker = check_project,
        delay_ms: int = CHECK_DELAY_MS,
        analyser: Analyser = analyse,
    ):
        super().__init__()
        self.checker = checker
        self.analyser = analyser
        self.analysis: Analysis | None = None
        self.enabled = True
        self.document: Document | None = None
        self.report: Report | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.run_now)

    def set_document(self, document: Document) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self.schedule)
        self.document = document
        document.changed.connect(self.schedule)
        self.run_now()

    def schedule(self) -> None:
        if self.enabled:
            self._timer.start()

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled:
            self.run_now()
        else:
            self._timer.stop()

    def run_now(self) -> None:
        self._timer.stop()
        if self.document is None:
            return
        self.report = self.checker(self.document.project)
        self.checked.emit(self.report)
        self.analysis = self.analyser(self.document.project)
        self.analysed.emit(self.analysis)


def worst_by_device(report: Report) -> dict[str, str]:
    """Each device's most severe finding, for the markers on the canvas."""
    worst: dict[str, Severity] = {}
    for finding in report.findings:
        for device_id in finding.devices:
            known = worst.get(device_id)
            if known is None or finding.severity.rank < known.rank:
                worst[device_id] = finding.severity
    return {d: s.value for d, s in worst.items()}


def severity_icon(severity: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = SEVERITY_COLOURS[severity]
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    s = float(size)
    if severity == "warning":
        painter.drawPolygon(
            QPolygonF([QPointF(s / 2, 1), QPointF(s - 1, s - 1), QPointF(1, s - 1)])
        )
    else:
        painter.drawEllipse(QRectF(1, 1, s - 2, s - 2))
    painter.setPen(Qt.GlobalColor.white)
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(int(s * 0.7))
    painter.setFont(font)
    rect = QRectF(0, 1 if severity == "warning" else 0, s, s)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "i" if severity == "info" else "!")
    painter.end()
    return QIcon(pixmap)


_FINDING_ROLE = Qt.ItemDataRole.UserRole


class FindingsPanel(QWidget):
    devices_selected = Signal(list)  # device ids of the chosen finding

    def __init__(self) -> None:
        super().__init__()
        self.document: Document | None = None
        self.findings: list[Finding] = []
        self.summary = QLabel()
        self.fix_button = QPushButton("Apply fix")
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(self.apply_fix)
        self.accept_button = QPushButton("Accept…")
        self.accept_button.setToolTip("Accept this finding with a written reason")
        self.accept_button.setEnabled(False)
        self.accept_button.clicked.connect(self.accept_selected)
        self.accepted = AcceptedPanel()
        self.accepted.devices_selected.connect(self.devices_selected)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(["", "Rule", "Clause", "Devices", "Message"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIconSize(QSize(14, 14))
        self.tree.setWordWrap(False)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.tree.setColumnWidth(0, 28)
        self.tree.setColumnWidth(1, 150)
        self.tree.setColumnWidth(2, 170)
        self.tree.setColumnWidth(3, 120)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.accept_button)
        top.addWidget(self.fix_button)
        active = QWidget()
        active_layout = QVBoxLayout(active)
        active_layout.setContentsMargins(4, 4, 4, 4)
        active_layout.addLayout(top)
        active_layout.addWidget(self.tree, 1)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(active, "Active")
        self.tabs.addTab(self.accepted, "Accepted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._icons = {s.value: severity_icon(s.value) for s in Severity}

    def set_document(self, document: Document) -> None:
        self.document = document
        self.accepted.document = document

    def show_report(self, report: Report) -> None:
        selected = self.current_finding()
        self.tree.clear()
        self.findings = list(report.findings)
        for finding in self.findings:
            item = QTreeWidgetItem(
                ["", finding.rule, finding.clause, self.tags(finding.devices), finding.message]
            )
            item.setIcon(0, self._icons[finding.severity.value])
            item.setToolTip(0, finding.severity.value)
            item.setToolTip(4, finding.message)
            if finding.fix is not None:
                item.setToolTip(1, f"Fix available: {finding.fix.label}")
            self.tree.addTopLevelItem(item)
            if selected is not None and _same(selected, finding):
                item.setSelected(True)
        counts = report.counts
        self.summary.setText(
            ", ".join(
                count_text(counts[s], word)
                for s, word in (
                    (Severity.ERROR, "error"),
                    (Severity.WARNING, "warning"),
                    (Severity.INFO, "note"),
                )
            )
            if self.findings
            else "No active findings: every check passed or was accepted."
        )
        self.accepted.show_report(report, self.tags)
        stale = f", {len(report.notices)} stale" if report.notices else ""
        self.tabs.setTabText(1, f"Accepted ({len(report.accepted)}{stale})")
        self._selection_changed()

    def tags(self, device_ids: tuple[str, ...]) -> str:
        diagram = self.document.project.diagram if self.document else None
        return ", ".join(
            diagram.get(d).tag if diagram and diagram.get(d) else d for d in device_ids
        )

    def current_finding(self) -> Finding | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        return self.findings[self.tree.indexOfTopLevelItem(items[0])]

    def _selection_changed(self) -> None:
        finding = self.current_finding()
        fix = finding.fix if finding else None
        self.fix_button.setEnabled(fix is not None)
        self.fix_button.setText(f"Fix: {fix.label}" if fix else "Apply fix")
        self.accept_button.setEnabled(finding is not None and finding.acceptable)
        if finding is not None and finding.devices:
            self.devices_selected.emit(list(finding.devices))

    def apply_fix(self) -> bool:
        finding = self.current_finding()
        if finding is None or finding.fix is None or self.document is None:
            return False
        return self.document.execute(finding.fix.operation, finding.fix.label)

    def ask_reason(self, finding: Finding) -> str | None:
        """The designer's reason for accepting, or None when cancelled."""
        dialog = ReasonDialog(finding, self.tags(finding.devices), self)
        reason = dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
        dialog.deleteLater()
        return reason

    def accept_selected(self) -> bool:
        finding = self.current_finding()
        if finding is None or self.document is None or not finding.acceptable:
            return False
        reason = self.ask_reason(finding)
        if reason is None:
            return False
        try:
            operation = accept(self.document.project, finding, reason)
        except EditError as err:
            self.document.refused.emit(str(err))
            return False
        return self.document.execute(operation)


def count_text(n: int, word: str) -> str:
    """'1 error', '2 errors'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def _same(a: Finding, b: Finding) -> bool:
    return (a.rule, a.devices, a.message) == (b.rule, b.devices, b.message)
