"""File > Project properties: the logo picker and the revision table, each change going into
the dialog's one undo step, refusals shown in the dialog, and both kept by the saved file."""

from __future__ import annotations

import base64
import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from evsld.model.logo import LOGO_MAX_BYTES, logo_from_file
from evsld.model.operations import SetProjectField, SetProjectList
from evsld.model.project_data import Revision
from evsld.ui import revisions_editor
from evsld.ui.logo_picker import NO_LOGO
from evsld.ui.project_dialog import ProjectDialog
from evsld.ui.revisions_editor import DESCRIPTION, next_revision
from tests.ui.conftest import key
from tests.ui.modal import when_modal

TODAY = "2026-11-24"


class _FixedDate(datetime.date):
    @classmethod
    def today(cls) -> datetime.date:
        return datetime.date.fromisoformat(TODAY)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch) -> None:
    """The editor's "today" is fixed: a run crossing midnight must not change the answer."""
    monkeypatch.setattr(revisions_editor.datetime, "date", _FixedDate)


ISSUED = (
    Revision("A", "2026-01-10", "First issue", "JD"),
    Revision("B", "2026-03-02", "Feeder EV02 moved", "JD"),
)

# A valid PNG header (256 x 128 px) over no pixel data: the model, which reads headers only,
# accepts it; Qt cannot draw it.
HEADER_ONLY_PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\1\0\0\0\0\x80\x08\x02\0\0\0"


