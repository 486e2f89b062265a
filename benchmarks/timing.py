"""Timing helpers: median of repeated runs, printed one line per size."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

SIZES = (10, 100, 1000, 5000)
T = TypeVar("T")


def median_ms(action: Callable[[], object], repeat: int) -> float:
    return median_ms_each(lambda _: action(), range(repeat))


def median_ms_each(action: Callable[[T], object], inputs: Iterable[T]) -> float:
    """Median time of `action` on each input, prepared outside the timing (e.g. projects
    read from a file, one at a time)."""
    samples = []
    for item in inputs:
        start = time.perf_counter()
        action(item)
        samples.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(samples)


def repeats_for(chargers: int) -> int:
    return 7 if chargers <= 100 else 5 if chargers <= 1000 else 3


def line(suite: str, what: str, chargers: int, devices: int, ms: float) -> str:
    return f"{suite:<8} {what:<22} {chargers:>5} chargers {devices:>6} devices {ms:>10.1f} ms"
