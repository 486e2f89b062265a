"""Read a project file, refusing anything broken with every problem named by its JSON path.

Layers, each refusing with a plain sentence: size, encoding, JSON syntax (with line and
column, and "truncated" when the text simply stops), format version (a newer one is refused,
naming both versions), structure and types, then the model's own invariants (known kinds,
attribute values and bounds, unique ids and tags, connections between existing ports). The
model is built through the same operations as interactive edits, so a file can never hold a
state the editor would refuse. JSON only: no pickle, no eval, nothing executed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from evsld.model.device import Connection, Device, Placement, PortRef
from evsld.model.diagram import EditError, tag_problem
from evsld.model.fileformat import limits
from evsld.model.fileformat.errors import FileProblem, ProjectFileError
from evsld.model.fileformat.migrations import FormatVersionError, upgrade
from evsld.model.kinds import KINDS
from evsld.model.operations import NAME_MAX_LENGTH, AddDevice, Connect, InvalidAttributes
from evsld.model.project import Project, revisions_problem, usage_group_problem
from evsld.model.project_data import METADATA, Acceptance, Revision, UsageGroup
from evsld.model.settings import SETTINGS
from evsld.model.validation import placement_problem

_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def load_project(path: str | Path) -> Project:
    path = Path(path)
    try:
        if path.is_dir():
            _refuse(path, "this is a folder, not a project file")
        size = path.stat().st_size
        if size > limits.MAX_FILE_BYTES:
            _refuse(
                path,
                f"the file is {size / 2**20:.0f} MiB; evsld projects are at most "
                f"{limits.MAX_FILE_BYTES // 2**20} MiB",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        _refuse(path, "no such file")
    except PermissionError:
        _refuse(path, "permission denied")
    except OSError as err:
        _refuse(path, f"cannot be read ({err.strerror or err})")
    return project_from_bytes(raw, path)


def project_from_bytes(raw: bytes, source: str | Path = "<data>") -> Project:
    if len(raw) > limits.MAX_FILE_BYTES:
        _refuse(source, "the data is larger than any evsld project")
    text = _decode(raw, source)
    return project_from_data(_parse(text, source), source)


def _refuse(source: str | Path, message: str) -> NoReturn:
    raise ProjectFileError(source, [FileProblem("$", message)])


def _decode(raw: bytes, source: str | Path) -> str:
    if not raw.strip():
        _refuse(source, "the file is empty")
    for bom, name in _BOMS.items():
        if raw.startswith(bom):
            _refuse(source, f"the file is encoded as {name}; evsld project files are UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:4096]:
        _refuse(source, "this is a binary file, not an evsld project (JSON text)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        _refuse(
            source,
            f"the file is not valid UTF-8 text (bad byte 0x{raw[err.start]:02x} "
            f"at line {line}); evsld project files are UTF-8",
        )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number evsld accepts")


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is too large")
    return value


MAX_INT_DIGITS = 18


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"a number with {len(text)} digits is larger than any evsld value")
    return int(text)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f'the key "{key[:40]}" appears twice in one object')
        result[key] = value
    return result


def _parse(text: str, source: str | Path) -> Any:
    try:
        return json.loads(
            text,
            parse_constant=_reject_constant,
            parse_float=_parse_float,
            parse_int=_parse_int,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as err:
        if not text[err.pos :].strip():
            _refuse(
                source,
                f"the file is truncated: the JSON text stops at line {err.lineno} "
                f"before it is complete",
            )
        _refuse(source, f"not valid JSON at line {err.lineno}, column {err.colno}: {err.msg}")
    except RecursionError:
        _refuse(source, "the JSON is nested far deeper than any evsld project")
    except ValueError as err:
        # int digit limits, huge floats, NaN/Infinity, duplicate keys
        _refuse(source, f"not a valid evsld project: {err}")


class _Collector:
    """Gathers problems with their paths; stops the read once too many have piled up."""

    def __init__(self, source: str | Path) -> None:
        self.source = source
        self.problems: list[FileProblem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(FileProblem(path, message))
        if len(self.problems) >= limits.MAX_PROBLEMS:
            raise ProjectFileError(self.source, self.problems)

    def expect(self, value: Any, typ: type | tuple[type, ...], path: str, what: str) -> bool:
        ok = isinstance(value, typ) and not (isinstance(value, bool) and typ in (int, float))
        if not ok:
            self.add(path, f"must be {what}, not {_describe(value)}")
        return ok

    def text(self, value: Any, path: str, limit: int = limits.MAX_TEXT) -> str | None:
        if not self.expect(value, str, path, "text"):
            return None
        if len(value) > limit:
            self.add(path, f"is {len(value)} characters long; at most {limit} allowed")
            return None
        return value


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


_TOP_KEYS = {
    "format_version",
    "generator",
    "project",
    "devices",
    "connections",
    "accepted_findings",
}


def project_from_data(data: Any, source: str | Path = "<data>") -> Project:
    out = _Collector(source)
    if not isinstance(data, dict):
        _refuse(source, f"an evsld project is a JSON object, this file holds {_describe(data)}")
    if "format_version" not in data:
        _refuse(source, "$.format_version is missing: this is not an evsld project file")
    version = data["format_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        _refuse(source, f"$.format_version must be a whole number, not {_describe(version)}")
    try:
        data = upgrade(data, version)
    except FormatVersionError as err:
        _refuse(source, str(err))

    for key in data:
        if key not in _TOP_KEYS:
            out.add(f"$.{key[:40]}", "is not part of an evsld project")
    project = Project()
    _read_project_section(data.get("project", {}), project, out)
    # A device that fails to load is reported once; the connections at it are then skipped
    # rather than reported again as dangling.
    failed: set[str] = set()
    devices_readable = _read_list(
        data,
        "devices",
        limits.MAX_DEVICES,
        out,
        lambda item, path: _read_device(item, path, project, out, failed),
    )
    if devices_readable:
        _read_list(
            data,
            "connections",
            limits.MAX_CONNECTIONS,
            out,
            lambda item, path: _read_connection(item, path, project, out, failed),
        )
    accepted: list[Acceptance] = []
    _read_list(
        data,
        "accepted_findings",
        limits.MAX_LIST_ITEMS,
        out,
        lambda item, path: _read_acceptance(item, path, accepted, out),
    )
    if out.problems:
        raise ProjectFileError(source, out.problems)
    project.acceptances = tuple(accepted)
    project.revision = 0
    return project


def _read_list(
    data: dict[str, Any],
    key: str,
    maximum: int,
    out: _Collector,
    read_item: Callable[[Any, str], None],
) -> bool:
    """Read each entry of a top-level list; False when the list itself is unusable."""
    items = data.get(key, [])
    if not out.expect(items, list, f"$.{key}", "a list"):
        return False
    if len(items) > maximum:
        out.add(f"$.{key}", f"holds {len(items)} entries; evsld reads at most {maximum}")
        return False
    for index, item in enumerate(items):
        read_item(item, f"$.{key}[{index}]")
    return True


def _read_project_section(section: Any, project: Project, out: _Collector) -> None:
    if not out.expect(section, dict, "$.project", "an object"):
        return
    known = {"metadata", "settings", "usage_groups", "revisions"}
    for key in section:
        if key not in known:
            out.add(f"$.project.{key[:40]}", "is not part of an evsld project")
    for name, specs in (("metadata", METADATA), ("settings", SETTINGS)):
        values = section.get(name, {})
        path = f"$.project.{name}"
        if not out.expect(values, dict, path, "an object"):
            continue
        store = getattr(project, name)
        for key, value in values.items():
            if key not in specs:
                out.add(
                    f"{path}.{key[:40]}",
                    f"is not a known {name[:-1] if name == 'settings' else name} field",
                )
                continue
            try:
                store[key] = specs[key].validate(value)
            except ValueError as err:
                out.add(f"{path}.{key}", str(err))
    project.usage_groups = tuple(
        _read_records(
            section.get("usage_groups", []),
            "$.project.usage_groups",
            UsageGroup,
            {"name": str, "period": str, "factor": float},
            out,
        )
    )
    for index, group in enumerate(project.usage_groups):
        if (problem := usage_group_problem(group)) is not None:
            out.add(f"$.project.usage_groups[{index}]", problem)
    if len({g.name for g in project.usage_groups}) != len(project.usage_groups):
        out.add("$.project.usage_groups", "two usage groups have the same name")
    project.revisions = tuple(
        _read_records(
            section.get("revisions", []),
            "$.project.revisions",
            Revision,
            {"rev": str, "date": str, "description": str, "author": str},
            out,
        )
    )
    if (problem := revisions_problem(project.revisions)) is not None:
        out.add("$.project.revisions", problem)


def _read_records(
    items: Any, path: str, record: type, fields: dict[str, type], out: _Collector
) -> list[Any]:
    """Read a list of small records; the first field listed is required."""
    required = next(iter(fields))
    records: list[Any] = []
    if not out.expect(items, list, path, "a list"):
        return records
    if len(items) > limits.MAX_LIST_ITEMS:
        out.add(path, f"holds {len(items)} entries; evsld reads at most {limits.MAX_LIST_ITEMS}")
        return records
    for index, item in enumerate(items):
        item_path = f"{path}[{index}]"
        if not out.expect(item, dict, item_path, "an object"):
            continue
        values: dict[str, Any] = {}
        for key, value in item.items():
            typ = fields.get(key)
            if typ is None:
                out.add(f"{item_path}.{key[:40]}", "is not a known field")
            elif typ is float:
                if out.expect(value, (int, float), f"{item_path}.{key}", "a number"):
                    values[key] = float(value)
            elif (text := out.text(value, f"{item_path}.{key}")) is not None:
                values[key] = text
        if required not in item:
            out.add(item_path, f"needs a '{required}'")
            continue
        if len(values) == len(item):
            records.append(record(**values))
    return records


def _read_device(item: Any, path: str, project: Project, out: _Collector, failed: set[str]) -> None:
    if not out.expect(item, dict, path, "an object"):
        return
    if isinstance(item.get("id"), str):
        failed.add(item["id"])  # until it has loaded
    for key in item:
        if key not in _DEVICE_KEYS:
            out.add(f"{path}.{key[:40]}", "is not a device field")
    for key in ("id", "kind"):
        if key not in item:
            out.add(path, f"the device has no '{key}'")
            return
    device_id = out.text(item["id"], f"{path}.id", 64)
    kind_name = out.text(item["kind"], f"{path}.kind", 64)
    if device_id is None or kind_name is None:
        return
    if kind_name not in KINDS:
        known = ", ".join(sorted(KINDS))
        out.add(f"{path}.kind", f"unknown device kind '{kind_name}' (known: {known})")
        return
    spec = KINDS[kind_name]
    tag = out.text(item.get("tag", ""), f"{path}.tag", 64)
    if tag and (problem := tag_problem(tag)) is not None:
        out.add(f"{path}.tag", problem)
        tag = None
    name = out.text(item.get("name", ""), f"{path}.name", NAME_MAX_LENGTH)
    placement = _read_placement(item, path, out)
    attrs_in = item.get("attributes", {})
    if not out.expect(attrs_in, dict, f"{path}.attributes", "an object"):
        return
    if tag is None or name is None or placement is None:
        return
    unknown = [key for key in attrs_in if key not in spec.attributes]
    for key in unknown:
        out.add(
            f"{path}.attributes.{key[:40]}", f"a {spec.label.lower()} has no attribute '{key[:64]}'"
        )
    if unknown:
        return
    # attributes left out take their default; AddDevice validates the rest
    attrs = {**spec.attributes.defaults(), **attrs_in}
    device = Device(
        device_id, kind_name, tag or project.diagram.next_tag(kind_name), attrs, name, placement
    )
    try:
        project.apply(AddDevice(device))
    except InvalidAttributes as err:
        for attr, message in err.problems:
            out.add(f"{path}.attributes.{attr}" if attr else f"{path}.attributes", message)
        return
    except EditError as err:
        out.add(path, str(err))
        return
    failed.discard(device_id)


_DEVICE_KEYS = {"id", "kind", "tag", "name", "position", "rotation", "attributes"}


def _read_placement(item: dict[str, Any], path: str, out: _Collector) -> Placement | None:
    position = item.get("position", [0.0, 0.0])
    rotation = item.get("rotation", 0)
    ok = out.expect(position, list, f"{path}.position", "a list [x, y]")
    if ok and (
        len(position) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in position)
    ):
        out.add(f"{path}.position", "must be two numbers [x, y]")
        ok = False
    if not out.expect(rotation, int, f"{path}.rotation", "a whole number"):
        ok = False
    if not ok:
        return None
    placement = Placement(float(position[0]), float(position[1]), rotation)
    if (problem := placement_problem(placement)) is not None:
        where = "rotation" if "rotation" in problem else "position"
        out.add(f"{path}.{where}", problem)
        return None
    return placement


def _read_port_ref(value: Any, path: str, out: _Collector) -> PortRef | None:
    text = out.text(value, path, 140)
    if text is None:
        return None
    device, dot, port = text.rpartition(".")
    if not dot or not device or not port:
        out.add(path, f"'{text[:60]}' must name a device and a port, like \"d3.out\"")
        return None
    return PortRef(device, port)


def _read_connection(
    item: Any, path: str, project: Project, out: _Collector, failed: set[str]
) -> None:
    if not out.expect(item, dict, path, "an object"):
        return
    for key in item:
        if key not in ("id", "from", "to"):
            out.add(f"{path}.{key[:40]}", "is not a connection field")
    if any(k not in item for k in ("id", "from", "to")):
        out.add(path, "a connection needs 'id', 'from' and 'to'")
        return
    conn_id = out.text(item["id"], f"{path}.id", 64)
    a = _read_port_ref(item["from"], f"{path}.from", out)
    b = _read_port_ref(item["to"], f"{path}.to", out)
    if conn_id is None or a is None or b is None:
        return
    if a.device in failed or b.device in failed:
        return  # its device was already reported
    try:
        project.apply(Connect(Connection(conn_id, a, b)))
    except EditError as err:
        out.add(path, str(err))


def _read_acceptance(item: Any, path: str, accepted: list[Acceptance], out: _Collector) -> None:
    if not out.expect(item, dict, path, "an object"):
        return
    rule = out.text(item.get("rule"), f"{path}.rule", 64)
    reason = out.text(item.get("reason"), f"{path}.reason")
    fingerprint = out.text(item.get("fingerprint", ""), f"{path}.fingerprint", 128)
    devices = item.get("devices", [])
    ok = out.expect(devices, list, f"{path}.devices", "a list of device ids")
    if ok and not all(isinstance(d, str) and len(d) <= 64 for d in devices):
        out.add(f"{path}.devices", "must be a list of device ids")
        ok = False
    if ok and rule is not None and reason is not None and fingerprint is not None:
        if not reason.strip():
            out.add(f"{path}.reason", "an accepted finding needs a reason")
            return
        accepted.append(Acceptance(rule, tuple(devices), reason, fingerprint))
