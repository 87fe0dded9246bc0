"""Draw the SOPs' flowcharts (the page's lane cells and the standalone SVG), ahead of their pages.

Drawing is the largest piece of pure-Python work behind a SOP page: routing the connectors,
laying the chart out twice (paged for the table, unbroken for the SVG) and writing both out take
about 3.5 of the ~11 ms a page costs (bench/, N = 1,000). MkDocs renders pages one after another
in one process, and the second core only runs Pagefind, which leaves much of it idle. So for a
large portal `Drawer` forks one worker that draws the SOPs in the order MkDocs will render them,
a bounded window ahead of the page being rendered, while the build renders the pages.

The worker inherits the loaded model through fork (nothing is pickled on the way in) and sends
back only strings. Whatever goes wrong in it (a crash, an exception, a SOP not in the plan) the
page draws its chart itself, so the output is the same with or without the worker
(tests/test_drawing.py builds a portal both ways and compares every file and the index
contents; Pagefind names its bundle files differently on every build anyway). No MkDocs import here.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from ..format.model import Sop
from ..shared.cache import Store, key_of
from ..shared.workers import can_fork, fork_worker, spare_cores
from .cells import Cells, render_cells
from .layout import layout, route
from .paging import Kertas, Plan, plan_sop
from .svg import sop_svg

# Below this many SOPs a second process costs more (fork, start-up) than it saves.
PARALLEL_FROM = 48
CHUNK = 16  # SOPs per task: one pickled answer per chunk, not per SOP
AHEAD = 16  # chunks drawn ahead of the page being rendered: ~256 SOPs, a few MB of HTML held


@dataclass(frozen=True)
class Drawing:
    """One SOP's flowcharts as the page and the download need them."""

    cells: tuple[Cells, ...]  # per procedure: its lane cells (`flowchart.render_cells`)
    svg: bytes  # /sop/<instansi>/<slug>.svg (`svg.sop_svg`)
    plans: tuple[Plan, ...] = ()  # per procedure: its printed pages (`paging.plan_sop`)


def draw(sop: Sop, kertas: Kertas) -> Drawing:
    """Draw one SOP: route each chart once, plan its printed pages, then place it twice (paged
    table, unbroken SVG)."""
    routings = [route(p) for p in sop.prosedur]
    unbroken = [layout(p, 0, r) for p, r in zip(sop.prosedur, routings)]  # for the plan and the SVG both
    plans = plan_sop(sop, routings, kertas, unbroken)
    # A chart on one printed page has no breaks: its table is the unbroken layout, not laid out again.
    cells = tuple(
        render_cells(p, 0, r, breaks=pl.breaks, laid=None if pl.breaks else u)
        for p, r, pl, u in zip(sop.prosedur, routings, plans, unbroken)
    )
    return Drawing(cells, sop_svg(sop, routings, unbroken).encode("utf-8"), plans)


# What the worker draws from: set in the parent just before the fork, inherited by the child.
_PLAN: tuple[tuple[Sop, ...], Kertas] = ((), Kertas())


def _draw_chunk(start: int, stop: int) -> list[Drawing]:
    sops, kertas = _PLAN
    return [draw(sop, kertas) for sop in sops[start:stop]]


class Drawer:
    """Drawings of `sops`, made in a forked worker in that order, a window ahead of `drawing()`.

    `drawing(sop)` returns the worker's drawing when `sop` is the plan's next one, or draws it
    here (out of order, or no worker). `parallel=False`, a small portal or a one-core machine:
    no worker at all. Call `close()` when the build ends, however it ends.

    `cache` (`shared/cache.py`) with `keys` (each SOP's content key, `LoadResult.keys`): SOPs
    drawn by an earlier build come from it and the worker draws only the others; every drawing
    made is added to it.
    """

    def __init__(
        self, sops: Sequence[Sop], kertas: Kertas, *, parallel: bool = True,
        cache: Store | None = None, keys: Mapping[str, str] | None = None,
        report: Callable[[str], None] | None = None,
    ) -> None:  # fmt: skip
        self.kertas = kertas
        # Told when the worker fails (the pages are then drawn here, the same): the adapter logs it.
        self.report = report or (lambda message: None)
        self._cache = cache if cache is not None and cache.enabled else None
        self._keys: dict[str, str] = {}
        if self._cache is not None and keys:
            self._keys = {s.uid: key_of(keys[s.uid], repr(kertas)) for s in sops if s.uid in keys}
        cached = self._cache.has if self._cache is not None else (lambda key: False)
        self._sops = tuple(s for s in sops if not cached(self._keys.get(s.uid, "")))
        self._position = {sop.uid: i for i, sop in enumerate(self._sops)}
        self._ready: dict[str, Drawing] = {}
        self._pending: collections.deque[tuple[int, Future[list[Drawing]]]] = collections.deque()
        self._next_chunk = 0
        self._pool: ProcessPoolExecutor | None = None
        if parallel and len(self._sops) >= PARALLEL_FROM and can_fork():
            global _PLAN
            _PLAN = (self._sops, kertas)
            self._pool = fork_worker(spare_cores())
            for _ in range(AHEAD):
                self._submit()

    def drawing(self, sop: Sop) -> Drawing:
        key = self._keys.get(sop.uid)
        if key is None or self._cache is None:
            return self._draw(sop)
        made = self._cache.get(key)
        if not isinstance(made, Drawing):
            made = self._draw(sop)
            self._cache.put(key, made)
        return made

    def entries(self, sops: Sequence[Sop]) -> dict[str, bytes]:
        """The cache entries of `sops` this drawer got or made (to send from a worker to its parent)."""
        if self._cache is None:
            return {}
        return self._cache.raw(self._keys[s.uid] for s in sops if s.uid in self._keys)

    def _draw(self, sop: Sop) -> Drawing:
        ready = self._ready.pop(sop.uid, None)
        if ready is not None:
            return ready
        position = self._position.get(sop.uid)
        # Collect chunks up to the one holding this SOP (pages come in plan order, so that is
        # usually the first pending chunk); a SOP behind the window is drawn here.
        while self._pool is not None and position is not None and self._pending and self._pending[0][0] <= position:
            start, future = self._pending.popleft()
            try:
                drawings = future.result()
            except Exception as exc:  # the pages draw their own charts from here on, the same
                self.report(f"penggambar bagan di proses kedua berhenti ({type(exc).__name__}: {exc}); bagan digambar di proses utama.")
                self.close()
                break
            for i, made in enumerate(drawings, start=start):
                self._ready[self._sops[i].uid] = made
            self._submit()
            ready = self._ready.pop(sop.uid, None)
            if ready is not None:
                return ready
        return draw(sop, self.kertas)

    def _submit(self) -> None:
        start = self._next_chunk * CHUNK
        if self._pool is None or start >= len(self._sops):
            return
        self._pending.append((start, self._pool.submit(_draw_chunk, start, min(start + CHUNK, len(self._sops)))))
        self._next_chunk += 1

    def close(self) -> None:
        """Stop the worker (idempotent); later `drawing()` calls draw in this process."""
        global _PLAN
        pool, self._pool = self._pool, None
        self._pending.clear()
        self._ready.clear()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
            _PLAN = ((), Kertas())

    @property
    def parallel(self) -> bool:
        return self._pool is not None
