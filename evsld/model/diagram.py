"""The diagram: devices as nodes of a networkx multigraph, connections as keyed edges.

The graph is the single source of truth of the drawing. Everything reads it; only edit
operations (evsld.model.operations) change it, through the underscored mutators below, which
keep the graph and its lookup indexes in step and refuse anything that would break an
invariant (unknown port, occupied single port, duplicate id or tag, dangling connection).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import networkx as nx

from evsld.model.device import Connection, Device, PortRef
from evsld.model.kinds import KINDS, link_problem
from evsld.model.ports import Domain
from evsld.model.tag_numbers import TagNumbers, split_number

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
TAG_MAX_LENGTH = 32


class EditError(ValueError):
    """An edit the model refuses; the message names the device and says why."""


def natural_key(text: str) -> tuple[str, int, str]:
    """Sort key putting d2 before d10, so ids and tags list the way people count."""
    split = split_number(text)
    return (split[0], split[1], text) if split else (text, -1, text)


def tag_problem(tag: str) -> str | None:
    if not isinstance(tag, str) or not tag.strip():
        return "a tag cannot be empty"
    if len(tag) > TAG_MAX_LENGTH:
        return f"a tag has at most {TAG_MAX_LENGTH} characters"
    if tag != tag.strip() or any(not ch.isprintable() for ch in tag):
        return "a tag cannot start or end with spaces or contain control characters"
    return None


class Diagram:
    def __init__(self) -> None:
        self._graph = nx.MultiGraph()
        self._connections: dict[str, Connection] = {}
        self._port_links: dict[PortRef, set[str]] = {}
        self._tags: dict[str, str] = {}  # casefolded tag -> device id
        self._tag_numbers = TagNumbers()
        # device -> power neighbour -> number of power connections between them; kept in step
        # with the graph so the topology never filters edges by domain
        self._power_adj: dict[str, dict[str, int]] = {}
        self._by_kind: dict[str, dict[str, None]] = {k: {} for k in KINDS}  # ordered sets
        self._devices: dict[str, Device] = {}  # the graph's "device" node attributes, by id
        self._id_counter = 0
        self._conn_counter = 0

    # --- queries ------------------------------------------------------------------------------

    @property
    def graph(self) -> nx.MultiGraph:
        """The underlying graph (node attribute "device", edge key = connection id, edge
        attributes "connection" and "domain"). Read it; never mutate it directly."""
        return self._graph

    def __len__(self) -> int:
        return self._graph.number_of_nodes()

    def __contains__(self, device_id: object) -> bool:
        return device_id in self._graph

    def device(self, device_id: str) -> Device:
        try:
            return self._devices[device_id]
        except KeyError:
            raise EditError(f"there is no device with id '{device_id}'") from None

    def get(self, device_id: str) -> Device | None:
        return self._devices.get(device_id)

    def devices(self) -> Iterator[Device]:
        return iter(self._devices.values())

    def device_map(self) -> Mapping[str, Device]:
        """Every device by id, in insertion order (what the calculations and rules look up
        thousands of times per run). Read-only."""
        return self._devices

    def devices_of_kind(self, *kinds: str) -> Iterator[Device]:
        devices = self._devices
        for k in kinds:
            for device_id in self._by_kind[k]:
                yield devices[device_id]

    def ids_of_kind(self, kind: str) -> Iterator[str]:
        return iter(self._by_kind[kind])

    def by_tag(self, tag: str) -> Device | None:
        device_id = self._tags.get(tag.casefold())
        return self.get(device_id) if device_id is not None else None

    def connection(self, connection_id: str) -> Connection:
        try:
            return self._connections[connection_id]
        except KeyError:
            raise EditError(f"there is no connection with id '{connection_id}'") from None

    def has_connection(self, connection_id: str) -> bool:
        return connection_id in self._connections

    def connections(self) -> Iterator[Connection]:
        return iter(self._connections.values())

    def connection_count(self) -> int:
        return len(self._connections)

    def connections_of(self, device_id: str) -> list[Connection]:
        if device_id not in self._graph:
            return []
        return [data for _, _, data in self._graph.edges(device_id, data="connection")]

    def links_at(self, ref: PortRef) -> list[Connection]:
        return [self._connections[c] for c in sorted(self._port_links.get(ref, ()))]

    def neighbors(self, device_id: str, domain: Domain = Domain.POWER) -> list[str]:
        if domain is Domain.POWER:
            return list(self._power_adj[device_id])
        return [
            other
            for other, edges in self._graph.adj[device_id].items()
            if any(e["domain"] is domain for e in edges.values())
        ]

    def power_adjacency(self) -> Mapping[str, Mapping[str, int]]:
        """Device -> its power neighbours -> how many power connections join them. Read-only."""
        return self._power_adj

    # --- id and tag allocation ----------------------------------------------------------------

    def new_device_id(self) -> str:
        while True:
            self._id_counter += 1
            candidate = f"d{self._id_counter}"
            if candidate not in self._graph:
                return candidate

    def new_connection_id(self) -> str:
        while True:
            self._conn_counter += 1
            candidate = f"c{self._conn_counter}"
            if candidate not in self._connections:
                return candidate

    def next_tag(self, kind_name: str, taken: set[str] | None = None) -> str:
        """The next free tag for a kind: its prefix and one more than the highest number in
        use with that prefix, so drawn tags are never renumbered behind the designer's back."""
        spec = KINDS[kind_name]
        prefix = spec.tag_prefix
        folded_prefix = prefix.casefold()
        highest = self._tag_numbers.highest(folded_prefix)
        for tag in taken or ():
            split = split_number(tag.casefold())
            if split is not None and split[0] == folded_prefix:
                highest = max(highest, split[1])
        return f"{prefix}{highest + 1:0{spec.tag_digits}d}"

    # --- validation shared by edits and the file reader ---------------------------------------

    def device_problem(self, device: Device, replacing: bool = False) -> str | None:
        if not ID_PATTERN.match(device.id):
            return f"device id '{device.id[:64]}' is not a valid id (letters, digits, _ and -)"
        if device.kind not in KINDS:
            return f"unknown device kind '{device.kind}'"
        if not replacing and device.id in self._graph:
            return f"a device with id '{device.id}' already exists"
        if (problem := tag_problem(device.tag)) is not None:
            return problem
        owner = self._tags.get(device.tag.casefold())
        if owner is not None and owner != device.id:
            return f"tag '{device.tag}' is already used by another device"
        return None

    def connection_problem(self, conn: Connection) -> str | None:
        if not ID_PATTERN.match(conn.id):
            return f"connection id '{conn.id[:64]}' is not a valid id"
        if conn.id in self._connections:
            return f"a connection with id '{conn.id}' already exists"
        for end in conn.ends():
            if end.device not in self._graph:
                return f"connection {conn.id} refers to device '{end.device}', which does not exist"
        if conn.a.device == conn.b.device:
            return "a device cannot be connected to itself"
        dev_a, dev_b = self.device(conn.a.device), self.device(conn.b.device)
        problem = link_problem(dev_a.kind, conn.a.port, dev_b.kind, conn.b.port)
        if problem is not None:
            return f"{dev_a.tag}.{conn.a.port} to {dev_b.tag}.{conn.b.port}: {problem}"
        for end, dev in ((conn.a, dev_a), (conn.b, dev_b)):
            port = dev.spec.port(end.port)
            taken = self._port_links.get(end, set())
            if port is not None and not port.multi and taken:
                return f"port '{end.port}' of {dev.tag} is already connected"
        for existing in self.links_at(conn.a):
            if existing.other(conn.a.device) == conn.b:
                return (
                    f"{dev_a.tag}.{conn.a.port} and {dev_b.tag}.{conn.b.port} are already connected"
                )
        return None

    # --- mutators: called only by operations --------------------------------------------------

    def _add_device(self, device: Device) -> None:
        if (problem := self.device_problem(device)) is not None:
            raise EditError(problem)
        self._graph.add_node(device.id, device=device)
        self._devices[device.id] = device
        self._power_adj[device.id] = {}
        self._by_kind[device.kind][device.id] = None
        self._tags[device.tag.casefold()] = device.id
        self._tag_numbers.add(device.tag.casefold())
        self._bump_counter(device.id, "d", "_id_counter")

    def _replace_device(self, device: Device) -> Device:
        old = self.device(device.id)
        if old.kind != device.kind:
            raise EditError("a device cannot change kind")
        if (problem := self.device_problem(device, replacing=True)) is not None:
            raise EditError(problem)
        if device.tag != old.tag:
            del self._tags[old.tag.casefold()]
            self._tag_numbers.remove(old.tag.casefold())
            self._tags[device.tag.casefold()] = device.id
            self._tag_numbers.add(device.tag.casefold())
        self._graph.nodes[device.id]["device"] = device
        self._devices[device.id] = device
        return old

    def _remove_device(self, device_id: str) -> Device:
        device = self.device(device_id)
        if self._graph.degree(device_id):
            raise EditError(f"{device.tag} is still connected; remove its connections first")
        self._graph.remove_node(device_id)
        del self._devices[device_id]
        del self._power_adj[device_id]
        del self._by_kind[device.kind][device_id]
        del self._tags[device.tag.casefold()]
        self._tag_numbers.remove(device.tag.casefold())
        return device

    def _add_connection(self, conn: Connection) -> None:
        if (problem := self.connection_problem(conn)) is not None:
            raise EditError(problem)
        domain = self.device(conn.a.device).spec.port(conn.a.port).domain
        self._graph.add_edge(
            conn.a.device, conn.b.device, key=conn.id, connection=conn, domain=domain
        )
        self._connections[conn.id] = conn
        for end in conn.ends():
            self._port_links.setdefault(end, set()).add(conn.id)
        if domain is Domain.POWER:
            a, b = conn.a.device, conn.b.device
            self._power_adj[a][b] = self._power_adj[a].get(b, 0) + 1
            self._power_adj[b][a] = self._power_adj[b].get(a, 0) + 1
        self._bump_counter(conn.id, "c", "_conn_counter")

    def _remove_connection(self, connection_id: str) -> Connection:
        conn = self.connection(connection_id)
        domain = self._graph.edges[conn.a.device, conn.b.device, connection_id]["domain"]
        self._graph.remove_edge(conn.a.device, conn.b.device, key=connection_id)
        if domain is Domain.POWER:
            for here, there in ((conn.a.device, conn.b.device), (conn.b.device, conn.a.device)):
                links = self._power_adj[here]
                links[there] -= 1
                if not links[there]:
                    del links[there]
        del self._connections[connection_id]
        for end in conn.ends():
            links = self._port_links[end]
            links.discard(connection_id)
            if not links:
                del self._port_links[end]
        return conn

    def _bump_counter(self, ident: str, prefix: str, counter: str) -> None:
        if ident.startswith(prefix) and ident[len(prefix) :].isdigit():
            setattr(self, counter, max(getattr(self, counter), int(ident[len(prefix) :])))
