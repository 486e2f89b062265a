"""Project-level records: title-block metadata, revisions, usage groups and acceptances."""

from __future__ import annotations

from dataclasses import dataclass

from evsld.model.attributes import SpecSet, text
from evsld.model.logo import logo_spec

METADATA = SpecSet(
    (
        text("title", "Project title", "Untitled project"),
        text("client", "Client"),
        text("site", "Site address", max_length=300),
        text("drawing_title", "Drawing title", "Single-line diagram"),
        text("drawing_number", "Drawing number", max_length=60),
        text("revision", "Revision", "A", max_length=20),
        text("date", "Date of issue", max_length=40),
        text("drawn_by", "Drawn by", max_length=80),
        text("checked_by", "Checked by", max_length=80),
        text("approved_by", "Approved by", max_length=80),
        text("company", "Company", max_length=120),
        text("notes", "Notes", max_length=4000),
        logo_spec(),
    )
)

PERIODS = {"day": "day", "night": "night", "both": "day and night"}


@dataclass(frozen=True)
class UsageGroup:
    """Devices that charge (or run) together: a period and a demand factor (Cfn)."""

    name: str
    period: str = "both"
    factor: float = 1.0


@dataclass(frozen=True)
class Revision:
    rev: str
    date: str = ""
    description: str = ""
    author: str = ""


# The fields of a revision row: rev and date feed the title block's Revision and Date of
# issue, so they share those fields' limits; a refused row is refused on edit and on load
# alike, so a project that saves always reopens.
REVISION_FIELDS = SpecSet(
    (
        text("rev", "Rev", max_length=20),
        text("date", "Date", max_length=40),
        text("description", "Description", max_length=4000),
        text("author", "By", max_length=80),
    )
)


@dataclass(frozen=True)
class Acceptance:
    """A warning the designer accepted, with the reason that will be printed beside it.

    `fingerprint` is computed by the rule engine from the devices involved, so an
    acceptance stops matching when those devices change."""

    rule: str
    devices: tuple[str, ...]
    reason: str
    fingerprint: str = ""
