"""The Revisions tab of File > Project properties: the table printed on every sheet.

Rows are listed oldest first, as they were issued (the sheets print the newest at the top
of their revision table). The tab only edits a copy; the project dialog hands the rows to
the model in its single undo step, and the model says what it refuses.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from evsld.model.project_data import REVISION_FIELDS, Revision

COLUMNS = tuple(spec.name for spec in REVISION_FIELDS)  # rev, date, description, author
DESCRIPTION = COLUMNS.index("description")
WIDTHS = {"rev": 56, "date": 100, "author": 90}  # the description takes the rest


def next_revision(last: str) -> str:
    """The rev that follows `last`: B after A, AA after Z, P2 after P1, C03 after C02 (the
    count keeps its zero padding); A after anything without a trailing letter or number."""
    if match := re.fullmatch(r"(.*?)(\d+)", last):
        prefix, digits = match.groups()
        return prefix + str(int(digits) + 1).zfill(len(digits))
    if match := re.fullmatch(r"(.*?)([A-Za-z]+)", last):
        prefix, letters = match.groups()
        return prefix + _next_letters(letters)
    return "A"


def _next_letters(letters: str) -> str:
    """Count in letters as spreadsheet columns do, keeping the case: Z -> AA, AZ -> BA."""
    chars = list(letters)
    for i in reversed(range(len(chars))):
        if chars[i] not in "zZ":
            chars[i] = chr(ord(chars[i]) + 1)
            return "".join(chars)
        chars[i] = "a" if chars[i] == "z" else "A"
    return ("a" if letters[0].islower() else "A") + "".join(chars)


class RevisionsEditor(QWidget):
    """Rev / Date / Description / By rows with Add revision and Remove.

    `first_rev` gives the rev of the first row when the table is empty (the title block's
    current revision: recording the issue the sheets already show). `edited` is emitted
    whenever rows are added, removed or changed."""

    edited = Signal()

    def __init__(
        self,
        revisions: tuple[Revision, ...],
        first_rev: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.first_rev = first_rev
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([spec.label for spec in REVISION_FIELDS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for column, name in enumerate(COLUMNS):
            if name in WIDTHS:
                self.table.setColumnWidth(column, WIDTHS[name])
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for revision in revisions:
            self._append(revision)
        self.table.itemChanged.connect(lambda _item: self.edited.emit())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton("Add revision")
        self.add_button.clicked.connect(self.add_revision)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_revision)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        note = QLabel(
            "Oldest first. Every sheet prints this table, newest at the top; the title "
            "block's revision and date of issue follow the newest row."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._update_buttons()

    def _append(self, revision: Revision) -> int:
        row = self.table.rowCount()
        blocked = self.table.blockSignals(True)
        self.table.insertRow(row)
        for column, name in enumerate(COLUMNS):
            self.table.setItem(row, column, QTableWidgetItem(getattr(revision, name)))
        self.table.blockSignals(blocked)
        return row

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectedItems()))

    def add_revision(self) -> None:
        """A row for the next issue: the next rev, today's date (ISO 8601); the cursor waits
        in its description."""
        latest = self.latest()
        taken = {r.rev for r in self.revisions()}
        rev = next_revision(latest.rev) if latest else (self.first_rev().strip() or "A")
        while rev in taken:
            rev = next_revision(rev)
        row = self._append(Revision(rev, datetime.date.today().isoformat()))
        self.table.setCurrentCell(row, DESCRIPTION)
        self.table.editItem(self.table.item(row, DESCRIPTION))
        self.edited.emit()

    def remove_revision(self) -> None:
        row = self.table.currentRow()
        if row < 0 or not self.table.selectedItems():
            return
        self.table.removeRow(row)
        self._update_buttons()
        self.edited.emit()

    def revisions(self) -> tuple[Revision, ...]:
        """The rows as typed (surrounding spaces dropped), oldest first."""
        return tuple(
            Revision(
                **{name: self.table.item(row, c).text().strip() for c, name in enumerate(COLUMNS)}
            )
            for row in range(self.table.rowCount())
        )

    def latest(self) -> Revision | None:
        rows = self.revisions()
        return rows[-1] if rows else None
