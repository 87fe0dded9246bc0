"""The flowchart as built into real SOP pages: table cells, standalone SVG, step list, and its geometry
measured in headless Chromium at phone, tablet, laptop and wide-screen widths."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from bagan_site import LONG, PAGES, bagan_build

from sop_portal.format.loader import load_portal


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return bagan_build(tmp_path_factory)


@pytest.fixture(scope="module")
def portal(site):
    result = load_portal(site.project / "sops", site.project)
    assert not result.failed
    return {s.url: s for s in result.portal.sops}


@pytest.mark.parametrize("url", PAGES)
def test_every_step_edge_and_lane_is_drawn(site, portal, url):
    html = site.html(url)
    sop = portal[url]
    steps = sop.semua_langkah
    edges = sum(len(item.keluar) for s in steps for item in s.items)
    # One cell per lane per row, a symbol per step, one start and one arrowhead per edge.
    lanes = sum(len(p.pelaksana) * len(p.langkah) for p in sop.prosedur)
    assert html.count('<td class="sop-lajur">') == lanes
    assert {m for m in re.findall(r'data-step="([^"]+)"', html)} >= {s.key for s in steps}
    assert len(re.findall(r"data-awal=", html)) == edges
    assert len(re.findall(r'data-akhir="', html)) == edges
    # Each symbol has a text equivalent for screen readers, in every lane the step uses.
    tables = "".join(part.split("</table>")[0] for part in html.split('<table class="sop-tabel')[1:])
    said = re.findall(r'<span class="sop-sr" role="img" aria-label="(Mulai|Proses|Keputusan|Selesai)"', tables)
    assert len(said) == sum(len(s.items) for s in steps)
    # The drawing is decoration for assistive technology: the table's text carries the content.
    assert html.count('class="sop-gambar" aria-hidden="true"') > 0
    assert "<script" not in html.split('class="sop-bagan"')[1].split("</section>")[0]


def test_branches_are_written_out_in_the_table_and_the_step_list(site):
    html = site.html(LONG)
    table = html.split('class="sop-bagan"')[1]
    daftar = html.split('class="sop-daftar"')[1].split("</section>")[0]
    for text in ("Jika Ya → langkah 5", "Jika Tidak → langkah 4", "Jika Revisi → langkah 5", "Lanjut ke langkah 21"):
        assert text in table and text in daftar
    # The step list gives each step's no., kegiatan, pelaksana, waktu and output.
    assert "Menilai pemenuhan persyaratan teknis" in daftar and "Verifikator" in daftar
    assert "15 menit" in daftar and "Output: Berkas permohonan" in daftar


def test_off_page_connectors_and_page_ends_are_in_the_page(site):
    html = site.html(LONG)
    ends = re.findall(r'class="sop-baris [^"]*sop-baris--akhir-halaman', html)
    assert len(ends) == 3  # 22 rows, 7 per page
    labels = re.findall(r'data-penghubung="([^"]+)" data-letak="(keluar|masuk)"', html)
    out = sorted(lb for lb, where in labels if where == "keluar")
    into = sorted(lb for lb, where in labels if where == "masuk")
    assert out == into and len(out) >= 3


@pytest.mark.parametrize("url", PAGES)
def test_standalone_svg(site, portal, url):
    sop = portal[url]
    path = site.site / (url.rstrip("/") + ".svg")
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert sop.nama in root.find(f"{ns}title").text
    connectors = root.findall(f".//{ns}polyline[@class='c']")
    assert len(connectors) == sum(len(item.keluar) for s in sop.semua_langkah for item in s.items)
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{ns}text"))
    for step in sop.semua_langkah:
        assert step.kegiatan.split()[0] in texts
    assert f'{url.rstrip("/").split("/")[-1]}.svg"' in site.html(url)  # linked from the page


def test_page_weight(site, portal):
    """ARCHITECTURE.md, "Quality bars": the HTML of an SOP page of up to 15 steps stays under 60 KB, drawing included."""
    checked = 0
    for url in PAGES:
        if portal[url].jumlah_langkah <= 15:
            size = len(site.html(url).encode("utf-8"))
            assert size <= 60_000, (url, size)
            checked += 1
    assert checked >= 3


# -- in the browser ------------------------------------------------------------------------

GEOMETRY_JS = r"""
() => {
  const rect = (e) => e.getBoundingClientRect();
  const symbols = {};
  for (const table of document.querySelectorAll('table.sop-tabel')) {
    for (const e of table.querySelectorAll('[data-step]')) {
      const key = table.id + '|' + e.dataset.step, r = rect(e);
      const s = symbols[key] || (symbols[key] = {x0: 1e9, y0: 1e9, x1: -1e9, y1: -1e9, kind: e.dataset.simbol, cap: +(e.dataset.cap || 0)});
      s.x0 = Math.min(s.x0, r.left); s.y0 = Math.min(s.y0, r.top); s.x1 = Math.max(s.x1, r.right); s.y1 = Math.max(s.y1, r.bottom);
      if (e.dataset.cap && e.tagName.toLowerCase() === 'svg' && !e.classList.contains('sop-simbol--ujung')) s.cap = +e.dataset.cap;
    }
  }
  // Distance from a point to a symbol's outline (box, capsule, diamond or stretched hexagon).
  const outline = (s, x, y) => {
    const cx = (s.x0 + s.x1) / 2, cy = (s.y0 + s.y1) / 2, hw = (s.x1 - s.x0) / 2, hh = (s.y1 - s.y0) / 2;
    if (s.kind === 'ketupat') {
      const c = s.cap, p = [[s.x0, cy], [s.x0 + c, s.y0], [s.x1 - c, s.y0], [s.x1, cy], [s.x1 - c, s.y1], [s.x0 + c, s.y1]];
      let d = 1e9;
      for (let i = 0; i < p.length; i++) {
        const [ax, ay] = p[i], [bx, by] = p[(i + 1) % p.length];
        const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
        d = Math.min(d, Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)));
      }
      return d;
    }
    const r = s.kind === 'kapsul' ? hh : 0;
    const qx = Math.abs(x - cx) - (hw - r), qy = Math.abs(y - cy) - (hh - r);
    return Math.abs(Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r);
  };
  const problems = [];
  const visible = (e) => getComputedStyle(e).display !== 'none';
  const ends = {};
  for (const table of document.querySelectorAll('table.sop-tabel')) {
    for (const e of table.querySelectorAll('[data-awal]')) {
      if (!visible(e)) continue;
      const r = rect(e), key = table.id + '|' + e.dataset.awal, s = symbols[key];
      const dir = e.dataset.arah;
      const p = dir === 'bawah' ? [r.left + r.width / 2, r.top] : dir === 'kanan' ? [r.left, r.top + r.height / 2] : [r.right, r.top + r.height / 2];
      const d = outline(s, p[0], p[1]);
      if (d > 2) problems.push(`${key} ${e.dataset.edge}: starts ${d.toFixed(1)} px from its symbol`);
      (ends[table.id + '|' + e.dataset.edge] ||= []).push(e.dataset.awal);
    }
    for (const e of table.querySelectorAll('[data-akhir]')) {
      const r = rect(e), key = table.id + '|' + e.dataset.akhir, s = symbols[key];
      const c = e.classList;
      const p = c.contains('sop-panah--bawah') ? [r.left + r.width / 2, r.bottom] : c.contains('sop-panah--atas') ? [r.left + r.width / 2, r.top]
        : c.contains('sop-panah--kanan') ? [r.right, r.top + r.height / 2] : [r.left, r.top + r.height / 2];
      const d = outline(s, p[0], p[1]);
      if (d > 2) problems.push(`${key} ${e.dataset.edge}: arrow tip ${d.toFixed(1)} px from its symbol`);
      (ends[table.id + '|' + e.dataset.edge] ||= []).push(e.dataset.akhir);
    }
  }
  // No connector piece crosses a symbol other than its own two.
  let pieces = 0;
  for (const table of document.querySelectorAll('table.sop-tabel')) {
    for (const e of table.querySelectorAll('.sop-g')) {
      if (!visible(e)) continue;
      pieces++;
      const own = ends[table.id + '|' + e.dataset.edge] || [];
      const r = rect(e);
      for (const [key, s] of Object.entries(symbols)) {
        const [tid, step] = key.split('|');
        if (tid !== table.id || own.includes(step)) continue;
        if (r.left < s.x1 - 1 && s.x0 + 1 < r.right && r.top < s.y1 - 1 && s.y0 + 1 < r.bottom)
          problems.push(`${table.id} ${e.dataset.edge} crosses symbol ${step}`);
      }
    }
  }
  return {problems, pieces, symbols: Object.keys(symbols).length,
          pageScroll: document.documentElement.scrollWidth - window.innerWidth};
}
"""


@pytest.fixture(scope="module")
def served(site, serve_module):
    return serve_module(site.site)


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 768, 1280, 1920])
def test_connectors_touch_their_symbols_and_cross_none(browser, served, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        for url in PAGES:
            page.goto(served.url(url))
            result = page.evaluate(GEOMETRY_JS)
            assert result["pieces"] > 0 and result["symbols"] > 0
            assert result["problems"] == [], (url, width)
            assert result["pageScroll"] <= 0, f"{url} at {width} px scrolls the page sideways"
    finally:
        page.close()


@pytest.mark.browser
def test_alignment_survives_larger_text_and_zoom(browser, served):
    """Rows grow when the text does (user font size, zoom); the drawing must follow them."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=2)
    try:
        for url in (LONG, PAGES[4]):
            page.goto(served.url(url))
            page.add_style_tag(content=".sop-tabel td:not(.sop-lajur) { font-size: 180% !important; }")
            result = page.evaluate(GEOMETRY_JS)
            assert result["problems"] == [], url
    finally:
        page.close()


@pytest.mark.browser
def test_phone_shows_the_step_list_and_scrolls_the_table_in_its_own_box(browser, served):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(served.url(LONG))
        assert page.locator(".sop-daftar").first.is_visible()
        box = page.locator(".sop-bagan__gulir").first
        sizes = box.evaluate("e => [e.scrollWidth, e.clientWidth, getComputedStyle(e).overflowX]")
        assert sizes[0] > sizes[1] and sizes[2] == "auto"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        # The step list comes before the table, so a phone reader meets it first.
        first = page.evaluate(
            "() => document.querySelector('.sop-daftar').getBoundingClientRect().top"
            " < document.querySelector('.sop-bagan').getBoundingClientRect().top"
        )
        assert first
    finally:
        page.close()
