"""File format versions and the chain that upgrades old files.

`format_version` counts file-format changes only; it is independent of the application
version. When the format changes: bump CURRENT_FORMAT_VERSION, register a function that turns
the previous version's data into the new one, and keep a file of the old version under
tests/data/formats/ so the upgrade stays tested.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT_FORMAT_VERSION = 1

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# MIGRATIONS[n] upgrades data of format n to format n + 1.
MIGRATIONS: dict[int, Migration] = {}


class FormatVersionError(ValueError):
    pass


def upgrade(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring data of an older format up to the current one."""
    if version > CURRENT_FORMAT_VERSION:
        raise FormatVersionError(
            f"the file has format version {version}, written by a newer evsld; this evsld "
            f"reads format versions up to {CURRENT_FORMAT_VERSION}. Update evsld to open it."
        )
    if version < 1:
        raise FormatVersionError(f"format version {version} does not exist (the first is 1)")
    while version < CURRENT_FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise FormatVersionError(f"no upgrade is known from format version {version}")
        data = step(data)
        version += 1
        data["format_version"] = version
    return data
