"""Build the Pagefind search index of a built site, and refuse to ship a broken one (ARCHITECTURE.md, "Search").

The site's templates mark every content page (SOP, performance document,
agency) with ``data-pagefind-body``; once any page carries that attribute
Pagefind skips every page without it, which keeps the home page, the search
page and 404 out of the results. This module hands Pagefind every page while
the build writes it (`IndexSession`, through `pagefind_service.py`), then
checks the two ways search silently breaks:

* no page is marked: Pagefind would then index *every* page (home, search,
  404 included), or an empty site gives an empty index;
* the index holds a different number of pages than the site marks: a page
  was dropped (or something unmarked got in), so a citizen would not find it.

Either one is a `SearchIndexError` with an Indonesian message; the MkDocs
plugin turns it into a failed build. No MkDocs import here.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .pagefind_service import PagefindError, PagefindService

MARKER = "data-pagefind-body"
BUNDLE_DIR = "pagefind"
LANGUAGE = "id"

# Elements whose text must not be searchable:
# - `.headerlink`: Material's "¶" permalink; Pagefind joins adjacent inline text, so it
#   would fuse with the heading's last word ("Hukum¶").
# - `.sop-daftar-tabel thead`, `.kin-tabel thead`: the column labels of SOP lists (Nomor, Nama SOP,
#   Status, …) and of performance tables (No, Sasaran Strategis, Target, …); Pagefind runs header
#   cells together ("NoSasaran StrategisNoIndikator Kinerja…", seen in a search excerpt) and
#   they name nothing. Nor their captions ("Daftar SOP <agency>", for screen readers): the page's
#   title again, in the middle of an agency's excerpt.
# - the labels of label/value lists (`dt`: Instansi, Tahun, Nama, Jabatan, Alamat, …): Pagefind joins
#   them to their values ("InstansiBadan Kepegawaian…", "NamaDrs. Budi…"); the values stay indexed.
# - A SOP page shows every step twice: the procedure table and the phone step list. Pagefind's
#   memory grows with the words it indexes (~300 bytes each; 10,000 SOPs took 3.5 GB), so each
#   text is indexed once, by selector here (attributes in the templates would cost page weight):
#   - from the table: No, Kegiatan and the symbol texts (found under its "Prosedur" heading); not
#     its thead, whose cells Pagefind fuses like the lists' ("KelengkapanWaktuOutput", lane names
#     as "Kepala DinasPetugas Loket"), nor its Mutu Baku and Keterangan cells;
#   - from the step list: each step's pelaksana, waktu, output, kelengkapan, exits and keterangan
#     (whatever Mutu Baku columns the SOP shows); not its title, kegiatan, symbol names or
#     "Jumlah waktu" (the table heading and the facts box hold those).
# - The status and review banners ("Dicabut. SOP ini tidak berlaku lagi…", "Perlu ditinjau. SOP ini
#   terakhir direvisi…", a sample document's "Contoh data."): the same sentence on hundreds of pages,
#   and as the start of a page it became the excerpt of most results. A result says "Dicabut" or
#   "Draf" from the page's status meta instead (partials/cari/hasil.html).
# - What every SOP page says alike and no citizen searches for: how to read the chart, empty-state
#   lines ("Tidak ada catatan revisi."), the "last updated" line, the download links and the
#   report form.
# - The form's header table (Nomor SOP, the dates, Disahkan oleh, Nama SOP) and its pemerintah line:
#   the title and nomor again and dates no one searches, which made every excerpt open with
#   "065/767-1.01/BKPSDM Penyusunan LKIP. Pemerintah Kota Tangerang. … Nomor SOP …". The nomor
#   is indexed once, weighted, at the end of the page (sop.html), as is the agency's short name;
#   the kickers ("Standar Operasional Prosedur · BKPSDM") and the "Identitas SOP" and "Sekilas"
#   headings carry data-pagefind-ignore in the templates. The six boxes' titles (Dasar Hukum,
#   Peringatan, …) are on every SOP page and, over empty boxes, were a page's whole second line.
EXCLUDE_SELECTORS = (
    ".headerlink",
    ".sop-daftar-tabel thead",
    ".sop-daftar-tabel caption",
    ".kin-tabel thead",
    ".kin-identitas dt",
    ".kin-pihak dt",
    ".sop-instansi__data dt",
    ".sop-tabel thead",
    ".sop-tabel tbody .sop-tabel__mutu",
    ".sop-tabel tbody .sop-tabel__ket",
    ".sop-daftar__judul",
    ".sop-daftar__kegiatan",
    ".sop-daftar .sop-sr",
    ".sop-daftar__jumlah",
    ".sop-banner",
    ".sop-identitas__data",
    ".sop-kotak__sel h3",
    ".sop-pemerintah",
    ".sop-bagan__petunjuk",
    ".sop-kosong",
    ".sop-diperbarui",
    ".sop-unduh",
    ".sop-lapor",
)

# SOP numbers are written like "065/767-1.01/BKPSDM". Keeping "/", "." and "-"
# inside words lets a citizen paste the whole number and find exactly that SOP.
# Pagefind still indexes the parts of such a word ("065", "BKPSDM"), so searching by a
# piece keeps working (tests/test_search.py checks both).
INCLUDE_CHARACTERS = "/.-"

# An opening tag that carries the marker attribute (not the word in running text).
_MARKED = re.compile(r"<[A-Za-z][^<>]*?\s" + MARKER + r"(?=[\s=/>])")
_HTML_START = re.compile(r"<html\b[^>]*>", re.I)
_TITLE = re.compile(r"<title>.*?</title>", re.S | re.I)
_TAG_NAME = re.compile(r"<([A-Za-z][\w-]*)")
# The flowchart's lane cells: a few hundred positioned elements per SOP and no searchable word
# (the symbols' texts are the table's Kegiatan, said again for screen readers). Parsing them
# was a fifth of Pagefind's work on a SOP page. The cells themselves and the table's column
# widths go too: another 6 % of it, and the same index (every fragment compared, N=1,000).
# Done by `_without_lane_cells` as two passes that drop exactly what this pattern drops, cheaper
# (str.find for the cells, the column pattern only where columns are): a SOP page's element is
# ~40 KB, and the pattern tried its three branches at every "<" in it.
_LANE_CELL = re.compile(r'<td class="sop-lajur">.*?</td>|<col\b[^>]*>|</?colgroup>', re.S)
_LANE_OPEN, _LANE_CLOSE = '<td class="sop-lajur">', "</td>"
_COLUMNS = re.compile(r"<col\b[^>]*>|</?colgroup>")

# Indexing 1,000 SOP pages takes ~4 s; a wedged Pagefind process must not hang CI forever.
TIMEOUT_SECONDS = 600


def index_options(language: str = LANGUAGE) -> dict[str, object]:
    """Pagefind's indexing options for the portal (its service's names; the command line spells
    them with dashes: ``--force-language``)."""
    return {
        "force_language": language,
        "exclude_selectors": list(EXCLUDE_SELECTORS),
        "include_characters": INCLUDE_CHARACTERS,
    }


class SearchIndexError(Exception):
    """The search index could not be built or does not match the site (message in Indonesian)."""


@dataclass(frozen=True)
class IndexReport:
    page_count: int  # pages in the written index
    marked: tuple[str, ...]  # site-relative paths of the HTML files marked for indexing
    bundle: Path  # the folder the index was written to


def _marked_tags(html: str):
    """Where each opening tag that carries ``data-pagefind-body`` starts (not in a comment or in text)."""
    at = html.find(MARKER)
    while at >= 0:  # each occurrence: inside a tag, and that tag not inside a comment?
        start = html.rfind("<", 0, at)
        if start >= 0 and _MARKED.match(html, start) and html.rfind("<!--", 0, start) <= html.rfind("-->", 0, start):
            yield start
        at = html.find(MARKER, at + len(MARKER))


def is_marked(html: str) -> bool:
    """Whether a page carries ``data-pagefind-body`` on an element (not in a comment or in text)."""
    return next(_marked_tags(html), None) is not None


def document_of(html: str) -> str | None:
    """What Pagefind gets of a page: `index_document`, or None for a page not marked for it."""
    starts = list(_marked_tags(html))  # once: index_document would look for them again
    return _document(html, starts) if starts else None


def index_document(html: str) -> str:
    """What Pagefind reads of a marked page: its ``<html>`` tag (the language), its ``<title>``
    and the marked element (every ``data-pagefind-*`` attribute is inside it), without the
    flowchart's lane cells and column widths.

    Pagefind's cost is parsing markup, not counting words: given a SOP page whole it spends
    ~6.5 CPU-s per 1,000 pages, given this ~5 (bench/out, N=1,000), on a 2-core machine
    where the build needs the other core too. The index is the same, minus the chart's
    screen-reader labels and branch labels ("Sesuai?YaTidak", connector letters), which read
    as noise in excerpts. A page with no or several marked elements, or whose element does not
    close, is handed over whole.
    """
    return _document(html, list(_marked_tags(html)))


def _document(html: str, starts: list[int]) -> str:
    """`index_document`, given where the marked tags start (`_marked_tags`)."""
    if len(starts) != 1:
        return html
    start = starts[0]
    name = _TAG_NAME.match(html, start)
    if name is None:  # cannot happen: _marked_tags found a tag here
        return html
    tag = name.group(1).lower()
    opening, closing = f"<{tag}", f"</{tag}>"
    depth, cursor = 0, start
    while True:  # the matching closing tag: count same-name tags opened and closed on the way
        next_open = html.find(opening, cursor)
        next_close = html.find(closing, cursor)
        if next_close < 0:
            return html
        if 0 <= next_open < next_close:
            after = html[next_open + len(opening) : next_open + len(opening) + 1]
            depth += after in (" ", ">", "\n", "\t", "/")
            cursor = next_open + len(opening)
            continue
        depth -= 1
        cursor = next_close + len(closing)
        if depth == 0:
            break
    element = _without_lane_cells(html[start:cursor])
    html_tag = _HTML_START.search(html, 0, start)
    title = _TITLE.search(html, 0, start)
    head = f'<head><meta charset="utf-8">{title.group() if title else ""}</head>'
    return f'{html_tag.group() if html_tag else "<html>"}{head}<body>{element}</body></html>'


def _without_lane_cells(element: str) -> str:
    """``_LANE_CELL.sub("", element)``. Lane cells first: a cell runs from its opening to the first
    ``</td>``, and no column tag can hold a cell's opening (its ``>`` ends the tag), so dropping
    the cells, then the column tags, drops the same spans. The column pattern then runs only
    from the first column tag to the end of the last one: no match can start elsewhere."""
    parts, pos = [], 0
    while (cell := element.find(_LANE_OPEN, pos)) >= 0 and (end := element.find(_LANE_CLOSE, cell)) >= 0:
        parts.append(element[pos:cell])
        pos = end + len(_LANE_CLOSE)
    if parts:
        element = "".join(parts) + element[pos:]
    first = min((at for at in (element.find("<col"), element.find("</colgroup>")) if at >= 0), default=-1)
    if first < 0:
        return element
    last = max(element.rfind("<col"), element.rfind("</colgroup>"))
    stop = element.find(">", last)
    stop = len(element) if stop < 0 else stop + 1
    return element[:first] + _COLUMNS.sub("", element[first:stop]) + element[stop:]


def _site_html(site_dir: Path):
    """Site-relative paths of the built HTML files, outside Pagefind's own bundle."""
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir)
        if rel.parts[0] != BUNDLE_DIR:
            yield rel.as_posix(), path


