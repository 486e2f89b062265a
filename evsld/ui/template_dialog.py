"""New from template: pick a reference architecture, set its parameters, get a drawn project.

Values go to the template as typed (numbers when they read as numbers); a value it refuses
is shown with the template's own one-line message and the dialog stays open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from evsld.model.project import Project
from evsld.templates import TEMPLATES
from evsld.templates.parameters import Parameter, Template, TemplateError
from evsld.ui.fields import format_value, parse_number
from evsld.ui.style import SEVERITY_COLOURS


class TemplateDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New from template")
        self.project: Project | None = None
        self.inputs: dict[str, QWidget] = {}
        self.templates = QListWidget()
        for template in TEMPLATES.values():
            item = QListWidgetItem(template.title)
            item.setData(Qt.ItemDataRole.UserRole, template.name)
            self.templates.addItem(item)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {SEVERITY_COLOURS['error'].name()};")
        self.message.hide()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.description)
        right_layout.addWidget(self.form_host, 1)
        right_layout.addWidget(self.message)
        split = QSplitter()
        split.addWidget(self.templates)
        split.addWidget(right)
        split.setSizes([220, 480])
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.templates.currentRowChanged.connect(self._show_template)
        self.templates.setCurrentRow(0)
        self.resize(760, 520)

    @property
    def template(self) -> Template:
        item = self.templates.currentItem()
        return TEMPLATES[item.data(Qt.ItemDataRole.UserRole)]

    def _show_template(self, _row: int) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.inputs = {}
        self.message.hide()
        template = self.template
        self.description.setText(template.description)
        for parameter in template.parameters:
            widget = _input_for(parameter)
            widget.setToolTip(f"{parameter.help}\n({parameter.describe()})")
            unit = f" ({parameter.unit})" if parameter.unit else ""
            self.form.addRow(parameter.name.replace("_", " ").capitalize() + unit, widget)
            self.inputs[parameter.name] = widget

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for parameter in self.template.parameters:
            widget = self.inputs[parameter.name]
            if isinstance(widget, QCheckBox):
                values[parameter.name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                values[parameter.name] = widget.currentData()
            else:
                integral = isinstance(parameter.default, int)
                values[parameter.name] = parse_number(widget.text(), integral)
        return values

    def accept(self) -> None:
        try:
            self.project = self.template.build(**self.values())
        except TemplateError as err:
            self.message.setText(str(err))
            self.message.show()
            return
        super().accept()


def _input_for(parameter: Parameter) -> QWidget:
    if parameter.choices:
        combo = QComboBox()
        for choice in parameter.choices:
            combo.addItem(format_value(choice), choice)
        combo.setCurrentIndex(list(parameter.choices).index(parameter.default))
        return combo
    if isinstance(parameter.default, bool):
        check = QCheckBox()
        check.setChecked(parameter.default)
        return check
    line = QLineEdit(format_value(parameter.default))
    line.setAlignment(Qt.AlignmentFlag.AlignRight)
    return line
