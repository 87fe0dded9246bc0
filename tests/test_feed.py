"""/feed.xml: an Atom feed of new and changed SOPs and documents, by git dates, linked from every page."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import contoh_portal
import pytest

from sop_portal.site.feed import FeedEntry, atom_feed

A = "{http://www.w3.org/2005/Atom}"
SITE_URL = contoh_portal.SITE_URL


@pytest.fixture(scope="module")
def contoh(tmp_path_factory):
    return contoh_portal.build(tmp_path_factory)


@pytest.fixture(scope="module")
def feed(contoh):
    return ET.parse(contoh.site / "feed.xml").getroot()


def _entries(feed):
    return [
        {
            "title": e.findtext(f"{A}title"),
            "href": e.find(f"{A}link").get("href"),
            "published": e.findtext(f"{A}published"),
            "updated": e.findtext(f"{A}updated"),
            "category": e.find(f"{A}category").get("term"),
        }
        for e in feed.findall(f"{A}entry")
    ]


def test_feed_is_atom_with_absolute_urls(feed):
    assert feed.tag == f"{A}feed"
    assert feed.findtext(f"{A}id") == SITE_URL
    links = {l.get("rel"): l.get("href") for l in feed.findall(f"{A}link")}
    assert links == {"self": f"{SITE_URL}feed.xml", "alternate": SITE_URL}
    assert feed.findtext(f"{A}updated") == contoh_portal.COMMIT_2
    for entry in _entries(feed):
        assert entry["href"].startswith(SITE_URL)


def test_entries_carry_git_dates_newest_change_first(feed):
    entries = _entries(feed)
    first = entries[0]
    assert first["title"] == "SOP diperbarui: Penyusunan Renstra"  # revised in the second commit
    assert (first["published"], first["updated"]) == (contoh_portal.COMMIT_1, contoh_portal.COMMIT_2)
    lkip = next(e for e in entries if e["href"].endswith("/penyusunan-lkip/"))
    assert lkip["title"] == "SOP baru: Penyusunan LKIP"  # added and never changed since
    assert lkip["published"] == lkip["updated"] == contoh_portal.COMMIT_1
    updated = [dt.datetime.fromisoformat(e["updated"]) for e in entries]
    assert updated == sorted(updated, reverse=True)


def test_feed_lists_sops_and_documents_that_are_published(contoh, feed):
    entries = _entries(feed)
    assert not any("Rancangan Baru" in e["title"] for e in entries)  # draft: not published
    sops = [e for e in entries if e["category"] == "SOP"]
    assert len(sops) == 5
    documents = sorted((contoh.project / "content" / "kinerja").rglob("*.md"))
    documents = [d for d in documents if d.name != "index.md"]
    assert len([e for e in entries if e["category"] != "SOP"]) == len(documents)
    for entry in entries:  # every entry links to a page that exists
        rel = entry["href"].removeprefix(SITE_URL)
        assert (contoh.site / rel / "index.html").is_file(), entry["href"]


def test_every_page_links_the_feed_in_its_head(contoh):
    pages = [p for p in contoh.site.rglob("*.html") if p.name in ("index.html", "404.html")]
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        match = re.search(r'<link rel="alternate feed" type="application/atom\+xml"[^>]*href="([^"]+)"', head)
        assert match, page
        url_path = "/" + page.relative_to(contoh.site).as_posix()
        base = urljoin("http://127.0.0.1:8000/portal-sop/", url_path.lstrip("/"))
        if page.name == "404.html":  # served at any depth: its links are absolute paths
            assert match.group(1) == "/portal-sop/feed.xml"
        else:
            assert urljoin(base, match.group(1)) == f"{SITE_URL}feed.xml", page


def test_feed_escapes_text_and_is_bounded():
    when = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    entries = [
        FeedEntry(f"SOP <{n}> & \"kutip\"", f"sop/a/{n}/", when, when + dt.timedelta(minutes=n), "SOP")
        for n in range(80)
    ]
    root = ET.fromstring(atom_feed(entries, site_url="https://contoh.go.id/portal/", title="Portal & SOP").encode())
    items = root.findall(f"{A}entry")
    assert len(items) == 50  # newest 50 only
    assert items[0].findtext(f"{A}title") == 'SOP diperbarui: SOP <79> & "kutip"'
    assert items[0].find(f"{A}link").get("href") == "https://contoh.go.id/portal/sop/a/79/"
    assert root.findtext(f"{A}title") == "Portal & SOP"
