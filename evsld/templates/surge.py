"""Extra SPDs near chargers far from the upstream one (IEC 60364-5-53 534.4, rule R534-DIST).

A template knows its final-circuit lengths but not every feeder length above them, so it asks
the rule itself: each finding's own fix (a type 2 SPD at a nearer board, else a type 3 at the
supply end of the charger) is applied until the rule has nothing left to say. Templates and
checker then agree on what "near" means by construction.
"""

from __future__ import annotations

from evsld.model.project import Project
from evsld.rules.packs.surge import SpdDistance
from evsld.rules.view import CheckView

MAX_ROUNDS = 4  # one round normally; a board SPD may leave a far charger for a second one


def protect_distant_chargers(project: Project) -> None:
    rule = SpdDistance()
    for _ in range(MAX_ROUNDS):
        fixes = {f.fix.label: f.fix for f in rule.check(CheckView.of(project)) if f.fix}
        if not fixes:
            return
        for fix in fixes.values():  # one per board or per charger: labels name the place
            project.apply(fix.operation)
    raise AssertionError(f"R534-DIST fixes did not converge in {MAX_ROUNDS} rounds")
