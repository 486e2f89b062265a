"""Every template builds a saveable installation with the devices its architecture calls
for, clean for the topology checks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from evsld.model.fileformat import load_project, project_to_json, save_project
from evsld.rules.engine import check_project
from tests.templates.cases import CASES, Case, built

by_case = pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)


@by_case
def test_saves_and_reloads_byte_identically(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "t.evsld"
    save_project(built(case), path)
    reloaded = load_project(path)
    assert project_to_json(reloaded).encode("utf-8") == path.read_bytes()
    assert len(reloaded.diagram) == len(built(case).diagram)


@by_case
def test_device_counts(case: Case) -> None:
    project = built(case)
    kinds = Counter(d.kind for d in project.diagram.devices())
    counts = (
        kinds["evse"],
        sum(e["points"] for e in project.diagram.devices_of_kind("evse")),
        kinds["breaker"],
        kinds["rcd"],
        kinds["spd"],
        kinds["meter"],
        kinds["tapoff"],
        kinds["lms"],
    )
    assert counts == case.counts
    (supply,) = project.diagram.devices_of_kind("supply")
    assert kinds["transformer"] == (1 if supply["supply_kind"] == "private_mv_lv" else 0)


@by_case
def test_the_full_check_finds_nothing_but_the_accepted_trade_offs(case: Case) -> None:
    """0 errors and 0 warnings; the warnings the design accepts are exactly the case's,
    each saved with its reason, and no acceptance went stale."""
    project = built(case)
    report = check_project(project)
    assert report.errors == 0 and report.warnings == 0, report.findings
    assert report.notices == ()
    names = {d.id: d.name for d in project.diagram.devices()}
    accepted = sorted(
        (a.finding.rule, tuple(names[d] for d in a.finding.devices)) for a in report.accepted
    )
    assert accepted == sorted(case.accepted)
    assert all(a.reason for a in report.accepted)
