"""The analysis of a project: every calculation, computed once per project revision.

    analysis = analyse(project)          # cached: same object until an electrical change
    r = analysis.result(device_id)       # DeviceResult: Ib, phase currents, Iz, drops, Ik, Zs
    analysis.protection_above(cable_id)  # the first overcurrent device above, In/Ir, I2
    analysis.demand                      # day, night, total and design kW
    analysis.notes                       # what could not be computed, or was estimated

Rules, the canvas status bar, the PDF and `evsld calc` all read this one object.
"""

from __future__ import annotations

import weakref

from evsld.calc.compute import compute
from evsld.calc.results import Analysis, ConductorResult, DeviceResult
from evsld.model.project import Project

__all__ = ["Analysis", "ConductorResult", "DeviceResult", "analyse"]

_CACHE: weakref.WeakKeyDictionary[Project, Analysis] = weakref.WeakKeyDictionary()


def analyse(project: Project) -> Analysis:
    """The analysis of the project at its electrical revision, computed at most once (moving
    a device or editing the title block keeps it)."""
    cached = _CACHE.get(project)
    if cached is not None and cached.revision == project.electrical_revision:
        return cached
    analysis = compute(project)
    _CACHE[project] = analysis
    return analysis
