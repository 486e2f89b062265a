"""The installation model: devices, the diagram graph, edits, topology and project files.

Nothing here imports Qt or any layer above the model (tests/test_architecture.py keeps it so).
"""

from evsld.model.device import Connection, Device, Placement, PortRef
from evsld.model.diagram import Diagram, EditError
from evsld.model.kinds import KINDS, Category, KindSpec, kind
from evsld.model.project import Project
from evsld.model.topology import Topology

__all__ = [
    "KINDS",
    "Category",
    "Connection",
    "Device",
    "Diagram",
    "EditError",
    "KindSpec",
    "Placement",
    "PortRef",
    "Project",
    "Topology",
    "kind",
]
