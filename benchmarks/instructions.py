"""Instructions one check executes, counted by valgrind: `python -m benchmarks.instructions`.

Wall time on a shared machine moves by up to 2x between runs of the same code; the number of
instructions does not (same code, same input, PYTHONHASHSEED fixed: within 0.01 %). It shows
whether a change does less work and whether the work grows linearly with the installation;
what it cannot show is time spent waiting on memory, which the wall-time benchmarks do.

Each measurement runs in its own interpreter under `valgrind --tool=callgrind`, counting only
inside one call of `ascii()` (nothing else in evsld calls it), around the check:
- full check: a project just read from its file (as `python -m benchmarks check`);
- edit + re-check: after a final cable's length changed, the last check's results at hand.
Needs valgrind (Debian: `apt-get install valgrind`); a 5,000-charger count takes minutes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.timing import SIZES

WHAT = ("full check", "edit + re-check")
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


class _Counted:
    """Runs the action inside `ascii()`, the one call valgrind counts in."""

    def __init__(self, action: Callable[[], object]) -> None:
        self.action = action

    def __repr__(self) -> str:
        self.action()
        return "counted"


def _child(what: str, chargers: int) -> None:
    """The measured interpreter: prepares the project, then checks inside `ascii()`."""
    from benchmarks.synthetic import installation
    from evsld.model.fileformat.reader import project_from_bytes
    from evsld.model.fileformat.writer import project_to_json
    from evsld.model.operations import SetAttribute
    from evsld.rules.engine import check_project

    check_project(installation(10))  # every module imported, every table built
    project = project_from_bytes(project_to_json(installation(chargers)).encode())
    if what == "edit + re-check":
        check_project(project)
        cable = project.diagram.by_tag("W2").id
        project.apply(SetAttribute(cable, "length_m", 25.0))
    ascii(_Counted(lambda: check_project(project)))


def count(what: str, chargers: int) -> int:
    """Instructions of one check, counted in a fresh interpreter under valgrind."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            "--collect-atstart=no",
            "--toggle-collect=builtin_ascii",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-m",
            "benchmarks.instructions",
            "--child",
            what,
            str(chargers),
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"valgrind failed ({done.returncode}): {done.stderr[-500:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.instructions", description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--child", nargs=2, metavar=("WHAT", "CHARGERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    for chargers in (int(s) for s in args.sizes.split(",")):
        for what in WHAT:
            millions = count(what, chargers) / 1e6
            print(f"instr    {what:<22} {chargers:>5} chargers {millions:>10.1f} M", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
