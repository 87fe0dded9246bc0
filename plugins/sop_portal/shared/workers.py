"""Forked helper processes for the build's pure-Python work, when the machine has cores to spare.

MkDocs builds in one process. A portal build's large pieces of work need no MkDocs state of
their own or inherit it as it is: loading the SOP files (`loader.load_portal`), rendering the
SOP pages (`site/page_workers.py`; or, when that is off, drawing the flowcharts ahead:
`drawing.Drawer`) and writing the open data (`run_forked`). They fork workers that inherit the
parent's memory (nothing is pickled on the way in) and send plain results back. Fork is only
safe before other threads exist, so callers use it in `mkdocs build`, never in `mkdocs serve`
(whose watcher threads run all along), and before Pagefind's threads start.
No MkDocs import here.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any


def cores() -> int:
    """The cores this process may run on (a container's or runner's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        return os.cpu_count() or 1


def can_fork() -> bool:
    """A second core, and fork() (Linux, macOS; not Windows)."""
    return cores() >= 2 and "fork" in multiprocessing.get_all_start_methods()


def spare_cores() -> int:
    """Workers beside the build's own process: one per other core (GitHub's runners have four)."""
    return max(1, cores() - 1)


def fork_worker(count: int = 1) -> ProcessPoolExecutor:
    """A pool of `count` forked processes; the caller shuts it down (``shutdown`` or ``with``)."""
    return ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"))


# What `run_forked`'s process runs: set just before the fork, inherited (nothing is pickled).
_TASK: Callable[[], Any] | None = None


def _run_task() -> Any:
    return _TASK() if _TASK is not None else None


def run_forked(task: Callable[[], Any]) -> tuple[ProcessPoolExecutor, Future[Any]]:
    """`task()` in one forked process (it sees this process's memory as it is now); the caller
    gets its result (pickled back) from the future and shuts the pool down."""
    global _TASK
    _TASK = task
    pool = fork_worker(1)
    try:
        return pool, pool.submit(_run_task)
    finally:
        _TASK = None  # the child has its copy
