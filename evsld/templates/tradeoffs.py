"""Warnings a template's design accepts on purpose, saved in the project with the reason.

Some findings are trade-offs, not mistakes: ten single-phase points cannot share three phases
equally (R-PH-UNB), a site zone read over points that never charge at the same time looks
short of 6 A a point (R722-LMS-6A). A builder declares each one with the devices it concerns
and the reason a designer would write; `accept_trade_offs` runs the full check once and
accepts, with that reason, each acceptable finding of the declared rule that involves one of
those devices. Everything else stays active, so a template mistake is never hidden.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from evsld.model.project import Project
from evsld.rules.acceptance import accept
from evsld.rules.engine import check_project


@dataclass(frozen=True)
class TradeOff:
    rule: str
    devices: frozenset[str]  # a finding is accepted only if it involves one of these
    reason: str

    def covers(self, rule: str, devices: Collection[str]) -> bool:
        return rule == self.rule and not self.devices.isdisjoint(devices)


def accept_trade_offs(project: Project, trade_offs: Iterable[TradeOff]) -> None:
    """Accept the findings the declared trade-offs cover (one undoable edit each)."""
    declared = tuple(trade_offs)
    if not declared:
        return
    for finding in check_project(project).findings:
        if not finding.acceptable:
            continue
        for trade_off in declared:
            if trade_off.covers(finding.rule, finding.devices):
                project.apply(accept(project, finding, trade_off.reason))
                break