def marked_pages(site_dir: Path) -> tuple[str, ...]:
    """Site-relative paths of the built HTML files that carry ``data-pagefind-body``."""
    return tuple(rel for rel, path in _site_html(site_dir) if is_marked(path.read_text(encoding="utf-8", errors="replace")))


class IndexSession:
    """A Pagefind index filled while the site is written, then checked (`finish`).

    The build hands every page over as it is rendered (`add_page`); Pagefind indexes it in
    its own process, on the other core, while the next page renders, so the index costs
    little more than writing it out at the end. `finish` also reads any marked HTML file
    that was written without passing through `add_page` (a hand-written .html file, another
    plugin's output, or every file of a ``--dirty`` build), so the index always covers the
    whole site. A session that is not finished must be `abort`-ed (a failed build), which
    ends the Pagefind process.
    """

    def __init__(self, site_dir: Path, *, language: str = LANGUAGE, lower_priority: bool = True) -> None:
        """`lower_priority`: run Pagefind niced, for a build that renders on one core (pagefind_service.py)."""
        self.site_dir = site_dir.resolve()
        self.marked: set[str] = set()
        self._seen: set[str] = set()
        try:
            self._service = PagefindService(timeout=TIMEOUT_SECONDS, lower_priority=lower_priority)
            self._index = self._service.new_index(index_options(language))
        except PagefindError as error:
            self.abort()
            raise SearchIndexError(f"Pagefind gagal dijalankan: {error}") from None

    def add_page(self, rel_path: str, html: str) -> None:
        """One written page (site-relative path, final HTML); unmarked pages are only noted."""
        self.add_document(rel_path, document_of(html))

    def add_document(self, rel_path: str, document: str | None) -> None:
        """One written page as `document_of` gave it (made where the page was rendered)."""
        self._seen.add(rel_path)
        if document is None:
            return
        self.marked.add(rel_path)
        try:
            self._service.add_file(self._index, rel_path, document)
        except PagefindError as error:
            self.abort()
            raise SearchIndexError(f"Pagefind gagal mengindeks {self.site_dir}: {error}") from None

    def finish(self, meanwhile: Callable[[], None] | None = None, *, allow_empty: bool = False) -> IndexReport:
        """Add what was not handed over, write the bundle, and check it against the marked pages.

        `meanwhile`: the build's own remaining work (the adapter's open data), done while
        Pagefind catches up and builds the index in its process; the build's core would
        otherwise sit idle for that time (1,000 SOPs: ~2 s; 10,000: ~20 s).
        `allow_empty`: a portal with nothing to index yet (just started, no agency: `sop-portal
        mulai`) gets Pagefind's empty index, so its search page works and finds nothing.
        """
        bundle = self.site_dir / BUNDLE_DIR
        # Pagefind never cleans its output folder: old fragments and chunks would linger (and
        # a `--dirty` build keeps the folder), so start from nothing, also when this build fails.
        shutil.rmtree(bundle, ignore_errors=True)
        waiter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind-files")
        try:
            for rel, path in _site_html(self.site_dir):
                if rel not in self._seen:
                    self.add_page(rel, path.read_text(encoding="utf-8", errors="replace"))
            if not self.marked and not allow_empty:
                raise SearchIndexError(
                    f"Indeks pencarian kosong: tidak ada halaman di {self.site_dir} yang bertanda {MARKER}. "
                    "Halaman SOP, dokumen kinerja, dan instansi harus memuat tanda itu; "
                    "tanpa tanda, Pagefind akan mengindeks semua halaman (beranda, pencarian, 404)."
                )
            files = waiter.submit(self._index_files)
            if meanwhile is not None:
                meanwhile()
            for name, data in files.result():
                path = bundle / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        except PagefindError as error:
            raise SearchIndexError(f"Pagefind gagal mengindeks {self.site_dir}: {error}") from None
        finally:
            self.abort()  # also ends a wait in `waiter`: it sees the process gone
            waiter.shutdown(wait=True)
        marked = tuple(sorted(self.marked))
        if not marked:
            return IndexReport(0, marked, bundle)
        return IndexReport(check_index(bundle, marked), marked, bundle)

    def _index_files(self) -> list[tuple[str, bytes]]:
        self._service.wait_for_pages()
        return self._service.get_files(self._index)

    def abort(self) -> None:
        """End the Pagefind process; nothing is written. Safe to call more than once."""
        service = getattr(self, "_service", None)
        if service is not None:
            service.close()


