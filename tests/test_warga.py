"""What a citizen meets around the SOPs (issue #19): whose portal this is, list tables that read on a
phone, a skip link on every page type, Indonesian labels, and the staff guide out of the citizens'
navigation. Fixture: tests/fixtures/warga/ (invented agencies, SOPs and a government logo)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, make_project, need_tool, run_build
from test_sekilas import FIXTURE, PASPOR, warga_files

PEMERINTAH = "Pemerintah Kota Sukamaju"
LOGO = "gambar/lambang-sukamaju.svg"
KANIM = "instansi/kantor-imigrasi-sukamaju/"
# One page of every type the portal generates or hosts.
PAGE_TYPES = {
    "beranda": "",
    "daftar instansi": "instansi/",
    "instansi": KANIM,
    "SOP": PASPOR,
    "dokumen kinerja": "kinerja/kesbangpol-kab-pesisir-selatan/2024/pengukuran-kinerja-2024/",
    "daftar dokumen": "kinerja/",
    "cari": "cari/",
    "data terbuka": "data/",
    "panduan": "panduan/",
}


def warga_content() -> dict[str, bytes]:
    root = FIXTURE / "content"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def warga(tmp_path_factory):
    options = f"      pemerintah: {PEMERINTAH}\n      logo: {LOGO}\n      today: '2026-06-01'"
    project = make_project(tmp_path_factory.mktemp("warga"), sops=warga_files(), content=warga_content(), plugin_options=options)
    build = run_build(project, site_url="http://127.0.0.1:8000/portal-sop/")
    assert build.returncode == 0, build.output
    return build


def _sidebar(html: str) -> str:
    return html.split('class="md-sidebar md-sidebar--primary"', 1)[1].split("</nav>", 1)[0]


def test_every_page_says_whose_portal_it_is(warga):
    for what, url in PAGE_TYPES.items():
        html = warga.html(url)
        header = html.split('data-md-component="header"', 1)[1].split("</header>", 1)[0]
        assert PEMERINTAH in header, what
        assert re.search(r'<img src="[./]*' + re.escape(LOGO) + '"', header), what
    home = warga.html("")
    assert re.search(r'<p class="sop-pemilik"><img [^>]*alt="Lambang Pemerintah Kota Sukamaju"[^>]*><span>Pemerintah Kota Sukamaju</span>', home)
    assert (warga.site / LOGO).is_file()


def test_an_agency_page_gives_its_address_phone_email_and_website(warga):
    html = warga.html(KANIM)
    data = html.split('class="sop-instansi__data"', 1)[1].split("</dl>", 1)[0]
    assert "<dt>Alamat</dt><dd>Jl. Kenari Raya No. 12, Sukamaju 40111</dd>" in data
    assert '<dt>Telepon</dt><dd><a href="tel:0225550142">(022) 555-0142</a></dd>' in data
    assert '<dt>Surel</dt><dd><a href="mailto:layanan@kanim-sukamaju.example.go.id">' in data
    assert '<dt>Situs</dt><dd><a href="https://kanim-sukamaju.example.go.id" rel="external">' in data
    # A vertical agency (nama = pemerintah) is not named twice.
    assert '<p class="sop-jenis">Kantor Imigrasi Kelas I Sukamaju</p>' not in html
    assert '<p class="sop-jenis">Pemerintah Kota Tangerang</p>' in warga.html("instansi/bkpsdm-kota-tangerang/")


def test_the_staff_guide_is_in_the_footer_not_in_the_citizens_nav(warga):
    assert (warga.site / "panduan" / "index.html").is_file()
    for what, url in PAGE_TYPES.items():
        html = warga.html(url)
        assert "panduan/" not in _sidebar(html), what
        footer = html.split('<footer class="md-footer">', 1)[1]
        assert re.search(r'<a href="([./]*panduan/|\./)">Untuk pegawai</a>', footer), what


def test_every_label_is_indonesian_and_every_page_has_a_skip_link(warga):
    for what, url in PAGE_TYPES.items():
        html = warga.html(url)
        assert 'aria-label="Header"' not in html and 'aria-label="Kepala situs"' in html, what
        assert html.count('class="md-skip"') == 1 and '<a href="#isi-utama" class="md-skip">Lewati ke isi</a>' in html, what
        assert 'id="isi-utama"' in html, what
    assert 'href="#isi-utama" class="md-skip"' in (warga.site / "404.html").read_text(encoding="utf-8")


def test_a_logo_from_another_host_is_refused(tmp_path):
    project = make_project(tmp_path, plugin_options="      logo: https://contoh.example/logo.png")
    build = run_build(project)
    assert build.returncode != 0 and "alamat di situs lain" in build.output


@pytest.mark.browser
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(warga, browser, serve):
    served = serve(warga.site)
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        for what, url in PAGE_TYPES.items():
            tab.goto(served.url(url))
            tab.keyboard.press("Tab")
            focused = tab.evaluate("[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
            assert focused == ["Lewati ke isi", "#isi-utama"], what
            tab.wait_for_timeout(300)  # Material slides the link in
            box = tab.locator(".md-skip").bounding_box()
            assert box is not None and box["y"] >= 0 and box["width"] > 20, what
            tab.keyboard.press("Enter")
            assert tab.evaluate("document.activeElement.id") == "isi-utama", what
    finally:
        tab.close()


def _overflow(tab) -> list[str]:
    """Elements of the content reaching past the viewport's right edge."""
    return tab.evaluate(
        """() => [...document.querySelectorAll('.md-content *')].filter(e => {
               const r = e.getBoundingClientRect();
               return r.width > 0 && r.right > window.innerWidth + 0.5 && !e.closest('.sop-tabel, thead, caption, .sop-sr');
           }).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 40))"""
    )


