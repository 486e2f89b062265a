"""The main window: canvas in the middle, palette on the left, inspector and undo history on
the right, findings and calculations below; menus, toolbar and status bar around them.

The window owns one Document at a time. Opening or creating a project swaps the document,
its scene and every panel's subscription in `set_document`.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QUndoView, QWidget

from evsld.calc.analysis import Analysis
from evsld.rules.engine import Report, check_project
from evsld.rules.finding import Severity
from evsld.ui.autosave import Autosave, default_directory
from evsld.ui.calc_panel import CalcPanel, status_text
from evsld.ui.dialogs import Dialogs
from evsld.ui.document import Document
from evsld.ui.editor import Editor
from evsld.ui.files import FileController
from evsld.ui.findings import (
    Checker,
    FindingsPanel,
    LiveChecker,
    count_text,
    worst_by_device,
)
from evsld.ui.inspector import Inspector
from evsld.ui.menus import install_menus
from evsld.ui.palette import Palette
from evsld.ui.pdf_export import PdfExport
from evsld.ui.preferences import Preferences
from evsld.ui.project_dialog import ProjectDialog
from evsld.ui.reservation_dialog import ReservationDialog
from evsld.ui.scene import DiagramScene
from evsld.ui.style import QUIET, SEVERITY_COLOURS
from evsld.ui.tools import BalanceOutcome, balance
from evsld.ui.view import DiagramView

STATUS_MESSAGE_MS = 6000


class MainWindow(QMainWindow):
    def __init__(self, autosave_dir: Path | None = None, checker: Checker = check_project) -> None:
        super().__init__()
        self.setObjectName("evsld-main-window")
        self.preferences = Preferences()
        self.dialogs = Dialogs(self)
        self.undo_group = QUndoGroup(self)
        self.autosave = Autosave(autosave_dir or default_directory())
        self.checker = LiveChecker(checker)
        self.document = Document()
        self.scene = self._new_scene(self.document)
        self.editor = Editor(self.document, self.scene)
        self.view = DiagramView(self.scene, self.editor)
        self.setCentralWidget(self.view)
        self.palette = Palette()
        self.inspector = Inspector()
        self.findings = FindingsPanel()
        self.calc_panel = CalcPanel()
        self.undo_view = QUndoView(self.undo_group)
        self.undo_view.setEmptyLabel("<opened>")
        self._docks()
        self._status_bar()
        self.files = FileController(self)
        self.pdf_export = PdfExport(self)
        self.actions = install_menus(self)
        self._connect()
        self.setAcceptDrops(True)
        self.set_document(self.document)
        self._restore_window()

    # --- construction -------------------------------------------------------------------------

    def _new_scene(self, document: Document) -> DiagramScene:
        prefs = self.preferences
        scene = DiagramScene(document.project, grid=prefs.grid_size(), snap=prefs.snap())
        scene.show_grid = prefs.grid_visible()
        return scene

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _docks(self) -> None:
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.palette_dock = self._dock("Symbols", "palette", self.palette, left)
        self.inspector_dock = self._dock("Properties", "inspector", self.inspector, right)
        self.undo_dock = self._dock("History", "history", self.undo_view, right)
        self.tabifyDockWidget(self.inspector_dock, self.undo_dock)
        self.inspector_dock.raise_()
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.findings_dock = self._dock("Findings", "findings", self.findings, bottom)
        self.calc_dock = self._dock("Calculation", "calculation", self.calc_panel, bottom)
        # side by side, not tabbed: a second tabbed group leaves a stray tab bar (Qt 6.x)
        self.splitDockWidget(self.findings_dock, self.calc_dock, Qt.Orientation.Horizontal)
        horizontal = Qt.Orientation.Horizontal
        self.resizeDocks([self.palette_dock, self.inspector_dock], [230, 360], horizontal)
        self.resizeDocks([self.findings_dock, self.calc_dock], [640, 900], horizontal)
        self.resizeDocks([self.findings_dock], [200], Qt.Orientation.Vertical)

    def _status_bar(self) -> None:
        bar = self.statusBar()
        self.calc_label = QLabel()
        self.check_label = QLabel()
        self.cursor_label = QLabel()
        self.zoom_label = QLabel()
        for label in (self.calc_label, self.check_label, self.cursor_label, self.zoom_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)
        self.cursor_label.setMinimumWidth(130)

    def _connect(self) -> None:
        self.palette.entry_chosen.connect(self.view.arm)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f} %"))
        self.view.cursor_moved.connect(
            lambda x, y: self.cursor_label.setText(f"x {x:.0f}   y {y:.0f}")
        )
        self.view.device_activated.connect(self._show_properties)
        self.view.placing_changed.connect(self._placing_changed)
        self.view.files_dropped.connect(lambda paths: self.files.open_path(paths[0]))
        self.undo_group.cleanChanged.connect(self.update_title)
        self.undo_group.indexChanged.connect(lambda _index: self.scene.flush())
        self.checker.checked.connect(self._show_report)
        self.checker.analysed.connect(self._show_analysis)
        self.findings.devices_selected.connect(self.select_and_centre)
        self.calc_panel.devices_selected.connect(self.select_and_centre)
        self.inspector.project_button.clicked.connect(self.edit_project_properties)
        self.zoom_label.setText(f"{self.view.zoom() * 100:.0f} %")

    def _restore_window(self) -> None:
        geometry, state = self.preferences.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        if state is not None:
            self.restoreState(state)

    # --- the document -------------------------------------------------------------------------

    def set_document(self, document: Document) -> None:
        """Show another project: new scene, panels re-subscribed, undo history switched."""
        if document is not self.document:
            new_scene = self._new_scene(document)  # first: if it fails, nothing has changed
            self.document.close()
            self.undo_group.removeStack(self.document.undo_stack)
            self.scene.detach()
            self.scene.selectionChanged.disconnect(self._selection_changed)
            old_scene = self.scene
            self.document = document
            self.scene = new_scene
            self.editor = Editor(document, self.scene)
            self.view.editor = self.editor
            self.view.setScene(self.scene)
            old_scene.deleteLater()
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.path_changed.connect(self.update_title)
        document.saved.connect(self.update_title)
        document.saved.connect(self.autosave.save_now)
        document.refused.connect(self.show_refusal)
        document.changed.connect(self._calc_outdated)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.inspector.set_document(document)
        self.findings.set_document(document)
        self.checker.set_document(document)
        self.autosave.set_document(document)
        self.update_title()
        self.view.fit_all()

    def update_title(self) -> None:
        if not shiboken6.isValid(self.document.undo_stack):
            return  # the interpreter is tearing down a window that was never closed
        origin = self.document.unsaved_origin
        note = f" ({origin})" if origin else ""
        self.setWindowTitle(f"{self.document.display_name()}{note}[*] — evsld")
        self.setWindowModified(self.document.modified)

    def show_refusal(self, message: str) -> None:
        self.statusBar().showMessage(f"Refused: {message}", STATUS_MESSAGE_MS)

    def _selection_changed(self) -> None:
        selected = self.scene.selected_device_ids()
        self.inspector.show_selection(selected)
        if len(selected) == 1:
            self.calc_panel.select_device(selected[0])

    def _placing_changed(self, entry) -> None:
        if entry is None:
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(
                f"Click in the drawing to place a {entry.label.lower()} "
                "(Shift+click to place several, Esc to stop)"
            )

    def _show_properties(self, _device_id: str) -> None:
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        self.inspector.tag_edit.setFocus()

    def select_and_centre(self, device_ids: list[str]) -> None:
        self.scene.select_devices(device_ids)
        self.view.centre_on_devices(device_ids)

    def _show_report(self, report: Report) -> None:
        self.findings.show_report(report)
        self.scene.set_markers(worst_by_device(report))
        errors, warnings = report.counts[Severity.ERROR], report.counts[Severity.WARNING]
        quiet = QUIET.name()
        red = SEVERITY_COLOURS["error"].name() if errors else quiet
        amber = SEVERITY_COLOURS["warning"].name() if warnings else quiet
        self.check_label.setText(
            f"<span style='color:{red}'>● {count_text(errors, 'error')}</span>&nbsp;&nbsp;"
            f"<span style='color:{amber}'>▲ {count_text(warnings, 'warning')}</span>"
        )
        self.check_label.setToolTip("Live check of every rule; details in the Findings panel")

    def _calc_outdated(self) -> None:
        """Grey the figures from an edit until the next check cycle recalculates them."""
        self.calc_label.setEnabled(False)

    def _show_analysis(self, analysis: Analysis) -> None:
        text, tip = status_text(analysis)
        self.calc_label.setEnabled(True)
        self.calc_label.setText(text)
        self.calc_label.setToolTip(tip)
        self.calc_panel.show_analysis(analysis, self.document.project.diagram)
        self.inspector.show_analysis(analysis)

    # --- commands the menus call ----------------------------------------------------------------

    def edit_project_properties(self) -> None:
        ProjectDialog(self.document, self).exec()

    def balance_phases(self) -> BalanceOutcome:
        """Tools > Balance Phases: one undo step, and the unbalance before/after told."""
        outcome = balance(self.document)
        self.dialogs.info("Balance phases", outcome.message)
        return outcome

    def power_reservation(self) -> ReservationDialog:
        dialog = ReservationDialog(self)
        dialog.create_requested.connect(
            lambda name, values: self._from_reservation(dialog, name, values)
        )
        dialog.open()
        return dialog

    def _from_reservation(self, dialog: ReservationDialog, name: str, values: dict) -> None:
        """The wizard's template, pre-filled; the wizard closes once a project is made."""
        if self.files.new_from_template(name, values):
            dialog.accept()

    def find_device(self, tag: str) -> bool:
        device = self.document.project.diagram.by_tag(tag.strip())
        if device is None:
            self.statusBar().showMessage(f"No device is tagged '{tag.strip()}'", STATUS_MESSAGE_MS)
            return False
        self.select_and_centre([device.id])
        return True

    def set_grid(
        self, size: float | None = None, visible: bool | None = None, snap: bool | None = None
    ) -> None:
        if size is not None:
            self.preferences.set_grid_size(size)
            self.scene.grid = size
        if visible is not None:
            self.preferences.set_grid_visible(visible)
            self.scene.show_grid = visible
        if snap is not None:
            self.preferences.set_snap(snap)
            self.scene.snap_enabled = snap
        self.view.resetCachedContent()
        self.view.viewport().update()

    # --- Qt events ------------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        self.view.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        self.view.dropEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.preferences.set_window_state(self.saveGeometry(), self.saveState())
        self.preferences.sync()
        self.autosave.release()
        self.undo_group.cleanChanged.disconnect(self.update_title)
        self.undo_group.removeStack(self.document.undo_stack)
        self.document.close()
        self.scene.detach()
        self.scene.selectionChanged.disconnect(self._selection_changed)
        event.accept()
