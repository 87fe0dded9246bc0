"""Buku SOP: one printable document per agency, of all its SOPs in force (issue #17).

`/instansi/<instansi>/buku/` is a cover (pemerintah, instansi, logo, "Buku Standar Operasional
Prosedur", year, date of printing), a daftar isi (nomor, nama, first page and number of printed
pages of each SOP), then every SOP in the official layout (identity section, summary line,
procedure tables), each starting on a new sheet. Agencies assemble this book by hand in Word today.

How it is made without drawing every chart a second time: the book page is rendered like any
page, with a marker where the SOPs go; after the build has written the SOP pages, `assemble`
copies the official part of each (between the `<!--sop-resmi-->` markers in sop.html) into the
book. The SOP pages and the book sit at the same depth (`sop/<i>/<slug>/`, `instansi/<i>/buku/`),
but a link to a sibling (`../other-sop/`) is rebased onto the book's address; element ids get a per-SOP prefix so they stay unique; the
search markers are dropped (the book is not indexed: the SOP pages are). The page counts come
from the same planned pages (`bagan/paging.py`, `kertas_identitas.py`): the identity section's sheets plus one per
planned page (`<tbody class="sop-lembar">`). No MkDocs import here.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from typing import Any

from ..format.model import Instansi, Portal, Sop
from ..shared import text as teks

ISI = "<!--sop-buku-isi-->"
RESMI, RESMI_END = "<!--sop-resmi-->", "<!--/sop-resmi-->"
DAFTAR_PER_LEMBAR = 18  # daftar isi rows per sheet (two lines of nama each at most; buku.css)
_HALAMAN = re.compile(r"<!--sop-buku-halaman:(\d+):(mulai|jumlah)-->")
# Every attribute the copy changes, in one pass over ~40 KB per SOP (a book of 1,000 SOPs copies
# 40 MB): ids and the attributes naming them get the SOP's prefix, links are rebased, Pagefind's
# markers go. The leading space (how markup.py writes every attribute) lets the regex engine skip
# to candidates: four \b-patterns over the same text took 25 times as long (bench/README.md).
_ATTR = re.compile(
    r' (?:(id|for|aria-labelledby|aria-describedby|aria-controls|headers|href|src)="([^"]*)"'
    r'|data-pagefind-[a-z-]+(?:="[^"]*")?)'
)
_IDREFS = frozenset({"id", "for", "aria-labelledby", "aria-describedby", "aria-controls", "headers"})


def buku_uri(agency_id: str) -> str:
    return f"instansi/{agency_id}/buku.md"


def buku_url(agency_id: str) -> str:
    return Instansi.url_of(agency_id) + "buku/"


def in_force(portal: Portal, agency_id: str) -> list[Sop]:
    """The SOPs of the book: those in force, by nomor then nama (as the agency page lists them)."""
    return sorted((s for s in portal.sops_of(agency_id) if s.status == "berlaku"), key=lambda s: (s.nomor or "", s.nama))


def buku_view(instansi: Instansi, portal: Portal, *, today: dt.date) -> dict[str, Any]:
    """The cover and the daftar isi; page numbers are filled in by `assemble`."""
    sops = in_force(portal, instansi.id)
    rows = [{"n": n, "nomor": s.nomor or "-", "nama": s.nama, "url": s.url} for n, s in enumerate(sops)]
    return {
        "instansi": instansi,
        "tahun": today.year,
        "tanggal_cetak": teks.tanggal(today),
        "daftar": [rows[i:i + DAFTAR_PER_LEMBAR] for i in range(0, len(rows), DAFTAR_PER_LEMBAR)],
        "jumlah": len(sops),
    }


def official_part(sop_html: str) -> str:
    """The official layout of a built SOP page: identity section, summary line, charts."""
    start = sop_html.find(RESMI)
    end = sop_html.find(RESMI_END, start)
    return sop_html[start + len(RESMI):end] if start >= 0 and end >= 0 else ""


def sheets_of(official: str) -> int:
    """Printed sheets of one SOP: the identity section (one sheet, or its planned sheets when it is
    long: `kertas_identitas.py`), then each planned page of its charts."""
    return max(1, official.count('<div class="sop-lembar-identitas"')) + official.count('<tbody class="sop-lembar"')


def _relinked(link: str, here: str, there: str) -> str:
    """A relative link of a page at `here`, made relative to the book at `there` (both absolute
    directory paths): `../penyusunan-lkip/` from a SOP page names a sibling SOP."""
    if not link or link.startswith(("#", "/", "data:", "mailto:")) or "://" in link:
        return link
    target = posixpath.normpath(posixpath.join(here, link))
    return posixpath.relpath(target, there) + ("/" if link.endswith("/") else "")


def _copied(html: str, prefix: str, page_url: str | None, book_url: str) -> str:
    """One SOP's official part as the book holds it: ids (and what names them, `#` links
    included) prefixed so they stay unique, other links rebased from the SOP's page at
    `page_url` onto the book (None: left as they are), Pagefind's markers dropped."""
    here, there = "/" + (page_url or "").strip("/"), "/" + book_url.strip("/")

    def one(m: re.Match[str]) -> str:
        attr, value = m.group(1), m.group(2)
        if attr is None:
            return ""  # data-pagefind-*: the book is not indexed
        if attr in _IDREFS:
            return f' {attr}="{" ".join(prefix + v for v in value.split())}"'
        if value.startswith("#"):
            return f' {attr}="#{prefix}{value[1:]}"' if attr == "href" else m.group(0)
        return f' {attr}="{_relinked(value, here, there)}"' if page_url is not None else m.group(0)

    return _ATTR.sub(one, html)


def assemble(book_html: str, sop_pages: list[str], sop_urls: list[str] | None = None, book_url: str = "") -> str:
    """The book page with the SOPs put in and the daftar isi's page numbers filled in.

    `sop_pages`: the built HTML of each SOP of `in_force`, in that order; `sop_urls` their
    site-relative URLs and `book_url` the book's, to keep the SOPs' relative links right."""
    urls: list[str | None] = list(sop_urls) if sop_urls is not None else [None] * len(sop_pages)
    parts = [_copied(official_part(html), f"s{i + 1}-", url, book_url) for i, (html, url) in enumerate(zip(sop_pages, urls))]
    counts = [sheets_of(p) for p in parts]
    contents = sum(1 for _ in re.finditer(r'class="buku-daftar__lembar"', book_html))
    first = 1 + max(contents, 1) + 1  # the cover, the daftar isi, then the first SOP
    starts = []
    for count in counts:
        starts.append(first)
        first += count

    def number(m: re.Match[str]) -> str:
        i = int(m.group(1))
        return str(starts[i] if m.group(2) == "mulai" else counts[i])

    body = "".join(
        f'<section class="buku-sop" aria-label="SOP {i + 1}">{part}</section>'
        for i, part in enumerate(parts)
    )
    return _HALAMAN.sub(number, book_html.replace(ISI, body, 1))
