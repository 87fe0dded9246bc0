"""axe-core finds 0 WCAG 2.1 AA violations on every page type (ARCHITECTURE.md, "Quality bars"), in Chromium.

Each page is loaded from a real build served under the GitHub Pages sub-path, in the light and
the dark colour scheme (the visitor's system preference, which Material's palette follows), at
1280 px and at 360 px (phones: the step list, the drawer). axe-core (npm, pinned in the Makefile,
installed into .tools/ by ``make tools``) is injected into the page and run with the WCAG 2.0/2.1
A and AA rules only. On failure every violation is listed: rule, impact, page, elements.

Pages: home, agency list, agency, SOP pages (seed, the flowchart fixtures with loops and joint
steps, a revoked SOP with its banner, one with the edit and report links), performance document
and its index, /cari/ (empty and with results), open data, guide, and the 404 page.
"""

from __future__ import annotations

import contoh_portal
import pytest
from bagan_site import bagan_build
from conftest import ROOT, need_tool

AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# (what, URL path) on the flowchart site: the seed portal plus the flowchart fixtures.
PAGES = [
    ("beranda", ""),
    ("daftar instansi", "instansi/"),
    ("instansi", "instansi/bkpsdm-kota-tangerang/"),
    ("buku SOP", "instansi/bkpsdm-kota-tangerang/buku/"),
    ("SOP", "sop/bkpsdm-kota-tangerang/penyusunan-lkip/"),
    ("SOP dengan keputusan dan lajur bersama", "sop/uji-bagan/tindak-lanjut-pengaduan/"),
    ("SOP panjang (sub-prosedur, pindah halaman)", "sop/uji-bagan/izin-penelitian/"),
    ("dokumen kinerja", "kinerja/kesbangpol-kab-pesisir-selatan/2024/pengukuran-kinerja-2024/"),
    ("perjanjian kinerja", "kinerja/kesbangpol-kota-tangerang/2018/perjanjian-kinerja-2018/"),
    ("daftar dokumen kinerja", "kinerja/"),
    ("cari", "cari/"),
    ("cari dengan hasil", "cari/?q=kinerja"),
    ("data terbuka", "data/"),
    ("panduan", "panduan/"),
    ("404", "halaman-yang-tidak-ada/"),
]
# On the lifecycle portal: banners, revision history, "Dirujuk oleh", edit and report links.
LIFECYCLE_PAGES = [
    ("SOP dicabut", f"sop/{contoh_portal.AGENCY}/penyusunan-renja-lama/"),
    ("SOP dengan riwayat dan tautan lapor", f"sop/{contoh_portal.AGENCY}/penyusunan-renstra/"),
]
VIEWS = [("terang", "light", 1280), ("terang", "light", 360), ("gelap", "dark", 1280), ("gelap", "dark", 360)]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    return bagan_build(tmp_path_factory), contoh_portal.build(tmp_path_factory)


def axe_violations(tab, url: str, scheme: str) -> list[dict]:
    response = tab.goto(url, wait_until="load")
    assert response is not None
    # Material applies the palette matching the system preference from its script; wait for it,
    # so that the dark run really checks the dark colours.
    expected = "slate" if scheme == "dark" else "default"
    tab.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{expected}'")
    if "?q=" in url:  # the search page fills its results in asynchronously
        tab.wait_for_selector("pagefind-results a[href]", timeout=15000)
    else:
        tab.wait_for_load_state("networkidle")
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_AA,
    )
    return result["violations"]


def readable(found: list[tuple[str, dict]]) -> str:
    lines = [f"{len(found)} pelanggaran aksesibilitas (axe-core, WCAG 2.1 AA):"]
    for where, v in found:
        lines.append(f"- {where}: [{v['id']}, {v.get('impact')}] {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())[:300]
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … dan {len(v['nodes']) - 5} elemen lain")
    return "\n".join(lines)


@pytest.mark.browser
@pytest.mark.parametrize(("label", "scheme", "width"), VIEWS, ids=[f"{lb}-{w}" for lb, _, w in VIEWS])
def test_every_page_type_has_no_wcag_violations(sites, browser, serve, label, scheme, width):
    need_tool(str(AXE), "axe-core (make tools)")
    flowchart, lifecycle = sites
    targets = [(serve(flowchart.site), PAGES), (serve(lifecycle.site), LIFECYCLE_PAGES)]
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    found: list[tuple[str, dict]] = []
    checked = 0
    try:
        for served, pages in targets:
            for what, path in pages:
                for v in axe_violations(tab, served.url(path), scheme):
                    found.append((f"{what} /{path} ({label}, {width} px)", v))
                checked += 1
    finally:
        context.close()
    assert checked == len(PAGES) + len(LIFECYCLE_PAGES)
    assert not found, readable(found)


@pytest.mark.browser
def test_axe_reports_a_violation(browser, serve, tmp_path):
    """The check can fail: a page with an unlabelled form field and low contrast is reported."""
    need_tool(str(AXE), "axe-core (make tools)")
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="id"><head><title>x</title></head><body><main>'
        '<input type="text"><p style="color:#bbb;background:#fff">teks pucat</p></main></body></html>',
        encoding="utf-8",
    )
    tab = browser.new_page()
    try:
        tab.goto(serve(tmp_path).url(""))
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
        )
    finally:
        tab.close()
    ids = {v["id"] for v in result["violations"]}
    assert {"label", "color-contrast"} <= ids
