"""Undo commands: each wraps one model operation; redo applies it, undo applies its inverse.

The operation is applied before the command is pushed (so a refused edit never reaches the
stack and its message can be shown); the first redo that QUndoStack.push makes is then
skipped. Edits of one property (operations with the same merge_key) merge into one step.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from evsld.model.operations import Operation
from evsld.model.project import Project

MERGEABLE_ID = 0x4556  # QUndoCommand.id() of commands that may merge (-1: never)


class OperationCommand(QUndoCommand):
    def __init__(self, project: Project, forward: Operation, inverse: Operation, text: str):
        super().__init__(text)
        self._project = project
        self.forward = forward
        self.inverse = inverse
        self._applied = True  # push() calls redo() once; the edit is already done

    @property
    def merge_key(self) -> object | None:
        return getattr(self.forward, "merge_key", None)

    def id(self) -> int:
        return MERGEABLE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, OperationCommand) or other.merge_key != self.merge_key:
            return False
        self.forward = other.forward  # keep the first inverse: undo returns to the start
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.inverse = self._project.apply(self.forward)

    def undo(self) -> None:
        self.forward = self._project.apply(self.inverse)
