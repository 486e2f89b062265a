"""File > Export PDF: choose file, sheet format and draft, pass the print gate, show progress.

The exporter itself is headless (evsld.export); this module only asks the questions and
keeps the window responsive while pages are drawn. The print gate asks the same question as
`evsld export`: with errors in the check report, only a stamped draft may leave.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from evsld.export.document import ExportCancelled, ExportError, ExportResult, export_pdf
from evsld.export.sheet import FORMATS
from evsld.rules.engine import check_project
from evsld.rules.report import Report

if TYPE_CHECKING:
    from evsld.ui.main_window import MainWindow

DEFAULT_SHEET = "A3"
COLLISIONS_SHOWN = 10  # label collisions listed after an export; the rest are counted
PDF_FILTER = "PDF documents (*.pdf);;All files (*)"


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    sheet: str
    draft: bool


class ExportPdfDialog(QDialog):
    """Target file, sheet format (landscape) and the draft stamp, with the check's verdict."""

    def __init__(self, parent: QWidget, suggestion: Path, errors: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PDF")
        form = QFormLayout(self)
        self.path_edit = QLineEdit(str(suggestion))
        self.path_edit.setMinimumWidth(420)  # a whole project path stays readable
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow("File", row)
        self.sheet_box = QComboBox()
        self.sheet_box.addItems(list(FORMATS))
        self.sheet_box.setCurrentText(DEFAULT_SHEET)
        form.addRow("Sheet (landscape)", self.sheet_box)
        self.draft_box = QCheckBox("Draft: stamp every sheet DRAFT / NOT FOR CONSTRUCTION")
        self.draft_box.setChecked(errors > 0)
        form.addRow("", self.draft_box)
        verdict = QLabel(
            f"The check reports {errors} error(s): only a draft can be exported."
            if errors
            else "The check reports no errors."
        )
        verdict.setWordWrap(True)
        form.addRow("", verdict)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export PDF", self.path_edit.text(), PDF_FILTER)
        if name:
            self.path_edit.setText(name)

    def choice(self) -> ExportChoice:
        path = Path(self.path_edit.text().strip())
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return ExportChoice(path, self.sheet_box.currentText(), self.draft_box.isChecked())


class PdfExport:
    """The export command of one main window; `ask_choice` and `ask_draft` are the questions
    (tests answer them directly, as they do for the window's other dialogs)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def ask_choice(self, suggestion: Path, errors: int) -> ExportChoice | None:
        dialog = ExportPdfDialog(self.window, suggestion, errors)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_draft(self, errors: int) -> bool:
        answer = QMessageBox.question(
            self.window,
            "Export PDF",
            f"The check reports {errors} error(s). A drawing set with errors can only be "
            "exported as a draft, every sheet stamped DRAFT / NOT FOR CONSTRUCTION.\n\n"
            "Export a draft?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def run(self) -> ExportResult | None:
        document = self.window.document
        report = check_project(document.project)  # the live check may still be debouncing
        choice = self.ask_choice(self._suggestion(), report.errors)
        if choice is None:
            return None
        draft = choice.draft
        if report.errors and not draft:
            if not self.ask_draft(report.errors):
                return None
            draft = True
        return self._export(choice, draft, report)

    def _suggestion(self) -> Path:
        path = self.window.document.path
        return path.with_suffix(".pdf") if path is not None else Path.home() / "Untitled.pdf"

    def _export(self, choice: ExportChoice, draft: bool, report: Report) -> ExportResult | None:
        progress = QProgressDialog("Preparing the sheets…", "Cancel", 0, 0, self.window)
        progress.setWindowTitle("Export PDF")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def advance(done: int, total: int, what: str) -> bool:
            progress.setMaximum(total)  # 0 while sheets are laid out: a busy indicator
            progress.setValue(done)
            page = f"Page {min(done + 1, total)} of {total}: " if total else ""
            progress.setLabelText(f"{page}{what}")
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            result = export_pdf(
                self.window.document.project,
                choice.path,
                sheet=choice.sheet,
                draft=draft,
                report=report,
                progress=advance,
            )
        except ExportCancelled:
            self.window.statusBar().showMessage("PDF export cancelled; nothing was written", 8000)
            return None
        except ExportError as err:
            self.window.dialogs.error("Cannot export the PDF", str(err))
            return None
        finally:
            progress.close()
        stamp = " (draft)" if result.draft else ""
        self.window.statusBar().showMessage(
            f"Exported {result.pages} page(s){stamp} to {result.path}", 10000
        )
        if result.collisions:
            self.tell_collisions(result)
        return result

    def tell_collisions(self, result: ExportResult) -> None:
        """The set is written, but some labels print over their neighbours: say which."""
        shown = [f"• {c}" for c in result.collisions[:COLLISIONS_SHOWN]]
        more = len(result.collisions) - len(shown)
        if more:
            shown.append(f"… and {more} more")
        self.window.dialogs.info(
            "Export PDF",
            f"{len(result.collisions)} label(s) found no free place beside their symbol and "
            "print over a neighbour:\n\n" + "\n".join(shown),
        )
