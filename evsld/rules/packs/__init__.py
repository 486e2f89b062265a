"""The rule packs evsld runs, in report order."""

from evsld.rules.packs import busway, earthing, ev_circuits, ev_rcd, selectivity, surge
from evsld.rules.packs.topology import TOPOLOGY_PACK
from evsld.rules.registry import RulePack

EV_PACK = RulePack(
    name="iec-722",
    title="EV charging (IEC 60364-7-722)",
    rules=(*ev_circuits.RULES, *ev_rcd.RULES, *earthing.RULES),
)
SURGE_PACK = RulePack(
    name="surge", title="Surge protection (IEC 60364-4-44 443, 5-53 534)", rules=surge.RULES
)
SELECTIVITY_PACK = RulePack(
    name="selectivity", title="Selectivity (IEC 60364-5-53 535, 536)", rules=selectivity.RULES
)
BUSWAY_PACK = RulePack(name="busway", title="Busbar trunking", rules=busway.RULES)

PACKS = (TOPOLOGY_PACK, EV_PACK, SURGE_PACK, SELECTIVITY_PACK, BUSWAY_PACK)
