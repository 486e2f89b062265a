"""One open project: the model, its file, its undo stack and whether it needs saving."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from evsld.model.diagram import EditError
from evsld.model.events import Event
from evsld.model.fileformat import load_project, save_project
from evsld.model.operations import Operation
from evsld.model.project import Project
from evsld.ui.commands import OperationCommand


class Document(QObject):
    """Edits go through `execute`, which applies the operation and records it for undo."""

    changed = Signal()  # after any model change (edit, undo, redo)
    refused = Signal(str)  # an edit the model refused, with its message
    path_changed = Signal()
    saved = Signal()

    def __init__(self, project: Project | None = None, path: Path | None = None) -> None:
        super().__init__()
        self.project = project or Project()
        self.path = path
        self.undo_stack = QUndoStack(self)
        # work that never was in a file (recovered from an autosave, built from a template)
        # needs saving even before its first edit; `origin` says where it came from
        self.unsaved_origin = ""
        self.last_refusal = ""  # the model's message for the last edit it refused
        self.project.subscribe(self._on_event)

    @classmethod
    def open(cls, path: Path) -> Document:
        """Read a file; ProjectFileError carries the loader's message when it cannot."""
        return cls(load_project(path), path)

    def close(self) -> None:
        self.project.unsubscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        self.changed.emit()

    # --- editing --------------------------------------------------------------------------

    def execute(self, operation: Operation, text: str | None = None) -> bool:
        """Apply and record an edit; False (and `refused` emitted) when the model refuses."""
        try:
            inverse = self.project.apply(operation)
        except EditError as err:
            self.last_refusal = str(err)
            self.refused.emit(self.last_refusal)
            return False
        label = text or operation.label
        self.undo_stack.push(OperationCommand(self.project, operation, inverse, label))
        return True

    # --- file -----------------------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean() or bool(self.unsaved_origin)

    def save(self, path: Path | None = None) -> None:
        """Save atomically (OSError propagates to the caller, who shows it)."""
        target = path or self.path
        if target is None:
            raise ValueError("the document has no file yet")
        save_project(self.project, target)
        self.unsaved_origin = ""
        self.undo_stack.setClean()
        if target != self.path:
            self.path = target
            self.path_changed.emit()
        self.saved.emit()

    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"
