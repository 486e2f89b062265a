"""The property inspector: edits are undo commands, refused values show the model's message."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from evsld.model.project_data import UsageGroup
from evsld.ui.project_dialog import ProjectDialog


def select_new(window, kind: str, **attrs) -> str:
    device_id = window.editor.place(kind, QPointF(0, 0), attrs)
    window.scene.select_devices([device_id])
    return device_id


def type_into(editor: QLineEdit, text: str) -> None:
    editor.setFocus()
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)


def test_the_selected_device_is_shown_with_units_choices_and_check_boxes(window) -> None:
    select_new(window, "breaker")
    inspector = window.inspector
    assert inspector.title.text() == "Circuit breaker"
    assert inspector.tag_edit.text() == "Q1"
    assert isinstance(inspector.fields["in_a"].input_widget, QLineEdit)
    assert inspector.fields["in_a"].input_widget.text() == "32"
    assert isinstance(inspector.fields["curve"].input_widget, QComboBox)
    assert isinstance(inspector.fields["closed"].input_widget, QCheckBox)
    units = [w.text() for w in inspector.findChildren(type(inspector.title)) if w.text() == "A"]
    assert units  # "A" shown beside the rated current


def test_a_property_edit_is_one_undo_step_and_edits_of_one_property_merge(window) -> None:
    breaker = select_new(window, "breaker")
    stack = window.document.undo_stack
    steps = stack.count()
    field = window.inspector.fields["in_a"].input_widget
    type_into(field, "40")
    type_into(field, "50")
    diagram = window.document.project.diagram
    assert diagram.device(breaker).attrs["in_a"] == 50.0
    assert stack.count() == steps + 1  # the two edits of In merged
    stack.undo()
    assert diagram.device(breaker).attrs["in_a"] == 32.0
    assert field.text() == "32"  # the inspector follows the model


def test_an_impossible_value_is_refused_with_the_models_message(window) -> None:
    breaker = select_new(window, "breaker")
    steps = window.document.undo_stack.count()
    field = window.inspector.fields["in_a"].input_widget
    type_into(field, "-5")
    message = window.inspector.message
    assert message.isVisible()
    assert message.text() == "Q1: Rated current In must be between 0.5 and 6300 A, got -5 A"
    assert window.document.project.diagram.device(breaker).attrs["in_a"] == 32.0
    assert field.text() == "32"  # never clamped, never kept: the model's value is shown
    assert window.document.undo_stack.count() == steps
    type_into(field, "forty")
    assert "must be a number" in message.text()


def test_check_boxes_combos_tag_and_name_go_through_commands(window) -> None:
    breaker = select_new(window, "breaker")
    inspector = window.inspector
    inspector.fields["closed"].input_widget.click()
    combo = inspector.fields["poles"].input_widget
    combo.setCurrentIndex(combo.findData("1P+N"))
    combo.activated.emit(combo.currentIndex())
    type_into(inspector.tag_edit, "QF7")
    type_into(inspector.name_edit, "Feeder to EV board")
    device = window.document.project.diagram.device(breaker)
    assert (device.attrs["closed"], device.attrs["poles"]) == (False, "1P+N")
    assert (device.tag, device.name) == ("QF7", "Feeder to EV board")
    assert window.scene.devices[breaker].look.label[0].text == "QF7"  # the label follows
    for _ in range(4):
        window.document.undo_stack.undo()
    device = window.document.project.diagram.device(breaker)
    assert (device.attrs["closed"], device.tag, device.name) == (True, "Q1", "")


def test_irrelevant_attributes_are_greyed_out(window) -> None:
    evse = select_new(window, "evse")
    fields = window.inspector.fields
    assert fields["rated_current_a"].widget.isEnabled()
    assert not fields["efficiency"].widget.isEnabled()  # DC only
    combo = fields["current_type"].input_widget
    combo.setCurrentIndex(combo.findData("DC"))
    combo.activated.emit(combo.currentIndex())
    assert window.document.project.diagram.device(evse).attrs["current_type"] == "DC"
    assert fields["efficiency"].widget.isEnabled()
    assert not fields["rated_current_a"].widget.isEnabled()


def test_multi_selection_and_empty_selection(window) -> None:
    a = window.editor.place("breaker", QPointF(0, 0))
    b = window.editor.place("breaker", QPointF(100, 0))
    window.scene.select_devices([a, b])
    assert window.inspector.title.text() == "2 devices selected"
    window.scene.clearSelection()
    assert window.inspector.project_button.isVisible()


def test_project_properties_dialog_changes_are_one_undo_step(window) -> None:
    dialog = ProjectDialog(window.document, window)
    title = dialog.fields[("metadata", "title")].input_widget
    type_into(title, "Car park B")
    threshold = dialog.fields[("settings", "unbalance_warn_pct")].input_widget
    type_into(threshold, "150")
    dialog.accept()
    assert not dialog.message.isHidden() and "between 0 and 100" in dialog.message.text()
    assert window.document.project.metadata["title"] == "Untitled project"  # all or nothing
    type_into(threshold, "15")
    dialog._add_group_row(UsageGroup("night", "night", 0.6))
    dialog.accept()
    project = window.document.project
    assert project.metadata["title"] == "Car park B"
    assert project.settings["unbalance_warn_pct"] == 15.0
    assert [g.name for g in project.usage_groups] == ["night"]
    window.document.undo_stack.undo()
    assert project.metadata["title"] == "Untitled project" and not project.usage_groups
