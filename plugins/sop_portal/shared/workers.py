"""One forked helper process for the build's pure-Python work, when the machine has a core to spare.

MkDocs builds in one process; a portal build has two large pieces of work that need no MkDocs
state and split cleanly: loading the SOP files (`loader.load_portal`, before Pagefind starts,
while the second core is idle) and drawing the flowcharts (`drawing.Drawer`, beside the page
rendering). Both fork workers, one per spare core (`spare_cores`), that inherit the parent's memory (nothing is pickled on the
way in) and sends plain results back. Fork is only safe before other threads exist, so callers
use it in `mkdocs build`, never in `mkdocs serve` (whose watcher threads run all along).
No MkDocs import here.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


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
