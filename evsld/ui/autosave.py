"""Autosave to the user's data folder, and recovery of the work a crash left behind.

Each running editor owns a session in the autosave folder: a lock file held while it runs
(QLockFile), the project as last autosaved, and a small JSON note naming the file it came
from. A clean exit removes the session. On the next start, a session whose lock is no
longer held by a living process is work a crash left behind: the editor offers it back.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer

from evsld.model.fileformat import load_project, save_project
from evsld.model.project import Project
from evsld.ui.document import Document

AUTOSAVE_INTERVAL_MS = 60_000


def default_directory() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "autosave"


@dataclass(frozen=True)
class Recovery:
    """Unsaved work of a session that did not end cleanly."""

    directory: Path
    session: str
    source: Path | None  # the file the work belonged to, None for an unsaved project
    saved_at: str

    @property
    def project_file(self) -> Path:
        return self.directory / f"{self.session}.evsld"

    def describe(self) -> str:
        name = self.source.name if self.source else "an unsaved project"
        return f"{name} (autosaved {self.saved_at})"

    def load(self) -> Project:
        return load_project(self.project_file)

    def discard(self) -> None:
        _remove_session(self.directory, self.session)


def find_recoveries(directory: Path) -> list[Recovery]:
    """Sessions left by editors that are no longer running (their lock is free)."""
    found = []
    for note in sorted(directory.glob("*.json")):
        session = note.stem
        lock = QLockFile(str(directory / f"{session}.lock"))
        if not lock.tryLock(0):
            continue  # a running editor owns it
        lock.unlock()
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _remove_session(directory, session)
            continue
        if not (directory / f"{session}.evsld").exists():
            _remove_session(directory, session)
            continue
        source = Path(data["source"]) if data.get("source") else None
        found.append(Recovery(directory, session, source, str(data.get("saved_at", ""))))
    return found


def _remove_session(directory: Path, session: str) -> None:
    for suffix in (".evsld", ".json", ".lock"):
        with contextlib.suppress(FileNotFoundError):
            (directory / f"{session}{suffix}").unlink()


class Autosave(QObject):
    """Writes the document to the session file every interval while it has unsaved edits."""

    def __init__(self, directory: Path, interval_ms: int = AUTOSAVE_INTERVAL_MS) -> None:
        super().__init__()
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.session = uuid.uuid4().hex
        self._lock = QLockFile(str(directory / f"{self.session}.lock"))
        self._lock.tryLock(0)
        self.document: Document | None = None
        self._saved_revision = -1
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.save_now)
        self._timer.start()

    @property
    def project_file(self) -> Path:
        return self.directory / f"{self.session}.evsld"

    @property
    def note_file(self) -> Path:
        return self.directory / f"{self.session}.json"

    def set_document(self, document: Document) -> None:
        self.document = document
        self._saved_revision = -1
        self.forget()

    def save_now(self) -> bool:
        """Autosave if there is unsaved work not yet autosaved; True when a file was written."""
        doc = self.document
        if doc is None:
            return False
        if not doc.modified:
            self.forget()
            return False
        if doc.project.revision == self._saved_revision and self.project_file.exists():
            return False
        save_project(doc.project, self.project_file)
        note = {
            "source": str(doc.path) if doc.path else None,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
        }
        self.note_file.write_text(json.dumps(note), encoding="utf-8")
        self._saved_revision = doc.project.revision
        return True

    def forget(self) -> None:
        """Nothing left to recover (saved, or the document was closed)."""
        for path in (self.project_file, self.note_file):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        self._saved_revision = -1

    def release(self) -> None:
        """A clean exit: drop the session altogether."""
        self._timer.stop()
        self.forget()
        self._lock.unlock()
