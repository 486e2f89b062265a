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
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer

from evsld.model.fileformat import load_project, project_to_data, save_data
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
    """Writes the document to the session file every interval while it has unsaved edits.

    The timer's saves copy the project to plain data in the GUI thread and leave encoding and
    writing to a worker thread: encoding a 5,000-charger project takes about a second, which
    would freeze the editor once a minute. One write runs at a time; forgetting the session
    waits for it, so a late write never brings the files back."""

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
        self._timer.timeout.connect(self.save_in_background)
        self._timer.start()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._pending: Future[int] | None = None  # a background write: its revision

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
        """Autosave at once if there is unsaved work not yet autosaved; True when a file was
        written."""
        self._settle()
        if not self._due():
            return False
        doc = self.document
        assert doc is not None
        revision = doc.project.revision
        self._saved_revision = self._write(project_to_data(doc.project), self._note(), revision)
        return True

    def save_in_background(self) -> bool:
        """The same on the worker thread; True when a write was started (none starts while
        the previous one is still going)."""
        if self._pending is not None and not self._pending.done():
            return False
        self._settle()
        if not self._due():
            return False
        doc = self.document
        assert doc is not None
        data, note = project_to_data(doc.project), self._note()
        self._pending = self._writer.submit(self._write, data, note, doc.project.revision)
        return True

    def _due(self) -> bool:
        doc = self.document
        if doc is None:
            return False
        if not doc.modified:
            self.forget()
            return False
        return doc.project.revision != self._saved_revision or not self.project_file.exists()

    def _note(self) -> dict[str, str | None]:
        assert self.document is not None
        path = self.document.path
        return {
            "source": str(path) if path else None,
            "saved_at": datetime.now().isoformat(timespec="seconds"),
        }

    def _write(self, data: dict, note: dict[str, str | None], revision: int) -> int:
        save_data(data, self.project_file)
        self.note_file.write_text(json.dumps(note), encoding="utf-8")
        return revision

    def _settle(self) -> None:
        """Take in a finished background write (its error, if it failed, is raised here)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self._saved_revision = pending.result()

    def forget(self) -> None:
        """Nothing left to recover (saved, or the document was closed)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            wait([pending])  # then remove what it wrote; its outcome no longer matters
        for path in (self.project_file, self.note_file):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        self._saved_revision = -1

    def release(self) -> None:
        """A clean exit: drop the session altogether."""
        self._timer.stop()
        self.forget()
        self._writer.shutdown()
        self._lock.unlock()
