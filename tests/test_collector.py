"""The collector pause (evsld.collector) around an analysis: no cycles left behind, the
collector back on, what the analysis keeps promoted, and nested pauses left to the outermost."""

from __future__ import annotations

import gc

from evsld.calc.analysis import analyse
from evsld.collector import collector_paused
from tests.builders import car_park
from tests.rules.test_engine_garbage import _generation_of


def test_an_analysis_leaves_no_reference_cycles() -> None:
    project, _ = car_park(6)
    project.topology()
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        analyse(project)
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()


def test_an_analysis_turns_the_collector_back_on_and_its_outcome_joins_the_oldest_generation() -> (
    None
):
    project, _ = car_park(6)
    gc.collect()
    assert gc.isenabled()
    analysis = analyse(project)
    assert gc.isenabled()
    assert _generation_of(analysis) == 2


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
    try:
        with collector_paused():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.isenabled()
