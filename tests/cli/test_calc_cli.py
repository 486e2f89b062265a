"""The `evsld calc` contract: JSON shape, keys left out where they do not apply, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from evsld.cli.main import main
from evsld.model.fileformat import save_project
from tests.calc.circuits import ev_circuit

DEVICE_KEYS = {
    "tag",
    "kind",
    "ib_a",
    "phase_currents_a",
    "neutral_a",
    "iz_a",
    "vdrop_pct",
    "vdrop_cum_pct",
    "ik_max_ka",
    "ik_min_ka",
}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "evsld", *args], capture_output=True, text=True, timeout=60
    )


def test_json_contract_and_exit_0_when_everything_is_computed(tmp_path: Path) -> None:
    c = ev_circuit(cable={"phase_section_mm2": 6.0, "length_m": 30.0})
    c.project.add("lms")  # control only: never fed, tag and kind only
    path = tmp_path / "ok.evsld"
    save_project(c.project, path)
    result = run_cli("calc", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert set(data) == {"devices", "demand"}
    assert set(data["demand"]) == {"day_kw", "night_kw", "total_kw", "design_kw"}
    assert data["demand"]["total_kw"] == 22.0
    devices = data["devices"]
    assert set(devices) == {d.id for d in c.project.diagram.devices()}
    for entry in devices.values():
        assert {"tag", "kind"} <= set(entry) <= DEVICE_KEYS
    cable = devices[c.cable.id]
    assert cable["tag"] == "W1" and cable["kind"] == "cable"
    assert cable["ib_a"] == 32.0 and cable["phase_currents_a"] == [32.0, 32.0, 32.0]
    assert cable["iz_a"] == 51.0
    assert cable["vdrop_pct"] == round(0.0225 * 30 / 6 * 32 / 230 * 100, 3)
    assert set(cable) == DEVICE_KEYS
    assert "iz_a" not in devices[c.breaker.id] and "vdrop_pct" not in devices[c.evse.id]
    lms = next(e for e in devices.values() if e["kind"] == "lms")
    assert set(lms) == {"tag", "kind"}


def test_missing_data_exits_1_with_the_notes_on_stderr(tmp_path: Path) -> None:
    c = ev_circuit(cable={"method": "A1"}, supply={"ze_ohm": None})
    path = tmp_path / "missing.evsld"
    save_project(c.project, path)
    result = run_cli("calc", str(path), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert "iz_a" not in data["devices"][c.cable.id]
    assert "ik_min_ka" not in data["devices"][c.evse.id]
    assert "E CALC-IZ-NO-TABLE: W1: no table value" in result.stderr
    assert "E CALC-SC-NO-LOOP: G1:" in result.stderr


def test_text_format(tmp_path: Path, capsys) -> None:
    c = ev_circuit(supply={"ze_ohm": None})
    path = tmp_path / "text.evsld"
    save_project(c.project, path)
    assert main(["calc", str(path)]) == 1
    out = capsys.readouterr().out
    assert "demand: day 22.0 kW, night 22.0 kW, total 22.0 kW, design 22.0 kW" in out
    assert any(line.startswith("W1 ") and " 32.0 " in line for line in out.splitlines())
    assert "E CALC-SC-NO-LOOP" in out
    assert out.rstrip().endswith("1 error(s), 0 warning(s), 0 info(s)")


def test_unreadable_file_exits_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "broken.evsld"
    path.write_text("{ not json", encoding="utf-8")
    assert main(["calc", str(path)]) == 2
    assert capsys.readouterr().err.startswith("evsld: error:")
    assert main(["calc", str(tmp_path / "absent.evsld")]) == 2
