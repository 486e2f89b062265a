"""Earthing of EV circuits: no PEN in an EV circuit (722.312.2.1), the UK PME measures
(BS 7671 722.411.4.1) and EVSE suitability for IT supplies (manufacturer data)."""

from __future__ import annotations

from collections.abc import Iterable

from evsld.model.kinds.charging import OPEN_PEN_MEASURES
from evsld.rules.clauses import iec60364
from evsld.rules.finding import Finding, Severity
from evsld.rules.fixes import set_attributes
from evsld.rules.packs.ev_circuits import evse_label
from evsld.rules.protective import BOARD_KINDS, OCPD_KINDS
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView

PEN_SUPPLIES = ("TN-C", "TN-C-S")  # supplies arriving with a PEN conductor


class NoPen(Rule):
    id = "R722-PEN"
    clause, clauses = iec60364("7-722", "722.312.2.1")
    severity = Severity.ERROR
    other_severities = (Severity.WARNING,)
    summary = "no PEN conductor in a circuit feeding a connecting point"

    def check(self, view: CheckView) -> Iterable[Finding]:
        c, devices = view.circuits, view.devices
        for cable in c.fed("cable"):
            if devices[cable].attrs["pen"] and (evses := self._final_circuit_evses(view, cable)):
                tag = view.tag(cable)
                yield self.finding(
                    view,
                    (cable, *evses),
                    f"{tag} carries a PEN conductor in the final circuit of {view.tags(evses)}: "
                    f"no PEN is allowed in a circuit feeding an EV connecting point; use a cable "
                    f"with separate N and PE.",
                    fix=set_attributes(
                        f"Give {tag} separate N and PE", cable, pen=False, neutral=True
                    ),
                )
        pen_sources = {
            s for s in view.topology.sources if view.device(s).attrs["earthing"] in PEN_SUPPLIES
        }
        if not pen_sources:
            return
        unsplit: dict[tuple[str, str], list[str]] = {}  # (supply, board or supply) -> EVSEs
        for evse in c.evses:
            source = c.source(evse)
            if source.id not in pen_sources:
                continue
            path = list(c.above(evse))
            if any(self._splits(view, n) for n in path):
                continue
            top = next((n for n in path if self._circuit_top(view, n)), path[-1])
            board = next(
                (n for n in path[path.index(top) :] if view.device(n).kind == "switchboard"),
                source.id,
            )
            unsplit.setdefault((source.id, board), []).append(evse)
        for (source, board), evses in unsplit.items():
            yield self._unsplit(view, source, board, evses)

    @staticmethod
    def _circuit_top(view: CheckView, node: str) -> bool:
        """Where an EV final circuit starts: its protective device or its board."""
        kind = view.device(node).kind
        return kind in OCPD_KINDS or kind in BOARD_KINDS

    @staticmethod
    def _splits(view: CheckView, node: str) -> bool:
        device = view.device(node)
        return device.kind == "switchboard" and device.attrs["pen_split"]

    def _final_circuit_evses(self, view: CheckView, cable: str) -> list[str]:
        """EVSEs a cable feeds without an OCPD or board between them."""
        found, stack = [], [cable]
        children = view.topology.children
        while stack:
            for child in children.get(stack.pop(), ()):
                if view.device(child).kind == "evse":
                    found.append(child)
                elif not self._circuit_top(view, child):
                    stack.append(child)
        return found

    def _unsplit(self, view: CheckView, source: str, board: str, evses: list[str]) -> Finding:
        supply = view.device(source)
        fix = None
        if board != source:
            fix = set_attributes(
                f"Split the PEN into PE and N at {view.tag(board)}", board, pen_split=True
            )
        where = f"at or above {view.tag(board)}" if board != source else "anywhere"
        if supply["earthing"] == "TN-C":
            return self.finding(
                view,
                (board, *evses) if board != source else (source, *evses),
                f"{supply.label()} is TN-C and no board {where} splits the PEN, so the EV "
                f"circuits of {view.tags(evses)} would carry a PEN conductor; split it into PE "
                f"and N above their protective devices (TN-C-S).",
                fix=fix,
            )
        return self.finding(
            view,
            (board, *evses) if board != source else (source, *evses),
            f"{supply.label()} is TN-C-S but no board {where} is marked as the point where the "
            f"PEN splits, so the circuits of {view.tags(evses)} cannot be shown free of a PEN; "
            f"mark the board where PE and N are separated.",
            fix=fix,
            severity=Severity.WARNING,
        )


class PmeOutdoorUk(Rule):
    id = "R722-PME-UK"
    clause = "BS 7671 722.411.4.1"
    severity = Severity.ERROR
    profiles = frozenset({"UK"})
    summary = "UK: an outdoor point on a PME (TN-C-S) supply has an open-PEN measure"

    def check(self, view: CheckView) -> Iterable[Finding]:
        c = view.circuits
        measures = "; ".join(v for k, v in OPEN_PEN_MEASURES.items() if k != "none")
        for evse in c.evses:
            device = view.device(evse)
            if not device["outdoor"] or c.source(evse)["earthing"] != "TN-C-S":
                continue
            if device["open_pen_measure"] != "none" or c.separator_above(evse) is not None:
                continue
            yield self.finding(
                view,
                (evse,),
                f"{evse_label(view, evse)} is outdoors on a PME (TN-C-S) supply and declares no "
                f"open-PEN measure; one of these is needed: {measures}.",
                fix=set_attributes(
                    f"Use an EVSE with open-PEN detection for {device.tag}",
                    evse,
                    open_pen_measure="open_pen_device",
                ),
            )


class ItSupply(Rule):
    id = "R722-IT"
    clause = "manufacturer data"
    severity = Severity.ERROR
    other_severities = (Severity.WARNING,)
    summary = "on an IT supply, the EVSE's datasheet allows IT"

    def check(self, view: CheckView) -> Iterable[Finding]:
        c, devices = view.circuits, view.devices
        if all(devices[s].attrs["earthing"] != "IT" for s in view.topology.sources):
            return  # every EVSE's supply (Circuits.source) is one of the sources
        for evse in c.evses:
            supply = c.source(evse)
            if supply["earthing"] != "IT":
                continue
            supported = view.device(evse)["supported_earthing"]
            if "IT" in supported:
                continue
            if not supported:
                yield self.finding(
                    view,
                    (evse,),
                    f"{evse_label(view, evse)} is fed from {supply.label()}, an IT supply, and "
                    f"its datasheet does not say whether it works on IT; confirm with the "
                    f"manufacturer (one EVSE family forbids IT with 400 V between phases).",
                    severity=Severity.WARNING,
                )
            else:
                yield self.finding(
                    view,
                    (evse,),
                    f"{evse_label(view, evse)} supports {', '.join(supported)} only, but "
                    f"{supply.label()} is an IT supply.",
                )


RULES = (NoPen(), PmeOutdoorUk(), ItSupply())
