"""The collector pause (evsld.collector) around a check and an analysis.

Both free everything they built by reference counting alone: cyclic garbage from a run would
stay in memory until a full collection, which costs ~0.1 s per pass at 5,000 chargers. What
they keep goes straight to the oldest generation, the collector comes back on (also after an
exception), nested pauses leave both to the outermost, and objects someone else froze stay
frozen.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

import pytest

from evsld.calc.analysis import analyse
from evsld.collector import collector_paused
from evsld.model.project import Project
from evsld.rules.engine import check_project
from tests.builders import car_park

RUNS: dict[str, Callable[[Project], object]] = {"check": check_project, "analysis": analyse}


def _generation_of(obj: object) -> int | None:
    return next((g for g in range(3) if any(o is obj for o in gc.get_objects(g))), None)


@pytest.mark.parametrize("run", RUNS.values(), ids=list(RUNS))
def test_a_run_leaves_no_reference_cycles(run: Callable[[Project], object]) -> None:
    project, _ = car_park(6)
    project.topology()
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        run(project)
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()


@pytest.mark.parametrize("run", RUNS.values(), ids=list(RUNS))
def test_what_a_run_keeps_joins_the_oldest_generation_unscanned(
    run: Callable[[Project], object],
) -> None:
    """The report or analysis lives until the next run: it goes straight to the oldest
    generation instead of being scanned by young collections on its way there."""
    project, _ = car_park(6)
    gc.collect()
    assert gc.isenabled()
    kept = run(project)
    assert gc.isenabled()
    assert _generation_of(kept) == 2


def test_objects_frozen_by_someone_else_stay_frozen() -> None:
    project, _ = car_park(2)
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        check_project(project)
        assert gc.get_freeze_count() == frozen > frozen_before
    finally:
        gc.unfreeze()


def test_a_nested_pause_leaves_the_collector_to_the_outer_one() -> None:
    assert gc.isenabled()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
        kept = [object()]  # tracked: a list
        assert _generation_of(kept) == 0
    assert gc.isenabled()
    assert _generation_of(kept) == 2


def test_the_collector_comes_back_on_after_an_exception() -> None:
    with pytest.raises(ValueError, match="boom"), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()
