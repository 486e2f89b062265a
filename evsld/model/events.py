"""Change events, published after every primitive change of a project.

Views (the canvas scene, the live checker) subscribe and stay in step; nothing else may
change a project, so these events are complete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from evsld.model.device import Connection, Device


@dataclass(frozen=True)
class DeviceAdded:
    device: Device


@dataclass(frozen=True)
class DeviceRemoved:
    device: Device


@dataclass(frozen=True)
class DeviceChanged:
    """Attributes, tag, name or placement changed; `field` names what."""

    old: Device
    new: Device
    field: str


@dataclass(frozen=True)
class ConnectionAdded:
    connection: Connection


@dataclass(frozen=True)
class ConnectionRemoved:
    connection: Connection


@dataclass(frozen=True)
class ProjectChanged:
    """Project-level data changed: metadata, settings, usage groups or acceptances."""

    section: str
    key: str
    old: Any
    new: Any


Event = (
    DeviceAdded
    | DeviceRemoved
    | DeviceChanged
    | ConnectionAdded
    | ConnectionRemoved
    | ProjectChanged
)
Listener = Callable[[Event], None]


class EventBus:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def publish(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)
