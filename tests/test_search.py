"""Search (ARCHITECTURE.md, "Search"): the Pagefind index built inside `mkdocs build`, and its UI in Chromium.

All browser tests use the repository's own portal built once under /portal-sop/ (`seed_site`)
and served on loopback under that sub-path, so every result link must stay inside it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLE_SOPS, SUBPATH, build_portal, make_project, run_build

from sop_portal.format.loader import load_portal
from sop_portal.site.search import (
    SearchIndexError,
    build_index,
    indexed_urls,
    marked_pages,
    page_url,
)

PK_TITLE = "Mekanisme Penyusunan Perjanjian Kinerja Perangkat Daerah"
NOT_INDEXED = ("index.html", "cari/index.html", "404.html")


def seed_sops():
    result = load_portal(SAMPLE_SOPS, ROOT)
    assert not result.failed
    return [s for s in result.portal.sops if s.status != "draf"]


def words(text: str, min_len: int) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z]+", text) if len(w) >= min_len]


# --- the index -------------------------------------------------------------------------------


def test_index_holds_exactly_the_pages_marked_for_indexing(seed_site):
    site = seed_site.site
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["id"]  # one Indonesian index: stemming and UI strings
    marked = marked_pages(site)
    assert entry["languages"]["id"]["page_count"] == len(marked)
    assert indexed_urls(site / "pagefind") == {page_url(rel) for rel in marked}
    # Every SOP and every agency is in it; home, search page and 404 are not.
    for sop in seed_sops():
        assert f"sop/{sop.instansi}/{sop.slug}/index.html" in marked
        assert f"instansi/{sop.instansi}/index.html" in marked
    for rel in NOT_INDEXED:
        assert (site / rel).exists()
        assert rel not in marked
    assert "/" not in indexed_urls(site / "pagefind")


def test_build_index_refuses_a_site_with_no_marked_page(tmp_path):
    (tmp_path / "index.html").write_text('<html lang="id"><body><h1>Beranda</h1><p>Teks.</p></body></html>')
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "usang.js").write_text("// an index from an earlier build")
    with pytest.raises(SearchIndexError, match="Indeks pencarian kosong"):
        build_index(tmp_path)
    assert not (tmp_path / "pagefind").exists()  # the stale index is gone, never shipped


def test_build_index_names_a_marked_page_pagefind_dropped(tmp_path):
    """A template that marks an element with no text gives a page Pagefind silently skips."""
    for name, body in (("a", "<h1>Satu</h1><p>Isi halaman.</p>"), ("b", "")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(
            f'<html lang="id"><body><main data-pagefind-body>{body}</main></body></html>'
        )
    with pytest.raises(SearchIndexError, match=r"2 halaman bertanda .* mengindeks 1 \(tidak terindeks: /b/\)"):
        build_index(tmp_path)


def test_build_index_ignores_the_marker_in_comments_and_text(tmp_path):
    (tmp_path / "index.html").write_text(
        '<html lang="id"><body><!-- <div data-pagefind-body> --><p>Atribut data-pagefind-body menandai isi.</p>'
        '<main data-pagefind-body><h1>Satu</h1><p>Isi.</p></main></body></html>'
    )
    (tmp_path / "lain.html").write_text('<html lang="id"><body><p>data-pagefind-body</p></body></html>')
    report = build_index(tmp_path)
    assert report.marked == ("index.html",)
    assert report.page_count == 1


def test_an_empty_portal_builds_and_its_search_index_is_empty(tmp_path):
    """A portal just started (`sop-portal mulai`: no agency, SOP or document yet) builds: its
    search page loads Pagefind's empty index and finds nothing, and the build says so."""
    project = make_project(tmp_path, copy_sops=False, copy_content=False)
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "sop_portal.cli.main", "build"], cwd=project, env=env,
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 SOP dari 0 instansi; 0 halaman dalam indeks pencarian" in done.stdout
    site = project / "site"
    assert marked_pages(site) == ()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == 0
    assert indexed_urls(site / "pagefind") == set()
    assert (site / "pagefind" / "pagefind.js").exists()  # what the search page loads
    assert (site / "cari" / "index.html").exists()


