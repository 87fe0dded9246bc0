"""The MkDocs adapter: maps build events onto the domain core, and nothing more.

* ``on_config``: make the package's default templates findable (after
  ``theme/``, so a portal can override any of them) and add its stylesheet.
* ``on_pre_build``: load and validate all content. Content errors are logged
  one per line, in Indonesian with file:line:column, and the build aborts
  *before* MkDocs cleans the site folder, so ``serve`` keeps the last good site
  and no traceback is shown.
* ``on_files``: add the generated pages (SOPs, agencies, home) and static files
  (per-SOP JSON, open data) with ``File.generated``; never into ``content/``.
  Builds the nav from sections when the config has none: listing every SOP in
  the nav would make each page carry N links (O(N²) output).
* ``on_page_context``: hand each generated page its view (`views.py`).
  Keterkaitan are resolved once (`relations.py`) and file dates read from
  git once (`gitdates.py`) in ``on_pre_build``; each SOP's standalone SVG is
  written here, from its page view's layouts.
* ``serve``: a save that touches only existing SOP files reloads, redraws and re-renders just
  their pages and the pages that show them (`incremental.py`); search and open data lag until
  the next whole rebuild, and the terminal says so.
* On 2+ cores, `mkdocs build` forks workers to load a large portal's files and, from ``on_env``,
  one per core that renders the SOP pages while this process renders the others
  (`page_workers.py`; when another plugin handles page events, one that draws the flowcharts
  ahead instead: `bagan/drawing.py`); never in ``serve``.
* ``on_post_page`` (last) hands each written page to Pagefind, which indexes it
  in its own process while the next page renders; ``on_post_build`` (last)
  writes the index (`search.py`) and, while Pagefind builds it, the static files
  (`pages.static_specs`). The build fails when the index is empty or misses pages
  marked for indexing; a failed build ends Pagefind, unwritten.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, write_file

from ..bagan.drawing import Drawer, draw
from ..bagan.paging import Kertas
from ..format import completeness, relations
from ..format.errors import ContentError, relative_path, suggestion
from ..format.loader import LoadResult, load_portal
from ..format.model import Portal
from ..kinerja.documents import is_document, load_dokumen
from ..kinerja.views import KINERJA_CSV, KINERJA_INDEX, Kinerja
from ..shared import text
from ..shared.cache import Store
from ..shared.published import site_base
from ..shared.unsafe import one_line
from ..shared.workers import run_forked
from . import alamat, buku, incremental, kosakata, markup, old_site, preview, sanitise, search, views
from .config import SopPortalConfig
from .frame import RenderedOnce, SopFrames, paper_address
from .gitdates import FileDateIndex, is_shallow
from .jinja_lookups import quick_dict_lookups
from .material import front_matter, material_title
from .page_workers import PageWorkers, Rendered, handles_page_events_alone
from .pages import (
    PageSpec,
    feed_spec,
    page_specs,
    published,
    sop_of,
    static_specs,
    static_uris,
    svg_uri,
)
from .project import from_mkdocs
from .repository import Repository

log = get_plugin_logger("sop-portal")
TEMPLATES = Path(__file__).parent / "templates"
# A Pemda has 30-50 agencies. Beyond this many, the nav's "Instansi" section links only the
# agency list page: hundreds of agency links on every page would make the site O(N²) again
# (ARCHITECTURE.md, "URLs") and push a SOP page past its 60 KB budget (bench/: 10,000 SOPs, 250 agencies).
NAV_INSTANSI_MAX = 50


class _WrittenLater(File):
    """A generated file MkDocs knows of from on_files (links to it resolve) but does not copy:
    the plugin makes and writes it after the pages, while Pagefind builds its index."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class SopPortalPlugin(BasePlugin[SopPortalConfig]):
    def __init__(self) -> None:
        self.portal = Portal((), ())
        self.specs: dict[str, PageSpec] = {}
        self.root = Path.cwd()
        self.relations = relations.EMPTY
        self.dates = FileDateIndex(Path.cwd(), None)
        self.repo: Repository | None = None
        self.previewing = False
        self.dirty = False  # `mkdocs build --dirty`: MkDocs keeps the old site's files
        self.removal = old_site.Removal()  # the previous build's files, being deleted (old_site.py)
        self.build_errors: list[ContentError] = []  # the last failed build's messages, for the preview
        self.notes: list[ContentError] = []  # the last good build's peringatan, for the preview's yellow banner
        self.served = False  # a preview build has succeeded: later failures keep the last good site
        self.error_pages: list[str] = []  # preview pages of never-valid SOPs (preview.py), removed when fixed
        self.index: search.IndexSession | None = None  # Pagefind, fed page by page during a build
        self.drawer: Drawer | None = None  # flowcharts drawn ahead in a second process (drawing.py)
        self.nav_cache = RenderedOnce()
        self.frames: SopFrames | None = None
        self.template_names: set[str] = set()
        self.dokumen: Kinerja  # performance documents (kinerja/views.py), set in on_config
        self.caches: dict[str, Store] = {}  # loaded SOPs and drawings kept between builds (shared/cache.py)
        self.keys: dict[str, str] = {}  # each SOP's content key (LoadResult.keys), for the drawing cache
        self.last_good: incremental.Served | None = None  # serve: the last good build, for quick updates
        self.quick = False  # serve: a quick update is rendering (incremental.py), Pagefind lags
        self.server: Any = None
        self.nav: Any = None
        self.env: Any = None
        self.files = Files([])
        self.watched_before: incremental.Snapshot = {}  # serve: the watched files as the last build began
        self.page_workers: PageWorkers | None = None  # SOP pages rendered in forked workers (page_workers.py)
        self.data_written = False  # this build wrote the open data while the workers rendered
        self.data_writer: Any = None  # (pool, future) of the process writing the open data
        self.in_worker: list[tuple[str, str | None]] | None = None  # there: its pages' Pagefind documents
        self.delivered: set[str] = set()  # SOP pages the page workers have written (dest_uri)
        self.books_written: set[str] = set()  # agencies whose Buku SOP this build has written
        self._build_nav: Any = None
        self._site_dir = Path("site")

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` is the author's live preview: it shows `draf` SOPs (with their banner),
        # which the published site leaves out. Defining on_startup keeps this instance across
        # serve's rebuilds; on_config resets all per-build state.
        self.previewing = command == "serve"
        self.dirty = dirty

    def on_serve(self, server, config: MkDocsConfig, builder):
        # The package's templates and CSS are part of the preview too (sops/, theme/ and
        # content/ are watched through site_config.yml and docs_dir).
        server.watch(str(TEMPLATES))
        self.server = server
        # A content error aborts the rebuild in on_pre_build, before the site folder is
        # cleaned, so the last good site is intact. But MkDocs' server holds every request
        # until a rebuild succeeds ("will appear stuck"), so the preview would hang; ending
        # the failed rebuild normally lets it serve (and reload browsers onto) the last good site.
        rebuild = server.builder

        def keep_last_good_site(*args, **kwargs):
            # Only SOP files saved: reload, redraw and re-render just their pages (incremental.py).
            if incremental.quick_update(self, self._watched(config)):
                return
            try:
                rebuild(*args, **kwargs)
            except Abort:
                self._show_errors(Path(config.site_dir))
                log.error(
                    "Pratinjau tetap menampilkan versi terakhir yang valid. Perbaiki kesalahan di atas lalu "
                    "simpan; halaman dimuat ulang otomatis."
                )

        server.builder = keep_last_good_site
        return server

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return markup.finish(output_content) if template_name.endswith(".html") else output_content

    def _finish_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        output = markup.finish(output)  # valid HTML, without indentation (markup.py)
        # Preview only: the page shows a failed rebuild's errors in a banner (see preview.py).
        if not self.previewing:
            return output
        return preview.add_to_page(output, get_relative_url(preview.ERRORS_FILE, page.url))

    @event_priority(-100)  # last: Pagefind gets the page as it is written, whatever other plugins did
    def _index_page(self, output: str, page: Page, config: MkDocsConfig) -> None:
        if self.quick:
            return  # serve's quick update: the index keeps the last build's pages (incremental.py)
        document = search.document_of(output)
        if self.in_worker is not None:  # indexed by the parent (page_workers.py)
            self.in_worker.append((page.file.dest_uri, document))
            return
        self._add_to_index(page.file.dest_uri, document, Path(config.site_dir))
        if self.page_workers is not None:
            self.page_workers.collect()

    def _add_to_index(self, dest_uri: str, document: str | None, site_dir: Path) -> None:
        """A written page's Pagefind document (`search.document_of`; None: not indexed) into the index."""
        try:
            if self.index is None:
                # A build whose page or flowchart workers keep the other cores busy gives Pagefind its share of them.
                others_busy = self.page_workers is not None or (self.drawer is not None and self.drawer.parallel)
                self.index = search.IndexSession(site_dir, lower_priority=not others_busy)
            self.index.add_document(dest_uri, document)
        except search.SearchIndexError as error:
            raise PluginError(str(error)) from None

    on_post_page = CombinedEvent(_finish_page, _index_page)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project = from_mkdocs(config, self.config)  # the folders and options, as the CLI reads them
        self.root = self.project.root
        if str(TEMPLATES) not in config.theme.dirs:
            config.theme.dirs.append(str(TEMPLATES))
        # Every stylesheet the package ships (layout, flowchart, search, documents), before the site's own.
        for css in sorted((TEMPLATES / "assets" / "stylesheets").glob("*.css"), reverse=True):
            uri = f"assets/stylesheets/{css.name}"
            if uri not in config.extra_css:
                config.extra_css.insert(0, uri)
        self.portal = Portal((), ())
        self.specs = {}
        self.data_written = False
        self.delivered = set()
        self.books_written = set()
        self.dokumen = Kinerja((), self.portal, self.config.predikat)
        self.last_good = None
        self.repo = Repository.from_config(config.repo_url, config.edit_uri)
        self._end_drawer()
        self._end_index()  # one left by an interrupted build (serve)
        return config

    @property
    def _may_fork(self) -> bool:
        """Whether this build may fork a worker (`shared/workers.py`): not in `serve`, whose threads make fork unsafe."""
        return self.config.parallel and not self.previewing

    @property
    def _kertas(self) -> Kertas:
        return Kertas(self.config.paper, self.config.rows_per_page)

    @property
    def today(self) -> dt.date:
        return self.project.today

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.previewing:  # taken before reading anything: a file saved during the build is a change
            self.watched_before = incremental.snapshot(self._watched(config))
        self._load(config)
        if not self.previewing and not self.dirty:  # the content is valid: the old site may go
            self.removal = old_site.move_aside(Path(config.site_dir))

    def _load(self, config: MkDocsConfig) -> None:
        project = self.project
        folder = self.root / self.config.cache_dir if self.config.cache else None
        self.caches = {kind: Store(folder, kind) for kind in ("muat", "bagan")}
        result: LoadResult = load_portal(project.sops_dir, self.root, parallel=self._may_fork, cache=self.caches["muat"])
        self.keys = dict(result.keys)
        documents = load_dokumen(project.docs_dir, project.sops_dir, self.root)
        errors = sorted((*result.errors, *documents.errors))
        failed = result.failed or documents.failed
        first_preview = failed and self.previewing and not self.served  # serves what is valid (_refuse)
        for error in errors:
            # A peringatan is logged at INFO: `--strict` aborts on WARNING, and a peringatan publishes;
            # so are the errors of the preview's first build, which must not abort at its end.
            (log.error if error.level == "kesalahan" and not first_preview else log.info)(error.format())
        if failed:
            self._refuse(errors)  # raises, except on the preview's first build
        self.portal = published(result.portal, self.config.publish_draft or self.previewing)
        self.dokumen = Kinerja(documents.dokumen, self.portal, self.config.predikat)
        # Keterkaitan that name no published SOP stay text, and SOPs in force without nomor, dates or
        # signer (completeness.py) publish: peringatan, never a failure (not even --strict).
        self.relations = relations.resolve(self.portal)
        findings = sorted((*self.relations.catatan, *completeness.identity(self.portal.sops)))
        for note in findings:
            log.info(note.format())
        self.notes = sorted(e for e in (*errors, *findings) if e.level == "peringatan")
        folders = [self.config.sops_dir]
        try:
            folders.append(Path(config.docs_dir).resolve().relative_to(self.root.resolve()).as_posix())
        except ValueError:
            pass
        self.dates = FileDateIndex.read(self.root, folders)
        if self.dates.has_git and is_shallow(self.root):
            log.info("Riwayat git dangkal (shallow clone): tanggal 'terakhir diperbarui' bisa keliru; checkout dengan fetch-depth: 0.")

    def _refuse(self, errors: list[ContentError]) -> None:
        """A build with content errors publishes nothing. The preview's first build has no last good
        site to keep showing, so it serves what is valid and shows the errors (banner, error pages)."""
        count = sum(1 for e in errors if e.level == "kesalahan")
        self.build_errors = [e for e in errors if e.level != "info"]
        if self.previewing and not self.served:
            log.info(
                f"Pratinjau dimulai tanpa berkas yang salah ({count} kesalahan di atas); pesannya juga tampil "
                "di halaman. Perbaiki lalu simpan; pratinjau dibangun ulang otomatis."
            )
            return
        raise PluginError(
            f"Isi portal tidak valid: {count} kesalahan (lihat di atas). Tidak ada yang diterbitkan; "
            "perbaiki berkasnya lalu jalankan lagi (periksa cepat: sop-portal check)."
        )

    def _show_errors(self, site_dir: Path) -> None:
        """The preview's red banner and the pages of never-valid SOPs, for the last failed (re)build."""
        problems, self.build_errors = self.build_errors, []
        failed = [e.format() for e in problems if e.level == "kesalahan"]
        warned = [e.format() for e in problems if e.level == "peringatan"]
        messages = failed + warned if failed else ["Pembangunan gagal; pesan lengkapnya ada di terminal make serve."]
        preview.write_errors(site_dir, messages, warnings=len(warned) if failed else 0)
        self.error_pages += preview.write_error_pages(site_dir, problems, self.config.sops_dir)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        has_home = files.get_file_from_path("index.md") is not None
        for spec in page_specs(self.portal, has_home=has_home):
            hidden = spec.kind in ("sop", "cari", "data", "buku") or (spec.kind == "instansi" and not self._agencies_in_nav)
            inclusion = InclusionLevel.NOT_IN_NAV if hidden else InclusionLevel.UNDEFINED
            self._add(files, File.generated(config, spec.src_uri, content=front_matter(spec), inclusion=inclusion))
            self.specs[spec.src_uri] = spec
        for uri in static_uris(self.portal, feed=bool(config.site_url)):  # written after the pages (on_post_build)
            self._add(files, _WrittenLater.generated(config, uri, content=b""))
        self._add_kinerja(files, config)
        self._staff_guide(files, config)
        if not config.nav:
            config.nav = self._nav(files)
        return files

    def _add_kinerja(self, files: Files, config: MkDocsConfig) -> None:
        """/kinerja/ (unless content/kinerja/index.md exists), /data/kinerja.csv; documents stay out of the nav."""
        if files.get_file_from_path(KINERJA_INDEX) is None:
            spec = PageSpec(KINERJA_INDEX, "kinerja-daftar.html", "Dokumen Kinerja", "kinerja-daftar", "", hide=("toc",))
            self._add(files, File.generated(config, spec.src_uri, content=front_matter(spec)))
            self.specs[spec.src_uri] = spec
        self._add(files, File.generated(config, KINERJA_CSV, content=self.dokumen.csv(config.site_url or "").encode("utf-8")))
        for file in files.documentation_pages():
            if is_document(file.src_uri):
                file.inclusion = InclusionLevel.NOT_IN_NAV

    def _staff_guide(self, files: Files, config: MkDocsConfig) -> None:
        """The staff guide (`pegawai` folder) stays out of the citizens' nav; the footer links it."""
        folder = self.config.pegawai.strip("/")
        guide = [f for f in files.documentation_pages() if f.src_uri.startswith(folder + "/")] if folder else []
        for file in guide:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        index = files.get_file_from_path(f"{folder}/index.md") if guide else None
        config.extra["sop_pegawai"] = index.url if index is not None else None

    @property
    def _agencies_in_nav(self) -> bool:
        return len(self.portal.instansi) <= NAV_INSTANSI_MAX

    @staticmethod
    def _add(files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(file)

    def _nav(self, files: Files) -> list[Any]:
        """Sections and agencies only; hand-written pages keep their place after them."""
        agencies = [{material_title(a.nama_pendek): f"instansi/{a.id}.md"} for a in sorted(self.portal.instansi, key=lambda a: a.nama)]
        agencies = agencies if self._agencies_in_nav else []
        nav: list[Any] = [{"Beranda": "index.md"}, {"Instansi": ["instansi/index.md", *agencies]}]
        if files.get_file_from_path(KINERJA_INDEX) is not None:
            nav.append({"Dokumen Kinerja": KINERJA_INDEX})
        generated = {"index.md", "instansi/index.md"} | {f"instansi/{a.id}.md" for a in self.portal.instansi}
        sections: dict[str, list[str]] = {}
        for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
            uri = file.src_uri
            if uri in generated or uri.startswith(("sop/", "kinerja/")) or uri in self.specs or not file.inclusion.is_in_nav():
                continue
            top, _, rest = uri.partition("/")
            if rest:
                sections.setdefault(top, []).append(uri)
            else:
                nav.append(uri)
        for top, uris in sections.items():
            index = f"{top}/index.md"
            ordered = ([index] if index in uris else []) + [u for u in uris if u != index]
            nav.append({top.replace("-", " ").title(): ordered})
        return nav

    def _sop_specs(self, files: Files) -> list[PageSpec]:
        """The SOP pages' specs in the order MkDocs renders them (its documentation pages)."""
        specs = (self.specs.get(file.src_uri) for file in files.documentation_pages())
        return [spec for spec in specs if spec is not None and spec.kind == "sop"]

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        self.nav = nav if self.previewing else None  # serve: kept for quick updates (incremental.py)
        self._build_nav = nav  # on_env gets none: for the page workers
        return nav

    def _watched(self, config: MkDocsConfig) -> list[str]:
        """What serve watches: the config, docs_dir, `watch:`, the templates, and whatever else the server does."""
        roots = [config.config_file_path or "", config.docs_dir, *config.watch, str(TEMPLATES)]
        roots += list(getattr(self.server, "_watched_paths", ()))
        return sorted({os.path.abspath(root) for root in roots if root})

    def _prepare_env(self, env, config: MkDocsConfig, files: Files):
        if self.previewing:
            self.env, self.files = env, files
        self.template_names = set(env.list_templates(filter_func=lambda name: name.endswith(".html")))
        # MkDocs' Jinja does not escape, and Material's templates count on that. The package's
        # templates print what agency staff typed ("nilai < 60", "Sarana & Prasarana"), so they,
        # and a portal's copies of them in theme/, escape every value; trusted HTML (rendered
        # Markdown, drawn charts) is marked `| safe` where it is printed.
        ours = frozenset(name for name in self.template_names if (TEMPLATES / name).is_file())
        env.autoescape = lambda name: name in ours
        env.globals["pemilik"] = views.owner_view(self.config)  # every page's header (partials/cari/header.html)
        self.nav_cache = RenderedOnce()  # rendered sidebars of SOP pages, per build (theme/main.html)
        self.frames = SopFrames(env)  # the frame around SOP pages, per build
        # Flowcharts drawn ahead, in the order MkDocs renders the pages.
        sops = [sop_of(self.portal, spec.key) for spec in self._sop_specs(files)]
        # Pages rendered in workers draw their own charts (the drawer is inherited, without its worker).
        in_workers = self._may_fork and handles_page_events_alone(config, self) and PageWorkers.wanted(len(sops))
        self.drawer = Drawer(
            sops, self._kertas, parallel=self._may_fork and not in_workers, cache=self.caches.get("bagan"), keys=self.keys,
            report=log.info,
        )  # fmt: skip
        self.page_workers = PageWorkers(self._take_rendered, log.info) if in_workers else None
        env.filters["tanggal"] = text.tanggal
        env.filters["angka"] = text.angka
        env.filters["rupiah"] = text.rupiah
        quick_dict_lookups(env)  # the views' dicts read without a caught AttributeError each (jinja_lookups.py)
        return env

    @event_priority(-100)  # last: the workers inherit the environment every plugin has set up
    def _start_page_workers(self, env, config: MkDocsConfig, files: Files):
        if self.page_workers is not None:
            self._site_dir = Path(config.site_dir)  # where _take_rendered's pages are
            pages = [file.page for file in files.documentation_pages() if (spec := self.specs.get(file.src_uri)) and spec.kind == "sop"]
            self.page_workers.start(
                [p for p in pages if p is not None], files, config, self._build_nav, env,
                collecting=self._collecting, end_chunk=self._end_chunk,
            )  # fmt: skip
            # The open data too, in a process of its own: all it needs is loaded (1,000 SOPs: 2.4
            # CPU-s this process would spend while its pages and the workers' wait for it).
            self.data_writer = run_forked(lambda: self._write_data(config))
        return env

    on_env = CombinedEvent(_prepare_env, _start_page_workers)

    def _collecting(self, on: bool) -> None:
        """Pages rendered from now on keep their Pagefind documents for the parent (page_workers.py)."""
        self.in_worker = [] if on else None

    def _end_chunk(self, pages) -> tuple[list[tuple[str, str | None]], dict[str, bytes]]:
        """In a page worker, after a chunk: its pages' Pagefind documents and the drawings it added to the cache."""
        documents, self.in_worker = self.in_worker or [], []
        sops = [sop_of(self.portal, self.specs[page.file.src_uri].key) for page in pages]
        return documents, self.drawer.entries(sops) if self.drawer is not None else {}

    def _take_rendered(self, rendered: Rendered) -> None:
        """In the parent: a chunk of pages from a worker, into Pagefind and the cache."""
        for dest_uri, document in rendered.pages:
            self._add_to_index(dest_uri, document, self._site_dir)
            self.delivered.add(dest_uri)
        if "bagan" in self.caches:
            self.caches["bagan"].keep(rendered.cache)

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        # The sitemap (any theme template that lists the pages) lists the pages workers render too.
        if self.page_workers is not None and self.page_workers.all_pages:
            context["pages"] = self.page_workers.all_pages
        return context

    # MkDocs passes page/config/nav by keyword; the context is a plain dict here (we add keys).
    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:  # type: ignore[override]
        spec = self.specs.get(page.file.src_uri)
        kinerja = self.dokumen.konteks(page.file.src_uri, spec.kind if spec else None, spec.key if spec else None)
        if kinerja is not None:
            context["kinerja"] = kinerja  # documents: the page's view; SOP/agency/listing pages: their documents
        if spec is None:
            return context
        agencies = self.portal.instansi_by_id()
        if spec.kind == "sop":
            # theme/main.html renders the sidebars once per key: SOP pages share them.
            context["sop_nav_key"] = ("sop", context.get("base_url"), len(page.toc.items))
            context["sop_nav_cache"] = self.nav_cache
            sop = sop_of(self.portal, spec.key)
            # Drawn once: the page's lane cells and the standalone SVG come from the same layouts.
            drawing = self.drawer.drawing(sop) if self.drawer else draw(sop, self._kertas)
            write_file(drawing.svg, str(Path(config.site_dir) / svg_uri(sop)))
            context["v"] = views.sop_view(
                sop, agencies.get(sop.instansi), today=self.today, review_months=self.config.review_months,
                relations=self.relations, drawing=drawing,
            )  # fmt: skip
            context["v"]["tautan"] = views.tautan_view(
                sop, self.portal, relations=self.relations, dates=self.dates.get(sop.source), repo=self.repo,
                page_url=site_base(config.site_url) + sop.url,
            )  # fmt: skip
        elif spec.kind == "instansi":
            context["v"] = views.instansi_view(agencies[spec.key], self.portal)
        elif spec.kind == "buku":
            context["v"] = buku.buku_view(agencies[spec.key], self.portal, today=self.today)
        elif spec.kind in ("instansi-daftar", "beranda", "data"):
            context["v"] = views.home_view(self.portal, dates=self.dates, dokumen=self.dokumen.dokumen)
        context["paper"] = self.config.paper
        context["alamat_kertas"] = paper_address(page)  # the foot of every printed sheet (partials/sop/kertas.html)
        if spec.kind == "sop" and self.frames is not None:
            context["sop_frame"] = self.frames.frame_for(context)  # Material's page around it, rendered once
        return context

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # A Markdown body from content/ is untrusted input: through the allowlist sanitiser (sanitise.py).
        return html if page.file.generated_by else sanitise.clean(html)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # A hand-written home page (content/index.md) gets the home view under its own text.
        if page.file.src_uri == "index.md" and page.file.src_uri not in self.specs:
            page.meta.setdefault("template", "beranda.html")
            self.specs["index.md"] = PageSpec("index.md", "beranda.html", page.title or "Beranda", "beranda", "")
        self._check_template(page)
        if not page.file.generated_by:
            # Material prints a page's title and description as HTML: what an author typed goes in escaped.
            for key in ("title", "description"):
                if isinstance(page.meta.get(key), str):
                    page.meta[key] = material_title(page.meta[key])
        # Performance documents: a template per jenis; a hand-written /kinerja/ page gets the listing under its text.
        dokumen = self.dokumen.dokumen_of(page.file.src_uri)
        if dokumen is not None:
            page.meta.update(template=Kinerja.template(dokumen), title=material_title(dokumen.judul))
            page.meta.setdefault("hide", [] if dokumen.jenis == "lkip" else ["toc"])
        elif page.file.src_uri == KINERJA_INDEX and page.file.src_uri not in self.specs:
            page.meta.setdefault("template", "kinerja-daftar.html")
            self.specs[KINERJA_INDEX] = PageSpec(KINERJA_INDEX, "kinerja-daftar.html", page.title or "Dokumen Kinerja", "kinerja-daftar", "")
        return markdown

    def _check_template(self, page: Page) -> None:
        """A page's front matter `template:` must name a template that exists (else Jinja's traceback)."""
        name = page.meta.get("template")
        if not name or name in self.template_names or page.file.src_uri in self.specs:
            return
        where, line = page.file.src_uri, 1  # the file, and its front matter's line of `template:`
        if page.file.abs_src_path:
            rows = Path(page.file.abs_src_path).read_text(encoding="utf-8").splitlines()
            line = next((i for i, row in enumerate(rows, 1) if row.startswith("template:")), 1)
            where = relative_path(Path(page.file.abs_src_path), self.root)
        hint = suggestion(str(name), self.template_names)
        raise PluginError(
            one_line(f"{where}:{line}:1: kesalahan: template: templat '{name}' tidak ada{hint}. ")
            + "Hapus baris itu (templat bawaan dipakai) atau buat berkasnya di theme/."
        )

    @event_priority(100)  # first: every SOP page is written before any plugin looks at the site
    def _finish_page_workers(self, config: MkDocsConfig) -> None:
        workers = self.page_workers
        if workers is None:
            return
        try:
            # Still delivering (_take_rendered) until it returns; each agency's book as soon as
            # its SOP pages are all written (they come agency by agency). The pages first: waiting
            # for the open data first left Pagefind without pages meanwhile.
            workers.finish(after_chunk=lambda: self._write_books(config, ready_only=True))
            self._wait_for_data(config)
        finally:
            self.page_workers = None

    @event_priority(-100)  # last: index every page, whatever other plugins wrote
    def _post_build(self, config: MkDocsConfig) -> None:
        # Pages came in while they were rendered (_index_page); finish() adds any HTML file
        # written some other way (all of them, when no page was rendered) and checks the index.
        self._end_drawer()
        session, self.index = self.index, None
        try:
            empty = not (self.portal.sops or self.portal.instansi or self.dokumen and self.dokumen.dokumen)
            report = (session or search.IndexSession(Path(config.site_dir))).finish(
                meanwhile=lambda: self._write_statics(config, save_caches=True, data=not self.data_written), allow_empty=empty
            )
        except search.SearchIndexError as error:
            raise PluginError(str(error)) from None
        log.info(f"Indeks pencarian: {report.page_count} halaman.")
        if self.previewing and self.nav is not None:
            self.last_good = incremental.Served(config, self.files, self.nav, self.env, self.watched_before)
        if self.previewing:  # the preview's banner lists this build's peringatan; old error pages go
            preview.clear(Path(config.site_dir), self.error_pages)
            self.error_pages = []
            preview.write_notes(Path(config.site_dir), [e.format() for e in self.notes])
            if self.build_errors:  # the first build served what was valid (_refuse)
                self._show_errors(Path(config.site_dir))
            self.served = True
        if not config.site_url and not self.previewing:
            alamat.leave_out_absolute_files(Path(config.site_dir), log.info)
        self.removal.wait()

    on_post_build = CombinedEvent(_finish_page_workers, _post_build)

    def _write_statics(self, config: MkDocsConfig, save_caches: bool = False, data: bool = True) -> None:
        """The open data (`data`: unless written already); the books; then the caches."""
        if data:
            self._write_data(config)
        self._write_books(config)
        for cache in self.caches.values() if save_caches else ():
            cache.save()

    def _wait_for_data(self, config: MkDocsConfig) -> None:
        """The open data written by its own process (or here, the same, if that process failed)."""
        writer, self.data_writer = self.data_writer, None
        if writer is None:
            return
        pool, future = writer
        try:
            future.result()
        except Exception as exc:  # noqa: BLE001 - written here instead: the same files, the same errors
            log.info(f"proses pembantu data terbuka berhenti ({type(exc).__name__}: {exc}); data ditulis di proses utama.")
            self._write_data(config)
        finally:
            pool.shutdown(wait=True)
        self.data_written = True

    def _write_data(self, config: MkDocsConfig) -> None:
        """Per-SOP JSON, the open data, the schemas, the feed (registered in on_files), the search words."""
        site_url = config.site_url or ""
        statics = static_specs(self.portal, site_url, relations=self.relations, dates=self.dates)
        if site_url:  # a feed needs absolute addresses (alamat.py)
            statics.append(feed_spec(self.portal, site_url=site_url, site_name=config.site_name, dates=self.dates, dokumen=self.dokumen.dokumen))
        for static in statics:
            write_file(static.content, str(Path(config.site_dir) / static.src_uri))
        # The words "Mungkin maksud Anda" suggests from, and the ways on after an empty search.
        write_file(kosakata.vocabulary_json(self.portal, self.dokumen.dokumen), str(Path(config.site_dir) / kosakata.PATH))

    def _write_books(self, config: MkDocsConfig, ready_only: bool = False) -> None:
        """Each agency's Buku SOP not written yet in this build. `ready_only`: only those whose
        SOP pages the page workers have all delivered."""
        for spec in self.specs.values():
            if spec.kind != "buku" or spec.key in self.books_written:
                continue
            sops = buku.in_force(self.portal, spec.key)
            if ready_only and any(sop.url + "index.html" not in self.delivered for sop in sops):
                continue
            self.write_book(Path(config.site_dir), spec.key)

    def write_book(self, site: Path, agency_id: str) -> None:
        """One agency's Buku SOP: its rendered page, with the official part of its SOPs' pages put in."""
        self.books_written.add(agency_id)
        page = site / buku.buku_url(agency_id) / "index.html"
        sops = buku.in_force(self.portal, agency_id)
        pages = [(site / sop.url / "index.html").read_text(encoding="utf-8") for sop in sops]
        book = buku.assemble(page.read_text(encoding="utf-8"), pages, [sop.url for sop in sops], buku.buku_url(agency_id))
        page.write_text(book, encoding="utf-8")

    def on_build_error(self, *, error: Exception) -> None:
        self.removal.wait()
        writer, self.data_writer = self.data_writer, None
        if writer is not None:
            writer[0].shutdown(wait=True, cancel_futures=True)
        workers, self.page_workers = self.page_workers, None
        if workers is not None:
            workers.close()
        self._end_drawer()
        self._end_index()  # a failed build publishes nothing: Pagefind ends without writing its bundle

    def _end_drawer(self) -> None:
        if self.drawer is not None:
            self.drawer.close()
            self.drawer = None

    def _end_index(self) -> None:
        if self.index is not None:
            self.index.abort()
            self.index = None

