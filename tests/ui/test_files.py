"""Files: save and reopen, unreadable files, unsaved changes, recent files, drops, autosave
and recovery after a crash."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from evsld.model.fileformat import project_to_json, save_data
from evsld.paths import resources_dir
from evsld.templates import TEMPLATES
from evsld.ui import autosave as autosave_module
from evsld.ui.dialogs import SaveAnswer
from evsld.ui.document import Document
from evsld.ui.template_dialog import TemplateDialog
from tests.ui.conftest import key, saved_json

EXAMPLE = resources_dir() / "examples" / "small-car-park.evsld"
BROKEN = Path(__file__).resolve().parent.parent / "data" / "broken"


def test_save_then_reopen_gives_the_same_project(window, tmp_path: Path) -> None:
    window.editor.place("breaker", QPointF(0, 0))
    assert window.isWindowModified() and window.windowTitle().startswith("Untitled")
    target = tmp_path / "drawing.evsld"
    window.dialogs.save_path = lambda _suggestion: target
    key(window, "Ctrl+S")
    assert target.exists() and not window.isWindowModified()
    assert window.windowTitle() == "drawing.evsld[*] — evsld"
    drawn = saved_json(window)
    assert target.read_text(encoding="utf-8") == drawn

    window.files.new()
    assert len(window.document.project.diagram) == 0
    assert window.files.open_path(target)
    assert saved_json(window) == drawn
    assert window.preferences.recent_files()[0] == target.resolve()


def test_an_unreadable_file_shows_the_loaders_message_in_a_dialog(window) -> None:
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, read_and_close)

    QTimer.singleShot(0, read_and_close)
    assert not window.files.open_path(BROKEN / "truncated.evsld")
    assert len(seen) == 1
    assert "truncated.evsld cannot be opened" in seen[0]
    assert "the file is truncated" in seen[0]
    assert "Traceback" not in seen[0]
    assert len(window.document.project.diagram) == 0  # the current project stayed


def test_closing_with_unsaved_changes_asks_first(window) -> None:
    window.editor.place("breaker", QPointF(0, 0))
    asked: list[str] = []

    def answer(name: str) -> SaveAnswer:
        asked.append(name)
        return SaveAnswer.CANCEL

    window.dialogs.ask_save = answer
    assert not window.close()
    assert asked == ["Untitled"] and window.isVisible()
    window.dialogs.ask_save = lambda _name: SaveAnswer.DISCARD
    assert window.close()


def test_dropping_a_project_file_on_the_window_opens_it(window) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(EXAMPLE))])
    event = QDropEvent(
        QPoint(50, 50).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.view.dropEvent(event)
    assert window.document.path == EXAMPLE
    assert window.document.project.diagram.by_tag("EV04") is not None
    assert window.windowTitle() == "small-car-park.evsld[*] — evsld"


def test_recent_files_and_grid_settings_persist(make_window, tmp_path: Path) -> None:
    first = make_window()
    first.files.open_path(EXAMPLE)
    first.actions["grid"].trigger()  # hide the grid
    first.set_grid(size=20.0)
    first.close()
    second = make_window()
    assert second.preferences.recent_files() == [EXAMPLE.resolve()]
    assert second.scene.grid == 20.0 and not second.scene.show_grid
    assert not second.actions["grid"].isChecked()


def test_autosave_writes_unsaved_work_and_forgets_it_once_saved(window, tmp_path: Path) -> None:
    autosave = window.autosave
    assert not autosave.save_now()  # nothing to save yet
    window.editor.place("evse", QPointF(0, 0))
    assert autosave.save_now()
    assert autosave.project_file.read_text(encoding="utf-8") == saved_json(window)
    assert not autosave.save_now()  # unchanged since
    window.dialogs.save_path = lambda _s: tmp_path / "saved.evsld"
    window.files.save()
    assert not autosave.project_file.exists()


def test_the_timers_autosave_writes_on_a_worker_what_the_project_was_at_the_tick(
    window, qtbot, monkeypatch
) -> None:
    """The GUI thread only copies the project; a slow write does not hold the editor, no
    second write starts meanwhile, and edits made during the write are not in that file."""
    autosave = window.autosave
    release = threading.Event()
    writer = threading.current_thread()

    def slow_save(data, path) -> None:
        nonlocal writer
        writer = threading.current_thread()
        release.wait(10)
        save_data(data, path)

    monkeypatch.setattr(autosave_module, "save_data", slow_save)
    window.editor.place("evse", QPointF(0, 0))
    assert autosave.save_in_background()
    at_the_tick = saved_json(window)
    window.editor.place("evse", QPointF(200, 0))  # the editor goes on while it writes
    assert not autosave.save_in_background()  # one write at a time
    assert not autosave.project_file.exists()
    release.set()
    qtbot.waitUntil(autosave.project_file.exists, timeout=5000)
    qtbot.waitUntil(autosave.note_file.exists, timeout=5000)
    assert writer is not threading.current_thread()
    assert autosave.project_file.read_text(encoding="utf-8") == at_the_tick
    assert autosave.save_now()  # the later edit is still to be saved
    assert autosave.project_file.read_text(encoding="utf-8") == saved_json(window)


def test_discarding_the_work_during_a_background_autosave_leaves_no_session_behind(
    window, qtbot, monkeypatch
) -> None:
    autosave = window.autosave
    release = threading.Event()

    def slow_save(data, path) -> None:
        release.wait(10)
        save_data(data, path)

    monkeypatch.setattr(autosave_module, "save_data", slow_save)
    window.editor.place("evse", QPointF(0, 0))
    assert autosave.save_in_background()
    threading.Timer(0.05, release.set).start()  # it ends while File > New waits for it
    assert window.files.new()  # the unsaved work is discarded (the fixture's answer)
    qtbot.wait(100)
    assert not autosave.project_file.exists() and not autosave.note_file.exists()


CRASHING_EDITOR = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from evsld.ui.main_window import MainWindow
    window = MainWindow(autosave_dir=Path(sys.argv[1]))
    window.files.open_path(Path(sys.argv[2]))
    window.editor.place("evse", QPointF(400, 900))
    assert window.autosave.save_now()
    os._exit(3)  # a crash: no clean exit, the autosave and its lock stay behind
    """
)


