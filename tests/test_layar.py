"""The SOP page on screen (issue #16, item 3; ARCHITECTURE.md, "Screen, phone and paper").

At 1280 px a SOP of 3 to 6 lanes shows every column, Keterangan included, without sideways
scrolling (tests/fixtures/sops/uji-layar: one SOP per lane count, long texts in every column).
In the light and the dark scheme every connector, arrowhead, symbol outline and label is at least
3:1 against what it is drawn on, and in the dark scheme symbols are dark (not glaring white blocks).
The colours are computed by the browser, as it shows them.
"""

from __future__ import annotations

import pytest
from bagan_site import FIXTURES
from conftest import SUBPATH, build_portal

LANES = [3, 4, 5, 6]


@pytest.fixture(scope="module")
def site(tmp_path_factory, serve_module):
    sops = {p.relative_to(FIXTURES).as_posix(): p.read_text(encoding="utf-8") for p in (FIXTURES / "uji-layar").rglob("*.yml")}
    build = build_portal(tmp_path_factory.mktemp("layar"), site_url=f"http://127.0.0.1:8000{SUBPATH}", sops=sops, copy_sops=False, copy_content=False)
    assert build.returncode == 0, build.output
    return serve_module(build.site)


@pytest.mark.browser
@pytest.mark.parametrize("lanes", LANES)
def test_every_column_fits_at_1280(site, browser, lanes):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site.url(f"sop/uji-layar/layanan-{lanes}-lajur/"))
        fit = page.evaluate(
            """() => {
                const wrap = document.querySelector('.sop-bagan__gulir');
                const table = wrap.querySelector('table');
                const ket = table.querySelector('thead th.sop-tabel__ket').getBoundingClientRect();
                const box = wrap.getBoundingClientRect();
                return {scroll: wrap.scrollWidth, client: wrap.clientWidth, ketRight: ket.right, boxRight: box.right,
                        lanes: table.querySelectorAll('thead th.sop-tabel__lajur').length,
                        page: document.documentElement.scrollWidth, view: window.innerWidth};
            }"""
        )
    finally:
        context.close()
    assert fit["lanes"] == lanes
    assert fit["scroll"] <= fit["client"] + 1, f"{lanes} lanes: the table scrolls sideways ({fit})"
    assert fit["ketRight"] <= fit["boxRight"] + 1 and fit["page"] <= fit["view"], fit


CONTRAST = """() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (f, b) => [0, 1, 2].map(i => f[i] * f[3] + b[i] * (1 - f[3])).concat([1]);
  const background = (el) => {  // what an element is drawn on: the opaque backgrounds behind it, composed
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  };
  const lum = (c) => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const out = [];
  const check = (what, el, colour, against) => {
    const bg = against || background(el.closest('td') || el);
    const fg = over(parse(colour), bg);
    out.push({what, ratio: ratio(fg, bg)});
  };
  const table = document.querySelector('.sop-tabel');
  for (const el of table.querySelectorAll('.sop-g--v')) check('connector', el, getComputedStyle(el).borderLeftColor);
  for (const el of table.querySelectorAll('.sop-g--h')) check('connector', el, getComputedStyle(el).borderTopColor);
  const sides = {bawah: 'borderTopColor', atas: 'borderBottomColor', kanan: 'borderLeftColor', kiri: 'borderRightColor'};
  for (const el of table.querySelectorAll('.sop-panah:not(.sop-cetak-saja)')) {
    const dir = [...el.classList].find(c => c.startsWith('sop-panah--')).slice(11);
    check('arrowhead', el, getComputedStyle(el)[sides[dir]]);
  }
  const fills = [];
  for (const el of table.querySelectorAll('.sop-simbol rect, .sop-simbol polygon')) {
    const s = getComputedStyle(el);
    check('symbol outline', el, s.stroke);
    const fill = over(parse(s.fill), background(el.closest('td')));
    fills.push(lum(fill));
    check('symbol outline on its fill', el, s.stroke, fill);
  }
  for (const el of table.querySelectorAll('.sop-simbol-j')) check('symbol outline', el, getComputedStyle(el).borderTopColor);
  for (const el of table.querySelectorAll('.sop-label')) check('label', el, getComputedStyle(el).color);
  for (const el of table.querySelectorAll('.sop-teks')) {
    const sym = el.parentElement.querySelector('.sop-simbol rect, .sop-simbol polygon, .sop-simbol-j');
    const fill = sym ? parse(getComputedStyle(sym).fill !== 'none' && sym.tagName !== 'I' ? getComputedStyle(sym).fill : getComputedStyle(sym).backgroundColor) : null;
    check('text in a symbol', el, getComputedStyle(el).color, fill ? over(fill, background(el.closest('td'))) : null);
  }
  return {checks: out, fills, scheme: document.body.getAttribute('data-md-color-scheme')};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_flowchart_keeps_its_contrast_in_both_schemes(site, browser, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(site.url("sop/uji-layar/layanan-6-lajur/"))
        found = page.evaluate(CONTRAST)
    finally:
        context.close()
    assert found["scheme"] == ("slate" if scheme == "dark" else "default")
    kinds = {c["what"] for c in found["checks"]}
    assert {"connector", "arrowhead", "symbol outline", "label", "text in a symbol"} <= kinds
    low = sorted({(c["what"], round(c["ratio"], 2)) for c in found["checks"] if c["ratio"] < 3})
    assert low == [], f"{scheme}: below 3:1"
    if scheme == "dark":  # symbols are dark shapes, not glaring white blocks
        assert max(found["fills"]) < 0.1, f"a symbol's fill has luminance {max(found['fills']):.2f}"
