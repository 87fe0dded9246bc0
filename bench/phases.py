"""Where a portal build spends its time, by phase, without a profiler's overhead.

    .venv/bin/python bench/phases.py bench/out/n1000/portal

Runs `mkdocs build --strict` in-process on the project, timing each plugin event (summed over
calls), page rendering (`_build_page`) and the whole build. Use it before and after a change;
use cProfile (see bench/README.md) to find out *why* a phase is slow.
"""

from __future__ import annotations

import collections
import logging
import os
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    project = Path(sys.argv[1]).resolve()
    os.chdir(project)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000/portal-sop/")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from mkdocs.commands import build as build_module
    from mkdocs.config import load_config
    from mkdocs.plugins import PluginCollection

    spent: dict[str, float] = collections.defaultdict(float)
    run_event = PluginCollection.run_event

    def timed_event(self, name, item=None, **kwargs):
        start = time.perf_counter()
        try:
            return run_event(self, name, item, **kwargs)
        finally:
            spent[f"event {name}"] += time.perf_counter() - start

    build_page = build_module._build_page

    def timed_build_page(*args, **kwargs):
        start = time.perf_counter()
        try:
            return build_page(*args, **kwargs)
        finally:
            spent["_build_page (render + write, incl. page events)"] += time.perf_counter() - start

    PluginCollection.run_event = timed_event
    build_module._build_page = timed_build_page
    start = time.perf_counter()
    config = load_config("site_config.yml", strict=True)
    spent["load_config"] = time.perf_counter() - start
    build_module.build(config)
    total = time.perf_counter() - start
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        if seconds >= 0.01:
            print(f"{seconds:8.2f} s  {name}")
    print(f"{total:8.2f} s  total (in-process, without interpreter start-up)")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{own:8.0f} MB peak RSS of the build process; {children:.0f} MB of its largest child (Pagefind)")


if __name__ == "__main__":
    main()
