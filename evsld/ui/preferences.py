"""What the editor remembers between runs (QSettings): window layout, recent files, grid.

The organisation and application names are set by the application, so QSettings finds the
platform's usual place; tests point QSettings at a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "evsld"
APPLICATION = "evsld"
MAX_RECENT = 8
DEFAULT_GRID = 10.0
GRID_CHOICES = (5.0, 10.0, 20.0, 50.0)


class Preferences:
    def __init__(self) -> None:
        # the default format (native unless a test chose INI files in a temporary folder)
        self._settings = QSettings(
            QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION
        )

    # --- recent files -------------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        raw = self._settings.value("files/recent", [])
        if isinstance(raw, str):  # QSettings gives a lone string for a one-item list
            raw = [raw]
        return [Path(p) for p in raw or [] if p]

    def add_recent(self, path: Path) -> None:
        resolved = path.resolve()
        paths = [resolved, *(p for p in self.recent_files() if p != resolved)][:MAX_RECENT]
        self._settings.setValue("files/recent", [str(p) for p in paths])

    def remove_recent(self, path: Path) -> None:
        paths = [p for p in self.recent_files() if p != path]
        self._settings.setValue("files/recent", [str(p) for p in paths])

    # --- grid ---------------------------------------------------------------------------------

    def grid_size(self) -> float:
        value = _as_float(self._settings.value("grid/size", DEFAULT_GRID))
        return value if value in GRID_CHOICES else DEFAULT_GRID

    def set_grid_size(self, size: float) -> None:
        self._settings.setValue("grid/size", size)

    def grid_visible(self) -> bool:
        return _as_bool(self._settings.value("grid/visible", True))

    def set_grid_visible(self, visible: bool) -> None:
        self._settings.setValue("grid/visible", visible)

    def snap(self) -> bool:
        return _as_bool(self._settings.value("grid/snap", True))

    def set_snap(self, snap: bool) -> None:
        self._settings.setValue("grid/snap", snap)

    # --- window -------------------------------------------------------------------------------

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self._settings.value("window/geometry"), self._settings.value("window/state")

    def set_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)

    def sync(self) -> None:
        self._settings.sync()


def _as_bool(value: object) -> bool:
    # INI files give strings back
    return value in (True, "true", "1", 1)


def _as_float(value: object) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return DEFAULT_GRID
