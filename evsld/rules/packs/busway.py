"""Busbar trunking: each tap-off unit suits both its busway and the device it carries."""

from __future__ import annotations

from collections.abc import Iterable

from evsld.rules.finding import Finding, Severity
from evsld.rules.protective import BOARD_KINDS, OCPD_KINDS
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView


class TapOffRating(Rule):
    id = "R-BW-TAPOFF"
    clause = "IEC 61439-6, manufacturer data"
    severity = Severity.ERROR
    other_severities = (Severity.WARNING,)
    summary = "tap-off rating >= its device's In and <= the busway's largest tap-off"

    def check(self, view: CheckView) -> Iterable[Finding]:
        c = view.circuits
        if not any(c.fed("tapoff")):
            return
        devices = self._devices_inside(view)
        for tapoff in view.diagram.devices_of_kind("tapoff"):
            if not view.topology.is_fed(tapoff.id):
                continue
            busway = c.parent(tapoff.id)
            if busway is None or view.device(busway).kind != "busway":
                yield self.finding(
                    view,
                    (tapoff.id,),
                    f"{tapoff.label()} is not fed from a busbar trunking run, so its rating "
                    f"cannot be checked against one; draw it on its busway.",
                    severity=Severity.WARNING,
                )
                continue
            run = view.device(busway)
            if tapoff["rating_a"] > run["max_tapoff_a"]:
                yield self.finding(
                    view,
                    (tapoff.id, busway),
                    f"{tapoff.label()}: a {tapoff['rating_a']:g} A tap-off exceeds the largest "
                    f"{run.tag} ({run['family']} {run['rating_a']:g} A) takes, "
                    f"{run['max_tapoff_a']:g} A.",
                )
            for o in devices.get(tapoff.id, ()):
                ocpd = c.ocpd_record(o)
                if ocpd.setting_a > tapoff["rating_a"]:
                    yield self.finding(
                        view,
                        (tapoff.id, o),
                        f"{tapoff.label()} is rated {tapoff['rating_a']:g} A but carries "
                        f"{view.tag(o)} ({ocpd.describe()}): a tap-off is rated at least for its "
                        f"protective device's setting.",
                    )

    @staticmethod
    def _devices_inside(view: CheckView) -> dict[str, list[str]]:
        """Tap-off -> the first overcurrent devices below it (none between them)."""
        c = view.circuits
        inside: dict[str, list[str]] = {}
        for x in c.fed(*OCPD_KINDS):
            for node in c.above(x):
                kind = view.device(node).kind
                if kind == "tapoff":
                    inside.setdefault(node, []).append(x)
                if kind == "tapoff" or kind in OCPD_KINDS or kind in BOARD_KINDS:
                    break
        return inside


RULES = (TapOffRating(),)
