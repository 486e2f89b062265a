"""What every rule reads: the project and the views computed once per check run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evsld.model.device import Device
from evsld.model.diagram import Diagram
from evsld.model.project import Project
from evsld.model.topology import Topology


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

    def device(self, device_id: str) -> Device:
        return self.project.diagram.device(device_id)

    def tag(self, device_id: str) -> str:
        return self.project.diagram.device(device_id).tag

    def setting(self, name: str) -> Any:
        return self.project.settings[name]
