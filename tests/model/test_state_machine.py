"""Random sequences of edits, undo, redo, save and load keep the model consistent.

After every step: the graph and its indexes agree, tags are unique, every attribute is valid
for its kind, the topology computes, and saving then loading gives the same file. Undo
always returns to the exact state before the edit, redo to the state after it.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from evsld.model import KINDS, EditError, Placement, Project
from evsld.model.attributes import AttrSpec, AttrType
from evsld.model.fileformat import project_from_bytes, project_to_json
from evsld.model.operations import (
    AddDevice,
    Connect,
    Disconnect,
    Group,
    MoveDevice,
    Operation,
    RemoveDevice,
    SetAttribute,
    SetTag,
)

KIND_NAMES = sorted(KINDS)


def value_for(spec: AttrSpec) -> st.SearchStrategy[Any]:
    """Mostly valid values, sometimes invalid ones the model must refuse."""
    if spec.type is AttrType.FLOAT:
        valid = st.floats(spec.minimum, spec.maximum, allow_nan=False)
        invalid = st.sampled_from([spec.maximum * 10 + 1, -1e9, float("nan"), "12"])
    elif spec.type is AttrType.INT:
        valid = st.integers(int(spec.minimum), int(spec.maximum))
        invalid = st.sampled_from([int(spec.maximum) + 1, 2.5, True])
    elif spec.type is AttrType.BOOL:
        valid = st.booleans()
        invalid = st.sampled_from([0, "yes", None])
    elif spec.type is AttrType.CHOICE:
        valid = st.sampled_from(spec.choice_values)
        invalid = st.sampled_from(["not-a-choice", 12345, False])
    elif spec.type is AttrType.CHOICES:
        valid = st.lists(st.sampled_from(spec.choice_values), unique=True).map(tuple)
        invalid = st.sampled_from([["bogus"], "TT"])
    else:
        valid = st.text(max_size=20).filter(lambda t: t.isprintable())
        invalid = st.sampled_from([42, "x" * 10_000])
    if spec.optional:
        valid = st.one_of(st.none(), valid)
    return st.one_of(valid, valid, valid, invalid)


def snapshot(project: Project) -> str:
    return project_to_json(project)


class ModelMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.project = Project()
        self.undo: list[tuple[Operation, str, str]] = []  # inverse, state before, state after
        self.redo: list[tuple[Operation, str, str]] = []

    # --- helpers ------------------------------------------------------------------------------

    def attempt(self, op: Operation) -> None:
        before = snapshot(self.project)
        try:
            inverse = self.project.apply(op)
        except EditError:
            assert snapshot(self.project) == before, "a refused edit changed the project"
            return
        self.undo.append((inverse, before, snapshot(self.project)))
        self.redo.clear()

    def device_ids(self) -> list[str]:
        return [d.id for d in self.project.diagram.devices()]

    # --- edits --------------------------------------------------------------------------------

    @rule(kind=st.sampled_from(KIND_NAMES), x=st.floats(-2000, 2000), y=st.floats(-2000, 2000))
    def add_device(self, kind: str, x: float, y: float) -> None:
        self.attempt(AddDevice(self.project.make_device(kind, placement=Placement(x, y, 0))))

    @precondition(lambda self: len(self.project.diagram) > 0)
    @rule(data=st.data())
    def remove_device(self, data: st.DataObject) -> None:
        self.attempt(RemoveDevice(data.draw(st.sampled_from(self.device_ids()))))

    @precondition(lambda self: len(self.project.diagram) > 1)
    @rule(data=st.data())
    def connect(self, data: st.DataObject) -> None:
        a = self.project.diagram.device(data.draw(st.sampled_from(self.device_ids())))
        b = self.project.diagram.device(data.draw(st.sampled_from(self.device_ids())))
        port_a = data.draw(st.sampled_from([p.name for p in a.spec.ports]))
        port_b = data.draw(st.sampled_from([p.name for p in b.spec.ports]))
        self.attempt(Connect(self.project.make_connection(a, port_a, b, port_b)))

    @precondition(lambda self: self.project.diagram.connection_count() > 0)
    @rule(data=st.data())
    def disconnect(self, data: st.DataObject) -> None:
        ids = sorted(c.id for c in self.project.diagram.connections())
        self.attempt(Disconnect(data.draw(st.sampled_from(ids))))

    @precondition(lambda self: len(self.project.diagram) > 0)
    @rule(data=st.data(), rotation=st.sampled_from([0, 90, 180, 270, 45]))
    def move(self, data: st.DataObject, rotation: int) -> None:
        device_id = data.draw(st.sampled_from(self.device_ids()))
        x = data.draw(st.floats(-5000, 5000))
        self.attempt(MoveDevice(device_id, Placement(x, 10.0, rotation)))

    @precondition(lambda self: len(self.project.diagram) > 0)
    @rule(data=st.data())
    def set_attribute(self, data: st.DataObject) -> None:
        device = self.project.diagram.device(data.draw(st.sampled_from(self.device_ids())))
        spec = data.draw(st.sampled_from(device.spec.attributes.specs))
        self.attempt(SetAttribute(device.id, spec.name, data.draw(value_for(spec))))

    @precondition(lambda self: len(self.project.diagram) > 0)
    @rule(data=st.data(), tag=st.sampled_from(["Q1", "EV01", "X9", "", " padded", "+B1"]))
    def set_tag(self, data: st.DataObject, tag: str) -> None:
        self.attempt(SetTag(data.draw(st.sampled_from(self.device_ids())), tag))

    @precondition(lambda self: len(self.project.diagram) > 1)
    @rule(data=st.data())
    def grouped_edit(self, data: st.DataObject) -> None:
        ids = data.draw(st.lists(st.sampled_from(self.device_ids()), min_size=2, max_size=4))
        ops = tuple(MoveDevice(i, Placement(1.0, 2.0, 90)) for i in ids[:-1])
        self.attempt(Group((*ops, RemoveDevice(ids[-1]))))

    # --- history and files --------------------------------------------------------------------

    @precondition(lambda self: self.undo)
    @rule()
    def undo_last(self) -> None:
        inverse, before, after = self.undo.pop()
        assert snapshot(self.project) == after
        redo = self.project.apply(inverse)
        assert snapshot(self.project) == before
        self.redo.append((redo, before, after))

    @precondition(lambda self: self.redo)
    @rule()
    def redo_last(self) -> None:
        redo, before, after = self.redo.pop()
        assert snapshot(self.project) == before
        inverse = self.project.apply(redo)
        assert snapshot(self.project) == after
        self.undo.append((inverse, before, after))

    @rule()
    def save_and_reload(self) -> None:
        text = snapshot(self.project)
        self.project = project_from_bytes(text.encode("utf-8"))
        assert snapshot(self.project) == text

    # --- invariants ---------------------------------------------------------------------------

    @invariant()
    def graph_and_indexes_agree(self) -> None:
        diagram = self.project.diagram
        graph = diagram.graph
        assert graph.number_of_edges() == diagram.connection_count()
        for conn in diagram.connections():
            assert graph.has_edge(conn.a.device, conn.b.device, key=conn.id)
            for end in conn.ends():
                port = diagram.device(end.device).spec.port(end.port)
                assert port is not None
                assert conn in diagram.links_at(end)
                assert port.multi or len(diagram.links_at(end)) == 1
        tags = [d.tag.casefold() for d in diagram.devices()]
        assert len(tags) == len(set(tags))

    @invariant()
    def attributes_are_valid(self) -> None:
        for device in self.project.diagram.devices():
            for spec in device.spec.attributes:
                assert spec.validate(device.attrs[spec.name]) == device.attrs[spec.name]
            assert not device.spec.check_constraints(device.attrs)

    @invariant()
    def topology_is_computable_and_consistent(self) -> None:
        topo = self.project.topology()
        for device_id in topo.order:
            path = topo.up(device_id)
            assert path[0] in topo.sources and path[-1] == device_id


TestModelMachine = ModelMachine.TestCase
TestModelMachine.settings = settings(
    max_examples=60,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
