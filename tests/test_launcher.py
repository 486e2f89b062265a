"""`evsld`: no argument or a project file opens the editor; verbs stay headless."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from evsld.launcher import wants_editor
from evsld.paths import resources_dir

EXAMPLE = resources_dir() / "examples" / "small-car-park.evsld"


@pytest.mark.parametrize(
    ("argv", "editor"),
    [
        ([], True),
        ([str(EXAMPLE)], True),
        (["missing-drawing.evsld"], True),  # the editor says it cannot be opened
        (["check", str(EXAMPLE)], False),
        (["--help"], False),
        (["--version"], False),
        (["frobnicate"], False),  # the CLI refuses an unknown verb with status 2
    ],
)
def test_dispatch(argv: list[str], editor: bool) -> None:
    assert wants_editor(argv) is editor


def test_a_verb_runs_without_loading_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from evsld.launcher import main; status = main(['check', sys.argv[1]]);"
        "print(status, any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "0 False"
