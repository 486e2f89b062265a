"""What every rule reads: the project and the views computed once per check run."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

from evsld.calc.analysis import Analysis, analyse
from evsld.model.device import Device
from evsld.model.diagram import Diagram
from evsld.model.project import Project
from evsld.model.topology import Topology
from evsld.rules.circuits import Circuits

T = TypeVar("T")

# each project's lookups of its last check run, which the next run may reuse
_LAST_CIRCUITS: weakref.WeakKeyDictionary[Project, Circuits] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class CheckView:
    project: Project
    topology: Topology
    profile: str  # country profile in force for this run

    @classmethod
    def of(cls, project: Project, profile: str | None = None) -> CheckView:
        return cls(
            project=project,
            topology=project.topology(),
            profile=profile or project.settings["country_profile"],
        )

    @property
    def diagram(self) -> Diagram:
        return self.project.diagram

    @cached_property
    def circuits(self) -> Circuits:
        """CP, OCPD, RCD and SPD lookups, built on first use and shared by every rule (from
        the last run's when an edit left them as they were: `Circuits.of`)."""
        last = _LAST_CIRCUITS.get(self.project)
        circuits = Circuits.of(self.project.diagram, self.topology, self.devices, last)
        _LAST_CIRCUITS[self.project] = circuits
        return circuits

    @cached_property
    def analysis(self) -> Analysis:
        """The calculations (currents, Iz, drops, short circuits), computed on first use by a
        calculation rule and shared by all of them; cached per project revision."""
        return analyse(self.project)

    @cached_property
    def devices(self) -> Mapping[str, Device]:
        """Every device by id: rules look devices up thousands of times per run (a loop over
        every charger indexes this mapping rather than calling `device`)."""
        return self.project.diagram.device_map()

    def device(self, device_id: str) -> Device:
        return self.devices[device_id]

    def tag(self, device_id: str) -> str:
        return self.devices[device_id].tag

    def tags(self, device_ids: list[str] | tuple[str, ...], limit: int = 5) -> str:
        """ "EV01, EV02 and 3 more": device tags for a message, shortened."""
        shown = ", ".join(self.tag(d) for d in device_ids[:limit])
        more = len(device_ids) - limit
        return f"{shown} and {more} more" if more > 0 else shown

    def setting(self, name: str) -> Any:
        return self.project.settings[name]

    def shared(self, compute: Callable[[CheckView], T]) -> T:
        """`compute(self)`, computed once per run: for a derived lookup several rules walk
        (the conductors load management governs, the OCPD pairs in series)."""
        memo = self._memo
        if compute not in memo:
            memo[compute] = compute(self)
        return memo[compute]

    @cached_property
    def _memo(self) -> dict[Callable[[CheckView], Any], Any]:
        return {}
