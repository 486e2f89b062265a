"""The `evsld export` contract: exit codes, the print gate, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from evsld.model.fileformat import save_project
from evsld.model.operations import SetAttribute
from tests.builders import car_park

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "small-car-park.evsld"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "evsld", *args], capture_output=True, text=True, timeout=60
    )


def broken_project(tmp_path: Path) -> Path:
    project, feeders = car_park(2)
    project.apply(SetAttribute(feeders[0].breaker.id, "closed", False))  # EV unfed: an error
    path = tmp_path / "bad.evsld"
    save_project(project, path)
    return path


def test_a_clean_project_is_written_on_a_sheet_of_the_chosen_size(tmp_path: Path) -> None:
    out = tmp_path / "set.pdf"
    result = run_cli("export", str(EXAMPLE), "-o", str(out), "--sheet", "a2")
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout and "A2" in result.stdout
    page = PdfReader(out).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == 594


def test_errors_refuse_the_set_and_list_them(tmp_path: Path) -> None:
    out = tmp_path / "set.pdf"
    result = run_cli("export", str(broken_project(tmp_path)), "-o", str(out))
    assert result.returncode == 1
    assert not out.exists()
    lines = result.stderr.strip().splitlines()
    assert "error(s)" in lines[0] and "export a draft" in lines[0]
    assert any(line.startswith("E TOPO-UNFED") for line in lines[1:])


def test_draft_writes_a_stamped_set_despite_errors(tmp_path: Path) -> None:
    out = tmp_path / "set.pdf"
    result = run_cli("export", str(broken_project(tmp_path)), "-o", str(out), "--draft")
    assert result.returncode == 0, result.stderr
    assert "DRAFT" in result.stdout
    assert all("NOT FOR CONSTRUCTION" in p.extract_text() for p in PdfReader(out).pages)


def test_unreadable_input_and_unwritable_output_exit_2_in_one_line(tmp_path: Path) -> None:
    missing = run_cli("export", str(tmp_path / "nope.evsld"), "-o", str(tmp_path / "x.pdf"))
    assert missing.returncode == 2
    nowhere = tmp_path / "no-such-folder" / "x.pdf"
    unwritable = run_cli("export", str(EXAMPLE), "-o", str(nowhere))
    assert unwritable.returncode == 2
    assert unwritable.stderr.count("\n") == 1 and "does not exist" in unwritable.stderr
    bad_sheet = run_cli("export", str(EXAMPLE), "-o", str(tmp_path / "x.pdf"), "--sheet", "A0")
    assert bad_sheet.returncode == 2
