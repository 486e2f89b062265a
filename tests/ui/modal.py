"""Answering a modal dialog the way a user does: once it is up, with keys and clicks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

POLL_MS = 20
MAX_POLLS = 250  # 5 s: a dialog that never comes must not leave a timer running


def when_modal(cls: type[QWidget], answer: Callable[[QWidget], None]) -> list[QWidget]:
    """Run `answer` on the next modal dialog of type `cls` as soon as it is shown; the list
    receives the dialog (empty when none appeared)."""
    seen: list[QWidget] = []

    def poll(left: int) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, cls) and widget.isVisible():
            seen.append(widget)
            answer(widget)
        elif left:
            QTimer.singleShot(POLL_MS, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(MAX_POLLS))
    return seen
