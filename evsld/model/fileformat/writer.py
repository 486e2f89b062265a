"""Serialize a project to its JSON form, deterministically, and save it atomically.

Deterministic means: devices and connections in natural id order, attributes in the kind's
declared order, every attribute written (so a file never depends on defaults that a later
version might change), a fixed indentation and a final newline. Saving the same project twice
gives the same bytes, so files diff cleanly under version control.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from evsld.model.device import Device
from evsld.model.diagram import natural_key
from evsld.model.fileformat.migrations import CURRENT_FORMAT_VERSION
from evsld.model.project import Project
from evsld.model.project_data import METADATA
from evsld.model.settings import SETTINGS
from evsld.version import __version__


def project_to_data(project: Project) -> dict[str, Any]:
    devices = sorted(project.diagram.devices(), key=lambda d: natural_key(d.id))
    connections = sorted(project.diagram.connections(), key=lambda c: natural_key(c.id))
    return {
        "format_version": CURRENT_FORMAT_VERSION,
        "generator": f"evsld {__version__}",
        "project": {
            "metadata": {s.name: project.metadata[s.name] for s in METADATA},
            "settings": {s.name: _plain(project.settings[s.name]) for s in SETTINGS},
            "usage_groups": [asdict(g) for g in project.usage_groups],
            "revisions": [asdict(r) for r in project.revisions],
        },
        "devices": [device_to_data(d) for d in devices],
        "connections": [
            {"id": c.id, "from": f"{c.a.device}.{c.a.port}", "to": f"{c.b.device}.{c.b.port}"}
            for c in connections
        ],
        "accepted_findings": [
            {
                "rule": a.rule,
                "devices": list(a.devices),
                "reason": a.reason,
                "fingerprint": a.fingerprint,
            }
            for a in project.acceptances
        ],
    }


def device_to_data(device: Device) -> dict[str, Any]:
    attrs = device.attrs
    # in the kind's declared order; tuples become lists (JSON arrays) in a second pass, which
    # is 2.5x faster than a call per value (autosave copies 300,000 values at 5,000 chargers)
    attributes = {name: attrs[name] for name in device.spec.attributes.by_name}
    for name, value in attributes.items():
        if isinstance(value, tuple):
            attributes[name] = list(value)
    return {
        "id": device.id,
        "kind": device.kind,
        "tag": device.tag,
        "name": device.name,
        "position": [device.placement.x, device.placement.y],
        "rotation": device.placement.rotation,
        "attributes": attributes,
    }


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def project_to_json(project: Project) -> str:
    return dumps(project_to_data(project))


def save_project(project: Project, path: str | Path) -> None:
    """Write the project so that a crash at any moment leaves either the old file or the
    new one, never a mix: write a temporary file beside the target, fsync, rename."""
    save_data(project_to_data(project), path)


def save_data(data: dict[str, Any], path: str | Path) -> None:
    """Write a project already turned into data (`project_to_data`), atomically. The data
    is a copy: it may be encoded and written on another thread while the project changes."""
    write_atomically(Path(path), dumps(data).encode("utf-8"))


def write_atomically(target: Path, payload: bytes) -> None:
    target = target.resolve()
    directory = target.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp_name, target.stat().st_mode & 0o777)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
