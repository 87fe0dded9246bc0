"""Build the Pagefind search index of a built site, and refuse to ship a broken one (DESIGN.md §7).

The site's templates mark every content page (SOP, performance document,
agency) with ``data-pagefind-body``; once any page carries that attribute
Pagefind skips every page without it, which keeps the home page, the search
page and 404 out of the results. This module runs Pagefind's Python API over
the built site and then checks the two ways search silently breaks:

* no page is marked: Pagefind would then index *every* page (home, search,
  404 included), or an empty site gives an empty index;
* the index holds a different number of pages than the site marks: a page
  was dropped (or something unmarked got in), so a citizen would not find it.

Either one is a `SearchIndexError` with an Indonesian message; the MkDocs
plugin turns it into a failed build. No MkDocs import here.
"""

from __future__ import annotations

import asyncio
import threading
import gzip
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

MARKER = "data-pagefind-body"
BUNDLE_DIR = "pagefind"
LANGUAGE = "id"

# Elements whose text must not be searchable:
# - `.headerlink`: Material's "¶" permalink; Pagefind joins adjacent inline text, so it
#   would fuse with the heading's last word ("Hukum¶").
# - `.sop-daftar-tabel thead`: the column labels of SOP lists (Nomor, Nama SOP, Status, …);
#   Pagefind runs header cells together ("NomorNama SOPStatus…") and they name nothing.
# - A SOP page shows every step twice: the procedure table and the phone step list. Pagefind's
#   memory grows with the words it indexes (~300 bytes each; 10,000 SOPs took 3.5 GB), so each
#   text is indexed once, by selector here (attributes in the templates would cost page weight):
#   - from the table: No, Kegiatan and the symbol texts (found under its "Prosedur" heading); not
#     its thead, whose cells Pagefind fuses like the lists' ("KelengkapanWaktuOutput", lane names
#     as "Kepala DinasPetugas Loket"), nor its Mutu Baku and Keterangan cells;
#   - from the step list: each step's pelaksana, waktu, output, kelengkapan, exits and keterangan
#     (whatever Mutu Baku columns the SOP shows); not its title, kegiatan, symbol names or
#     "Jumlah waktu" (the table heading and the facts box hold those).
EXCLUDE_SELECTORS = (
    ".headerlink",
    ".sop-daftar-tabel thead",
    ".sop-tabel thead",
    ".sop-tabel tbody .sop-tabel__mutu",
    ".sop-tabel tbody .sop-tabel__ket",
    ".sop-daftar__judul",
    ".sop-daftar__kegiatan",
    ".sop-daftar .sop-sr",
    ".sop-daftar__jumlah",
)

# SOP numbers are written like "065/767-1.01/BKPSDM". Keeping "/", "." and "-"
# inside words lets a citizen paste the whole number and find exactly that SOP.
# Pagefind still indexes the parts of such a word ("065", "BKPSDM"), so searching by a
# piece keeps working (tests/test_search.py checks both).
INCLUDE_CHARACTERS = "/.-"

# An opening tag that carries the marker attribute (not the word in running text).
_MARKED = re.compile(rb"<[A-Za-z][^<>]*?\s" + MARKER.encode() + rb"(?=[\s=/>])")
_COMMENT = re.compile(rb"<!--.*?-->", re.S)

# Indexing 1,000 SOP pages takes ~1-2 s; a wedged Pagefind process must not hang CI forever.
TIMEOUT_SECONDS = 600


class SearchIndexError(Exception):
    """The search index could not be built or does not match the site (message in Indonesian)."""


@dataclass(frozen=True)
class IndexReport:
    page_count: int  # pages in the written index
    marked: tuple[str, ...]  # site-relative paths of the HTML files marked for indexing
    bundle: Path  # the folder the index was written to


def marked_pages(site_dir: Path) -> tuple[str, ...]:
    """Site-relative paths of the built HTML files that carry ``data-pagefind-body``."""
    found = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir)
        if rel.parts[0] == BUNDLE_DIR:
            continue
        data = path.read_bytes()
        if MARKER.encode() not in data:  # the cheap test first: most files are not marked
            continue
        if b"<!--" in data:
            data = _COMMENT.sub(b"", data)
        if _MARKED.search(data):
            found.append(rel.as_posix())
    return tuple(found)


