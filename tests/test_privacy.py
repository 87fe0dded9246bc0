"""Privacy: a visitor's browser talks to the portal's own host and to no other (ARCHITECTURE.md, "URLs" and "Quality bars").

Headless Chromium opens the home page, an SOP page and the search page (and searches), a
missing URL (the 404 page), while every request the pages make is logged. Run on the seed
portal and on one that names its GitHub repository: with `repo_url` set, Material's header
would otherwise fetch stars and forks from api.github.com (theme/partials/source.html).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import contoh_portal
import pytest

pytestmark = pytest.mark.browser

SOP = "sop/bkpsdm-kota-tangerang/penyusunan-lkip/"


@pytest.fixture(scope="module")
def contoh(tmp_path_factory):
    return contoh_portal.build(tmp_path_factory)


def _visit(browser, served, paths: list[str], search: str | None = None) -> tuple[list[str], list[int]]:
    """(every requested URL, HTTP statuses of the pages) while opening `paths` one after another."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    statuses = []
    try:
        for path in paths:
            response = page.goto(served.url(path), wait_until="networkidle")
            statuses.append(response.status if response else 0)
            if path.startswith("cari") and search:
                box = page.locator("main input[type=search]:visible").first
                box.fill(search)
                page.wait_for_timeout(300)
                page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return requests, statuses


def _foreign(requests: list[str], served) -> list[str]:
    own = urlsplit(served.base).netloc
    return [url for url in requests if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own]


@pytest.mark.parametrize("portal", ["seed", "contoh"])
def test_no_request_leaves_the_site(portal, seed_site, contoh, browser, serve):
    build = seed_site if portal == "seed" else contoh
    served = serve(build.site)
    paths = ["", SOP, "cari/", "tidak/ada/halaman-ini/"]
    assert (build.site / "cari" / "index.html").is_file(), "the search page /cari/ exists"
    requests, statuses = _visit(browser, served, paths, search="kinerja")
    assert statuses == [200, 200, 200, 404]
    assert len(requests) > 10  # pages, CSS, JS, the search index: the log did record
    assert any("/pagefind/" in url for url in requests)  # the search did run
    assert _foreign(requests, served) == []
    # The repository links are there (plain links only: following one is the visitor's choice).
    if portal == "contoh":
        assert contoh_portal.REPO_URL in build.html(SOP)


def test_404_page_is_styled_under_the_sub_path(seed_site, browser, serve):
    served = serve(seed_site.site)
    page = browser.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 and response.request.resource_type != "document" else None)
    try:
        response = page.goto(served.url("sop/tidak-ada/sama-sekali/"), wait_until="networkidle")
        assert response.status == 404
        # Material's stylesheet loaded from /portal-sop/assets/…: the header is styled, not a bare list.
        position = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        assert position in ("sticky", "fixed")
        home = page.evaluate("document.querySelector('a.md-header__button.md-logo').href")
        assert home == served.base
    finally:
        page.close()
    assert failed == []