@pytest.mark.browser
def test_list_tables_are_cards_on_a_phone_and_tables_on_a_desktop(warga, browser, serve):
    served = serve(warga.site)
    pages = [KANIM, "instansi/kesbangpol-kab-pesisir-selatan/", "sop/kesbangpol-kab-pesisir-selatan/pengukuran-kinerja/", "data/"]
    for scheme in ("light", "dark"):
        phone = browser.new_page(viewport={"width": 360, "height": 740}, color_scheme=scheme)
        try:
            for url in pages:
                phone.goto(served.url(url))
                assert phone.locator("table.sop-daftar-tabel").count() > 0, url
                assert _overflow(phone) == [], (url, scheme)
                # Each row is a card: its cells stacked, each labelled.
                cell = phone.locator("table.sop-daftar-tabel tbody td:not(.sop-daftar-tabel__judul)").first
                assert cell.evaluate("e => getComputedStyle(e).display") == "grid"
                assert cell.evaluate("e => getComputedStyle(e, '::before').content") not in ("none", "normal", '""')
        finally:
            phone.close()
    desk = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        desk.goto(served.url(KANIM))
        th = desk.locator("table.sop-daftar-tabel thead th").first
        assert th.evaluate("e => getComputedStyle(e).textAlign") in ("left", "start")
        td = desk.locator("table.sop-daftar-tabel tbody td").first
        assert float(td.evaluate("e => getComputedStyle(e).paddingLeft")[:-2]) >= 8
        table = desk.locator("table.sop-daftar-tabel").first
        assert table.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
        assert desk.evaluate("document.documentElement.scrollWidth") <= 1280
    finally:
        desk.close()


@pytest.mark.browser
def test_the_citizen_pages_have_no_wcag_violations(warga, browser, serve):
    from test_a11y import AXE, axe_violations, readable

    need_tool(str(AXE), "axe-core (make tools)")
    served = serve(warga.site)
    found = []
    for scheme in ("light", "dark"):
        for width in (360, 1280):
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
            tab = context.new_page()
            try:
                for what, url in PAGE_TYPES.items():
                    for v in axe_violations(tab, served.url(url), scheme):
                        found.append((f"{what} /{url} ({scheme}, {width} px)", v))
            finally:
                context.close()
    assert not found, readable(found)


def test_the_sample_config_documents_the_owner_options():
    config = (ROOT / "site_config.yml").read_text(encoding="utf-8")
    assert "pemerintah:" in config and "logo:" in config and "lisensi" in config
    assert Path(ROOT / "site_config.yml").is_file()


