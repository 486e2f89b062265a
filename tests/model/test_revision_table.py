"""The revision table printed on every sheet: the model refuses on edit exactly what the file
reader refuses on load, so a project that saves always reopens."""

from __future__ import annotations

import pytest

from evsld.model.diagram import EditError
from evsld.model.fileformat import ProjectFileError, project_from_data, project_to_data
from evsld.model.operations import SetProjectList
from evsld.model.project import Project
from evsld.model.project_data import Revision

ISSUED = (
    Revision("A", "2026-01-10", "First issue", "JD"),
    Revision("B", "2026-03-02", "Feeder EV02 moved", "JD"),
)

REFUSED = [
    ((Revision("A"), Revision("A")), "two revisions are both named 'A'"),
    ((Revision(""),), "every revision needs a Rev"),
    ((Revision("  "),), "every revision needs a Rev"),
    ((Revision("R" * 21),), "Rev is 21 characters long; at most 20 allowed"),
    ((Revision("A", "d" * 41),), "revision 'A': Date is 41 characters long; at most 40 allowed"),
    ((Revision("A", description="x" * 4001),), "is 4001 characters long"),
    ((Revision("A", author="y" * 81),), "By is 81 characters long; at most 80 allowed"),
    ((Revision("A", description="bell\a"),), "Description contains control characters"),
]


def test_a_valid_table_is_kept_undone_and_saved() -> None:
    project = Project()
    inverse = project.apply(SetProjectList("revisions", ISSUED))
    assert project.revisions == ISSUED
    assert project_from_data(project_to_data(project)).revisions == ISSUED
    project.apply(inverse)
    assert project.revisions == ()


@pytest.mark.parametrize(("rows", "message"), REFUSED)
def test_an_edit_is_refused_with_its_reason(rows: tuple[Revision, ...], message: str) -> None:
    project = Project()
    project.apply(SetProjectList("revisions", ISSUED))
    with pytest.raises(EditError, match=message):
        project.apply(SetProjectList("revisions", rows))
    assert project.revisions == ISSUED


@pytest.mark.parametrize(("rows", "message"), REFUSED)
def test_a_file_holding_it_is_refused_too(rows: tuple[Revision, ...], message: str) -> None:
    data = project_to_data(Project())
    data["project"]["revisions"] = [vars(row) for row in rows]
    with pytest.raises(ProjectFileError) as caught:
        project_from_data(data, "site.evsld")
    assert caught.value.one_line().startswith("site.evsld: $.project.revisions")
    assert message in caught.value.one_line()