def test_an_empty_portal_still_fails_in_indonesian_when_a_marked_page_is_not_indexed(tmp_path):
    """The empty portal's leniency is for having no marked page, never for an index that differs
    from the marked pages: a page marked for search that Pagefind drops (no text in the marked
    element) fails the build, named."""
    blank = '<html lang="id"><head><title>{0}</title></head><body><main data-pagefind-body>{1}</main></body></html>'
    content = {"isi.html": blank.format("Isi", "<h1>Isi</h1><p>Halaman berisi.</p>"), "kosong.html": blank.format("Kosong", "")}
    build = build_portal(tmp_path, copy_sops=False, copy_content=False, content=content)
    assert build.returncode != 0
    assert (
        "Indeks pencarian tidak cocok: 2 halaman bertanda data-pagefind-body, tetapi Pagefind mengindeks 1 "
        "(tidak terindeks: /kosong.html)" in build.output
    ), build.output
    assert "Traceback" not in build.output


def test_a_portal_with_an_agency_but_no_marked_page_fails_to_build_in_indonesian(tmp_path):
    """Only an empty portal may have an empty index: an agency's page whose template lost the
    marker (here a theme override) would let Pagefind index every page, or none."""
    build = build_portal(
        tmp_path, copy_sops=False, copy_content=False,
        sops={"dinas-uji/_instansi.yml": "nama: Dinas Uji\nsingkatan: DU\n"},
    )  # fmt: skip
    assert build.returncode == 0, build.output  # the marked agency page: a valid portal
    (tmp_path / "theme" / "instansi.html").write_text(
        '{% extends "main.html" %}{% block content %}<h1>{{ page.title }}</h1><p>Tanpa tanda.</p>{% endblock %}',
        encoding="utf-8",
    )
    build = run_build(tmp_path)
    assert build.returncode != 0
    assert "Indeks pencarian kosong: tidak ada halaman di" in build.output, build.output
    assert "Traceback" not in build.output


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture
def page(browser, seed_site, serve):
    served = serve(seed_site.site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda r: tab.requests.append(r.url))
    tab.served = served
    yield tab
    context.close()
    foreign = [u for u in tab.requests if not u.startswith(served.base) and not u.startswith("data:")]
    assert foreign == []  # a government portal must not leak its visitors


def result_links(page, scope: str) -> list[str]:
    return page.eval_on_selector_all(f"{scope} a.pf-result-link", "els => els.map(e => e.getAttribute('href'))")


@pytest.mark.browser
def test_header_search_finds_the_sop_and_opens_it(page):
    page.goto(page.served.url("sop/bkpsdm-kota-tangerang/penyusunan-lkip/"))
    page.click(".md-header pagefind-modal-trigger button")
    dialog = page.locator("pagefind-modal dialog")
    dialog.locator("input").fill("perjanjian kinerja")
    target = dialog.locator("a.pf-result-link", has_text=PK_TITLE)
    target.wait_for()
    links = result_links(page, "pagefind-modal")
    assert links and all(link.startswith(SUBPATH) for link in links), links
    assert "Ditemukan" in dialog.locator("pagefind-summary").inner_text()  # Indonesian UI strings
    full = dialog.locator("a.sop-cari-lengkap")
    assert full.get_attribute("href").endswith("/portal-sop/cari/?q=perjanjian+kinerja")
    target.click()
    page.wait_for_url("**/portal-sop/sop/kesbangpol-kota-tangerang/penyusunan-perjanjian-kinerja/")
    assert page.locator("h1").inner_text() == PK_TITLE


@pytest.mark.browser
def test_header_search_works_by_keyboard_alone(page):
    page.goto(page.served.url(""))
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("Control+k")
    focused = page.locator("pagefind-modal input")
    focused.wait_for()
    assert page.evaluate("document.activeElement.closest('pagefind-modal') !== null")
    page.keyboard.type("rekonsiliasi")
    page.locator("pagefind-modal a.pf-result-link", has_text="Penyusunan LKIP").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/portal-sop/sop/bkpsdm-kota-tangerang/penyusunan-lkip/")


