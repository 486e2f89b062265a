"""The rule packs evsld runs, in report order."""

from evsld.rules.packs.topology import TOPOLOGY_PACK

PACKS = (TOPOLOGY_PACK,)
