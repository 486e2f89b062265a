"""The next free tag, kept per prefix, always equals a scan of every tag in use."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from evsld.model import Project
from evsld.model.operations import RemoveDevice, SetTag
from evsld.model.tag_numbers import split_number


def _scanned_next(project: Project, prefix: str, digits: int) -> str:
    """What next_tag must give: one more than the highest number any tag has after the prefix."""
    pattern = re.compile(re.escape(prefix.casefold()) + r"(\d+)$")
    numbers = [
        int(m.group(1))
        for d in project.diagram.devices()
        if (m := pattern.match(d.tag.casefold())) is not None
    ]
    return f"{prefix}{max(numbers, default=0) + 1:0{digits}d}"


_edits = st.lists(
    st.tuples(
        st.sampled_from(["add", "add", "rename", "remove"]),
        st.integers(min_value=0, max_value=50),
        st.sampled_from(["Q", "q", "QA", "F", "Q-", ""]),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(_edits)
def test_next_tag_matches_a_scan_of_every_tag_after_adds_renames_and_removals(edits) -> None:
    project = Project()
    for action, number, prefix in edits:
        ids = [d.id for d in project.diagram.devices()]
        tag = f"{prefix}{number}" if prefix else None
        if action == "add" or not ids:
            if tag is not None and project.diagram.by_tag(tag) is not None:
                tag = None
            project.add("breaker", tag=tag)
        elif action == "rename" and tag is not None and project.diagram.by_tag(tag) is None:
            project.apply(SetTag(ids[number % len(ids)], tag))
        elif action == "remove":
            project.apply(RemoveDevice(ids[number % len(ids)]))
        assert project.diagram.next_tag("breaker") == _scanned_next(project, "Q", 1)
        assert project.diagram.next_tag("rcd") == _scanned_next(project, "F", 1)


def test_removing_the_highest_tag_frees_its_number_and_renaming_moves_it() -> None:
    project = Project()
    project.add("breaker", tag="Q7")
    q9 = project.add("breaker", tag="Q9")
    assert project.diagram.next_tag("breaker") == "Q10"
    project.apply(RemoveDevice(q9.id))
    assert project.diagram.next_tag("breaker") == "Q8"
    q7 = project.diagram.by_tag("Q7")
    project.apply(SetTag(q7.id, "Main"))
    assert project.diagram.next_tag("breaker") == "Q1"


def test_tags_being_pasted_count_as_taken() -> None:
    project = Project()
    project.add("breaker", tag="Q2")
    assert project.diagram.next_tag("breaker", {"Q5", "q11", "QA40"}) == "Q12"


def test_a_tag_splits_at_its_trailing_number_only() -> None:
    assert split_number("q12") == ("q", 12)
    assert split_number("qa007") == ("qa", 7)
    assert split_number("q1a2") == ("q1a", 2)
    assert split_number("main") is None