def test_recovery_after_a_crash(make_window, tmp_path: Path) -> None:
    work = tmp_path / "site.evsld"
    work.write_bytes(EXAMPLE.read_bytes())
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_EDITOR, str(tmp_path / "autosave"), str(work)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert crashed.returncode == 3, crashed.stderr

    window = make_window()
    offered: list[str] = []

    def accept(recovery) -> bool:
        offered.append(recovery.describe())
        return True

    window.dialogs.ask_recover = accept
    assert window.files.offer_recovery()
    assert len(offered) == 1 and offered[0].startswith("site.evsld (autosaved ")
    project = window.document.project
    assert project.diagram.by_tag("EV05") is not None  # the edit made before the crash
    assert window.document.path == work and window.isWindowModified()
    assert "(recovered)" in window.windowTitle()
    assert work.read_bytes() == EXAMPLE.read_bytes()  # the file itself was not touched
    window.files.save()
    assert work.read_text(encoding="utf-8") == project_to_json(project)
    assert not window.files.offer_recovery()  # nothing left to offer


def test_a_running_editors_autosave_is_not_offered_to_another(make_window) -> None:
    first = make_window()
    first.editor.place("evse", QPointF(0, 0))
    assert first.autosave.save_now()
    second = make_window()
    second.dialogs.ask_recover = lambda _r: (_ for _ in ()).throw(AssertionError("offered"))
    assert not second.files.offer_recovery()


def test_new_from_template_builds_a_drawn_project_that_needs_saving(window) -> None:
    dialog = TemplateDialog(window)
    assert dialog.templates.count() == len(TEMPLATES)
    number = next(
        p
        for p in dialog.template.parameters
        if isinstance(p.default, int | float) and not isinstance(p.default, bool) and not p.choices
    )
    dialog.inputs[number.name].setText("-3")
    dialog.accept()
    assert dialog.project is None and not dialog.message.isHidden()
    assert dialog.message.text().startswith(number.name)  # the template's own refusal
    dialog.inputs[number.name].setText(str(number.default))
    dialog.accept()
    assert dialog.project is not None and len(dialog.project.diagram) > 3

    document = Document(dialog.project)
    document.unsaved_origin = dialog.template.title
    window.set_document(document)
    assert window.isWindowModified() and dialog.template.title in window.windowTitle()
    window.dialogs.ask_save = lambda _name: SaveAnswer.CANCEL
    assert not window.close()  # unsaved work is not dropped silently
    window.dialogs.ask_save = lambda _name: SaveAnswer.DISCARD