@pytest.mark.browser
def test_search_page_filters_by_one_agency_and_opens_a_result(page, seed_site):
    agency_id = "kesbangpol-kota-tangerang"
    agency = next(a for a in load_portal(SAMPLE_SOPS, ROOT).portal.instansi if a.id == agency_id)
    expected = {page_url(rel) for rel in marked_pages(seed_site.site) if f"/{agency_id}/" in "/" + rel}
    page.goto(page.served.url("cari/"))
    pane = page.locator("pagefind-filter-pane")
    for name in ("Instansi", "Jenis", "Status", "Tahun"):
        pane.locator(".pf-filter-group-name", has_text=name).wait_for()
    pane.get_by_label(agency.nama).check()
    page.wait_for_function(
        "n => document.querySelectorAll('.sop-cari__hasil li.pf-result').length === n", arg=len(expected)
    )
    page.wait_for_function(
        "n => document.querySelectorAll('.sop-cari__hasil a.pf-result-link').length === n", arg=len(expected)
    )
    links = result_links(page, ".sop-cari__hasil")
    assert {link.removeprefix(SUBPATH.rstrip("/")) for link in links} == expected
    assert "instansi=Kantor+Kesatuan+Bangsa" in page.url  # the address can be shared
    page.locator(".sop-cari__hasil a.pf-result-link", has_text=PK_TITLE).click()
    page.wait_for_url("**/sop/kesbangpol-kota-tangerang/penyusunan-perjanjian-kinerja/")
    assert page.locator("h1").inner_text() == PK_TITLE


@pytest.mark.browser
def test_search_page_opens_with_the_query_from_the_address(page):
    page.goto(page.served.url("cari/?q=rekonsiliasi"))
    page.locator(".sop-cari__hasil a.pf-result-link", has_text="Penyusunan LKIP").wait_for()
    assert page.locator(".sop-cari__kotak input").input_value() == "rekonsiliasi"
    assert len(result_links(page, ".sop-cari__hasil")) == 1


@pytest.mark.browser
def test_home_search_box_finds_each_seed_sop_by_its_nomor(page):
    page.goto(page.served.url(""))
    box = page.locator(".sop-cari-beranda input")
    numbered = [s for s in seed_sops() if s.nomor]
    assert numbered
    for sop in numbered:
        box.fill(sop.nomor)
        first = page.locator(".sop-cari-beranda .pf-searchbox-result").first
        first.wait_for()
        page.wait_for_function(
            "t => document.querySelector('.sop-cari-beranda .pf-searchbox-result-title')?.textContent === t",
            arg=sop.nama,
        )
    assert page.locator(".sop-cari-beranda a[data-sop-cari-lengkap]").get_attribute("href").endswith(
        "cari/?q=" + numbered[-1].nomor.replace("/", "%2F")
    )


@pytest.mark.browser
def test_every_seed_sop_is_found_by_title_word_nomor_and_step_word(page):
    """Pagefind's own JS API against the shipped index, as the UI uses it (base URL from the bundle path)."""
    queries = {}
    for sop in seed_sops():
        url = f"{SUBPATH}sop/{sop.instansi}/{sop.slug}/"
        for word in words(sop.nama, 4):
            queries.setdefault(word, set()).add(url)
        for prosedur in sop.prosedur:
            for step in prosedur.langkah:
                longest = max(words(step.kegiatan, 1), key=len)
                queries.setdefault(longest, set()).add(url)
    nomor = {s.nomor: f"{SUBPATH}sop/{s.instansi}/{s.slug}/" for s in seed_sops() if s.nomor}
    page.goto(page.served.url(""))
    found = page.evaluate(
        """async ({base, queries}) => {
          const pagefind = await import(base + 'pagefind/pagefind.js');
          await pagefind.init();
          const out = {};
          for (const q of queries) {
            const search = await pagefind.search(q);
            out[q] = await Promise.all(search.results.map(r => r.data().then(d => d.url)));
          }
          return out;
        }""",
        {"base": SUBPATH, "queries": [*queries, *nomor]},
    )
    missing = {q: sorted(urls - set(found[q])) for q, urls in queries.items() if not urls <= set(found[q])}
    assert missing == {}
    for number, url in nomor.items():
        assert found[number][0] == url, (number, found[number])  # its own SOP comes first
    every = [u for urls in found.values() for u in urls]
    assert every and all(u.startswith(SUBPATH) for u in every)


