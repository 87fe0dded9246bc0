"""The two flowchart checkers can fail: `layout_check.violations` (on a `Layout`) and
`GEOMETRY_JS` (on the drawn page in Chromium) each report a layout broken on purpose."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import ROOT, SAMPLE_SOPS
from layout_check import violations

from sop_portal.bagan.layout import Box, layout
from sop_portal.format.loader import load_portal

LKIP = "sop/bkpsdm-kota-tangerang/penyusunan-lkip/"
FIXTURE_SOPS = ROOT / "tests" / "fixtures" / "sops"


@pytest.fixture(scope="module")
def chart():
    """The first sample chart with a labelled branch (a decision), and its layout, sound as drawn."""
    for folder in (SAMPLE_SOPS, FIXTURE_SOPS):
        for sop in load_portal(folder, ROOT).portal.sops:
            for prosedur in sop.prosedur:
                lay = layout(prosedur, 0)
                if lay.labels and len(lay.symbols) >= 3:
                    assert violations(lay, prosedur) == []
                    return prosedur, lay
    raise AssertionError("no sample chart with a labelled branch")


def test_a_missing_connector_is_reported(chart):
    prosedur, lay = chart
    broken = dataclasses.replace(lay, connectors=lay.connectors[1:])
    assert any(v.startswith("edges differ") for v in violations(broken, prosedur))


def test_a_connector_that_starts_away_from_its_symbol_is_reported(chart):
    prosedur, lay = chart
    c = lay.connectors[0]
    moved = dataclasses.replace(c, points=((c.points[0][0] + 37, c.points[0][1]), *c.points[1:]))
    found = violations(dataclasses.replace(lay, connectors=(moved, *lay.connectors[1:])), prosedur)
    assert any(f"{c.id}: starts at" in v for v in found) and any(f"{c.id}: segment" in v and "orthogonal" in v for v in found)


def test_a_connector_through_another_symbol_is_reported(chart):
    prosedur, lay = chart
    c = lay.connectors[0]
    other = next(s for s in lay.symbols if s.key not in (c.source, c.target))
    y = (other.box.y0 + other.box.y1) / 2
    through = dataclasses.replace(c, points=(*c.points, (c.points[-1][0], y), (other.box.x1 + 40, y)))
    found = violations(dataclasses.replace(lay, connectors=(through, *lay.connectors[1:])), prosedur)
    assert any(f"crosses symbol {other.key}" in v for v in found)


def test_two_connectors_on_one_line_are_reported(chart):
    prosedur, lay = chart
    twin = dataclasses.replace(lay.connectors[0], id="kembar")
    found = violations(dataclasses.replace(lay, connectors=(*lay.connectors, twin)), prosedur)
    assert any("share a collinear stretch" in v for v in found)


def test_a_label_on_a_symbol_is_reported(chart):
    prosedur, lay = chart
    label, sym = lay.labels[0], lay.symbols[0]
    on_top = dataclasses.replace(label, box=Box(sym.box.x0, sym.box.y0, sym.box.x0 + 20, sym.box.y0 + 10))
    found = violations(dataclasses.replace(lay, labels=(on_top, *lay.labels[1:])), prosedur)
    assert any(f"label {label.text!r}" in v and f"overlaps symbol {sym.key}" in v for v in found)


def test_a_labelled_exit_without_its_label_is_reported(chart):
    prosedur, lay = chart
    label = lay.labels[0]
    found = violations(dataclasses.replace(lay, labels=lay.labels[1:]), prosedur)
    assert any(v.startswith(f"{label.connector} (") and "not exactly one" in v for v in found), found


def test_a_label_drawn_twice_or_with_another_text_is_reported(chart):
    prosedur, lay = chart
    label = lay.labels[0]
    twice = violations(dataclasses.replace(lay, labels=(*lay.labels, label)), prosedur)
    assert any(v.startswith(f"{label.connector} (") and "not exactly one" in v for v in twice), twice
    other = dataclasses.replace(label, text=label.text + "?")
    renamed = violations(dataclasses.replace(lay, labels=(other, *lay.labels[1:])), prosedur)
    assert any(v.startswith(f"{label.connector} (") for v in renamed), renamed
    unlabelled = next(c for c in lay.connectors if not c.label)
    stray = dataclasses.replace(label, connector=unlabelled.id)
    assert any("labels for connectors without a label" in v for v in violations(dataclasses.replace(lay, labels=(*lay.labels, stray)), prosedur))


# -- GEOMETRY_JS, in the browser -----------------------------------------------------------


@pytest.mark.browser
def test_geometry_js_reports_a_moved_arrow_and_a_piece_across_a_symbol(seed_site, serve, browser):
    from test_flowchart import GEOMETRY_JS

    served = serve(seed_site.site)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(served.url(LKIP))
        assert page.evaluate(GEOMETRY_JS)["problems"] == []  # sound as drawn
        # An arrowhead lifted 30 px off the symbol it points at.
        edge = page.evaluate(
            """() => { const a = document.querySelector('table.sop-tabel [data-akhir]');
                       a.style.transform = 'translateY(-30px)'; return a.dataset.edge; }"""
        )
        problems = page.evaluate(GEOMETRY_JS)["problems"]
        assert any(f"{edge}: arrow tip" in p for p in problems), problems
        page.reload()
        # A connector piece stretched across a symbol of another step.
        crossed = page.evaluate(
            """() => {
                 const table = document.querySelector('table.sop-tabel');
                 const piece = table.querySelector('.sop-g');
                 const own = [...table.querySelectorAll(`[data-edge="${piece.dataset.edge}"][data-awal], [data-edge="${piece.dataset.edge}"][data-akhir]`)]
                   .map(e => e.dataset.awal || e.dataset.akhir);
                 const target = [...table.querySelectorAll('[data-step]')].find(e => !own.includes(e.dataset.step));
                 const r = target.getBoundingClientRect(), p = piece.getBoundingClientRect();
                 piece.style.position = 'fixed';
                 Object.assign(piece.style, {left: `${r.left - 5}px`, top: `${r.top - 5}px`, width: `${r.width + 10}px`,
                                             height: `${r.height + 10}px`, right: 'auto', bottom: 'auto'});
                 return target.dataset.step;
               }"""
        )
        problems = page.evaluate(GEOMETRY_JS)["problems"]
        assert any(p.endswith(f"crosses symbol {crossed}") for p in problems), problems
    finally:
        page.close()