def _run_in_own_loop(coroutine) -> None:
    """asyncio.run, also from a thread that already runs an event loop.

    MkDocs calls us from plain synchronous code, but a host that embeds the build
    (a test process driving Playwright's sync API, a notebook) may already have a
    loop on this thread, where asyncio.run refuses to start; a short-lived thread
    gives the Pagefind wrapper a loop of its own either way.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    outcome: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as error:  # re-raised in the caller's thread
            outcome.append(error)

    worker = threading.Thread(target=target, name="pagefind")
    worker.start()
    worker.join()
    if outcome:
        raise outcome[0]


def build_index(site_dir: Path, *, language: str = LANGUAGE) -> IndexReport:
    """Index `site_dir` into `site_dir/pagefind/` and check the index against the marked pages."""
    site_dir = site_dir.resolve()
    bundle = site_dir / BUNDLE_DIR
    # Pagefind never cleans its output folder: old fragments and chunks would linger
    # (and a `--dirty` build keeps the folder), so start from nothing.
    shutil.rmtree(bundle, ignore_errors=True)
    marked = marked_pages(site_dir)
    if not marked:
        raise SearchIndexError(
            f"Indeks pencarian kosong: tidak ada halaman di {site_dir} yang bertanda {MARKER}. "
            "Halaman SOP, dokumen kinerja, dan instansi harus memuat tanda itu; "
            "tanpa tanda, Pagefind akan mengindeks semua halaman (beranda, pencarian, 404)."
        )
    try:
        _run_in_own_loop(asyncio.wait_for(_run_pagefind(site_dir, bundle, language), TIMEOUT_SECONDS))
    except asyncio.TimeoutError:
        raise SearchIndexError(f"Pagefind tidak selesai mengindeks {site_dir} dalam {TIMEOUT_SECONDS} detik.") from None
    except Exception as error:  # the wrapper raises bare Exceptions carrying Pagefind's message
        raise SearchIndexError(f"Pagefind gagal mengindeks {site_dir}: {error}") from None
    # The count that matters is the written one: `add_directory` reports every HTML file
    # it read (9 for the seed site), not the pages that made it into the index (6).
    page_count = _entry_page_count(bundle)
    if page_count is None:
        raise SearchIndexError(f"Pagefind tidak menulis indeks pencarian ke {bundle}.")
    if page_count == 0:
        raise SearchIndexError(
            f"Indeks pencarian kosong: {len(marked)} halaman bertanda {MARKER}, tetapi Pagefind tidak mengindeks satu pun."
        )
    if page_count != len(marked):
        indexed = indexed_urls(bundle)
        expected = {page_url(rel) for rel in marked}
        missing = sorted(expected - indexed)
        extra = sorted(indexed - expected)
        detail = "; ".join(
            part
            for part in (
                f"tidak terindeks: {_sample(missing)}" if missing else "",
                f"terindeks tanpa tanda: {_sample(extra)}" if extra else "",
            )
            if part
        )
        raise SearchIndexError(
            f"Indeks pencarian tidak cocok: {len(marked)} halaman bertanda {MARKER}, tetapi Pagefind "
            f"mengindeks {page_count} ({detail}). Halaman yang tidak terindeks tidak akan ditemukan "
            "warga; periksa templatnya (Pagefind melewati halaman yang bagian bertandanya tidak berisi teks)."
        )
    return IndexReport(page_count, marked, bundle)


async def _run_pagefind(site_dir: Path, bundle: Path, language: str) -> None:
    # Imported here: the wrapper resolves its binary on import of the service, and the
    # rest of the package (CLI `check`, unit tests of other modules) must not need it.
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(
        output_path=str(bundle),  # absolute: the wrapper's relative paths depend on the cwd
        force_language=language,
        exclude_selectors=list(EXCLUDE_SELECTORS),
        include_characters=INCLUDE_CHARACTERS,
    )
    async with PagefindIndex(config=config) as index:  # files are written when the context exits
        await index.add_directory(str(site_dir))


def _entry_page_count(bundle: Path) -> int | None:
    """Pages in the written index, summed over its languages; None when nothing was written."""
    entry = bundle / "pagefind-entry.json"
    if not entry.exists():
        return None
    data = json.loads(entry.read_text(encoding="utf-8"))
    return sum(int(lang.get("page_count", 0)) for lang in data.get("languages", {}).values())


def page_url(rel: str) -> str:
    """The URL Pagefind gives a built file: 'sop/a/b/index.html' -> '/sop/a/b/'."""
    if rel == "index.html" or rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def indexed_urls(bundle: Path) -> set[str]:
    """The page URLs inside a written index, read from its fragments (gzip'd JSON)."""
    urls = set()
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        data = data.removeprefix(b"pagefind_dcd")  # Pagefind's marker of a decompressed file
        urls.add(json.loads(data)["url"])
    return urls


def _sample(items: list[str], limit: int = 5) -> str:
    return ", ".join(items[:limit]) + (f" dan {len(items) - limit} lainnya" if len(items) > limit else "")