@pytest.mark.browser
def test_search_follows_the_dark_scheme(browser, seed_site, serve):
    served = serve(seed_site.site)
    context = browser.new_context(viewport={"width": 360, "height": 800}, color_scheme="dark")
    tab = context.new_page()
    tab.goto(served.url("cari/"))
    assert tab.locator("body").get_attribute("data-md-color-scheme") == "slate"
    tab.locator(".sop-cari__hasil li.pf-result").first.wait_for(state="attached")
    tab.evaluate("document.querySelector('.sop-cari__hasil li.pf-result').scrollIntoView()")  # drawn once seen
    tab.locator(".sop-cari__hasil a.pf-result-link").first.wait_for()
    colours = tab.evaluate(
        """() => ['.sop-cari__hasil .pf-result-card', 'pagefind-input input', '.pf-filter-checkbox'].map(sel => {
             const el = document.querySelector(sel); const cs = getComputedStyle(el);
             return [sel, cs.backgroundColor, cs.color];
           })"""
    )
    context.close()

    def luminance(css: str) -> float:
        r, g, b = (int(x) for x in re.findall(r"[\d.]+", css)[:3])
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255

    assert luminance(colours[0][1]) < 0.3, colours  # dark surfaces, as Material's slate scheme
    for selector, background, colour in colours:
        assert luminance(colour) > 0.6, (selector, background, colour)  # light text on them


@pytest.mark.browser
def test_header_search_fits_a_phone_screen(browser, seed_site, serve):
    served = serve(seed_site.site)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    tab = context.new_page()
    tab.goto(served.url("sop/bkpsdm-kota-tangerang/penyusunan-lkip/"))
    trigger = tab.locator(".md-header pagefind-modal-trigger button")
    trigger.wait_for()
    box = trigger.bounding_box()
    width = tab.evaluate("document.documentElement.scrollWidth")
    name = trigger.get_attribute("aria-label")
    context.close()
    assert box["x"] + box["width"] <= 360 and width <= 360
    assert name.startswith("Cari")  # the icon-only button keeps its words for screen readers


@pytest.mark.browser
def test_a_long_query_stays_clear_of_the_clear_button_on_a_phone(browser, seed_site, serve):
    served = serve(seed_site.site)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    tab = context.new_page()
    query = "penyusunan laporan kinerja instansi pemerintah"
    text_end = "i => i.getBoundingClientRect().right - parseFloat(getComputedStyle(i).paddingRight)"
    try:
        tab.goto(served.url("cari/?q=" + query.replace(" ", "+")))
        clear = tab.locator(".sop-cari__kotak .pf-input-clear")
        clear.wait_for()
        on_page = (tab.locator(".sop-cari__kotak input").evaluate(text_end), clear.bounding_box()["x"])
        tab.locator(".md-header pagefind-modal-trigger button").click()
        dialog = tab.locator("pagefind-modal dialog")
        dialog.locator("input").fill(query)
        clear = dialog.locator(".pf-input-clear")
        clear.wait_for()
        in_dialog = (dialog.locator("input").evaluate(text_end), clear.bounding_box()["x"])
    finally:
        context.close()
    assert on_page[0] <= on_page[1] and in_dialog[0] <= in_dialog[1], (on_page, in_dialog)


# --- /cari/ "Urutkan": order by data-pagefind-sort="tanggal" ----------------------------------


def rendered_results(page) -> list[tuple[str, str | None]]:
    """(href, shown ISO date or None) of every /cari/ result, scrolling each into view first:
    Pagefind draws a result only once its placeholder is seen."""
    count = page.locator(".sop-cari__hasil li.pf-result").count()
    for i in range(count):
        page.evaluate("i => document.querySelectorAll('.sop-cari__hasil li.pf-result')[i]?.scrollIntoView()", i)
    page.wait_for_function(
        "n => document.querySelectorAll('.sop-cari__hasil a.pf-result-link').length === n", arg=count
    )
    return page.eval_on_selector_all(
        ".sop-cari__hasil li.pf-result",
        "els => els.map(e => [e.querySelector('a.pf-result-link').getAttribute('href'),"
        " e.querySelector('time.sop-hasil-tanggal')?.getAttribute('datetime') ?? null])",
    )


