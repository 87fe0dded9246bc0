"""Which pages and files the portal generates, as plain data (no MkDocs import).

Each `PageSpec` is a virtual Markdown page: its source path under the docs
dir (which fixes its URL), its front matter (template, title, what to hide)
and which view it shows. The plugin turns these into `File.generated` objects.
Static outputs (per-SOP JSON) are `StaticSpec`s.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml

from .model import Portal, Sop
from .opendata import sop_to_data


@dataclass(frozen=True)
class PageSpec:
    src_uri: str  # e.g. "sop/bkpsdm-kota-tangerang/penyusunan-lkip.md"
    template: str
    title: str
    kind: str  # "sop" | "instansi" | "instansi-daftar" | "beranda" | "cari"
    key: str  # SOP uid or agency id; "" for singletons
    hide: tuple[str, ...] = ()

    def markdown(self) -> str:
        meta: dict[str, Any] = {"template": self.template, "title": self.title}
        if self.hide:
            meta["hide"] = list(self.hide)
        return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"


@dataclass(frozen=True)
class StaticSpec:
    src_uri: str
    content: bytes


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
    specs.append(PageSpec("instansi/index.md", "instansi-daftar.html", "Instansi", "instansi-daftar", "", hide=("toc",)))
    # The full search page with filters (DESIGN.md §4); search.py never indexes it.
    specs.append(PageSpec("cari/index.md", "cari.html", "Cari", "cari", "", hide=("navigation", "toc")))
    if not has_home:
        specs.append(PageSpec("index.md", "beranda.html", "Beranda", "beranda", "", hide=("toc",)))
    return specs


def static_specs(portal: Portal, site_url: str) -> list[StaticSpec]:
    specs = []
    for sop in portal.sops:
        data = sop_to_data(sop, site_url)
        specs.append(StaticSpec(f"sop/{sop.instansi}/{sop.slug}.json", _json(data)))
    return specs


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def sop_of(portal: Portal, uid: str) -> Sop:
    for sop in portal.sops:
        if sop.uid == uid:
            return sop
    raise KeyError(uid)
