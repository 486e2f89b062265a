"""Menus, toolbar and keyboard shortcuts of the main window.

Standard shortcuts (QKeySequence.StandardKey) where the platform has one, so undo, redo,
copy and paste are where every desktop user expects them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QCompleter, QLineEdit, QMenu, QMessageBox, QToolBar

from evsld.model.kinds import Category
from evsld.ui.arrange import Align
from evsld.ui.icons import icon
from evsld.ui.palette_entries import ENTRIES
from evsld.ui.preferences import GRID_CHOICES
from evsld.version import __version__

if TYPE_CHECKING:
    from evsld.ui.main_window import MainWindow

SK = QKeySequence.StandardKey
Shortcut = QKeySequence.StandardKey | str | None


def install_menus(w: MainWindow) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}

    def act(
        name: str,
        text: str,
        slot: Callable[[], object],
        shortcut: Shortcut = None,
        icon_name: str | None = None,
        extra: tuple[str, ...] = (),
    ) -> QAction:
        action = QAction(text, w)
        if shortcut is not None:
            action.setShortcuts(_keys(shortcut, *extra))
        if icon_name:
            action.setIcon(icon(icon_name))
        action.triggered.connect(lambda _checked=False: slot())
        actions[name] = action
        return action

    bar = w.menuBar()
    files, editor, view = w.files, lambda: w.editor, lambda: w.view

    m = bar.addMenu("&File")
    m.addAction(act("new", "&New", files.new, SK.New, "new"))
    m.addAction(act("new_template", "New from &Template…", files.new_from_template, "Ctrl+Shift+N"))
    m.addAction(act("open", "&Open…", files.open, SK.Open, "open"))
    recent = m.addMenu("Open &Recent")
    recent.aboutToShow.connect(lambda: _fill_recent(w, recent))
    m.addSeparator()
    m.addAction(act("save", "&Save", files.save, SK.Save, "save"))
    m.addAction(act("save_as", "Save &As…", files.save_as, "Ctrl+Shift+S"))
    m.addSeparator()
    m.addAction(act("export_pdf", "&Export PDF…", w.pdf_export.run, "Ctrl+E"))
    m.addSeparator()
    m.addAction(act("properties", "Project &Properties…", w.edit_project_properties))
    m.addSeparator()
    m.addAction(act("quit", "&Quit", w.close, SK.Quit))

    m = bar.addMenu("&Edit")
    undo = w.undo_group.createUndoAction(w, "&Undo")
    undo.setShortcuts(_keys(SK.Undo))
    undo.setIcon(icon("undo"))
    redo = w.undo_group.createRedoAction(w, "&Redo")
    redo.setShortcuts(_keys(SK.Redo, "Ctrl+Shift+Z", "Ctrl+Y"))
    redo.setIcon(icon("redo"))
    actions["undo"], actions["redo"] = undo, redo
    m.addActions([undo, redo])
    m.addSeparator()
    m.addAction(act("cut", "Cu&t", lambda: editor().cut(), SK.Cut, "cut"))
    m.addAction(act("copy", "&Copy", lambda: editor().copy(), SK.Copy, "copy"))
    m.addAction(act("paste", "&Paste", lambda: editor().paste(), SK.Paste, "paste"))
    m.addAction(act("duplicate", "D&uplicate", lambda: editor().duplicate(), "Ctrl+D"))
    m.addAction(
        act(
            "delete",
            "&Delete",
            lambda: editor().delete_selection(),
            SK.Delete,
            "delete",
            ("Backspace",),
        )
    )
    m.addSeparator()
    m.addAction(act("select_all", "Select &All", lambda: _select_all(w), SK.SelectAll))
    m.addAction(act("rotate", "&Rotate", lambda: editor().rotate(1), "R", "rotate"))
    m.addAction(act("rotate_back", "Rotate &Back", lambda: editor().rotate(-1), "Shift+R"))
    arrange = m.addMenu("Ali&gn")
    for how in Align:
        arrange.addAction(
            act(f"align_{how.name.lower()}", how.value, lambda h=how: editor().align(h))
        )
    arrange.addSeparator()
    arrange.addAction(
        act("distribute_h", "Distribute Horizontally", lambda: editor().distribute(True))
    )
    arrange.addAction(
        act("distribute_v", "Distribute Vertically", lambda: editor().distribute(False))
    )
    m.addAction(act("arrange", "Arrange &Diagram", lambda: editor().arrange_diagram(), "Ctrl+L"))
    m.addSeparator()
    m.addAction(act("find", "&Find Device…", lambda: _focus_find(w), SK.Find, "find"))

    m = bar.addMenu("&View")
    m.addAction(
        act("zoom_in", "Zoom &In", lambda: view().zoom_by(1.25), SK.ZoomIn, "zoom-in", ("Ctrl+=",))
    )
    m.addAction(act("zoom_out", "Zoom &Out", lambda: view().zoom_by(0.8), SK.ZoomOut, "zoom-out"))
    m.addAction(
        act("zoom_fit", "&Fit Drawing", lambda: view().fit_all(), "Ctrl+0", "zoom-fit", ("F",))
    )
    m.addAction(act("zoom_100", "&Actual Size", lambda: view().set_zoom(1.0), "Ctrl+1"))
    m.addSeparator()
    show_grid = act(
        "grid", "Show &Grid", lambda: w.set_grid(visible=show_grid.isChecked()), "Ctrl+G"
    )
    show_grid.setCheckable(True)
    show_grid.setChecked(w.preferences.grid_visible())
    snap = act("snap", "&Snap to Grid", lambda: w.set_grid(snap=snap.isChecked()), "Ctrl+Shift+G")
    snap.setCheckable(True)
    snap.setChecked(w.preferences.snap())
    m.addActions([show_grid, snap])
    sizes = m.addMenu("Grid Si&ze")
    size_group = QActionGroup(w)
    for size in GRID_CHOICES:
        a = sizes.addAction(f"{size:g} units", lambda s=size: w.set_grid(size=s))
        a.setCheckable(True)
        a.setChecked(size == w.preferences.grid_size())
        size_group.addAction(a)
    m.addSeparator()
    panels = m.addMenu("&Panels")
    for dock in (w.palette_dock, w.inspector_dock, w.undo_dock, w.findings_dock, w.calc_dock):
        panels.addAction(dock.toggleViewAction())

    m = bar.addMenu("&Insert")
    for category in Category:
        sub = m.addMenu(category.value)
        for entry in (e for e in ENTRIES if e.category is category):
            sub.addAction(entry.label, lambda e=entry: view().arm(e))

    m = bar.addMenu("&Check")
    m.addAction(act("check", "&Run Checks Now", w.checker.run_now, "F5", "check"))
    live = act("live_check", "&Live Check", lambda: w.checker.set_enabled(live.isChecked()))
    live.setCheckable(True)
    live.setChecked(True)
    m.addAction(live)
    m.addAction(act("show_findings", "Show &Findings", lambda: _show_dock(w.findings_dock), "F8"))
    m.addAction(act("show_calculation", "Show &Calculation", lambda: _show_dock(w.calc_dock), "F9"))

    m = bar.addMenu("&Tools")
    m.addAction(act("balance_phases", "&Balance Phases", w.balance_phases))
    m.addAction(act("power_reservation", "&Power Reservation…", w.power_reservation))

    m = bar.addMenu("&Help")
    m.addAction(
        act("shortcuts", "&Keyboard Shortcuts", lambda: _shortcuts(w, actions), SK.HelpContents)
    )
    m.addAction(act("about", "&About evsld", lambda: _about(w)))

    _toolbar(w, actions)
    _context_menu(w, actions)
    return actions


def _context_menu(w: MainWindow, a: dict[str, QAction]) -> None:
    """Right-click on the canvas: the edits of the selection."""
    w.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for name in ("cut", "copy", "paste", "duplicate", None, "rotate", "delete", None, "find"):
        if name is None:
            separator = QAction(w.view)
            separator.setSeparator(True)
            w.view.addAction(separator)
        else:
            w.view.addAction(a[name])


def _keys(shortcut: Shortcut, *extra: str) -> list[QKeySequence]:
    """The platform's bindings of a standard key (all of them), then the extra ones."""
    if isinstance(shortcut, QKeySequence.StandardKey):
        keys = list(QKeySequence.keyBindings(shortcut))
    else:
        keys = [QKeySequence(shortcut)]
    for k in extra:
        if QKeySequence(k) not in keys:
            keys.append(QKeySequence(k))
    return keys


