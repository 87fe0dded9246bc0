"""SOP pages rendered in forked workers, one per core, while the build renders the other pages.

MkDocs renders pages one after another in one process. In a large portal almost all of them
are SOP pages, and each costs ~10 ms of pure Python (its view, its flowchart, the template,
`markup.finish`): at 1,000 SOPs the build's own process was the bottleneck while the second
core waited (issue #21; ARCHITECTURE.md, "Page workers" and "Quality bars").

How (`PageWorkers`):

* From ``on_env``, last (every plugin has set up the Jinja environment by then), the SOP pages
  are taken out of the list of pages MkDocs will build (``Files.remove``) and handed to a pool
  of `cores()` forked processes in chunks. The workers inherit everything through fork (config,
  nav, pages, the loaded portal) and render each page with MkDocs' own ``_build_page``: the same
  plugin events, template and file write as MkDocs would run, in the same process state.
* Each chunk sends back the pages' HTML (Pagefind runs beside the build's own process and is fed
  from there), the log records the rendering produced (re-logged in the parent, so ``--strict``
  still aborts on a warning, and messages print once, from the parent) and the flowcharts the
  worker drew into the cache (`shared/cache.py`).
* The parent collects finished chunks while it renders the other pages (`collect`) and the rest
  first thing in ``on_post_build`` (`finish`), before any plugin looks at the site.

When not: ``serve`` (its threads make fork unsafe), ``parallel: false``, one core, fewer than
`PARALLEL_FROM` SOP pages, or another plugin that handles page events (its per-page state would
stay in the workers). A chunk whose worker fails is rendered in the parent, so an error reads
exactly as without workers. The output is byte for byte the same either way
(tests/test_page_workers.py).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..shared.workers import can_fork, cores, fork_worker

log = logging.getLogger("mkdocs.plugins.sop-portal")
# After a chunk: its pages' (dest_uri, Pagefind document) and the cache entries drawn for them.
EndChunk = Callable[[Sequence[Page]], tuple[list[tuple[str, str | None]], dict[str, bytes]]]
# SOP pages the parent renders itself before forking: the first renders whole and compiles every
# template a SOP page uses, the second makes the frame (frame.py); the workers inherit both.
WARM_UP = 2
# Below this many SOP pages, forking costs more than it saves (and drawing.Drawer's single
# draw-ahead worker, from its own PARALLEL_FROM, does the part that pays).
PARALLEL_FROM = 64
CHUNK = 24  # pages per task: one pickled answer per chunk
PAGE_EVENTS = ("page_context", "post_page")  # what MkDocs runs per page after on_env


@dataclass(frozen=True)
class Rendered:
    """What one chunk sends back: each page's Pagefind document, the log records, the cache entries."""

    pages: tuple[tuple[str, str | None], ...]  # (dest_uri, search.document_of(html))
    records: tuple[logging.LogRecord, ...]
    cache: dict[str, bytes] = field(default_factory=dict)


@dataclass
class _Plan:
    """What the workers render from: set in the parent just before the fork, inherited."""

    pages: Sequence[Page] = ()
    config: Any = None
    doc_files: Sequence[File] = ()
    nav: Any = None
    env: Any = None
    collecting: Callable[[bool], None] = lambda on: None  # the plugin keeps its pages' documents (or stops)
    end_chunk: EndChunk = lambda pages: ([], {})

    def build(self, page: Page) -> None:
        """Render and write one page as MkDocs' own loop would (its events, template, file)."""
        mkdocs_build._build_page(page, self.config, self.doc_files, self.nav, self.env)


_PLAN = _Plan()
_begun = False


class _Capture(logging.Handler):
    """A worker's log records, kept to be sent to the parent (which prints and counts them)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
        record.msg, record.args, record.exc_info, record.exc_text = message, None, None, None
        self.records.append(record)


def _render_chunk(start: int, stop: int) -> Rendered:
    global _begun
    plan = _PLAN
    if not _begun:
        _begun = True
        plan.collecting(True)
    capture = _Capture()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    saved = [(lg, lg.handlers[:]) for lg in loggers]
    for lg in loggers:
        lg.handlers = [capture]
    try:
        pages = plan.pages[start:stop]
        for page in pages:
            plan.build(page)
        documents, cache = plan.end_chunk(pages)
    finally:
        for lg, handlers in saved:
            lg.handlers = handlers
    return Rendered(tuple(documents), tuple(capture.records), cache)


def handles_page_events_alone(config: MkDocsConfig, plugin: object) -> bool:
    """Whether `plugin` is the only one to handle the events a page's rendering runs."""
    for event in PAGE_EVENTS:
        for method in config.plugins.events.get(event, []):
            if getattr(method, "__self__", None) is not plugin:
                return False
    return True


