"""New from template: pick a reference architecture, set its parameters, see the drawing.

Each parameter shows its unit, what it accepts (bounds or choices) and its help. Every change
rebuilds the project shortly after (debounced) and shows it in a small read-only preview; a
value the template refuses is shown with the template's own one-line message, the preview is
greyed and OK stays refused until the values are right.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap
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
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from evsld.model.project import Project
from evsld.templates import TEMPLATES
from evsld.templates.parameters import Parameter, Template, TemplateError
from evsld.ui.fields import format_value, parse_number
from evsld.ui.scene import DiagramScene
from evsld.ui.style import PAPER, QUIET, SEVERITY_COLOURS

PREVIEW_DELAY_MS = 250
PREVIEW_MARGIN = 40.0
PREVIEW_ZOOM = 0.25  # symbols drawn (items.LOD_SYMBOL 0.2), labels left out (LOD_LABEL)
PREVIEW_MAX_PIXELS = 2400.0
STALE_OPACITY = 0.3


class TemplatePreview(QLabel):
    """The built project drawn whole, read-only: the scene is rendered once at a zoom where
    symbols are drawn (not the far-away boxes) and the picture is scaled smoothly to fit."""

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setStyleSheet(f"background: {PAPER.name()}; border: 1px solid {QUIET.name()};")
        self.project: Project | None = None
        self.picture = QPixmap()
        self.stale = False  # the values changed to ones the template refuses

    def show_project(self, project: Project | None) -> None:
        """Draw a new project; None keeps the last drawing, faded, until the values are right."""
        self.stale = project is None
        if project is not None:
            self.project = project
            self.picture = _render(project)
        self._update_picture()

    def _update_picture(self) -> None:
        if self.picture.isNull():
            self.clear()
            return
        scaled = self.picture.scaled(
            self.contentsRect().size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        if self.stale:
            faded = QPixmap(scaled.size())
            faded.fill(PAPER)
            painter = QPainter(faded)
            painter.setOpacity(STALE_OPACITY)
            painter.drawPixmap(0, 0, scaled)
            painter.end()
            scaled = faded
        self.setPixmap(scaled)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_picture()


def _render(project: Project) -> QPixmap:
    scene = DiagramScene(project, snap=False)
    scene.show_grid = False
    scene.detach()  # rendered once, never edited
    source = scene.itemsBoundingRect().adjusted(
        -PREVIEW_MARGIN, -PREVIEW_MARGIN, PREVIEW_MARGIN, PREVIEW_MARGIN
    )
    scale = min(PREVIEW_ZOOM, PREVIEW_MAX_PIXELS / max(source.width(), source.height(), 1.0))
    picture = QPixmap(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
    picture.fill(PAPER)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(picture.rect()), source)
    painter.end()
    scene.deleteLater()
    return picture


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
        self.templates.setWordWrap(True)
        split.setSizes([250, 420, 430])
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
        self.resize(1120, 620)

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
            host = QWidget()
            column = QVBoxLayout(host)
            column.setContentsMargins(0, 0, 0, 4)
            column.setSpacing(1)
            column.addWidget(widget)
            hint = QLabel(f"{parameter.help} — {parameter.describe()}")
            hint.setWordWrap(True)
            hint.setStyleSheet(f"color: {QUIET.name()}; font-size: small;")
            column.addWidget(hint)
            self.form.addRow(parameter_label(parameter), host)
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
            self._mark(str(err).split(" ", 1)[0])  # the message begins with the name
            return None
        self.message.hide()
        self._mark(None)
        return project

    def _mark(self, refused: str | None) -> None:
        """Outline the input whose value the template refused."""
        colour = SEVERITY_COLOURS["error"].name()
        for name, widget in self.inputs.items():
            widget.setStyleSheet(f"border: 1px solid {colour};" if name == refused else "")

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


def parameter_label(parameter: Parameter) -> str:
    """'site_limit_kva' in kVA -> 'Site limit (kVA)': the unit once, in brackets."""
    words = parameter.name.split("_")
    unit = parameter.unit
    if unit and len(words) > 1 and words[-1] == unit.lower().replace(" ", ""):
        words = words[:-1]
    text = " ".join(words).capitalize()
    return f"{text} ({unit})" if unit else text


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
