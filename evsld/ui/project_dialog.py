"""Project properties: title-block metadata, engineering settings and usage groups.

Everything changed in the dialog becomes one undo step on OK. A value the model refuses
keeps the dialog open with the model's message.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from evsld.model.attributes import SpecSet
from evsld.model.operations import Group, Operation, SetProjectField, SetProjectList
from evsld.model.project_data import METADATA, PERIODS, UsageGroup
from evsld.model.settings import SETTINGS
from evsld.ui.document import Document
from evsld.ui.fields import AttrField, format_value, parse_number
from evsld.ui.style import SEVERITY_COLOURS


class ProjectDialog(QDialog):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Project properties")
        self.document = document
        self.values: dict[tuple[str, str], Any] = {}
        self.fields: dict[tuple[str, str], AttrField] = {}
        tabs = QTabWidget()
        tabs.addTab(self._section_page("metadata", METADATA), "Title block")
        tabs.addTab(self._section_page("settings", SETTINGS), "Settings")
        tabs.addTab(self._groups_page(), "Usage groups")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {SEVERITY_COLOURS['error'].name()};")
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def _section_page(self, section: str, specs: SpecSet) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        store = getattr(self.document.project, section)
        for spec in specs:
            field = AttrField(spec)
            field.set_value(store[spec.name])
            key = (section, spec.name)
            field.edited.connect(lambda value, key=key: self.values.__setitem__(key, value))
            if spec.help:
                field.widget.setToolTip(spec.help)
            form.addRow(spec.label + (f" ({spec.unit})" if spec.unit else ""), field.widget)
            self.fields[key] = field
        return page

    def _groups_page(self) -> QWidget:
        page = QWidget()
        self.groups = QTableWidget(0, 3)
        self.groups.setHorizontalHeaderLabels(["Name", "Period", "Demand factor"])
        self.groups.horizontalHeader().setStretchLastSection(True)
        for group in self.document.project.usage_groups:
            self._add_group_row(group)
        add = QPushButton("Add group")
        add.clicked.connect(lambda: self._add_group_row(UsageGroup(self._free_group_name())))
        remove = QPushButton("Remove group")
        remove.clicked.connect(lambda: self.groups.removeRow(self.groups.currentRow()))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel("Chargers in a usage group charge together: its period and demand factor.")
        )
        layout.addWidget(self.groups)
        layout.addLayout(buttons)
        return page

    def _add_group_row(self, group: UsageGroup) -> None:
        row = self.groups.rowCount()
        self.groups.insertRow(row)
        self.groups.setItem(row, 0, QTableWidgetItem(group.name))
        period = QComboBox()
        for value, label in PERIODS.items():
            period.addItem(label, value)
        period.setCurrentIndex(list(PERIODS).index(group.period))
        self.groups.setCellWidget(row, 1, period)
        self.groups.setItem(row, 2, QTableWidgetItem(format_value(group.factor)))

    def _free_group_name(self) -> str:
        names = {self.groups.item(r, 0).text() for r in range(self.groups.rowCount())}
        return next(f"group {n}" for n in range(1, 1000) if f"group {n}" not in names)

    def edited_groups(self) -> tuple[UsageGroup, ...]:
        groups = []
        for row in range(self.groups.rowCount()):
            name = self.groups.item(row, 0).text()
            period = self.groups.cellWidget(row, 1).currentData()
            factor = parse_number(self.groups.item(row, 2).text(), integral=False)
            groups.append(UsageGroup(name, period, factor))
        return tuple(groups)

    def operation(self) -> Operation | None:
        project = self.document.project
        ops: list[Operation] = [
            SetProjectField(section, key, value)
            for (section, key), value in self.values.items()
            if getattr(project, section)[key] != value
        ]
        groups = self.edited_groups()
        if groups != project.usage_groups:
            ops.append(SetProjectList("usage_groups", groups))
        return Group(tuple(ops), label="Change project properties") if ops else None

    def accept(self) -> None:
        op = self.operation()
        if op is None or self.document.execute(op):
            super().accept()
            return
        self.message.setText(self.document.last_refusal)
        self.message.show()
