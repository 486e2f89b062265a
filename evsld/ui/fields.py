"""One editor widget per attribute spec: text boxes for numbers and text, combo boxes for
choices, check boxes for yes/no, a checkable list for sets of choices.

The widgets never judge a value: what the user typed goes to the model as typed (a number
when it reads as one), and the model accepts it or refuses it with its own message. No
spin box, so nothing is ever clamped silently.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from evsld.model.attributes import AttrSpec, AttrType

NOT_SET = "(not set)"


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def parse_number(text: str, integral: bool) -> Any:
    """A number when the text reads as one (comma or point as decimal mark); otherwise the
    text itself, for the model to refuse with its message. Empty means 'not set'."""
    stripped = text.strip()
    if not stripped:
        return None
    candidate = stripped.replace(",", ".")
    try:
        return int(candidate) if integral else float(candidate)
    except ValueError:
        try:
            return float(candidate)
        except ValueError:
            return stripped


def _choice_text(label: str, value: Any) -> str:
    """A number offered as a choice reads as a number ("30", not "30.0")."""
    return format_value(value) if label == str(value) else label


class AttrField(QObject):
    """A widget for one spec; `edited` carries the value the user asked for."""

    edited = Signal(object)

    def __init__(self, spec: AttrSpec) -> None:
        super().__init__()
        self.spec = spec
        self.widget = self._build()

    def _build(self) -> QWidget:
        spec = self.spec
        if spec.type is AttrType.BOOL:
            self._check = QCheckBox()
            self._check.clicked.connect(lambda checked: self.edited.emit(bool(checked)))
            return self._check
        if spec.type is AttrType.CHOICE:
            self._combo = QComboBox()
            if spec.optional:
                self._combo.addItem(NOT_SET, None)
            for choice in spec.choices:
                self._combo.addItem(_choice_text(choice.label, choice.value), choice.value)
            self._combo.activated.connect(lambda i: self.edited.emit(self._combo.itemData(i)))
            return self._with_unit(self._combo)
        if spec.type is AttrType.CHOICES:
            self._list = QListWidget()
            for choice in spec.choices:
                item = QListWidgetItem(_choice_text(choice.label, choice.value))
                item.setData(Qt.ItemDataRole.UserRole, choice.value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self._list.addItem(item)
            self._list.setMaximumHeight(18 * min(len(spec.choices), 6) + 6)
            self._list.itemChanged.connect(self._choices_changed)
            self._setting = False
            return self._list
        self._line = QLineEdit()
        if spec.type in (AttrType.FLOAT, AttrType.INT):
            self._line.setAlignment(Qt.AlignmentFlag.AlignRight)
            if spec.optional:
                self._line.setPlaceholderText(NOT_SET)
        self._line.editingFinished.connect(self._line_finished)
        self._shown = ""
        return self._with_unit(self._line)

    def _with_unit(self, editor: QWidget) -> QWidget:
        if not self.spec.unit:
            return editor
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(editor, 1)
        unit = QLabel(self.spec.unit)
        unit.setMinimumWidth(28)
        layout.addWidget(unit)
        return box

    @property
    def input_widget(self) -> QWidget:
        """The widget that takes input (for tests and focus)."""
        for name in ("_check", "_combo", "_list", "_line"):
            if hasattr(self, name):
                return getattr(self, name)
        raise AttributeError("no input widget")

    def _line_finished(self) -> None:
        text = self._line.text()
        if text == self._shown:
            return
        if self.spec.type in (AttrType.FLOAT, AttrType.INT):
            self.edited.emit(parse_number(text, self.spec.type is AttrType.INT))
        else:
            self.edited.emit(text)

    def _choices_changed(self, _item: QListWidgetItem) -> None:
        if self._setting:
            return
        picked = [
            self._list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self._list.count())
            if self._list.item(i).checkState() == Qt.CheckState.Checked
        ]
        self.edited.emit(tuple(picked))

    def set_value(self, value: Any) -> None:
        """Show the model's value (without emitting `edited`)."""
        spec = self.spec
        if spec.type is AttrType.BOOL:
            self._check.setChecked(bool(value))
        elif spec.type is AttrType.CHOICE:
            index = next(
                (i for i in range(self._combo.count()) if self._combo.itemData(i) == value), -1
            )
            self._combo.setCurrentIndex(index)
        elif spec.type is AttrType.CHOICES:
            self._setting = True
            for i in range(self._list.count()):
                item = self._list.item(i)
                on = item.data(Qt.ItemDataRole.UserRole) in tuple(value or ())
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self._setting = False
        else:
            self._shown = format_value(value)
            self._line.setText(self._shown)

    def set_relevant(self, relevant: bool) -> None:
        self.widget.setEnabled(relevant)
