"""Overlap per-document work with parsing: one helper thread, results in order.

The parser spends much of its time in compiled code that releases Python's global lock
(matrix products, the transition loop), so a helper thread can write the parse cache and
extract the tables of one batch while the next batch is being parsed. Each time the parser
leaves compiled code it must take the lock back from the helper; Python lets a waiting
thread ask for the lock only after the switch interval (5 ms by default), so while the helper
runs the interval is lowered to 0.1 ms and restored afterwards.
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

SWITCH_INTERVAL = 1e-4  # seconds

_lock = threading.Lock()
_users = 0
_saved_interval = 0.0


@contextmanager
def quick_switching(interval: float = SWITCH_INTERVAL) -> Iterator[None]:
    """Lower Python's thread switch interval while the block runs; nested and concurrent
    uses share one saved value, restored when the last one ends."""
    global _users, _saved_interval
    with _lock:
        if _users == 0:
            _saved_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(interval, _saved_interval))
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                sys.setswitchinterval(_saved_interval)


def map_in_background(items: Iterable[T], work: Callable[[T], R], depth: int = 64) -> Iterator[R]:
    """Yield ``work(item)`` for every item, in order, computed on one helper thread while the
    caller's thread produces the next items. At most ``depth`` items wait, which bounds memory;
    an error in ``work`` is raised here, at that item, and the items still waiting are dropped."""
    if depth < 1:
        raise ValueError(f"depth must be at least 1, not {depth}")
    pending: deque[Future] = deque()
    with quick_switching(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="framing-toolkit") as pool:
        try:
            for item in items:
                pending.append(pool.submit(work, item))
                if len(pending) > depth:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