def make_image(path: Path, width: int = 300, height: int = 100) -> Path:
    """A logo (PNG or JPEG after the suffix): a green disc and a bar, on white."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.fillRect(QRect(height, height // 3, width - height - 10, height // 3), QColor("black"))
    painter.setBrush(QColor("#0a7d3b"))
    painter.drawEllipse(5, 5, height - 10, height - 10)
    painter.end()
    assert image.save(str(path))
    return path


@pytest.fixture
def logo_png(tmp_path: Path) -> Path:
    return make_image(tmp_path / "volta.png")


def click(button: QPushButton) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def choose(dialog: ProjectDialog, path: Path) -> None:
    """Choose… answered with `path`, as the file dialog would."""
    dialog.logo.ask_path = lambda: path
    click(dialog.logo.choose_button)


def shown_message(dialog: ProjectDialog) -> str:
    return dialog.message.text() if not dialog.message.isHidden() else ""


@pytest.mark.parametrize(
    ("name", "width", "height", "caption"),
    [("volta.png", 300, 100, "PNG, 300 × 100 px"), ("tall.jpg", 90, 180, "JPEG, 90 × 180 px")],
)
def test_a_chosen_image_is_previewed_undistorted_and_saved_on_ok(
    window, tmp_path, name: str, width: int, height: int, caption: str
) -> None:
    image = make_image(tmp_path / name, width, height)
    dialog = ProjectDialog(window.document, window)
    assert dialog.logo.preview.text() == NO_LOGO
    assert not dialog.logo.remove_button.isEnabled()
    choose(dialog, image)
    pixmap = dialog.logo.preview.pixmap()
    assert not pixmap.isNull() and dialog.logo.preview.text() == ""
    assert pixmap.width() / pixmap.height() == pytest.approx(width / height, rel=0.03)
    room = dialog.logo.preview.contentsRect()
    assert pixmap.width() <= room.width() and pixmap.height() <= room.height()
    assert dialog.logo.caption.text().startswith(caption)
    assert dialog.logo.remove_button.isEnabled()
    assert window.document.project.metadata["logo"] == ""  # nothing happens before OK
    dialog.accept()
    assert dialog.result() == ProjectDialog.DialogCode.Accepted
    assert window.document.project.metadata["logo"] == logo_from_file(image).data_uri()
    assert window.document.undo_stack.count() == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Meeting notes, not a picture\n", "notes.png: the logo must be a PNG or JPEG image."),
        (
            b"\x89PNG\r\n\x1a\n" + b"\0" * (LOGO_MAX_BYTES + 1024),
            f"notes.png is 257 KiB; at most {LOGO_MAX_BYTES // 1024} KiB is embedded.",
        ),
        (
            HEADER_ONLY_PNG,
            "notes.png is damaged: its image cannot be drawn.",
        ),
    ],
    ids=["text-renamed-png", "too-large", "damaged"],
)
def test_a_refused_file_shows_why_and_keeps_the_old_logo(
    window, logo_png, tmp_path, content: bytes, expected: str
) -> None:
    old = logo_from_file(logo_png).data_uri()
    window.document.execute(SetProjectField("metadata", "logo", old))
    dialog = ProjectDialog(window.document, window)
    refused = tmp_path / "notes.png"
    refused.write_bytes(content)
    choose(dialog, refused)
    assert shown_message(dialog) == expected
    assert "Traceback" not in dialog.message.text()
    assert dialog.logo.uri == old and not dialog.logo.preview.pixmap().isNull()
    assert dialog.operation() is None
    choose(dialog, make_image(tmp_path / "other.png", 200, 200))  # a good file clears the message
    assert shown_message(dialog) == ""
    assert dialog.logo.uri != old


def test_a_stored_logo_qt_cannot_draw_says_so_instead_of_a_blank_preview(window) -> None:
    uri = "data:image/png;base64," + base64.b64encode(HEADER_ONLY_PNG).decode()
    assert window.document.execute(SetProjectField("metadata", "logo", uri))  # header only
    dialog = ProjectDialog(window.document, window)
    assert dialog.logo.preview.text() == "The image cannot be drawn"
    assert dialog.logo.caption.text().startswith("PNG, 256 × 128 px")
    assert dialog.logo.remove_button.isEnabled()


def test_cancelling_the_file_dialog_changes_nothing(window, logo_png) -> None:
    dialog = ProjectDialog(window.document, window)
    dialog.logo.ask_path = lambda: None
    click(dialog.logo.choose_button)
    assert dialog.logo.uri == "" and dialog.operation() is None


def test_remove_empties_the_logo(window, logo_png) -> None:
    window.document.execute(
        SetProjectField("metadata", "logo", logo_from_file(logo_png).data_uri())
    )
    dialog = ProjectDialog(window.document, window)
    assert not dialog.logo.preview.pixmap().isNull()
    click(dialog.logo.remove_button)
    assert dialog.logo.preview.text() == NO_LOGO
    assert not dialog.logo.remove_button.isEnabled()
    dialog.accept()
    assert window.document.project.metadata["logo"] == ""


def test_logo_revisions_and_title_are_one_undo_step(window, logo_png) -> None:
    project = window.document.project
    window.document.execute(SetProjectList("revisions", ISSUED))
    window.document.execute(
        SetProjectField(
            "metadata", "logo", logo_from_file(make_image(logo_png, 120, 120)).data_uri()
        )
    )
    old_logo, steps = project.metadata["logo"], window.document.undo_stack.count()
    dialog = ProjectDialog(window.document, window)
    choose(dialog, make_image(logo_png.with_name("new.png"), 400, 100))
    click(dialog.revisions.add_button)
    dialog.accept()
    new_logo, new_revisions = project.metadata["logo"], project.revisions
    assert new_logo != old_logo and [r.rev for r in new_revisions] == ["A", "B", "C"]
    assert project.metadata["revision"] == "C"
    assert window.document.undo_stack.count() == steps + 1
    window.document.undo_stack.undo()
    assert project.metadata["logo"] == old_logo and project.revisions == ISSUED
    assert project.metadata["revision"] == "A"
    window.document.undo_stack.redo()
    assert project.metadata["logo"] == new_logo and project.revisions == new_revisions


def test_add_revision_prefills_the_next_letter_and_today(window) -> None:
    window.document.execute(SetProjectList("revisions", ISSUED))
    dialog = ProjectDialog(window.document, window)
    click(dialog.revisions.add_button)
    latest = dialog.revisions.latest()
    assert latest == Revision("C", TODAY)
    table = dialog.revisions.table
    assert table.currentRow() == 2 and table.currentColumn() == DESCRIPTION
    table.item(2, DESCRIPTION).setText("  Charger EV07 added ")
    table.item(2, 3).setText("AB")
    assert dialog.revisions.latest() == Revision("C", TODAY, "Charger EV07 added", "AB")
    dialog.accept()
    added = Revision("C", TODAY, "Charger EV07 added", "AB")
    assert window.document.project.revisions == (*ISSUED, added)


def test_adding_then_removing_a_revision_is_no_change(window) -> None:
    window.document.execute(SetProjectList("revisions", ISSUED))
    dialog = ProjectDialog(window.document, window)
    fields = dialog.fields
    click(dialog.revisions.add_button)
    assert fields[("metadata", "revision")].input_widget.text() == "C"
    assert fields[("metadata", "date")].input_widget.text() == TODAY
    click(dialog.revisions.remove_button)  # the new row is the selected one
    assert dialog.revisions.revisions() == ISSUED
    assert fields[("metadata", "revision")].input_widget.text() == "A"  # the project's own
    assert fields[("metadata", "date")].input_widget.text() == ""
    assert dialog.operation() is None


def test_removing_the_newest_revision_makes_the_previous_one_current(window) -> None:
    window.document.execute(SetProjectList("revisions", ISSUED))
    window.document.execute(SetProjectField("metadata", "revision", "B"))
    dialog = ProjectDialog(window.document, window)
    assert not dialog.revisions.remove_button.isEnabled()  # nothing selected yet
    dialog.revisions.table.selectRow(1)
    click(dialog.revisions.remove_button)
    dialog.accept()
    project = window.document.project
    assert project.revisions == ISSUED[:1]
    assert (project.metadata["revision"], project.metadata["date"]) == ("A", "2026-01-10")


def test_a_revision_typed_in_the_title_block_wins_over_the_table(window) -> None:
    dialog = ProjectDialog(window.document, window)
    revision = dialog.fields[("metadata", "revision")].input_widget
    revision.setFocus()
    revision.selectAll()
    QTest.keyClicks(revision, "P1")
    QTest.keyClick(revision, Qt.Key.Key_Return)
    click(dialog.revisions.add_button)  # an empty table starts at the title block's revision
    click(dialog.revisions.add_button)
    assert [r.rev for r in dialog.revisions.revisions()] == ["P1", "P2"]
    assert revision.text() == "P1"
    dialog.accept()
    assert window.document.project.metadata["revision"] == "P1"


def test_a_revision_the_model_refuses_keeps_the_dialog_open(window) -> None:
    window.document.execute(SetProjectList("revisions", ISSUED))
    dialog = ProjectDialog(window.document, window)
    dialog.revisions.table.item(1, 0).setText("A")
    dialog.accept()
    assert shown_message(dialog) == "two revisions are both named 'A'"
    assert dialog.result() != ProjectDialog.DialogCode.Accepted
    assert window.document.project.revisions == ISSUED
    dialog.revisions.table.item(1, 0).setText("")
    dialog.accept()
    assert "every revision needs a Rev" in shown_message(dialog)
    dialog.revisions.table.item(1, 0).setText("B")
    dialog.revisions.table.item(1, 3).setText("x" * 81)
    dialog.accept()
    assert "By is 81 characters long; at most 80 allowed" in shown_message(dialog)
    assert window.document.project.revisions == ISSUED


def test_the_saved_file_reopens_with_its_logo_and_revisions(window, logo_png, tmp_path) -> None:
    def edit(dialog: ProjectDialog) -> None:
        choose(dialog, logo_png)
        click(dialog.revisions.add_button)
        click(dialog.revisions.add_button)
        dialog.revisions.table.item(0, DESCRIPTION).setText("First issue: Ω, ², Δ")
        click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))

    shown = when_modal(ProjectDialog, edit)
    window.actions["properties"].trigger()
    assert shown
    project = window.document.project
    logo, revisions = project.metadata["logo"], project.revisions
    assert logo == logo_from_file(logo_png).data_uri()
    assert [(r.rev, r.description) for r in revisions] == [("A", "First issue: Ω, ², Δ"), ("B", "")]
    target = tmp_path / "car-park.evsld"
    window.dialogs.save_path = lambda _suggestion: target
    key(window, "Ctrl+S")
    assert target.exists()
    window.files.new()
    assert window.document.project.revisions == ()
    assert window.files.open_path(target)
    reopened = window.document.project
    assert reopened.metadata["logo"] == logo and reopened.revisions == revisions
    assert reopened.metadata["revision"] == "B"


@pytest.mark.parametrize(
    ("last", "following"),
    [
        ("A", "B"),
        ("b", "c"),
        ("Z", "AA"),
        ("AZ", "BA"),
        ("P1", "P2"),
        ("C02", "C03"),
        ("9", "10"),
        ("A.9", "A.10"),
        ("-", "A"),
    ],
)
def test_next_revision(last: str, following: str) -> None:
    assert next_revision(last) == following
