"""File commands of the main window: New, Open, Save, Save As, Recent, recovery.

A file that cannot be read shows the loader's one-line message (its full list of problems
under "Show Details"), never a traceback; saving goes through the model's atomic save.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from evsld.model.fileformat import ProjectFileError
from evsld.ui.autosave import find_recoveries
from evsld.ui.dialogs import SaveAnswer
from evsld.ui.document import Document
from evsld.ui.template_dialog import TemplateDialog

if TYPE_CHECKING:
    from evsld.ui.main_window import MainWindow


class FileController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def document(self) -> Document:
        return self.window.document

    def new(self) -> bool:
        if not self.maybe_save():
            return False
        self.window.set_document(Document())
        return True

    def open(self) -> bool:
        if not self.maybe_save():
            return False
        folder = str(self.document.path.parent) if self.document.path else ""
        path = self.window.dialogs.open_path(folder)
        return path is not None and self._load(path)

    def open_path(self, path: Path) -> bool:
        """Open a file named on the command line, in Recent or dropped on the window."""
        return self.maybe_save() and self._load(path)

    def _load(self, path: Path) -> bool:
        try:
            document = Document.open(path)
        except ProjectFileError as err:
            self.window.dialogs.error(
                "Cannot open project",
                f"{path.name} cannot be opened.\n\n{err.one_line()}",
                err.details(),
            )
            if not path.exists():
                self.window.preferences.remove_recent(path)
            return False
        self.window.set_document(document)
        self.window.preferences.add_recent(path)
        self.window.statusBar().showMessage(f"Opened {path}", 4000)
        return True

    def new_from_template(self, template: str | None = None, values: dict | None = None) -> bool:
        """The template dialog (pre-filled by the power-reservation wizard) and its project."""
        if not self.maybe_save():
            return False
        dialog = TemplateDialog(self.window, template, values)
        if not dialog.exec() or dialog.project is None:
            return False
        document = Document(dialog.project)
        document.unsaved_origin = dialog.template.title
        self.window.set_document(document)
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save(self.document.path)

    def save_as(self) -> bool:
        suggestion = str(self.document.path or Path.home() / "untitled.evsld")
        path = self.window.dialogs.save_path(suggestion)
        return path is not None and self._save(path)

    def _save(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except OSError as err:
            self.window.dialogs.error(
                "Cannot save project", f"{path} could not be written: {err.strerror or err}"
            )
            return False
        self.window.preferences.add_recent(path)
        self.window.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def maybe_save(self) -> bool:
        """True when the current document may be closed (saved, discarded or unchanged)."""
        if not self.document.modified:
            return True
        answer = self.window.dialogs.ask_save(self.document.display_name())
        if answer is SaveAnswer.SAVE:
            return self.save()
        return answer is SaveAnswer.DISCARD

    def offer_recovery(self) -> bool:
        """After a crash: offer each autosave left behind; True when one was recovered."""
        for recovery in find_recoveries(self.window.autosave.directory):
            if not self.window.dialogs.ask_recover(recovery):
                recovery.discard()
                continue
            try:
                project = recovery.load()
            except ProjectFileError as err:
                self.window.dialogs.error("Cannot recover", err.one_line(), err.details())
                recovery.discard()
                continue
            document = Document(project, recovery.source)
            document.unsaved_origin = "recovered"
            self.window.set_document(document)
            recovery.discard()
            self.window.autosave.save_now()  # the recovered work is this session's now
            return True
        return False
