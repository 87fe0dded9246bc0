"""The Atom feed (/feed.xml) of new and changed SOPs and documents (no MkDocs import).

Journalists, inspectorates and other agencies subscribe to hear when a
procedure changes. An entry's dates are the git dates of its source file
(`gitdates`): `published` when the file was added, `updated` when it last
changed, so a revision moves the SOP back to the top. Feed readers need
absolute URLs, so everything is built from `site_url`. Serialised with
ElementTree: every text is escaped, the output is well-formed by construction.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from ..shared.published import site_base

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
MAX_ENTRIES = 50  # readers only show the newest; a bounded feed stays small on a 10,000-SOP portal


@dataclass(frozen=True)
class FeedEntry:
    judul: str
    url: str  # site-relative, e.g. "sop/a/b/"
    dibuat: dt.datetime
    diubah: dt.datetime
    jenis: str  # "SOP", "Perjanjian Kinerja", …: the Atom category
    ringkasan: str = ""
    instansi: str = ""  # the agency's name, as the entry's author

    @property
    def baru(self) -> bool:
        return self.dibuat == self.diubah


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _stamp(value: dt.datetime) -> str:
    return _aware(value).isoformat(timespec="seconds")


def newest(entries: Iterable[FeedEntry], limit: int = MAX_ENTRIES) -> list[FeedEntry]:
    """Most recently changed first; ties broken by URL so the output is stable."""
    return sorted(entries, key=lambda e: (-_aware(e.diubah).timestamp(), e.url))[:limit]


def atom_feed(entries: Iterable[FeedEntry], *, site_url: str, title: str, subtitle: str = "") -> str:
    """The Atom 1.0 document for the newest `MAX_ENTRIES` entries."""
    base = site_base(site_url) or "/"
    chosen = newest(entries)
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "id"})
    sub(feed, "id", base)
    sub(feed, "title", title)
    if subtitle:
        sub(feed, "subtitle", subtitle)
    # With no entries the feed still needs an `updated`; the epoch keeps the file reproducible.
    latest = chosen[0].diubah if chosen else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    sub(feed, "updated", _stamp(latest))
    sub(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_PATH)
    sub(feed, "link", rel="alternate", type="text/html", href=base)
    author = sub(feed, "author")
    sub(author, "name", title)
    sub(feed, "generator", "Portal SOP")
    for entry in chosen:
        item = sub(feed, "entry")
        url = base + entry.url.lstrip("/")
        sub(item, "id", url)
        sub(item, "title", f"{entry.jenis} {'baru' if entry.baru else 'diperbarui'}: {entry.judul}")
        sub(item, "link", rel="alternate", type="text/html", href=url)
        sub(item, "published", _stamp(entry.dibuat))
        sub(item, "updated", _stamp(entry.diubah))
        sub(item, "category", term=entry.jenis)
        if entry.instansi:
            sub(sub(item, "author"), "name", entry.instansi)
        if entry.ringkasan:
            sub(item, "summary", entry.ringkasan)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