def page_dates(page, hrefs) -> dict[str, str | None]:
    """Each result page's own sort date, read from its HTML (the ground truth, not the index)."""
    origin = page.served.base.removesuffix(SUBPATH)
    dates = {}
    for href in hrefs:
        html = page.request.get(origin + href).text()
        found = re.search(r'data-pagefind-sort="tanggal"[^>]*>([^<]+)<', html)
        dates[href] = found.group(1) if found else None
    return dates


def wait_for_order(page, first_href: str) -> None:
    page.wait_for_function(
        "h => document.querySelector('.sop-cari__hasil li.pf-result a.pf-result-link')?.getAttribute('href') === h",
        arg=first_href,
    )


def check_date_order(results, dates, descending: bool) -> None:
    hrefs = [href for href, _ in results]
    assert {href: shown for href, shown in results} == dates  # the date on each card is its page's
    dated = [dates[h] for h in hrefs if dates[h]]
    undated = [h for h in hrefs if not dates[h]]
    assert dated == sorted(dated, reverse=descending), hrefs
    # Pages with no tanggal (agencies, an SOP with no tanggal efektif) stay, after the dated ones.
    assert hrefs == [h for h in hrefs if dates[h]] + undated


@pytest.mark.browser
def test_search_page_orders_results_by_date_and_keeps_the_order_in_the_address(page):
    page.goto(page.served.url("cari/?q=kinerja"))
    control = page.get_by_label("Urutkan")
    control.wait_for()
    assert control.input_value() == "relevan"
    assert [o.strip() for o in control.locator("option").all_inner_texts()] == ["Paling relevan", "Terbaru", "Terlama"]
    page.locator(".sop-cari__hasil a.pf-result-link").first.wait_for()
    relevant = rendered_results(page)
    dates = page_dates(page, [href for href, _ in relevant])
    dated = sorted((d, h) for h, d in dates.items() if d)
    assert len(dated) >= 4 and len(dated) < len(relevant)  # several dated pages and some undated
    newest, oldest = dated[-1][1], dated[0][1]
    assert relevant[0][0] not in (newest, oldest)  # relevance order is not already the date order

    control.select_option(label="Terbaru")
    wait_for_order(page, newest)
    newest_first = rendered_results(page)
    check_date_order(newest_first, dates, descending=True)
    assert sorted(newest_first) == sorted(relevant)  # no result lost by changing the order
    assert "Ditemukan 10 hasil" in page.locator(".sop-cari__hasil pagefind-summary").inner_text()
    assert page.url.endswith("/portal-sop/cari/?q=kinerja&urut=terbaru")
    assert control.get_attribute("aria-describedby") == "sop-cari-urut-catatan"

    control.focus()
    page.keyboard.press("ArrowDown")  # the native select works from the keyboard: Terbaru -> Terlama
    wait_for_order(page, oldest)
    assert control.input_value() == "terlama"
    check_date_order(rendered_results(page), dates, descending=False)
    assert page.url.endswith("cari/?q=kinerja&urut=terlama")

    page.goto(page.served.url("cari/?q=kinerja&urut=terbaru"))  # a shared or reloaded address
    wait_for_order(page, newest)
    assert page.get_by_label("Urutkan").input_value() == "terbaru"
    check_date_order(rendered_results(page), dates, descending=True)

    page.get_by_label("Urutkan").select_option(label="Paling relevan")
    wait_for_order(page, relevant[0][0])
    assert page.url.endswith("cari/?q=kinerja")
    assert page.get_by_label("Urutkan").get_attribute("aria-describedby") is None


@pytest.mark.browser
def test_pagefind_sort_alone_drops_undated_pages(page):
    """Why sop-cari.js merges two searches: Pagefind 1.5.2 leaves out pages without the sort key.
    If this starts failing, Pagefind keeps them now and the merge may go."""
    page.goto(page.served.url(""))
    counts = page.evaluate(
        """async base => {
          const pagefind = await import(base + 'pagefind/pagefind.js');
          await pagefind.init();
          const all = await pagefind.search('kinerja');
          const sorted = await pagefind.search('kinerja', {sort: {tanggal: 'desc'}});
          return [all.results.length, sorted.results.length];
        }""",
        SUBPATH,
    )
    assert counts[1] < counts[0], counts


