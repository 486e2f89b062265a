"""Run the benchmarks: `python -m benchmarks [suite ...] [--sizes 10,100,...]`.

Prints one line per suite, measurement and size (median wall time)."""

from __future__ import annotations

import argparse
import platform
import sys

from benchmarks import (
    bench_calc,
    bench_check,
    bench_export,
    bench_geometry,
    bench_layout,
    bench_model,
    bench_scene,
)
from benchmarks.timing import SIZES

SUITES = {
    "model": bench_model,
    "check": bench_check,
    "geometry": bench_geometry,
    "scene": bench_scene,
    "calc": bench_calc,
    "export": bench_export,
    "layout": bench_layout,
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("suites", nargs="*", choices=[*SUITES, []], help="default: all")
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, SIZES)),
        help="charger counts, comma-separated (default: %(default)s)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"# python {platform.python_version()} on {platform.machine()}, "
        f"{platform.processor() or 'cpu'}; median wall time"
    )
    for name in args.suites or list(SUITES):
        for chargers in sizes:
            for row in SUITES[name].run(chargers):
                print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
