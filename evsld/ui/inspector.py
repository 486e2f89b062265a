"""The property inspector: the selected device's tag, name and attributes, edited through
undo commands. Attributes that do not apply (AttrSpec.relevant_when) are greyed out; a
value the model refuses is shown back with the model's message and the old value. Below the
attributes, the device's calculated values (read-only) from the live check cycle."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from evsld.calc.analysis import Analysis
from evsld.model.device import Device
from evsld.model.events import DeviceChanged, DeviceRemoved, Event
from evsld.model.operations import SetAttribute, SetName, SetTag
from evsld.ui.calc_results import CalcResultsBox
from evsld.ui.document import Document
from evsld.ui.fields import AttrField
from evsld.ui.style import SEVERITY_COLOURS

FIELD_MIN_WIDTH = 120


class Inspector(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.document: Document | None = None
        self.device_id: str | None = None
        self.fields: dict[str, AttrField] = {}
        self.analysis: Analysis | None = None
        self.calc_box = CalcResultsBox()
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {SEVERITY_COLOURS['error'].name()};")
        self.message.hide()
        self.project_button = QPushButton("Project properties…")
        self.tag_edit = QLineEdit()
        self.name_edit = QLineEdit()
        self.tag_edit.editingFinished.connect(self._tag_finished)
        self.name_edit.editingFinished.connect(self._name_finished)
        self._form_host = QWidget()
        self._form = QFormLayout(self._form_host)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._form_host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.calc_box)
        layout.addWidget(self.project_button)
        self.show_device(None)

    def set_document(self, document: Document) -> None:
        if self.document is not None:
            self.document.project.unsubscribe(self._on_event)
        self.document = document
        self.analysis = None
        document.project.subscribe(self._on_event)
        self.show_device(None)

    def show_analysis(self, analysis: Analysis) -> None:
        """New calculation results (after the live check cycle)."""
        self.analysis = analysis
        self._show_calc()

    def _show_calc(self) -> None:
        if self.document is not None:
            self.calc_box.show_result(self.analysis, self.document.project.diagram, self.device_id)
            self._grey_outdated_calc()

    def _grey_outdated_calc(self) -> None:
        """Results of an earlier revision stay readable but greyed until recalculated."""
        current = (
            self.analysis is not None
            and self.analysis.revision == self.document.project.electrical_revision
        )
        self.calc_box.setEnabled(current)

    # --- what is shown ------------------------------------------------------------------------

    def show_selection(self, device_ids: list[str]) -> None:
        if len(device_ids) == 1:
            self.show_device(device_ids[0])
        else:
            self.show_device(None, count=len(device_ids))

    def show_device(self, device_id: str | None, count: int = 0) -> None:
        self._clear_form()
        self.message.hide()
        self.device_id = device_id
        device = self._device()
        if device is None:
            self.device_id = None
            self.title.setText(
                f"{count} devices selected"
                if count > 1
                else "Select a device to see its properties"
            )
            self.project_button.show()
            self._show_calc()
            return
        self.project_button.hide()
        self.title.setText(device.spec.label)
        self._form.addRow("Tag", self.tag_edit)
        self._form.addRow("Name", self.name_edit)
        self.tag_edit.show()
        self.name_edit.show()
        for spec in device.spec.attributes:
            field = AttrField(spec)
            field.edited.connect(lambda value, name=spec.name: self._attr_edited(name, value))
            label = QLabel(spec.label)
            label.setWordWrap(True)  # long names wrap instead of squeezing the editors
            field.widget.setMinimumWidth(FIELD_MIN_WIDTH)
            if spec.help:
                label.setToolTip(spec.help)
                field.widget.setToolTip(spec.help)
            self._form.addRow(label, field.widget)
            self.fields[spec.name] = field
        self._refresh(device)
        self._show_calc()

    def _clear_form(self) -> None:
        self.fields = {}
        while self._form.rowCount():
            row = self._form.takeRow(0)
            for part in (row.labelItem, row.fieldItem):
                widget = part.widget() if part is not None else None
                if widget is None:
                    continue
                widget.hide()  # at once: deletion waits for the event loop
                if widget in (self.tag_edit, self.name_edit):
                    widget.setParent(self)
                else:
                    widget.deleteLater()

    def _device(self) -> Device | None:
        if self.document is None or self.device_id is None:
            return None
        return self.document.project.diagram.get(self.device_id)

    def _refresh(self, device: Device) -> None:
        self.tag_edit.setText(device.tag)
        self.name_edit.setText(device.name)
        for name, field in self.fields.items():
            field.set_value(device.attrs[name])
            field.set_relevant(field.spec.is_relevant(device.attrs))

    def _on_event(self, event: Event) -> None:
        if isinstance(event, DeviceChanged) and event.new.id == self.device_id:
            self._refresh(event.new)
        elif isinstance(event, DeviceRemoved) and event.device.id == self.device_id:
            self.show_device(None)
        self._grey_outdated_calc()

    # --- edits --------------------------------------------------------------------------------

    def _execute(self, operation) -> None:
        if self.document.execute(operation):
            self.message.hide()
            return
        self.message.setText(self.document.last_refusal)
        self.message.show()
        device = self._device()
        if device is not None:
            self._refresh(device)  # show the value the model kept

    def _attr_edited(self, name: str, value: Any) -> None:
        device = self._device()
        if device is None or device.attrs[name] == value:
            return
        label = device.spec.attribute(name).label
        self._execute(SetAttribute(device.id, name, value, label=f"{device.tag}: {label}"))

    def _tag_finished(self) -> None:
        device = self._device()
        if device is not None and self.tag_edit.text() != device.tag:
            self._execute(SetTag(device.id, self.tag_edit.text()))

    def _name_finished(self) -> None:
        device = self._device()
        if device is not None and self.name_edit.text() != device.name:
            self._execute(SetName(device.id, self.name_edit.text()))
