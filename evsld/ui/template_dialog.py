"""New from template: pick a reference architecture, set its parameters, see the drawing.

Each parameter shows its unit, what it accepts (bounds or choices) and its help. Every change
rebuilds the project shortly after (debounced) and shows it in a small read-only preview; a
value the template refuses is shown with the template's own one-line message, the preview is
greyed and OK stays refused until the values are right.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from evsld.model.project import Project
from evsld.templates import TEMPLATES
from evsld.templates.parameters import Parameter, Template, TemplateError
from evsld.ui.fields import format_value, parse_number
from evsld.ui.scene import DiagramScene
from evsld.ui.style import QUIET, SEVERITY_COLOURS

PREVIEW_DELAY_MS = 250
PREVIEW_MARGIN = 40.0


class TemplatePreview(QGraphicsView):
    """The built project, drawn whole and read-only."""

    def __init__(self) -> None:
        super().__init__()
        self.setInteractive(False)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumSize(320, 240)
        self.project: Project | None = None

    def show_project(self, project: Project | None) -> None:
        old = self.scene()
        if project is not None:
            scene = DiagramScene(project, snap=False)
            scene.show_grid = False
            scene.detach()  # never edited: no need to follow its events
            self.setScene(scene)
        self.setEnabled(project is not None)
        self.project = project
        if project is not None and old is not None and shiboken6.isValid(old):
            old.deleteLater()
        self._fit()

    def _fit(self) -> None:
        scene = self.scene()
        if scene is not None:
            rect = scene.itemsBoundingRect().adjusted(
                -PREVIEW_MARGIN, -PREVIEW_MARGIN, PREVIEW_MARGIN, PREVIEW_MARGIN
            )
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()


class TemplateDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        template: str | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New from template")
        self.project: Project | None = None
        self.inputs: dict[str, QWidget] = {}
        self.templates = QListWidget()
        for t in TEMPLATES.values():
            item = QListWidgetItem(t.title)
            item.setData(Qt.ItemDataRole.UserRole, t.name)
            self.templates.addItem(item)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {SEVERITY_COLOURS['error'].name()};")
        self.message.hide()
        self.preview = TemplatePreview()
        self.preview_caption = QLabel()
        self.preview_caption.setStyleSheet(f"color: {QUIET.name()};")
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.addWidget(self.description)
        middle_layout.addWidget(scroll, 1)
        middle_layout.addWidget(self.message)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(self.preview_caption)
        split = QSplitter()
        for widget in (self.templates, middle, right):
            split.addWidget(widget)
        split.setSizes([200, 420, 420])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        self.templates.currentRowChanged.connect(self._show_template)
        names = list(TEMPLATES)
        self.templates.setCurrentRow(names.index(template) if template in TEMPLATES else 0)
        if values:
            self.set_values(values)
        self.update_preview()
        self.resize(1100, 600)

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
            widget = _input_for(parameter, self._timer.start)
            widget.setToolTip(parameter.help)
            unit = f" ({parameter.unit})" if parameter.unit else ""
            host = QWidget()
            column = QVBoxLayout(host)
            column.setContentsMargins(0, 0, 0, 4)
            column.setSpacing(1)
            column.addWidget(widget)
            hint = QLabel(f"{parameter.help} — {parameter.describe()}")
            hint.setWordWrap(True)
            hint.setStyleSheet(f"color: {QUIET.name()}; font-size: small;")
            column.addWidget(hint)
            self.form.addRow(parameter.name.replace("_", " ").capitalize() + unit, host)
            self.inputs[parameter.name] = widget
        self._timer.start()

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Fill the form (unknown names are the caller's bug: KeyError)."""
        for name, value in values.items():
            widget = self.inputs[name]
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                index = widget.findData(value)
                if index < 0:  # show the refusal instead of picking another value
                    widget.addItem(format_value(value), value)
                    index = widget.count() - 1
                widget.setCurrentIndex(index)
            else:
                widget.setText(format_value(value))
        self._timer.start()

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

    def build(self) -> Project | None:
        """The project the values give, or None with the template's message shown."""
        try:
            project = self.template.build(**self.values())
        except TemplateError as err:
            self.message.setText(str(err))
            self.message.show()
            return None
        self.message.hide()
        return project

    def update_preview(self) -> None:
        self._timer.stop()
        project = self.build()
        self.preview.show_project(project)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(project is not None)
        if project is None:
            self.preview_caption.setText("No preview: correct the value in red")
            return
        evse = sum(1 for _ in project.diagram.ids_of_kind("evse"))
        self.preview_caption.setText(f"{len(project.diagram)} devices, {evse} charging points")

    def accept(self) -> None:
        self.project = self.build()
        if self.project is not None:
            super().accept()


def _input_for(parameter: Parameter, changed) -> QWidget:
    if parameter.choices:
        combo = QComboBox()
        for choice in parameter.choices:
            combo.addItem(format_value(choice), choice)
        combo.setCurrentIndex(list(parameter.choices).index(parameter.default))
        combo.currentIndexChanged.connect(lambda _i: changed())
        return combo
    if isinstance(parameter.default, bool):
        check = QCheckBox()
        check.setChecked(parameter.default)
        check.toggled.connect(lambda _on: changed())
        return check
    line = QLineEdit(format_value(parameter.default))
    line.setAlignment(Qt.AlignmentFlag.AlignRight)
    line.textChanged.connect(lambda _text: changed())
    return line
