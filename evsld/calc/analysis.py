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
from evsld.calc.memo import Memo
from evsld.calc.results import Analysis, ConductorResult, DeviceResult
from evsld.collector import collector_paused
from evsld.model.project import Project

__all__ = ["Analysis", "ConductorResult", "DeviceResult", "analyse"]

_CACHE: weakref.WeakKeyDictionary[Project, tuple[Analysis, Memo]] = weakref.WeakKeyDictionary()


def analyse(project: Project) -> Analysis:
    """The analysis of the project at its electrical revision, computed at most once (moving
    a device or editing the title block keeps it). After an edit, only what the edit reaches
    is computed again (evsld.calc.memo)."""
    cached = _CACHE.get(project)
    if cached is not None and cached[0].revision == project.electrical_revision:
        return cached[0]
    memo = Memo() if cached is None else cached[1]
    with collector_paused():
        analysis = compute(project, memo)
    _CACHE[project] = (analysis, memo)
    return analysis
