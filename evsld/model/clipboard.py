"""Copy and paste of part of a diagram, through the project file format.

A copied selection is a small project file (the devices, the connections between them and
the usage groups they name), written by the file writer; pasting reads it back with the
file reader, so a clipboard can never carry anything a project file could not, and then
turns it into one Group operation that adds the devices under new ids and new tags. Paste
is therefore "load a sub-graph with new ids", undoable in one step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from evsld.model.device import Connection, Placement, PortRef
from evsld.model.diagram import natural_key
from evsld.model.fileformat import project_from_bytes, project_to_json
from evsld.model.operations import AddDevice, Connect, Group, Operation, SetProjectList
from evsld.model.project import Project

MIME_TYPE = "application/x-evsld-selection"
PASTE_OFFSET = (40.0, 40.0)  # scene units: a pasted copy sits visibly beside the original


def copy_selection(project: Project, device_ids: Iterable[str]) -> str:
    """The selected devices and the connections among them, as project-file JSON text."""
    chosen = {d for d in device_ids if d in project.diagram}
    part = Project()
    used_groups = {project.diagram.device(d).attrs.get("usage_group", "") for d in chosen}
    part.usage_groups = tuple(g for g in project.usage_groups if g.name in used_groups)
    for device_id in sorted(chosen, key=natural_key):
        part.apply(AddDevice(project.diagram.device(device_id)))
    for conn in project.diagram.connections():
        if conn.a.device in chosen and conn.b.device in chosen:
            part.apply(Connect(conn))
    return project_to_json(part)


def paste_operation(
    project: Project, payload: str | bytes, offset: tuple[float, float] = PASTE_OFFSET
) -> Group:
    """One operation adding the copied devices to `project` under new ids and new tags,
    moved by `offset`. Raises ProjectFileError when the payload is not a readable selection
    (it is read exactly like a project file)."""
    raw = payload.encode("utf-8") if isinstance(payload, str) else payload
    part = project_from_bytes(raw, "clipboard")
    ops: list[Operation] = []
    missing_groups = tuple(g for g in part.usage_groups if project.usage_group(g.name) is None)
    if missing_groups:
        ops.append(SetProjectList("usage_groups", project.usage_groups + missing_groups))
    new_ids = _allocate(project, part)
    dx, dy = offset
    for device in sorted(part.diagram.devices(), key=lambda d: natural_key(d.id)):
        new_id, new_tag = new_ids[device.id]
        at = device.placement
        placement = Placement(at.x + dx, at.y + dy, at.rotation)
        ops.append(AddDevice(replace(device, id=new_id, tag=new_tag, placement=placement)))
    for conn in sorted(part.diagram.connections(), key=lambda c: natural_key(c.id)):
        a = PortRef(new_ids[conn.a.device][0], conn.a.port)
        b = PortRef(new_ids[conn.b.device][0], conn.b.port)
        ops.append(Connect(Connection(project.diagram.new_connection_id(), a, b)))
    count = len(new_ids)
    return Group(tuple(ops), label=f"Paste {count} device{'s' if count != 1 else ''}")


def _allocate(project: Project, part: Project) -> dict[str, tuple[str, str]]:
    """A fresh (id, tag) for every pasted device, clashing neither with the target nor with
    each other (ids are drawn from the diagram's counter, which only moves forward)."""
    taken: set[str] = set()
    ids: dict[str, tuple[str, str]] = {}
    for device in sorted(part.diagram.devices(), key=lambda d: natural_key(d.id)):
        tag = project.diagram.next_tag(device.kind, taken)
        taken.add(tag)
        ids[device.id] = (project.diagram.new_device_id(), tag)
    return ids
