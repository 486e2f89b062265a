"""The `evsld check` contract other tools rely on: output shape and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from evsld.cli.main import main
from evsld.model.fileformat import save_project
from evsld.model.operations import SetAttribute
from tests.builders import car_park

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "small-car-park.evsld"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "evsld", *args], capture_output=True, text=True, timeout=60
    )


def test_clean_example_exits_0_with_the_json_contract() -> None:
    result = run_cli("check", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # the contract of issue 2, plus the additions of the rule engine
    assert set(data) == {"file", "findings", "summary", "profile", "accepted", "notices"}
    assert data["file"] == str(EXAMPLE)
    assert data["findings"] == data["accepted"] == data["notices"] == []
    assert set(data["summary"]) == {"errors", "warnings", "infos"}
    assert data["summary"]["errors"] == 0


def test_errors_exit_1_and_every_finding_follows_the_contract(tmp_path: Path) -> None:
    project, feeders = car_park(2)
    project.apply(SetAttribute(feeders[0].breaker.id, "closed", False))
    project.add("evse")  # drawn but never connected
    path = tmp_path / "bad.evsld"
    save_project(project, path)
    result = run_cli("check", str(path), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["summary"]["errors"] == sum(f["severity"] == "error" for f in data["findings"])
    for finding in data["findings"]:
        assert {"rule", "severity", "clause", "devices", "message"} <= set(finding)
        assert set(finding) <= {"rule", "severity", "clause", "devices", "message", "fix"}
        assert finding["severity"] in ("error", "warning", "info")
        assert all(isinstance(d, str) for d in finding["devices"])
    unfed = {d for f in data["findings"] if f["rule"] == "TOPO-UNFED" for d in f["devices"]}
    assert feeders[0].evse.id in unfed


def test_text_output_names_tags_and_ends_with_a_summary(tmp_path: Path) -> None:
    project, _ = car_park(1)
    project.add("evse")
    path = tmp_path / "t.evsld"
    save_project(project, path)
    result = run_cli("check", str(path))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith("E TOPO-UNFED") and "[EV02]" in line for line in lines)
    assert lines[-1] == "1 error(s), 0 warning(s), 0 info(s)"


def test_help_lists_every_verb_and_each_verb_documents_its_exit_codes() -> None:
    result = run_cli("--help")
    assert result.returncode == 0 and "check" in result.stdout
    result = run_cli("check", "--help")
    assert "--format" in result.stdout and "2  the file cannot be read" in result.stdout


def test_usage_errors_exit_2() -> None:
    assert run_cli("check").returncode == 2
    assert run_cli("check", str(EXAMPLE), "--format", "xml").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_an_internal_error_is_one_line_not_a_traceback(monkeypatch, capsys) -> None:
    from evsld.cli import check

    def boom(*_a, **_k):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(check, "check_project", boom)
    assert main(["check", str(EXAMPLE)]) == 70
    err = capsys.readouterr().err
    assert (
        err.strip()
        == "evsld: error: internal error (RuntimeError: simulated bug); please report it"
    )
