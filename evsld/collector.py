"""The cyclic garbage collector paused around a check or an analysis.

A check or an analysis allocates tens of thousands of acyclic values (results, findings) that
reference counting frees, and the collector's passes over the project's long-lived graph cost
about 40 % of a check at 1,000 chargers, as much of an analysis from scratch at 5,000. It is
re-enabled (if it was on) when the block ends, even on an exception. What the block kept (a
report, an analysis and its memo) lives until the next run: it joins the oldest generation at
once rather than being scanned by the young collection that re-enabling would start at the
next allocation (~35 ms after a first check at 5,000 chargers). Neither leaves reference
cycles (tests/test_collector.py), so nothing collectable is held back by that.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block; restore its state afterwards, with
    what the block allocated promoted to the oldest generation. Nested blocks leave both to
    the outermost."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _promote_young_objects()
            gc.enable()


def _promote_young_objects() -> None:
    """Move every tracked object into the oldest generation without scanning it (freezing
    and unfreezing only relinks the generations' lists). Skipped when something else froze
    objects on purpose: unfreezing would hand them back to the collector."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