def test_a_marked_html_file_the_build_copies_is_indexed_too(tmp_path):
    """Pages reach Pagefind as they are rendered; an HTML file copied as is must not be missed."""
    page = '<!doctype html><html lang="id"><head><title>Maklumat</title></head><body><main data-pagefind-body><h1>Maklumat Pelayanan</h1><p>Janji layanan kecamatan.</p></main></body></html>'
    build = build_portal(tmp_path, content={"maklumat.html": page})
    assert build.returncode == 0, build.output
    assert "/maklumat.html" in indexed_urls(build.site / "pagefind")


def test_an_aborted_index_ends_pagefind_and_writes_nothing(tmp_path):
    from sop_portal.site.search import IndexSession

    session = IndexSession(tmp_path)
    session.add_page("a/index.html", '<html lang="id"><body><main data-pagefind-body><p>Isi.</p></main></body></html>')
    process = session._service._process  # the one thing only this test needs to see
    session.abort()
    assert process.poll() is not None
    assert not (tmp_path / "pagefind").exists()


def test_a_page_naming_a_missing_template_fails_in_indonesian_with_no_index(tmp_path):
    build = build_portal(tmp_path, content={"rusak.md": "---\ntitle: Rusak\ntemplate: sop-lama.html\n---\n# Rusak\n"})
    assert build.returncode != 0
    assert "content/rusak.md:3:1: kesalahan: template: templat 'sop-lama.html' tidak ada." in build.output
    assert "Traceback" not in build.output
    assert not (build.site / "pagefind").exists()


def test_many_pages_handed_over_faster_than_pagefind_indexes_them_all_arrive(tmp_path):
    """More pages than the hand-over queue holds: the build waits for Pagefind, never loses a page."""
    from sop_portal.site.pagefind_service import QUEUE_PAGES
    from sop_portal.site.search import IndexSession

    count = QUEUE_PAGES * 4
    filler = " ".join(f"kata{i}" for i in range(400))  # ~3,000 words a page: Pagefind falls behind
    session = IndexSession(tmp_path)
    for i in range(count):
        html = f'<html lang="id"><body><main data-pagefind-body><h1>Halaman {i}</h1><p>{filler}</p></main></body></html>'
        (tmp_path / f"h{i}").mkdir()
        (tmp_path / f"h{i}" / "index.html").write_text(html, encoding="utf-8")
        session.add_page(f"h{i}/index.html", html)
    report = session.finish()
    assert report.page_count == count
    assert indexed_urls(tmp_path / "pagefind") == {f"/h{i}/" for i in range(count)}


def test_no_column_labels_run_together_in_what_the_index_holds(seed_site):
    """Pagefind joins adjacent header cells; the excerpts citizens read must not show them fused."""
    from sop_portal.site.search import indexed_fragments

    contents = [f["content"] for f in indexed_fragments(seed_site.site / "pagefind")]
    assert any("Drs. Budi Santoso" in c for c in contents)  # values stay indexed, only labels go
    assert any("Meningkatnya" in c for c in contents)  # and so do the performance tables' cells
    for fused in ("NoSasaran", "NomorNama", "KelengkapanWaktu", "SatuanTarget", "InstansiBadan", "Tahun2024", "NamaDrs"):
        assert not [c for c in contents if fused in c], fused


def test_pagefind_reads_the_marked_element_with_every_attribute_and_without_the_chart(seed_site):
    """`index_document`: what the build hands Pagefind of each page (see its docstring for why)."""
    from sop_portal.site.search import index_document

    for html_file in sorted((seed_site.site / "sop").rglob("index.html")):
        html = html_file.read_text(encoding="utf-8")
        doc = index_document(html)
        assert doc.startswith('<html lang="id"'), html_file
        assert re.search(r"<title>[^<]+</title>", doc)
        # Every Pagefind attribute of the page (meta, filters, sort, weight, ignore) comes along.
        assert re.findall(r"data-pagefind-[\w-]+(?:=\"[^\"]*\")?", doc) == re.findall(r"data-pagefind-[\w-]+(?:=\"[^\"]*\")?", html)
        assert doc.count("<article") == doc.count("</article>") >= 1
        assert 'class="sop-lajur"' in html and "<col " in html
        assert "sop-lajur" not in doc and "sop-gambar" not in doc and "<col" not in doc  # the chart's drawing stays out
        assert "sop-tabel__kegiatan" in doc and len(doc) < len(html) / 2


