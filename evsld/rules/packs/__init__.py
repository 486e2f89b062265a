"""The rule packs evsld runs, in report order."""

from evsld.rules.packs import (
    busway,
    cables,
    capacity,
    disconnection,
    earthing,
    ev_circuits,
    ev_rcd,
    oc_selectivity,
    overcurrent,
    phases,
    selectivity,
    surge,
)
from evsld.rules.packs.topology import TOPOLOGY_PACK
from evsld.rules.registry import RulePack

EV_PACK = RulePack(
    name="iec-722",
    title="EV charging (IEC 60364-7-722)",
    rules=(*ev_circuits.RULES, *overcurrent.RULES[:3], *ev_rcd.RULES, *earthing.RULES),
)
SURGE_PACK = RulePack(
    name="surge", title="Surge protection (IEC 60364-4-44 443, 5-53 534)", rules=surge.RULES
)
CABLE_PACK = RulePack(
    name="cables",
    title="Overcurrent, cables, disconnection (IEC 60364-4-41, 4-43, 5-52)",
    rules=(*overcurrent.RULES[3:], *cables.RULES, *disconnection.RULES),
)
SELECTIVITY_PACK = RulePack(
    name="selectivity",
    title="Selectivity (IEC 60364-5-53 535, 536)",
    rules=(*selectivity.RULES[:1], *oc_selectivity.RULES, *selectivity.RULES[1:]),
)
SUPPLY_PACK = RulePack(
    name="supply",
    title="Phases, busways, supply, boards",
    rules=(*phases.RULES, *capacity.RULES[:2], *busway.RULES, *capacity.RULES[2:]),
)

PACKS = (TOPOLOGY_PACK, EV_PACK, CABLE_PACK, SURGE_PACK, SELECTIVITY_PACK, SUPPLY_PACK)
