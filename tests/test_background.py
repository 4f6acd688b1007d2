"""The helper thread that extracts tables while the parser works: order, errors, memory, clean-up."""

from __future__ import annotations

import sys
import threading

import pytest

from toolkit.language.background import map_in_background, quick_switching


def test_results_come_back_in_order_and_off_the_calling_thread():
    caller = threading.get_ident()
    seen_threads = set()

    def work(x):
        seen_threads.add(threading.get_ident())
        return x * x

    assert list(map_in_background(range(50), work, depth=3)) == [x * x for x in range(50)]
    assert seen_threads and caller not in seen_threads


def test_an_error_in_the_work_is_raised_at_its_item():
    def work(x):
        if x == 4:
            raise ValueError("bad item 4")
        return x

    got = []
    with pytest.raises(ValueError, match="bad item 4"):
        for value in map_in_background(range(10), work, depth=2):
            got.append(value)
    assert got == [0, 1, 2, 3]


def test_the_producer_runs_at_most_depth_items_ahead():
    produced, consumed, lead = [], [], []

    def items():
        for x in range(40):
            produced.append(x)
            lead.append(len(produced) - len(consumed))
            yield x

    for value in map_in_background(items(), lambda x: x, depth=5):
        consumed.append(value)
    assert consumed == list(range(40))
    assert max(lead) <= 6  # the waiting items plus the one being handed over


def test_switch_interval_is_lowered_while_running_and_restored_after():
    before = sys.getswitchinterval()
    during = []
    for _ in map_in_background(range(3), lambda x: x):
        during.append(sys.getswitchinterval())
    assert all(value < before for value in during)
    assert sys.getswitchinterval() == before


def test_nested_quick_switching_restores_the_first_saved_value():
    before = sys.getswitchinterval()
    with quick_switching():
        with quick_switching():
            assert sys.getswitchinterval() < before
        assert sys.getswitchinterval() < before  # the outer block still runs
    assert sys.getswitchinterval() == before


def test_stopping_early_cancels_waiting_work_and_restores_the_interval():
    before = sys.getswitchinterval()
    done = []

    def work(x):
        done.append(x)
        return x

    results = map_in_background(range(1000), work, depth=4)
    assert next(results) == 0
    results.close()
    assert len(done) < 10
    assert sys.getswitchinterval() == before


def test_depth_must_be_positive():
    with pytest.raises(ValueError, match="depth must be at least 1"):
        list(map_in_background([1], lambda x: x, depth=0))