class PageWorkers:
    """SOP pages rendered by forked workers; see the module's docstring.

    `start` (from on_env) forks the workers and takes `pages` out of `files`; `collect` hands
    finished chunks to `deliver` (the parent's Pagefind and cache); `finish` waits for the rest,
    renders here any chunk whose worker failed, and checks the pages' anchor links as MkDocs
    would have. `all_pages` is MkDocs' list of pages as it was (for templates that list them:
    the sitemap). `close` stops the workers.
    """

    def __init__(self, deliver: Callable[[Rendered], None], report: Callable[[str], None]) -> None:
        self.deliver = deliver
        self.report = report
        self.all_pages: Sequence[File] = ()
        self._pool: ProcessPoolExecutor | None = None
        self._pending: list[tuple[int, int, Future[Rendered]]] = []
        self._plan = _Plan()
        self._files = Files([])
        self._failed = False

    @staticmethod
    def wanted(page_count: int) -> bool:
        return page_count >= PARALLEL_FROM and can_fork()

    def start(self, pages: Sequence[Page], files: Files, config: MkDocsConfig, nav: Any, env: Any, *,
              collecting: Callable[[bool], None], end_chunk: EndChunk) -> None:  # fmt: skip
        global _PLAN
        self.all_pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self._plan = _PLAN = _Plan(tuple(pages), config, self.all_pages, nav, env, collecting, end_chunk)
        self._files = files
        warm = self._plan.pages[:WARM_UP]
        collecting(True)
        for page in warm:  # before any thread (Pagefind's) exists: their documents wait
            self._plan.build(page)
        documents, cache = end_chunk(warm)
        collecting(False)
        # Everything made so far is the workers' to read, not to collect: frozen, the collector
        # never writes to those objects in a worker, so their memory stays shared with this process.
        gc.freeze()
        self._pool = fork_worker(cores())
        log.debug(f"{len(pages)} halaman SOP dibangun oleh {cores()} proses pembantu.")
        for start in range(len(warm), len(pages), CHUNK):
            stop = min(start + CHUNK, len(pages))
            self._pending.append((start, stop, self._pool.submit(_render_chunk, start, stop)))
        for page in pages:
            files.remove(page.file)  # MkDocs' own loop builds the others
        self.deliver(Rendered(tuple(documents), (), cache))

    def collect(self) -> None:
        """Deliver the chunks finished so far, in order (never waits, never renders here)."""
        while self._pending and self._pending[0][2].done() and self._pending[0][2].exception() is None:
            self._deliver_first()

    def finish(self, after_chunk: Callable[[], None] = lambda: None) -> None:
        """Wait for every chunk and deliver it (`after_chunk` after each), then check the pages'
        anchor links."""
        after_chunk()
        while self._pending:
            self._deliver_first()
            after_chunk()
        self.close()
        level = self._plan.config.validation.links.anchors
        for page in self._plan.pages:
            page.validate_anchor_links(files=self._files, log_level=level)

    def _deliver_first(self) -> None:
        start, stop, future = self._pending.pop(0)
        try:
            rendered = future.result()
        except Exception as exc:  # noqa: BLE001 - rendered here: the same pages, the same errors
            if not self._failed:
                self.report(f"proses pembantu berhenti ({type(exc).__name__}: {exc}); halaman SOP dibangun di proses utama.")
            self._failed = True
            for page in self._plan.pages[start:stop]:
                self._plan.build(page)
            return
        for record in rendered.records:
            logging.getLogger(record.name).handle(record)
        self.deliver(rendered)

    def close(self) -> None:
        global _PLAN
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        _PLAN = _Plan()
