"""No broken internal link anywhere in the built site, served under a sub-path; a working 404 page.

Every HTML file of the site is fetched over HTTP from the sub-path server (as GitHub Pages
serves a project site), every href/src in it resolved against the page's URL and, when it
points at the site's own host, fetched too: it must answer 200, and a #fragment must name an
id on the target page. Absolute links to `site_url` (canonical, feed) count as internal.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import contoh_portal
import pytest
from conftest import SUBPATH

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src", "use": "href", "image": "href"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        attr = LINK_ATTRS.get(tag)
        url = values.get(attr) if attr else None
        if url is None and tag in ("use", "image"):
            url = values.get("xlink:href")
        if url:
            self.links.append((tag, url))


def _get(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


def _parse(body: bytes) -> _Page:
    page = _Page()
    page.feed(body.decode("utf-8", errors="replace"))
    return page


def broken_links(site, served, site_url: str) -> tuple[int, list[str]]:
    """(links checked, problems) over every HTML page of `site` served at `served.base`."""
    fetched: dict[str, tuple[int, _Page | None]] = {}

    def fetch(url: str) -> tuple[int, _Page | None]:
        if url not in fetched:
            status, body, kind = _get(url)
            fetched[url] = (status, _parse(body) if "html" in kind and status == 200 else None)
        return fetched[url]

    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
    problems, checked = [], 0
    own = urlsplit(served.base).netloc
    for rel in pages:
        url = served.url(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        status, page = fetch(url)
        assert status == 200 and page is not None, f"{url}: {status}"
        here = "/" + rel  # in messages: the page's path in the site, the same on any port
        for tag, link in page.links:
            if link.startswith(site_url):  # absolute link to the portal's own address
                link = served.base + link[len(site_url):]
            target = urljoin(url, link)
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != own:
                continue  # mailto:, javascript:, data:, other hosts (checked by test_privacy for requests)
            checked += 1
            address, fragment = urldefrag(target)
            if not parts.path.startswith(SUBPATH):
                problems.append(f"{here}: <{tag}> {link} leaves the sub-path {SUBPATH}")
                continue
            target_status, target_page = fetch(address)
            if target_status != 200:
                problems.append(f"{here}: <{tag}> {link} -> {target_status}")
            elif fragment and target_page is not None and fragment not in target_page.ids:
                problems.append(f"{here}: <{tag}> {link}: no id {fragment!r} on the target page")
    return checked, problems


@pytest.fixture(scope="module")
def contoh(tmp_path_factory):
    return contoh_portal.build(tmp_path_factory)


def test_no_broken_internal_link_in_the_seed_portal(seed_site, serve):
    served = serve(seed_site.site)
    checked, problems = broken_links(seed_site.site, served, f"http://127.0.0.1:8000{SUBPATH}")
    assert checked > 100
    assert problems == []


def test_no_broken_internal_link_with_every_lifecycle_case(contoh, serve):
    # Keterkaitan links, backlinks, revoked SOPs, the open data page, the repository's links.
    served = serve(contoh.site)
    checked, problems = broken_links(contoh.site, served, contoh_portal.SITE_URL)
    assert checked > 100
    assert problems == []


def test_the_link_checker_catches_a_broken_link_and_a_missing_anchor(contoh, serve, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(contoh.site, site)
    _, before = broken_links(site, serve(site), contoh_portal.SITE_URL)
    page = site / "data" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace('href="sop.csv"', 'href="sop-hilang.csv"')
    html = html.replace("</main>", '<a href="../sop/bkpsdm-kota-tangerang/penyusunan-lkip/#langkah-99">x</a></main>')
    page.write_text(html, encoding="utf-8")
    _, after = broken_links(site, serve(site), contoh_portal.SITE_URL)
    assert sorted(set(after) - set(before)) == [
        "/data/index.html: <a> ../sop/bkpsdm-kota-tangerang/penyusunan-lkip/#langkah-99: no id 'langkah-99' on the target page",
        "/data/index.html: <a> sop-hilang.csv -> 404",
    ]


def test_404_page_works_under_the_sub_path(seed_site, serve):
    served = serve(seed_site.site)
    missing = served.url("sop/tidak-ada/sama-sekali/halaman/")
    status, body, _ = _get(missing)
    assert status == 404
    page = _parse(body)
    assert "404" in body.decode("utf-8") and "Halaman tidak ditemukan" in body.decode("utf-8")
    assets = [link for tag, link in page.links if tag in ("link", "script")]
    assert any(a.endswith(".css") for a in assets)
    for tag, link in page.links:
        if link.startswith("#"):
            continue  # within this page (the skip link to its content)
        target = urljoin(missing, link)
        parts = urlsplit(target)
        if parts.netloc != urlsplit(served.base).netloc:
            continue
        # Absolute paths under the sub-path: right at whatever depth the missing URL was.
        assert parts.path.startswith(SUBPATH), link
        assert _get(urldefrag(target)[0])[0] == 200, link
