"""The example the application opens on first start is the office case study at its
defaults, exactly as the template builds it today. When a template changes, regenerate it:

    python -m evsld new --template office-case-study --force \
        -o resources/examples/office-case-study.evsld
"""

from __future__ import annotations

from evsld.model.fileformat import project_to_json
from evsld.paths import resources_dir
from evsld.templates import build

EXAMPLE = resources_dir() / "examples" / "office-case-study.evsld"


def test_the_shipped_example_is_a_fresh_build_of_the_office_case_study() -> None:
    fresh = project_to_json(build("office-case-study")).encode("utf-8")
    assert EXAMPLE.read_bytes() == fresh, (
        "resources/examples/office-case-study.evsld is stale: regenerate it with the command "
        "in this test's docstring"
    )