def test_the_open_data_page_lists_every_file_with_its_licence_and_description(warga):
    html = warga.html("data/")
    rows = re.findall(r"<tr>\s*<td class=\"sop-daftar-tabel__judul\"[^>]*>(.*?)</tr>", html, re.S)
    names = [re.sub(r"<[^>]+>", "", row.split("</td>", 1)[0]) for row in rows]
    for published in ("sop.json", "sop.csv", "kinerja.csv", "sop-data.schema.json", "sop.schema.json", "instansi.schema.json", "feed.xml"):
        assert published in names, published
        assert (warga.site / ("feed.xml" if published == "feed.xml" else f"data/{published}")).is_file(), published
    assert "sop/&lt;instansi&gt;/&lt;nama&gt;.json" in names and "sop/&lt;instansi&gt;/&lt;nama&gt;.svg" in names
    for row in rows:
        cells = re.findall(r'<td[^>]*data-label="(\w+)"[^>]*>(.*?)</td>', row, re.S)
        labels = dict(cells)
        assert len(re.sub(r"<[^>]+>", "", labels["Isi"]).split()) >= 5, row  # a real one-line description
        assert 'rel="license external">CC BY 4.0</a>' in labels["Lisensi"], row


def test_the_licence_is_configurable(tmp_path):
    project = make_project(tmp_path, plugin_options="      lisensi: CC0 1.0\n      lisensi_url: https://creativecommons.org/publicdomain/zero/1.0/deed.id")
    build = run_build(project, site_url="https://contoh.example/portal/")
    assert build.returncode == 0, build.output
    html = build.html("data/")
    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/deed.id" rel="license external">CC0 1.0</a>' in html
    assert "CC BY 4.0" not in html


LOCAL = re.compile(r"127\.0\.0\.1|localhost|\[::1\]", re.I)


def test_a_build_without_the_public_address_writes_no_local_address(tmp_path):
    from sop_portal.site import alamat

    build = run_build(make_project(tmp_path))  # no SITE_URL: site_config.yml has no default address
    assert build.returncode == 0, build.output  # --strict: the note is INFO, not a warning
    assert not (build.site / "feed.xml").exists() and not (build.site / "sitemap.xml").exists()
    assert not (build.site / "sitemap.xml.gz").exists()
    checked = 0
    for path in build.site.rglob("*"):
        if path.suffix not in (".html", ".json", ".csv", ".xml", ".svg", ".txt") or "panduan" in path.parts:
            continue  # the staff guide's own text explains `make serve` at http://127.0.0.1:8000/
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not LOCAL.search(text), path.relative_to(build.site)
        if path.suffix == ".html":
            assert 'rel="canonical"' not in text and "feed.xml" not in text, path.relative_to(build.site)
        checked += 1
    assert checked > 20
    import json

    data = json.loads((build.site / "data" / "sop.json").read_text(encoding="utf-8"))
    assert data["$schema"] == "sop-data.schema.json" and (build.site / "data" / data["$schema"]).is_file()
    assert all(not s["url"].startswith(("http", "/")) and (build.site / s["url"] / "index.html").is_file() for s in data["sop"])
    said: list[str] = []
    alamat.leave_out_absolute_files(tmp_path / "kosong", said.append)
    assert said and "feed.xml" in said[0] and "SITE_URL" in said[0]


def test_the_pages_workflow_always_builds_with_the_public_address():
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    build_step = workflow.split("mkdocs build", 1)[1].split("- name:", 1)[0]
    assert "SITE_URL: ${{ steps.pages.outputs.base_url }}/" in build_step
    config = (ROOT / "site_config.yml").read_text(encoding="utf-8")
    assert re.search(r'^site_url: !ENV \[SITE_URL, ""\]', config, re.M)  # no made-up default


@pytest.mark.browser
def test_every_filter_checkbox_has_the_same_size(warga, browser, serve):
    served = serve(warga.site)
    for width in (360, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            page.goto(served.url("cari/"))
            page.wait_for_selector(".sop-cari .pf-checkbox-input", state="attached", timeout=15000)
            page.wait_for_timeout(500)
            page.evaluate("document.querySelectorAll('.sop-cari details').forEach(d => d.open = true)")
            sizes = page.evaluate(
                "[...document.querySelectorAll('.sop-cari .pf-checkbox-input')].map(e => e.getBoundingClientRect())"
                ".filter(r => r.width > 0).map(r => [Math.round(r.width), Math.round(r.height)])"
            )
            assert len(sizes) >= 10 and len(set(map(tuple, sizes))) == 1, (width, sizes)
        finally:
            page.close()
