"""The .evsld project file: versioned, deterministic JSON (see docs/file-format.md)."""

from evsld.model.fileformat.errors import FileProblem, ProjectFileError
from evsld.model.fileformat.migrations import CURRENT_FORMAT_VERSION
from evsld.model.fileformat.reader import load_project, project_from_bytes, project_from_data
from evsld.model.fileformat.writer import (
    project_to_data,
    project_to_json,
    save_data,
    save_project,
)

__all__ = [
    "CURRENT_FORMAT_VERSION",
    "FileProblem",
    "ProjectFileError",
    "load_project",
    "project_from_bytes",
    "project_from_data",
    "project_to_data",
    "project_to_json",
    "save_data",
    "save_project",
]
