"""Fixtures of the editor tests: an offscreen Qt, settings and autosaves in a temporary
folder, and helpers that drive the canvas with real mouse and keyboard events."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from evsld.model.fileformat import project_to_json
from evsld.ui.app import configure_application
from evsld.ui.dialogs import SaveAnswer
from evsld.ui.main_window import MainWindow


@pytest.fixture
def settings_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    configure_application()
    return folder


@pytest.fixture
def make_window(qtbot, tmp_path: Path, settings_dir: Path):
    """Build main windows on the temporary settings and autosave folders."""

    def make(**kwargs) -> MainWindow:
        window = MainWindow(autosave_dir=tmp_path / "autosave", **kwargs)
        # closing at teardown must not wait on a "save changes?" box; tests of that
        # question answer it themselves
        window.dialogs.ask_save = lambda _name: SaveAnswer.DISCARD
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.view.set_zoom(1.0)
        window.view.centerOn(0, 0)
        return window

    return make


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def saved_json(window: MainWindow) -> str:
    return project_to_json(window.document.project)


def viewport_point(window: MainWindow, scene_point: QPointF) -> QPoint:
    return window.view.mapFromScene(scene_point)


def click_scene(window: MainWindow, scene_point: QPointF, **kw) -> None:
    QTest.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=viewport_point(window, scene_point),
        **kw,
    )


def drag_scene(window: MainWindow, start: QPointF, end: QPointF) -> None:
    """Press, move in steps, release: what a hand on the mouse does."""
    viewport = window.view.viewport()
    a, b = viewport_point(window, start), viewport_point(window, end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for step in range(1, 6):
        QTest.mouseMove(viewport, a + (b - a) * step / 5)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


def click_palette(window: MainWindow, key: str) -> None:
    tree = window.palette.tree
    item = window.palette.item_for(key)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def key(window: MainWindow, sequence: str) -> None:
    """Type a shortcut into the canvas, as the user would: in the active window (a dialog
    that just closed may still hold the activation on the offscreen platform)."""
    window.activateWindow()
    for _ in range(50):
        if QApplication.activeWindow() is window:
            break
        QTest.qWait(10)
    window.view.setFocus()
    QTest.keySequence(window.view, sequence)
