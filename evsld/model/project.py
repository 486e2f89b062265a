"""A project: the diagram plus its metadata, settings, usage groups, revisions and the
findings the designer accepted. The unit that is saved, loaded, edited and checked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from evsld.model.attributes import AttributeValueError, SpecSet
from evsld.model.device import Connection, Device, Placement, PortRef
from evsld.model.diagram import Diagram, EditError
from evsld.model.events import DeviceChanged, Event, EventBus, Listener, ProjectChanged
from evsld.model.kinds import KINDS
from evsld.model.operations import AddDevice, Connect, Operation
from evsld.model.project_data import (
    METADATA,
    PERIODS,
    REVISION_FIELDS,
    Acceptance,
    Revision,
    UsageGroup,
)
from evsld.model.settings import SETTINGS

if TYPE_CHECKING:
    from evsld.model.topology import Topology

_SECTIONS: dict[str, SpecSet] = {"metadata": METADATA, "settings": SETTINGS}
_LIST_TYPES = {"usage_groups": UsageGroup, "revisions": Revision, "acceptances": Acceptance}
USAGE_FACTOR_RANGE = (0.0, 1.0)


class Project:
    def __init__(self) -> None:
        self.diagram = Diagram()
        self.metadata: dict[str, str] = METADATA.defaults()
        self.settings: dict[str, Any] = SETTINGS.defaults()
        self.usage_groups: tuple[UsageGroup, ...] = ()
        self.revisions: tuple[Revision, ...] = ()
        self.acceptances: tuple[Acceptance, ...] = ()
        self.revision = 0  # bumped on every change (autosave and "modified" key on it)
        # bumped on every change the calculations or the checker can see: caches key on it
        self.electrical_revision = 0
        self._feeding_revision = 0  # bumped only by changes that can alter the topology
        self._events = EventBus()
        self._topology: tuple[int, Topology] | None = None

    # --- events ---------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._events.subscribe(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._events.unsubscribe(listener)

    def publish(self, event: Event) -> None:
        self.revision += 1
        if not _drawing_only(event):
            self.electrical_revision += 1
        if _changes_feeding(event):
            self._feeding_revision += 1
        self._events.publish(event)

    # --- editing --------------------------------------------------------------------------

    def apply(self, operation: Operation) -> Operation:
        """Perform an edit; return its inverse (push both on an undo stack)."""
        return operation.apply(self)

    def make_device(
        self,
        kind: str,
        *,
        tag: str | None = None,
        name: str = "",
        placement: Placement | None = None,
        **attrs: Any,
    ) -> Device:
        """A new device (not yet added) with a fresh id, the next tag and default attributes."""
        if kind not in KINDS:
            raise EditError(f"unknown device kind '{kind}'")
        spec = KINDS[kind]
        unknown = set(attrs) - set(spec.attributes.by_name)
        if unknown:
            raise EditError(f"a {spec.label.lower()} has no attribute '{sorted(unknown)[0]}'")
        values = {**spec.attributes.defaults(), **attrs}
        return Device(
            id=self.diagram.new_device_id(),
            kind=kind,
            tag=tag if tag is not None else self.diagram.next_tag(kind),
            attrs=values,
            name=name,
            placement=placement or Placement(),
        )

    def make_connection(
        self, a: Device | str, a_port: str, b: Device | str, b_port: str
    ) -> Connection:
        a_id = a.id if isinstance(a, Device) else a
        b_id = b.id if isinstance(b, Device) else b
        return Connection(
            self.diagram.new_connection_id(), PortRef(a_id, a_port), PortRef(b_id, b_port)
        )

    def add(self, kind: str, **kwargs: Any) -> Device:
        """Build-time shortcut (templates, tests): make and add a device, outside any undo."""
        device = self.make_device(kind, **kwargs)
        self.apply(AddDevice(device))
        return self.diagram.device(device.id)

    def connect(
        self, a: Device | str, b: Device | str, a_port: str = "out", b_port: str = "in"
    ) -> Connection:
        """Build-time shortcut: link a's port to b's port, outside any undo."""
        conn = self.make_connection(a, a_port, b, b_port)
        self.apply(Connect(conn))
        return conn

    # --- project-level data ---------------------------------------------------------------

    def usage_group(self, name: str) -> UsageGroup | None:
        return next((g for g in self.usage_groups if g.name == name), None)

    def check_usage_group(self, tag: str, name: str) -> None:
        if name and self.usage_group(name) is None:
            raise EditError(f"{tag}: there is no usage group named '{name}'")

    def set_field(self, section: str, key: str, value: Any) -> Any:
        specs = _SECTIONS.get(section)
        if specs is None or key not in specs:
            raise EditError(f"there is no project field '{section}.{key}'")
        try:
            value = specs[key].validate(value)
        except AttributeValueError as err:
            raise EditError(str(err)) from None
        store: dict[str, Any] = getattr(self, section)
        old = store[key]
        store[key] = value
        self.publish(ProjectChanged(section, key, old, value))
        return old

    def set_list(self, section: str, items: tuple[Any, ...]) -> tuple[Any, ...]:
        item_type = _LIST_TYPES.get(section)
        if item_type is None:
            raise EditError(f"there is no project list '{section}'")
        if not all(isinstance(i, item_type) for i in items):
            raise EditError(f"{section} takes {item_type.__name__} records only")
        if section == "usage_groups":
            self._check_usage_groups(items)
        if section == "revisions" and (problem := revisions_problem(items)):
            raise EditError(problem)
        old = getattr(self, section)
        setattr(self, section, items)
        self.publish(ProjectChanged(section, "", old, items))
        return old

    def _check_usage_groups(self, groups: tuple[UsageGroup, ...]) -> None:
        names = [g.name for g in groups]
        if len(set(names)) != len(names):
            raise EditError("two usage groups have the same name")
        for g in groups:
            problem = usage_group_problem(g)
            if problem:
                raise EditError(problem)
        for device in self.diagram.devices():
            used = device.attrs.get("usage_group", "")
            if used and used not in names:
                raise EditError(f"usage group '{used}' is still used by {device.tag}")

    # --- derived views --------------------------------------------------------------------

    def topology(self) -> Topology:
        """The feeding topology, recomputed only after a change that can alter it: devices or
        connections added or removed, a switching device opened or closed. Ratings, lengths,
        tags and positions leave it as it was."""
        from evsld.model.topology import Topology

        if self._topology is None or self._topology[0] != self._feeding_revision:
            self._topology = (self._feeding_revision, Topology.of(self.diagram))
        return self._topology[1]


def _drawing_only(event: Event) -> bool:
    """A change nothing electrical reads: a device moved on the sheet, or the title block and
    revision table edited. Moving is the commonest edit; it must not cost a re-calculation."""
    if isinstance(event, DeviceChanged):
        return event.field == "placement"
    return isinstance(event, ProjectChanged) and event.section in ("metadata", "revisions")


def _changes_feeding(event: Event) -> bool:
    """What the topology reads: the devices, their connections (power and control) and
    whether each switching device is closed."""
    if isinstance(event, DeviceChanged):
        return event.field == "attrs.closed"
    return not isinstance(event, ProjectChanged)


def usage_group_problem(group: UsageGroup) -> str | None:
    if not group.name or len(group.name) > 80 or not group.name.isprintable():
        return "a usage group needs a name of 1 to 80 printable characters"
    if group.period not in PERIODS:
        return f"usage group '{group.name}': period must be day, night or both"
    lo, hi = USAGE_FACTOR_RANGE
    if (
        isinstance(group.factor, bool)
        or not isinstance(group.factor, int | float)
        or not (lo <= group.factor <= hi)
    ):
        return f"usage group '{group.name}': demand factor must be between 0 and 1"
    return None


def revisions_problem(revisions: tuple[Revision, ...]) -> str | None:
    """Why a revision table cannot be kept, or None: every row names its rev, once."""
    seen: set[str] = set()
    for row in revisions:
        if not row.rev.strip():
            return "every revision needs a Rev (a letter or number)"
        for spec in REVISION_FIELDS:
            try:
                spec.validate(getattr(row, spec.name))
            except AttributeValueError as err:
                return f"revision {row.rev[:20]!r}: {err}"
        if row.rev in seen:
            return f"two revisions are both named {row.rev!r}"
        seen.add(row.rev)
    return None