def _toolbar(w: MainWindow, a: dict[str, QAction]) -> None:
    bar = QToolBar("Main")
    bar.setObjectName("main-toolbar")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    w.addToolBar(bar)
    groups = (
        ("new", "open", "save"),
        ("undo", "redo"),
        ("cut", "copy", "paste", "delete"),
        ("rotate",),
        ("zoom_in", "zoom_out", "zoom_fit"),
        ("check",),
    )
    for group in groups:
        for name in group:
            bar.addAction(a[name])
        bar.addSeparator()
    w.find_box = QLineEdit()
    w.find_box.setPlaceholderText("Find tag (Ctrl+F)")
    w.find_box.setClearButtonEnabled(True)
    w.find_box.setMaximumWidth(200)
    w.find_box.returnPressed.connect(lambda: w.find_device(w.find_box.text()))
    bar.addWidget(w.find_box)


def _focus_find(w: MainWindow) -> None:
    tags = sorted(d.tag for d in w.document.project.diagram.devices())
    completer = QCompleter(tags, w.find_box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    w.find_box.setCompleter(completer)
    w.find_box.setFocus()
    w.find_box.selectAll()


def _select_all(w: MainWindow) -> None:
    for item in w.scene.devices.values():
        item.setSelected(True)


def _show_dock(dock) -> None:
    dock.show()
    dock.raise_()


def _fill_recent(w: MainWindow, menu: QMenu) -> None:
    menu.clear()
    paths = w.preferences.recent_files()
    if not paths:
        menu.addAction("No recent projects").setEnabled(False)
        return
    for index, path in enumerate(paths, start=1):
        menu.addAction(
            f"&{index} {path.name}  —  {path.parent}", lambda p=path: w.files.open_path(p)
        )


def _shortcuts(w: MainWindow, actions: dict[str, QAction]) -> None:
    native = QKeySequence.SequenceFormat.NativeText
    rows = [
        f"<tr><td>{a.text().replace('&', '')}</td>"
        f"<td><b>{a.shortcut().toString(native)}</b></td></tr>"
        for a in actions.values()
        if not a.shortcut().isEmpty()
    ]
    rows += [
        f"<tr><td>{what}</td><td><b>{keys}</b></td></tr>"
        for what, keys in (
            ("Nudge selection", "Arrow keys (Shift: 5 grid steps)"),
            ("Zoom", "Mouse wheel"),
            ("Pan", "Middle mouse drag, or Space + drag"),
            ("Wire", "Drag from a port to a port"),
            ("Cancel placing or wiring", "Esc"),
            ("Place repeatedly", "Shift + click"),
        )
    ]
    QMessageBox.information(
        w, "Keyboard shortcuts", f"<table cellspacing=6>{''.join(rows)}</table>"
    )


def _about(w: MainWindow) -> None:
    QMessageBox.about(
        w,
        "About evsld",
        f"<b>evsld {__version__}</b><p>Single-line diagrams and IEC 60364-7-722 checks for "
        "EV charging installations.</p>",
    )
