"""Project properties: title-block metadata and logo, the revision table, engineering
settings and usage groups.

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
from evsld.model.logo import LogoSpec
from evsld.model.operations import Group, Operation, SetProjectField, SetProjectList
from evsld.model.project_data import METADATA, PERIODS, Revision, UsageGroup
from evsld.model.settings import SETTINGS
from evsld.ui.document import Document
from evsld.ui.fields import AttrField, format_value, parse_number
from evsld.ui.logo_picker import LogoPicker
from evsld.ui.revisions_editor import RevisionsEditor
from evsld.ui.style import SEVERITY_COLOURS


class ProjectDialog(QDialog):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Project properties")
        self.document = document
        self.values: dict[tuple[str, str], Any] = {}
        self.fields: dict[tuple[str, str], AttrField] = {}
        self.typed: set[tuple[str, str]] = set()  # fields the designer edited here
        project = document.project
        folder = str(document.path.parent) if document.path else ""
        self.logo = LogoPicker(project.metadata["logo"], folder)
        self.logo.changed.connect(self._logo_changed)
        self.logo.refused.connect(self._show_message)
        self.revisions = RevisionsEditor(
            project.revisions, lambda: self._metadata_value("revision")
        )
        self.revisions.edited.connect(self._follow_latest_revision)
        self._issued = _issue(self.revisions.latest())
        tabs = QTabWidget()
        tabs.addTab(self._section_page("metadata", METADATA), "Title block")
        tabs.addTab(self.revisions, "Revisions")
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
        self.resize(600, 580)

    def _section_page(self, section: str, specs: SpecSet) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        store = getattr(self.document.project, section)
        for spec in specs:
            if isinstance(spec, LogoSpec):
                form.addRow(spec.label, self.logo)
                continue
            field = AttrField(spec)
            field.set_value(store[spec.name])
            key = (section, spec.name)
            field.edited.connect(lambda value, key=key: self._edited(key, value))
            if spec.help:
                field.widget.setToolTip(spec.help)
            form.addRow(spec.label + (f" ({spec.unit})" if spec.unit else ""), field.widget)
            self.fields[key] = field
        return page

    def _edited(self, key: tuple[str, str], value: Any) -> None:
        self.values[key] = value
        self.typed.add(key)

    def _metadata_value(self, name: str) -> Any:
        return self.values.get(("metadata", name), self.document.project.metadata[name])

    def _logo_changed(self, uri: str) -> None:
        self.values[("metadata", "logo")] = uri
        self.message.hide()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _follow_latest_revision(self) -> None:
        """The title block names the issue the sheets are: once the newest revision row
        differs from the one the dialog opened with, Revision and Date of issue follow it,
        unless the designer typed them here; otherwise they show the project's values."""
        latest = self.revisions.latest()
        follow = latest is not None and _issue(latest) != self._issued
        for name, value in zip(("revision", "date"), _issue(latest), strict=True):
            key = ("metadata", name)
            if key in self.typed:
                continue
            if follow and value:
                self.values[key] = value
            else:
                self.values.pop(key, None)
            self.fields[key].set_value(self._metadata_value(name))

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
        revisions = self.revisions.revisions()
        if revisions != project.revisions:
            ops.append(SetProjectList("revisions", revisions))
        return Group(tuple(ops), label="Change project properties") if ops else None

    def accept(self) -> None:
        op = self.operation()
        if op is None or self.document.execute(op):
            super().accept()
            return
        self._show_message(self.document.last_refusal)


def _issue(revision: Revision | None) -> tuple[str, str]:
    """The rev and date a revision row gives the title block ("" when there is none)."""
    return (revision.rev, revision.date) if revision else ("", "")
