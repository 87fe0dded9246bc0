"""Which pages and files the portal generates, as plain data (no MkDocs import).

Each `PageSpec` is a virtual Markdown page: its source path under the docs
dir (which fixes its URL), its template, title, what to hide and which view it
shows. The plugin turns these into `File.generated` objects (front matter: `material.py`).
Static outputs (per-SOP JSON) are `StaticSpec`s.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..format.model import Portal, Sop
from ..format.relations import EMPTY, Relations
from ..format.schema import data_schema, instansi_schema, sop_schema
from ..shared.published import site_base
from . import buku, contoh_bagan, opendata
from .feed import FEED_PATH, FeedEntry, atom_feed
from .gitdates import FileDateIndex
from .opendata import sop_to_data


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # e.g. "sop/bkpsdm-kota-tangerang/penyusunan-lkip.md"
    template: str
    title: str
    kind: str  # "sop" | "instansi" | "buku" | "instansi-daftar" | "beranda" | "cari"
    key: str  # SOP uid or agency id; "" for singletons
    hide: tuple[str, ...] = ()  # page parts the theme leaves out ("navigation", "toc")


@dataclass(frozen=True)
class StaticSpec:
    src_uri: str
    content: bytes


def svg_uri(sop: Sop) -> str:
    """The standalone flowchart (ARCHITECTURE.md, "URLs"). Not a static spec: the SOP page's view draws it
    (`views.sop_view`) from the charts it lays out anyway, and the adapter writes it then."""
    return f"sop/{sop.instansi}/{sop.slug}.svg"


def json_uri(sop: Sop) -> str:
    """The SOP's data (ARCHITECTURE.md, "URLs"), next to its page."""
    return f"sop/{sop.instansi}/{sop.slug}.json"


# The JSON Schemas published with the open data, and where each one says it lives.
_SCHEMAS = (
    (opendata.SOP_SCHEMA, sop_schema),
    (opendata.INSTANSI_SCHEMA, instansi_schema),
    (opendata.DATA_SCHEMA, data_schema),
)


def static_uris(portal: Portal, *, feed: bool = True) -> list[str]:
    """Where `static_specs` and `feed_spec` write, known before their content is made.

    The adapter registers these files with MkDocs before the pages (links to them resolve)
    and writes them after the pages, while Pagefind builds its index on the other core.
    `feed`: whether the build makes /feed.xml (only with the portal's public address).
    """
    uris = [
        *(json_uri(sop) for sop in portal.sops), opendata.SOP_JSON, opendata.SOP_CSV, *(path for path, _ in _SCHEMAS),
        *contoh_bagan.paths(),
    ]  # fmt: skip
    return [*uris, FEED_PATH] if feed else uris


def published(portal: Portal, publish_draft: bool) -> Portal:
    """Drop draft SOPs unless the portal publishes them."""
    if publish_draft:
        return portal
    return Portal(portal.instansi, tuple(s for s in portal.sops if s.status != "draf"))


def page_specs(portal: Portal, *, has_home: bool) -> list[PageSpec]:
    specs = []
    for sop in portal.sops:
        specs.append(
            PageSpec(f"sop/{sop.instansi}/{sop.slug}.md", "sop.html", sop.nama, "sop", sop.uid, hide=("navigation", "toc"))
        )
    for agency in portal.instansi:
        specs.append(PageSpec(f"instansi/{agency.id}.md", "instansi.html", agency.nama, "instansi", agency.id, hide=("toc",)))
        if buku.in_force(portal, agency.id):  # the agency's Buku SOP, to print
            specs.append(PageSpec(buku.buku_uri(agency.id), "buku.html", f"Buku SOP {agency.nama}", "buku", agency.id, hide=("navigation", "toc")))
    specs.append(PageSpec("instansi/index.md", "instansi-daftar.html", "Instansi", "instansi-daftar", "", hide=("toc",)))
    # The full search page with filters (ARCHITECTURE.md, "URLs"); search.py never indexes it.
    specs.append(PageSpec("cari/index.md", "cari.html", "Cari", "cari", "", hide=("navigation", "toc")))
    # What the open data files hold and how to use them (ARCHITECTURE.md, "URLs": /data/…).
    specs.append(PageSpec("data/index.md", "data-terbuka.html", "Data terbuka", "data", "", hide=("toc",)))
    if not has_home:
        specs.append(PageSpec("index.md", "beranda.html", "Beranda", "beranda", "", hide=("toc",)))
    return specs


def static_specs(
    portal: Portal, site_url: str, *, relations: Relations = EMPTY, dates: FileDateIndex | None = None
) -> list[StaticSpec]:
    """Per-SOP JSON and the open data of ARCHITECTURE.md, "URLs": /data/sop.json, sop.csv and the schemas."""
    specs = []
    items = []
    for sop in portal.sops:
        changed = dates.get(sop.source).diubah if dates else None
        data = sop_to_data(sop, site_url, relations=relations, diperbarui=changed)
        items.append(data)
        specs.append(StaticSpec(json_uri(sop), _json(data)))
    base = site_base(site_url)
    specs.append(StaticSpec(opendata.SOP_JSON, _json(opendata.collection(items, site_url))))
    specs.append(StaticSpec(opendata.SOP_CSV, opendata.portal_to_csv(portal, site_url).encode("utf-8")))
    # Indented: people read these, and editors fetch them once.
    for path, schema in _SCHEMAS:
        specs.append(StaticSpec(path, json.dumps(schema(f"{base}{path}" if base else None), ensure_ascii=False, indent=2).encode("utf-8")))
    specs.extend(StaticSpec(path, svg) for path, svg in contoh_bagan.drawings().items())  # the guide's pictures
    return specs


def feed_spec(
    portal: Portal, *, site_url: str, site_name: str, dates: FileDateIndex, dokumen: Iterable[Any] = ()
) -> StaticSpec:
    """/feed.xml: SOPs and performance documents by their git dates (`feed.py`)."""
    names = {a.id: a.nama for a in portal.instansi}
    entries = []
    for sop in portal.sops:
        when = dates.get(sop.source)
        facts = [sop.nomor or "", names.get(sop.instansi, sop.instansi), f"{sop.jumlah_langkah} langkah"]
        if sop.status != "berlaku":
            facts.append(f"status: {sop.status}")
        entries.append(FeedEntry(sop.nama, sop.url, when.dibuat, when.diubah, "SOP", " · ".join(f for f in facts if f), names.get(sop.instansi, "")))
    for doc in dokumen:
        when = dates.get(doc.source)
        summary = f"{doc.label_jenis} {doc.tahun} · {names.get(doc.instansi, doc.instansi)}"
        entries.append(FeedEntry(doc.judul, doc.url, when.dibuat, when.diubah, doc.label_jenis, summary, names.get(doc.instansi, "")))
    xml = atom_feed(entries, site_url=site_url, title=site_name, subtitle="SOP dan dokumen kinerja yang baru atau diperbarui")
    return StaticSpec(FEED_PATH, xml.encode("utf-8"))


def _json(data: Any) -> bytes:
    # Compact on purpose: with `indent`, json falls back to its pure-Python encoder (~10x slower).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sop_of(portal: Portal, uid: str) -> Sop:
    return portal.sop_by_uid()[uid]  # indexed once per portal, not scanned once per page
