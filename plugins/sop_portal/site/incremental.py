"""`mkdocs serve`: a saved SOP refreshes its own pages in a blink instead of a whole rebuild.

MkDocs' live preview rebuilds the whole site on every save: at 1,000 SOPs that is loading,
drawing and rendering every SOP and running Pagefind, ~15 s before the browser reloads. When
every file changed since the last build is an existing SOP file (`sops/<instansi>/<slug>.yml`,
not `_instansi.yml`, not a new or deleted file), the plugin instead reloads those SOPs, redraws
and re-renders their pages and the pages that show them (their agency page, the lists, the SOPs
whose keterkaitan name them or that they name), and writes their JSON; the browser reloads
onto the fresh page in well under a second (bench/serve.py measures it).

What lags behind: the search index, the open data collection (/data/sop.json, sop.csv) and the
feed keep the last full build's contents until the next full rebuild, and the terminal says so.
Anything else (an agency's `_instansi.yml`, a template, the config, a Markdown page, a new or
deleted SOP, a SOP that no longer loads) rebuilds the whole site as before.

This module holds the MkDocs-facing parts (which files changed, rendering a few pages with
MkDocs' own page pipeline); the plugin's `_quick_update` updates the model.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from ..bagan.drawing import Drawer
from ..format.errors import relative_path
from ..format.loader import load_sop
from ..format.model import Portal, Sop
from ..format.relations import Relations, resolve
from ..kinerja.views import Kinerja
from ..shared.cache import key_of
from . import buku
from .material import front_matter
from .pages import json_uri, page_specs, static_specs

log = get_plugin_logger("sop-portal")

Snapshot = dict[str, tuple[int, int]]  # path -> (mtime_ns, size)


def snapshot(roots: Iterable[str]) -> Snapshot:
    """Every file under the watched paths (files or folders), with its modification time and size."""
    found: Snapshot = {}
    for root in roots:
        if os.path.isfile(root):
            stat = os.stat(root)
            found[root] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:  # removed while we looked: a change the next snapshot sees
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed_sops(before: Snapshot, after: Snapshot, sops_dir: Path) -> list[Path] | None:
    """The SOP files changed between two snapshots ([] when nothing did), or None when anything
    else changed too, which needs a whole rebuild."""
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    sops = []
    for name in sorted(changed):
        path = Path(name)
        is_sop = (
            path.suffix in (".yml", ".yaml")
            and not path.name.startswith("_")
            and path.parent.parent == sops_dir
            and not path.is_symlink()
        )
        if not is_sop or name not in before or name not in after:
            return None
        sops.append(path)
    return sops


def identity(sop: Sop) -> tuple[Any, ...]:
    """What other pages show of a SOP, and what keterkaitan are resolved from (`relations.resolve`)."""
    return (sop.nama, sop.nomor, sop.status, sop.keterkaitan, sop.tanggal_efektif, sop.tanggal_revisi, sop.unit)


def related(old: Relations, new: Relations, uids: Iterable[str]) -> set[str]:
    """The SOPs whose pages change when `uids` change: those, the SOPs they name or that name
    them (before and after), and every SOP whose resolved keterkaitan differ."""
    pages = set(uids)
    for relations in (old, new):
        for uid in list(pages):
            pages.update(relations.backlinks_of(uid))
            pages.update(t.target for t in relations.links_of(uid) if t.target)
    for uid in old.keterkaitan.keys() | new.keterkaitan.keys():
        if old.links_of(uid) != new.links_of(uid) or old.backlinks_of(uid) != new.backlinks_of(uid):
            pages.add(uid)
    for uid in old.dirujuk_oleh.keys() | new.dirujuk_oleh.keys():
        if old.backlinks_of(uid) != new.backlinks_of(uid):
            pages.add(uid)
    return pages


def render(pages: Iterable[Page], config: MkDocsConfig, files: Files, nav: Any, env: Any) -> int:
    """Re-render pages of the last build with MkDocs' own steps (read, Markdown, template, write),
    every plugin event included; returns how many."""
    doc_files = files.documentation_pages()
    count = 0
    for page in pages:
        mkdocs_build._populate_page(page, config, files)
        mkdocs_build._build_page(page, config, doc_files, nav, env)
        count += 1
    return count


@dataclass
class Served:
    """What the last successful build of the preview left for quick updates."""

    config: MkDocsConfig
    files: Files
    nav: Any
    env: Any
    snapshot: Snapshot = field(default_factory=dict)


def quick_update(plugin: Any, roots: Iterable[str]) -> bool:
    """Update the preview for changed SOP files only (see the module's docstring); False when the
    change needs the whole rebuild (then nothing was written)."""
    served: Served | None = plugin.last_good
    if served is None:
        return False
    now = snapshot(roots)
    paths = changed_sops(served.snapshot, now, Path(os.path.abspath(plugin.root / plugin.config.sops_dir)))
    if paths is None:
        return False
    if not paths:  # the watcher saw a file written again with the same contents' stat: nothing to do
        served.snapshot = now
        return True
    start = time.perf_counter()
    loaded = _reload(plugin, paths)
    if loaded is None:
        return False  # the whole rebuild reports the errors and keeps the last good site
    plugin.last_good = None  # until this update is through: a failure half-way means a whole rebuild
    uids = _update_model(plugin, loaded)
    pages = _pages(plugin, served.files, uids, loaded.values())
    plugin.quick = True
    # Unchanged SOPs among them come from the drawing cache (shared/cache.py), the changed ones are drawn.
    redrawn = [plugin.portal.sop_by_uid()[uid] for uid in uids]
    plugin.drawer = Drawer(redrawn, plugin._kertas, parallel=False, cache=plugin.caches.get("bagan"), keys=plugin.keys)
    try:
        count = render(pages, served.config, served.files, served.nav, served.env)
    finally:
        plugin.quick = False
        plugin._end_drawer()
    for agency in sorted({sop.instansi for sop in loaded.values()}):
        plugin.write_book(Path(served.config.site_dir), agency)  # its SOPs put into its re-rendered book
    site_url = served.config.site_url or ""
    changed = Portal(plugin.portal.instansi, tuple(loaded.values()))
    for static in static_specs(changed, site_url, relations=plugin.relations, dates=plugin.dates):
        if static.src_uri in {json_uri(sop) for sop in loaded.values()}:
            write_file(static.content, str(Path(served.config.site_dir) / static.src_uri))
    served.snapshot = now
    plugin.last_good = served
    names = ", ".join(sop.uid for sop in loaded.values())
    log.info(
        f"Pratinjau cepat: {names} dimuat ulang, {count} halaman diperbarui dalam {time.perf_counter() - start:.2f} s. "
        "Pencarian, data terbuka (/data/) dan feed belum memuat perubahan ini: semuanya diperbarui pada "
        "pembangunan penuh berikutnya (simpan _instansi.yml, templat atau konfigurasi, atau jalankan ulang serve)."
    )
    return True


def _reload(plugin: Any, paths: list[Path]) -> dict[str, Sop] | None:
    """The changed SOPs, loaded again (and their content keys noted); None if one has errors or is new."""
    loaded = {}
    before = plugin.portal.sop_by_uid()
    for path in paths:
        sop, errors = load_sop(path, plugin.root, path.parent.name)
        if sop is None or any(e.level == "kesalahan" for e in errors) or sop.uid not in before:
            return None
        loaded[sop.uid] = sop
        plugin.keys[sop.uid] = key_of(relative_path(path, plugin.root), path.parent.name, path.read_bytes())
    return loaded


def _update_model(plugin: Any, loaded: dict[str, Sop]) -> set[str]:
    """Put the reloaded SOPs into the plugin's portal; the uids of the SOP pages to re-render."""
    before = plugin.portal.sop_by_uid()
    old = plugin.relations
    plugin.portal = Portal(plugin.portal.instansi, tuple(loaded.get(s.uid, s) for s in plugin.portal.sops))
    uids = set(loaded)
    if any(identity(sop) != identity(before[uid]) for uid, sop in loaded.items()):
        # Its name, number, status or keterkaitan changed: the SOPs that name it or that it names too.
        plugin.relations = resolve(plugin.portal)
        uids = related(old, plugin.relations, loaded)
    plugin.dokumen = Kinerja(plugin.dokumen.dokumen, plugin.portal, plugin.config.predikat)
    return uids


def _pages(plugin: Any, files: Files, uids: set[str], loaded: Iterable[Sop]) -> list[Page]:
    """The pages to re-render: those SOPs', their agencies' (and Buku SOP), and the lists (home, agencies, data)."""
    uris = []
    for spec in page_specs(plugin.portal, has_home=True):
        if spec.kind == "sop" and spec.key in uids:
            plugin.specs[spec.src_uri] = spec
            file = files.get_file_from_path(spec.src_uri)
            if file is not None:
                file.content_string = front_matter(spec)  # its title, if the SOP's nama changed
            uris.append(spec.src_uri)
    agencies = sorted({sop.instansi for sop in loaded})
    uris += [f"instansi/{agency}.md" for agency in agencies] + [buku.buku_uri(agency) for agency in agencies]
    uris += ["instansi/index.md", "index.md", "data/index.md"]
    pages = [file.page for file in map(files.get_file_from_path, uris) if file is not None and file.page is not None]
    for page in pages:  # a hand-written home page gets its view from on_page_markdown again
        if page.file.generated_by is None:
            plugin.specs.pop(page.file.src_uri, None)
    return pages