def test_pages_index_document_cannot_cut_safely_go_to_pagefind_whole():
    from sop_portal.site.search import index_document

    two = '<html lang="id"><body><main data-pagefind-body><p>a</p></main><div data-pagefind-body>b</div></body></html>'
    unclosed = '<html lang="id"><body><main data-pagefind-body><p>a</p></body></html>'
    unmarked = '<html lang="id"><body><p>data-pagefind-body sebagai teks</p></body></html>'
    for html in (two, unclosed, unmarked):
        assert index_document(html) is html
    nested = '<html lang="id"><head><title>T</title></head><body><div data-pagefind-body><div><p>a</p></div><p>b</p></div><footer>f</footer></body></html>'
    assert index_document(nested) == (
        '<html lang="id"><head><meta charset="utf-8"><title>T</title></head>'
        "<body><div data-pagefind-body><div><p>a</p></div><p>b</p></div></body></html>"
    )


def test_the_index_holds_no_chart_labels_or_page_furniture(seed_site):
    from sop_portal.site.search import indexed_fragments

    sop_fragments = [f for f in indexed_fragments(seed_site.site / "pagefind") if "/sop/" in f["url"]]
    assert sop_fragments
    assert any("sop-banner--tinjau" in seed_site.html(f["url"]) for f in sop_fragments)  # old seeds
    for fragment in sop_fragments:
        content = fragment["content"]
        noises = ("YaTidak", "Bagan alir: simbol", "Data SOP (JSON)", "Cetak SOP", "Halaman ini terakhir diperbarui")
        for noise in (*noises, "Perlu ditinjau", "SOP ini terakhir direvisi"):
            assert noise not in content, (fragment["url"], noise)
        # No kicker and no form header in excerpts; the agency's short name stays searchable (at the end).
        assert "Standar Operasional Prosedur ·" not in content and "Nomor SOP" not in content
        assert "BKPSDM" in content or "Kesbangpol" in content, fragment["url"]
        # No sub-result repeats the result's own title (an id on the <h1> made one, with the title as its excerpt).
        assert fragment["meta"]["title"] not in [anchor["text"] for anchor in fragment["anchors"]]


def test_a_cut_short_index_entry_is_a_failed_check_in_indonesian(tmp_path):
    from sop_portal.site.search import check_index

    (tmp_path / "pagefind-entry.json").write_text("")  # what a Pagefind cut off mid-write leaves
    with pytest.raises(SearchIndexError, match="Pagefind tidak menulis indeks pencarian"):
        check_index(tmp_path, ("a/index.html",))


@pytest.mark.browser
def test_on_a_phone_the_agency_filter_starts_closed_so_results_show(browser, seed_site, serve):
    """30-50 agencies open above the results would push them screens down on a 360 px phone."""
    served = serve(seed_site.site)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    try:
        tab = context.new_page()
        tab.goto(served.url("cari/?q=kinerja"))
        tab.locator(".sop-cari__hasil a.pf-result-link").first.wait_for()
        pane = tab.locator("pagefind-filter-pane")
        pane.locator(".pf-filter-group-name", has_text="Instansi").wait_for()
        assert pane.get_attribute("open") == "jenis"
        agency = load_portal(SAMPLE_SOPS, ROOT).portal.instansi[0].nama
        group_open = "name => document.querySelector(`pagefind-filter-pane details[data-filter-name=${name}]`).open"
        assert tab.evaluate(group_open, "jenis")  # the short "Jenis" list stays open
        assert not tab.evaluate(group_open, "instansi")
        assert not tab.get_by_label(agency).is_visible()
        # Filtering by an agency from the address opens the list, so its ticked box shows.
        tab.goto(served.url(f"cari/?instansi={agency}"))
        tab.get_by_label(agency).wait_for()
        assert tab.get_by_label(agency).is_checked()
    finally:
        context.close()
    wide = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        tab = wide.new_page()
        tab.goto(served.url("cari/"))
        tab.locator("pagefind-filter-pane .pf-filter-group-name", has_text="Instansi").wait_for()
        assert tab.locator("pagefind-filter-pane").get_attribute("open") == "instansi,jenis"
    finally:
        wide.close()
