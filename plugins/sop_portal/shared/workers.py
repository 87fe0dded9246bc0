"""One forked helper process for the build's pure-Python work, when the machine has a core to spare.

MkDocs builds in one process; a portal build has two large pieces of work that need no MkDocs
state and split cleanly: loading the SOP files (`loader.load_portal`, before Pagefind starts,
while the second core is idle) and drawing the flowcharts (`drawing.Drawer`, beside the page
rendering). Both fork one worker that inherits the parent's memory (nothing is pickled on the
way in) and sends plain results back. Fork is only safe before other threads exist, so callers
use it in `mkdocs build`, never in `mkdocs serve` (whose watcher threads run all along).
No MkDocs import here.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def can_fork() -> bool:
    """A second core, and fork() (Linux, macOS; not Windows)."""
    return (os.cpu_count() or 1) >= 2 and "fork" in multiprocessing.get_all_start_methods()


def fork_worker() -> ProcessPoolExecutor:
    """A pool of one forked process; the caller shuts it down (``shutdown`` or ``with``)."""
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
