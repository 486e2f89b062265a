"""Edit operations: every change to a project is one of these.

`op.apply(project)` performs the change, publishes its events and returns the inverse
operation, so an undo stack needs nothing but the returned values. An operation that is
refused raises EditError and leaves the project exactly as it was (a Group rolls back what it
had already applied).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from evsld.model.attributes import AttributeValueError
from evsld.model.device import Connection, Device, Placement
from evsld.model.diagram import EditError
from evsld.model.events import (
    ConnectionAdded,
    ConnectionRemoved,
    DeviceAdded,
    DeviceChanged,
    DeviceRemoved,
)
from evsld.model.validation import Problem, canonical_attributes, placement_problem

if TYPE_CHECKING:
    from evsld.model.project import Project


class InvalidAttributes(EditError):
    """A device's attribute set is refused; `problems` lists (attribute or None, sentence)."""

    def __init__(self, tag: str, problems: list[Problem]) -> None:
        super().__init__(f"{tag}: {problems[0][1]}")
        self.problems = problems


class Operation(ABC):
    label: str = "Edit"

    @abstractmethod
    def apply(self, project: Project) -> Operation:
        """Perform the change and return the operation that undoes it."""


@dataclass(frozen=True)
class AddDevice(Operation):
    device: Device
    label: str = "Add device"

    def apply(self, project: Project) -> Operation:
        device = self.device
        attrs, problems = canonical_attributes(device.spec, device.attrs, fill_defaults=False)
        if problems:
            raise InvalidAttributes(device.tag, problems)
        project.check_usage_group(device.tag, attrs.get("usage_group", ""))
        if (problem := placement_problem(device.placement)) is not None:
            raise EditError(f"{device.tag}: {problem}")
        device = replace(device, attrs=attrs)
        project.diagram._add_device(device)
        project.publish(DeviceAdded(device))
        return RemoveDevice(device.id, label=self.label)


@dataclass(frozen=True)
class RemoveDevice(Operation):
    """Removes a device and every connection at it; the inverse restores both."""

    device_id: str
    label: str = "Remove device"

    def apply(self, project: Project) -> Operation:
        diagram = project.diagram
        device = diagram.device(self.device_id)
        links = sorted(diagram.connections_of(self.device_id), key=lambda c: c.id)
        for conn in links:
            diagram._remove_connection(conn.id)
            project.publish(ConnectionRemoved(conn))
        diagram._remove_device(self.device_id)
        project.publish(DeviceRemoved(device))
        restore: list[Operation] = [AddDevice(device)]
        restore.extend(Connect(c) for c in links)
        return Group(tuple(restore), label=self.label)


@dataclass(frozen=True)
class Connect(Operation):
    connection: Connection
    label: str = "Connect"

    def apply(self, project: Project) -> Operation:
        project.diagram._add_connection(self.connection)
        project.publish(ConnectionAdded(self.connection))
        return Disconnect(self.connection.id, label=self.label)


@dataclass(frozen=True)
class Disconnect(Operation):
    connection_id: str
    label: str = "Disconnect"

    def apply(self, project: Project) -> Operation:
        conn = project.diagram._remove_connection(self.connection_id)
        project.publish(ConnectionRemoved(conn))
        return Connect(conn, label=self.label)


def _replace(project: Project, new: Device, what: str) -> Device:
    old = project.diagram._replace_device(new)
    project.publish(DeviceChanged(old, new, what))
    return old


@dataclass(frozen=True)
class MoveDevice(Operation):
    device_id: str
    placement: Placement
    label: str = "Move"

    def apply(self, project: Project) -> Operation:
        device = project.diagram.device(self.device_id)
        if (problem := placement_problem(self.placement)) is not None:
            raise EditError(f"{device.tag}: {problem}")
        old = _replace(project, replace(device, placement=self.placement), "placement")
        return MoveDevice(self.device_id, old.placement, label=self.label)


@dataclass(frozen=True)
class SetAttribute(Operation):
    device_id: str
    name: str
    value: Any
    label: str = "Change property"

    @property
    def merge_key(self) -> tuple[str, str]:
        """Consecutive edits with the same key merge into one undo step."""
        return (self.device_id, self.name)

    def apply(self, project: Project) -> Operation:
        device = project.diagram.device(self.device_id)
        spec = device.spec.attribute(self.name)
        if spec is None:
            raise EditError(
                f"{device.tag}: a {device.spec.label.lower()} has no attribute '{self.name}'"
            )
        try:
            value = spec.validate(self.value)
        except AttributeValueError as err:
            raise EditError(f"{device.tag}: {err}") from None
        new = device.with_attr(self.name, value)
        if problems := device.spec.check_constraints(new.attrs):
            raise EditError(f"{device.tag}: {problems[0]}")
        if self.name == "usage_group":
            project.check_usage_group(device.tag, value)
        old = _replace(project, new, f"attrs.{self.name}")
        return SetAttribute(self.device_id, self.name, old.attrs[self.name], label=self.label)


@dataclass(frozen=True)
class SetTag(Operation):
    device_id: str
    tag: str
    label: str = "Rename tag"

    def apply(self, project: Project) -> Operation:
        device = project.diagram.device(self.device_id)
        try:
            old = _replace(project, replace(device, tag=self.tag), "tag")
        except EditError as err:
            raise EditError(f"{device.tag}: {err}") from None
        return SetTag(self.device_id, old.tag, label=self.label)


NAME_MAX_LENGTH = 120


@dataclass(frozen=True)
class SetName(Operation):
    device_id: str
    name: str
    label: str = "Rename"

    def apply(self, project: Project) -> Operation:
        device = project.diagram.device(self.device_id)
        if not isinstance(self.name, str) or len(self.name) > NAME_MAX_LENGTH:
            raise EditError(f"{device.tag}: a name is text of at most {NAME_MAX_LENGTH} characters")
        if any(not ch.isprintable() for ch in self.name):
            raise EditError(f"{device.tag}: a name cannot contain control characters")
        old = _replace(project, replace(device, name=self.name), "name")
        return SetName(self.device_id, old.name, label=self.label)


@dataclass(frozen=True)
class SetProjectField(Operation):
    """Change one metadata field or one setting."""

    section: str  # "metadata" or "settings"
    key: str
    value: Any
    label: str = "Change project property"

    @property
    def merge_key(self) -> tuple[str, str]:
        return (self.section, self.key)

    def apply(self, project: Project) -> Operation:
        old = project.set_field(self.section, self.key, self.value)
        return SetProjectField(self.section, self.key, old, label=self.label)


@dataclass(frozen=True)
class SetProjectList(Operation):
    """Replace one project list: usage_groups, revisions or acceptances."""

    section: str
    items: tuple[Any, ...]
    label: str = "Change project list"

    def apply(self, project: Project) -> Operation:
        old = project.set_list(self.section, tuple(self.items))
        return SetProjectList(self.section, old, label=self.label)


@dataclass(frozen=True)
class Group(Operation):
    """Several operations as one undo step, all or nothing."""

    operations: tuple[Operation, ...]
    label: str = "Edit"

    def apply(self, project: Project) -> Operation:
        inverses: list[Operation] = []
        try:
            for op in self.operations:
                inverses.append(op.apply(project))
        except Exception:
            for inverse in reversed(inverses):
                inverse.apply(project)
            raise
        return Group(tuple(reversed(inverses)), label=self.label)
