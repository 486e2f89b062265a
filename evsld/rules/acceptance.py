"""Findings the designer accepted, with a reason, and how a check honours them.

An acceptance names a rule and the devices of a finding, and carries a fingerprint of those
devices' electrical state: kind, attributes and connections, but not position, tag or name, so
moving or renaming keeps it while any change that could alter the verdict drops it. A dropped
acceptance is reported as a notice, never silently forgotten; the finding comes back active.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from evsld.model.diagram import EditError
from evsld.model.fileformat.limits import MAX_TEXT
from evsld.model.operations import Operation, SetProjectList
from evsld.model.project import Project
from evsld.model.project_data import Acceptance
from evsld.rules.finding import Finding


@dataclass(frozen=True)
class AcceptedFinding:
    finding: Finding
    acceptance: Acceptance

    @property
    def reason(self) -> str:
        return self.acceptance.reason


@dataclass(frozen=True)
class Notice:
    """An acceptance that no longer applies, and why (it is dropped from the report)."""

    acceptance: Acceptance
    message: str


def fingerprint(project: Project, rule: str, devices: Iterable[str]) -> str:
    """A short digest of the rule and the involved devices' kind, attributes and connections."""
    diagram = project.diagram
    state: list[object] = [rule]
    for device_id in devices:
        device = diagram.get(device_id)
        if device is None:
            state.append(None)
            continue
        links = sorted(
            (
                (c.a if c.a.device == device_id else c.b).port,
                c.other(device_id).device,
                c.other(device_id).port,
            )
            for c in diagram.connections_of(device_id)
        )
        attrs = {k: list(v) if isinstance(v, tuple) else v for k, v in device.attrs.items()}
        state.append([device_id, device.kind, attrs, links])
    raw = json.dumps(state, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def resolve(
    project: Project, findings: Iterable[Finding], rule_ids: Collection[str]
) -> tuple[list[Finding], list[AcceptedFinding], list[Notice]]:
    """Split findings into active and accepted ones; explain every acceptance that no longer
    applies."""
    by_key: dict[tuple[str, tuple[str, ...]], list[Finding]] = {}
    for f in findings:
        by_key.setdefault(f.key, []).append(f)
    accepted: list[AcceptedFinding] = []
    notices: list[Notice] = []
    for acceptance in project.acceptances:
        key = (acceptance.rule, tuple(acceptance.devices))
        problem = _stale(project, acceptance, rule_ids, by_key.get(key))
        if problem is not None:
            notices.append(Notice(acceptance, f"{_describe(project, acceptance)}: {problem}"))
            continue
        accepted.extend(AcceptedFinding(f, acceptance) for f in by_key.pop(key))
    active = [f for group in by_key.values() for f in group]
    return active, accepted, notices


def _stale(
    project: Project,
    acceptance: Acceptance,
    rule_ids: Collection[str],
    matching: list[Finding] | None,
) -> str | None:
    if acceptance.rule not in rule_ids:
        return "this version of evsld has no such rule; the acceptance is dropped"
    missing = [d for d in acceptance.devices if d not in project.diagram]
    if missing:
        return f"device {', '.join(missing)} no longer exists; the acceptance is dropped"
    if fingerprint(project, acceptance.rule, acceptance.devices) != acceptance.fingerprint:
        return "the devices changed since it was accepted; the acceptance is dropped"
    if not matching:
        return "the finding no longer occurs; the acceptance is dropped"
    if not all(f.acceptable for f in matching):
        return "the finding is now an error, which this rule does not let you accept"
    return None


def _describe(project: Project, acceptance: Acceptance) -> str:
    tags = [
        project.diagram.device(d).tag if d in project.diagram else d for d in acceptance.devices
    ]
    where = f" for {', '.join(tags[:5])}{' ...' if len(tags) > 5 else ''}" if tags else ""
    return f"Acceptance of {acceptance.rule}{where} ('{acceptance.reason}')"


# --- the operations the editor offers -----------------------------------------------------------


def accept(project: Project, finding: Finding, reason: str) -> Operation:
    """The undoable edit that accepts a finding with a reason (replacing an earlier one)."""
    if not finding.acceptable:
        raise EditError(f"{finding.rule}: an error of this rule cannot be accepted; fix the design")
    reason = reason.strip()
    if not reason:
        raise EditError("an accepted finding needs a reason, printed beside it in reports")
    if len(reason) > MAX_TEXT or any(not (c.isprintable() or c in "\n\t") for c in reason):
        raise EditError(f"a reason is printable text of at most {MAX_TEXT} characters")
    new = Acceptance(finding.rule, finding.devices, reason, fingerprint(project, *finding.key))
    kept = tuple(a for a in project.acceptances if (a.rule, tuple(a.devices)) != finding.key)
    return SetProjectList("acceptances", (*kept, new), label=f"Accept {finding.rule}")


def withdraw(project: Project, acceptance: Acceptance) -> Operation:
    """The undoable edit that withdraws an acceptance: its finding becomes active again."""
    if acceptance not in project.acceptances:
        raise EditError(f"{acceptance.rule}: this acceptance is not in the project")
    remaining = tuple(a for a in project.acceptances if a != acceptance)
    return SetProjectList(
        "acceptances", remaining, label=f"Withdraw acceptance of {acceptance.rule}"
    )


def drop_stale(project: Project, notices: Iterable[Notice]) -> Operation | None:
    """The undoable edit that removes the acceptances a report found stale (None: none are)."""
    stale = [n.acceptance for n in notices]
    if not stale:
        return None
    remaining = tuple(a for a in project.acceptances if a not in stale)
    return SetProjectList("acceptances", remaining, label="Drop stale acceptances")
