"""Timing helpers: median of repeated runs, printed one line per size."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

SIZES = (10, 100, 1000, 5000)


def median_ms(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(samples)


def repeats_for(chargers: int) -> int:
    return 7 if chargers <= 100 else 5 if chargers <= 1000 else 3


def line(suite: str, what: str, chargers: int, devices: int, ms: float) -> str:
    return f"{suite:<8} {what:<22} {chargers:>5} chargers {devices:>6} devices {ms:>10.1f} ms"
