"""The questions the editor asks the user, in one place (tests answer them directly)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from evsld.ui.autosave import Recovery

FILE_FILTER = "evsld projects (*.evsld);;All files (*)"


class SaveAnswer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Dialogs:
    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def error(self, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.parent
        )
        if details and details != text:
            box.setDetailedText(details)
        box.exec()

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def ask_save(self, name: str) -> SaveAnswer:
        answer = QMessageBox.warning(
            self.parent,
            "Unsaved changes",
            f"Save the changes to {name} before closing it?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return SaveAnswer.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return SaveAnswer.DISCARD
        return SaveAnswer.CANCEL

    def ask_recover(self, recovery: Recovery) -> bool:
        answer = QMessageBox.question(
            self.parent,
            "Recover unsaved work",
            f"evsld did not close properly last time. Recover the unsaved work of "
            f"{recovery.describe()}?\n\nNo deletes it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def open_path(self, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "Open project", folder, FILE_FILTER)
        return Path(name) if name else None

    def save_path(self, suggestion: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent, "Save project as", suggestion, FILE_FILTER
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix == ".evsld" else path.with_name(path.name + ".evsld")
