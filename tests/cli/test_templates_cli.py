"""`evsld templates` and `evsld new`: listing, building, saving, refusing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evsld.cli.main import main
from evsld.model.fileformat import load_project, project_to_json
from evsld.templates import TEMPLATES, build


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_templates_lists_every_template_with_its_parameters_and_defaults(capsys) -> None:
    code, out, err = run(capsys, "templates")
    assert code == 0 and err == ""
    for name, template in TEMPLATES.items():
        assert f"{name}: {template.title}" in out
    assert "  points=10 " in out and "a whole number from 1 to 20" in out
    assert "  power_kw=7.4 " in out and "one of 7.4, 11, 22 kW" in out
    assert "  load_management=true " in out and "site_limit_kva=250 " in out


def test_templates_json_carries_defaults_bounds_units_and_choices(capsys) -> None:
    code, out, _ = run(capsys, "templates", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [t["name"] for t in data["templates"]] == list(TEMPLATES)
    office = data["templates"][1]
    limit = next(p for p in office["parameters"] if p["name"] == "sub_zone_limit_a")
    assert limit == {
        "name": "sub_zone_limit_a",
        "type": "number",
        "default": 250.0,
        "unit": "A",
        "minimum": 100.0,
        "maximum": 400.0,
        "choices": [],
        "help": "current limit of each static sub-zone (indoor, outdoor)",
    }
    power = next(p for p in office["parameters"] if p["name"] == "power_kw")
    assert power["type"] == "choice" and power["choices"] == [11.0, 22.0]


def test_new_builds_the_template_with_the_settings_and_saves_it(capsys, tmp_path: Path) -> None:
    path = tmp_path / "depot.evsld"
    code, out, err = run(
        capsys,
        "new",
        "--template",
        "fleet-depot",
        "--set",
        "dc_points=2",
        "--set",
        "load_management=no",
        "-o",
        str(path),
    )
    assert code == 0 and err == ""
    expected = build("fleet-depot", dc_points=2, load_management=False)
    assert out == f"{path}: fleet-depot, {len(expected.diagram)} devices\n"
    assert path.read_text(encoding="utf-8") == project_to_json(expected)
    assert len(load_project(path).diagram) == len(expected.diagram)


def test_new_refuses_to_overwrite_without_force(capsys, tmp_path: Path) -> None:
    path = tmp_path / "site.evsld"
    path.write_text("keep me", encoding="utf-8")
    code, out, err = run(capsys, "new", "--template", "residential", "-o", str(path))
    assert code == 2 and out == ""
    assert err == f"evsld: error: {path} already exists; add --force to overwrite it\n"
    assert path.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run(capsys, "new", "--template", "residential", "-o", str(path), "--force")
    assert code == 0 and load_project(path).metadata["title"].startswith("Residential")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--template", "hotel"),
            "there is no template 'hotel'; choose one of residential, office, car-park, "
            "fleet-depot, office-case-study",
        ),
        (
            ("--template", "car-park", "--set", "levels=3"),
            "template car-park has no parameter 'levels'; it takes floors, points_per_floor, "
            "power_kw, load_management, supply_kind, earthing, lightning_protection",
        ),
        (
            ("--template", "car-park", "--set", "floors=9"),
            "floors must be a whole number from 1 to 4; got 9",
        ),
        (
            ("--template", "car-park", "--set", "floors=two"),
            "floors must be a whole number from 1 to 4; got 'two'",
        ),
        (("--template", "car-park", "--set", "floors"), "--set takes KEY=VALUE, got 'floors'"),
        (
            ("--template", "car-park", "--set", "floors=1", "--set", "floors=2"),
            "--set floors is given twice",
        ),
    ],
)
def test_bad_name_key_or_value_exits_2_with_one_line(
    capsys, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    path = tmp_path / "x.evsld"
    code, out, err = run(capsys, "new", *args, "-o", str(path))
    assert code == 2 and out == ""
    assert err == f"evsld: error: {message}\n"
    assert not path.exists()


def test_an_unwritable_target_exits_2(capsys, tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "new", "--template", "office", "-o", str(tmp_path / "missing" / "x.evsld")
    )
    assert code == 2 and err.startswith("evsld: error: cannot write ") and err.count("\n") == 1
    code, _, err = run(capsys, "new", "--template", "office", "-o", str(tmp_path))
    assert code == 2 and err == f"evsld: error: {tmp_path} is a folder; give a file name\n"


def test_help_documents_the_verbs_and_their_exit_codes(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "new" in out and "templates" in out
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    out = capsys.readouterr().out
    for text in ("--template NAME", "--set KEY=VALUE", "-o FILE", "--force", "exit status"):
        assert text in out
    with pytest.raises(SystemExit) as done:
        main(["new", "-o", "x.evsld"])  # --template is required
    assert done.value.code == 2
