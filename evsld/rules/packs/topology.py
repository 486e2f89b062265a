"""Drawing-consistency rules: every device must be fed, radially, from a known source.

The electrical rules downstream rely on these: a charger no source reaches cannot be
verified, so it is an error, never a silent pass.
"""

from __future__ import annotations

from collections.abc import Iterable

from evsld.model.diagram import natural_key
from evsld.rules.finding import Finding, Severity
from evsld.rules.registry import RulePack
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView

DRAWING = "drawing consistency"


class NoSource(Rule):
    id = "TOPO-NO-SOURCE"
    clause = "IEC 60364-1 313.1"
    severity = Severity.ERROR
    summary = "the installation needs a supply whose characteristics are known"

    def check(self, view: CheckView) -> Iterable[Finding]:
        if len(view.diagram) and not view.topology.sources:
            yield self.finding(
                view,
                (),
                "The drawing has no utility supply: nothing is fed, "
                "so nothing can be verified. Add a supply at the top.",
            )


class Unfed(Rule):
    id = "TOPO-UNFED"
    clause = DRAWING
    severity = Severity.ERROR
    summary = "every device is fed from a source through closed devices"

    def check(self, view: CheckView) -> Iterable[Finding]:
        topo = view.topology
        if not topo.sources:
            return
        open_set = set(topo.open_devices)
        for device_id in topo.unfed:
            device = view.device(device_id)
            blockers = self._open_neighbours(view, device_id, open_set)
            if blockers:
                reason = f"it is fed only through open {', '.join(view.tag(b) for b in blockers)}"
            elif not view.diagram.connections_of(device_id):
                reason = "it is not connected to anything"
            else:
                reason = "no supply reaches it"
            yield self.finding(
                view,
                (device_id,),
                f"{device.label()} is not fed: {reason}. Its checks cannot run until it is.",
            )

    @staticmethod
    def _open_neighbours(view: CheckView, device_id: str, open_set: set[str]) -> list[str]:
        """Open devices that are fed and lead (through unfed devices) to this one."""
        seen, stack, found = {device_id}, [device_id], []
        while stack:
            node = stack.pop()
            for nxt in view.diagram.neighbors(node):
                if nxt in seen:
                    continue
                seen.add(nxt)
                if nxt in open_set and view.topology.is_fed(nxt):
                    found.append(nxt)
                elif not view.topology.is_fed(nxt):
                    stack.append(nxt)
        return sorted(found, key=natural_key)


class Loop(Rule):
    id = "TOPO-LOOP"
    clause = DRAWING
    severity = Severity.ERROR
    summary = "the power circuits are radial (no closed loops)"

    def check(self, view: CheckView) -> Iterable[Finding]:
        for loop in view.topology.loops:
            tags = " - ".join(view.tag(d) for d in loop)
            yield self.finding(
                view,
                loop,
                f"Closed loop {tags}: currents and protection in a meshed circuit cannot be "
                f"checked. Open one device of the loop or remove a connection.",
            )


class MultiSource(Rule):
    id = "TOPO-MULTI-SOURCE"
    clause = "IEC 60364-5-55 551.6"
    severity = Severity.WARNING
    summary = "a device fed from two sources needs an interlock against paralleling them"

    def check(self, view: CheckView) -> Iterable[Finding]:
        by_sources: dict[tuple[str, ...], list[str]] = {}
        for device_id in view.topology.multi_fed:
            by_sources.setdefault(view.topology.fed_by[device_id], []).append(device_id)
        for sources, devices in by_sources.items():
            first = devices[0]
            yield self.finding(
                view,
                (*sources, first),
                f"{view.device(first).label()} and {len(devices) - 1} device(s) below it are "
                f"fed from {len(sources)} sources ({', '.join(view.tag(s) for s in sources)}) at "
                f"once. Draw the tie open, or add a changeover with a mechanical interlock.",
            )


class ControlCycle(Rule):
    id = "TOPO-LMS-CYCLE"
    clause = DRAWING
    severity = Severity.ERROR
    summary = "load-management zones nest as a tree"

    def check(self, view: CheckView) -> Iterable[Finding]:
        controller = view.topology.controller
        # only a zone both driven and driving can lie on a circle (never a charger)
        zones = set(controller.values())
        reported: set[str] = set()
        for start in sorted((z for z in controller if z in zones), key=natural_key):
            chain = [start]
            while chain[-1] in controller and controller[chain[-1]] not in chain:
                chain.append(controller[chain[-1]])
            nxt = controller.get(chain[-1])
            if nxt in chain and not reported.intersection(chain):
                cycle = chain[chain.index(nxt) :]
                reported.update(cycle)
                yield self.finding(
                    view,
                    cycle,
                    f"Load-management zones {' > '.join(view.tag(z) for z in cycle)} control "
                    f"each other in a circle. A zone has one parent at most.",
                )


class EmptyBoard(Rule):
    id = "TOPO-EMPTY-BOARD"
    clause = DRAWING
    severity = Severity.INFO
    summary = "a switchboard with nothing connected below it"

    def check(self, view: CheckView) -> Iterable[Finding]:
        for board in view.diagram.devices_of_kind("switchboard", "busway"):
            if view.topology.is_fed(board.id) and not view.topology.children.get(board.id):
                yield self.finding(view, (board.id,), f"{board.label()} feeds nothing yet.")


TOPOLOGY_PACK = RulePack(
    name="topology",
    title="Drawing consistency",
    rules=(NoSource(), Unfed(), Loop(), MultiSource(), ControlCycle(), EmptyBoard()),
)