def build_index(site_dir: Path, *, language: str = LANGUAGE) -> IndexReport:
    """Index an already written site into `site_dir/pagefind/` and check the index."""
    return IndexSession(site_dir, language=language).finish()


def check_index(bundle: Path, marked: tuple[str, ...]) -> int:
    """The written index's page count; refuse an index that is missing or holds other pages than the marked ones."""
    # The count that matters is the written one: Pagefind answers for every HTML file it
    # read, not only the pages that made it into the index.
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
    return page_count


def _entry_page_count(bundle: Path) -> int | None:
    """Pages in the written index, summed over its languages; None when nothing was written."""
    entry = bundle / "pagefind-entry.json"
    if not entry.exists():
        return None
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        return sum(int(lang.get("page_count", 0)) for lang in data.get("languages", {}).values())
    except (ValueError, TypeError, AttributeError):  # cut short or not Pagefind's: no usable index
        return None


def page_url(rel: str) -> str:
    """The URL Pagefind gives a built file: 'sop/a/b/index.html' -> '/sop/a/b/'."""
    if rel == "index.html" or rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def indexed_fragments(bundle: Path):
    """Each indexed page's fragment in a written index (url, content, meta, filters, anchors)."""
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        yield json.loads(data.removeprefix(b"pagefind_dcd"))  # Pagefind's marker of a decompressed file


def indexed_urls(bundle: Path) -> set[str]:
    """The page URLs inside a written index."""
    return {fragment["url"] for fragment in indexed_fragments(bundle)}


def _sample(items: list[str], limit: int = 5) -> str:
    return ", ".join(items[:limit]) + (f" dan {len(items) - limit} lainnya" if len(items) > limit else "")
