"""Start the desktop editor: `evsld [FILE]`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from evsld.paths import resources_dir
from evsld.ui.main_window import MainWindow
from evsld.ui.preferences import APPLICATION, ORGANISATION
from evsld.ui.style import drawing_family
from evsld.version import __version__


def configure_application() -> None:
    """Names under which QSettings and QStandardPaths keep evsld's files."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)


def run(argv: Sequence[str]) -> int:
    """Open the window (on FILE when given), offer crash recovery, run the event loop."""
    configure_application()
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationDisplayName("evsld")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "evsld.svg")))
    app.setDesktopFileName("evsld")
    drawing_family()
    window = MainWindow()
    window.show()
    recovered = window.files.offer_recovery()
    if argv and not recovered:
        window.files.open_path(Path(argv[0]))
    return app.exec()
