"""`evsld`: no argument or a project file opens the editor; verbs stay headless."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from evsld.launcher import main, missing_display, wants_editor
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


@pytest.mark.parametrize(
    ("environ", "platform", "refused"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_a_missing_display_is_named_before_qt_starts(environ, platform, refused) -> None:
    assert (missing_display(environ, platform) is not None) is refused


def test_the_editor_without_a_display_says_so_and_exits_2(monkeypatch, capsys) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main([str(EXAMPLE)]) == 2
    assert "no display" in capsys.readouterr().err
