"""Report sections: findings grouped by severity, accepted warnings moved out with their
reason, errors never accepted, revisions in the title strip."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from evsld.calc.analysis import analyse
from evsld.export.document import export_pdf
from evsld.export.report import accepted_section, boards_section, findings_section
from evsld.model.operations import SetProjectList
from evsld.model.project_data import Acceptance, Revision
from evsld.rules.engine import Report
from evsld.rules.finding import Finding, Severity
from tests.builders import car_park


def setup():
    project, feeders = car_park(2)
    cable, evse = feeders[0].cable.id, feeders[1].evse.id
    warning = Finding("TEST-WARN", Severity.WARNING, "525", (cable,), "drop near its limit")
    other = Finding("TEST-WARN", Severity.WARNING, "525", (evse,), "another warning")
    error = Finding("TEST-ERR", Severity.ERROR, "411", (cable,), "disconnection too slow")
    acceptances = (
        Acceptance("TEST-WARN", (cable,), "the client accepts 4.8 %"),
        Acceptance("TEST-ERR", (cable,), "errors cannot be waved through"),
        Acceptance("GONE", (evse,), "no longer raised"),
    )
    project.apply(SetProjectList("acceptances", acceptances))
    return project, Report.of([warning, other, error], "IEC"), cable


def test_an_accepted_warning_leaves_the_check_results_with_its_reason() -> None:
    project, report, cable = setup()
    tag = project.diagram.device(cable).tag
    results = findings_section(project, report)
    spans = [r.cells[0] for r in results.rows if r.span]
    assert spans == ["Errors (1)", "Warnings (1)"]  # grouped by severity, the accepted one out
    messages = [r.cells[3] for r in results.rows if not r.span]
    assert messages == ["disconnection too slow", "another warning"]
    accepted = {r.cells[3]: r.cells for r in accepted_section(project, report).rows}
    assert accepted["the client accepts 4.8 %"][1:3] == (tag, "drop near its limit")
    # an acceptance never covers an error, and a stale one says it matches nothing
    assert accepted["errors cannot be waved through"][2] == "not raised by the current check"
    assert accepted["no longer raised"][2] == "not raised by the current check"


def test_board_currents_come_from_the_calculations() -> None:
    project, _, _ = setup()
    analysis = analyse(project)
    (row,) = boards_section(project, analysis).rows
    board = next(analysis.boards())
    assert row.cells[2] == f"{board.ib_a:.1f}"
    assert row.cells[3:6] == tuple(f"{i:.1f}" for i in board.phase_currents_a)


def test_revisions_print_newest_first_in_the_revision_table(tmp_path: Path) -> None:
    project, report, _ = setup()
    revisions = (
        Revision("A", "2026-01-10", "First issue", "JD"),
        Revision("B", "2026-03-02", "Feeder EV02 moved", "JD"),
    )
    project.apply(SetProjectList("revisions", revisions))
    export_pdf(project, tmp_path / "r.pdf", draft=True, report=report)
    text = PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    assert text.index("Feeder EV02 moved") < text.index("First issue")
