"""Issue #16 item 4, "Same drawing as the page": the standalone SVG of every SOP draws what its page
draws. The same symbols (kind, lanes, row, order within the row), the same connectors (source ->
target, with the same label) and the same dashed joins, read back from the built page's markup and
from the `.svg` file's geometry (`drawing_read.py`), for the samples and every flowchart fixture
(uji-bagan, uji-pola-bagan, uji-cetak), printed with page breaks (off-page pairs on the page only).
"""

from __future__ import annotations

import re

import pytest
from bagan_site import FIXTURES, bagan_build
from drawing_read import differences as _compare
from drawing_read import read_page


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return bagan_build(tmp_path_factory)


def _pair(site, uid: str) -> tuple[str, str]:
    return (site / "sop" / uid / "index.html").read_text(encoding="utf-8"), (site / "sop" / f"{uid}.svg").read_text(encoding="utf-8")


def test_every_chart_draws_the_same_on_the_page_and_in_its_svg(built):
    site = built.site
    uids = sorted(p.relative_to(site / "sop").with_suffix("").as_posix() for p in (site / "sop").glob("*/*.svg"))
    fixtures = {f"{p.parent.name}/{p.stem}" for folder in ("uji-bagan", "uji-pola-bagan") for p in (FIXTURES / folder).glob("[!_]*.yml")}
    assert fixtures and fixtures <= set(uids), sorted(fixtures - set(uids))
    assert any(not u.startswith("uji-") for u in uids)  # the samples too
    totals = {"symbols": 0, "connectors": 0, "labels": 0, "joins": 0}
    problems = {}
    for uid in uids:
        page, svg = _pair(site, uid)
        found = _compare(page, svg)
        if found:
            problems[uid] = found
        for chart in read_page(page):
            totals["symbols"] += len(chart.symbols)
            totals["connectors"] += len(chart.connectors)
            totals["labels"] += sum(1 for c in chart.connectors if c[2])
            totals["joins"] += len(chart.joins)
    assert problems == {}
    assert all(totals.values()), totals  # something of every kind was compared


def _break_svg(svg: str, what: str) -> str:
    if what == "label":  # a branch label left out
        return re.sub(r'<text [^>]*font-size="10" text-anchor="start" font-weight="bold">.*?</text>', "", svg, count=1)
    if what == "label-text":
        return re.sub(r'(font-size="10" text-anchor="start" font-weight="bold"><tspan [^>]*>)([^<]*)', r"\1\2!", svg, count=1)
    if what == "kind":  # a capsule drawn as a box
        return re.sub(r'(<rect class="s" [^>]*?) rx="[^"]*"', r"\1", svg, count=1)
    if what == "lane":  # a symbol put in another lane's name
        return re.sub(r'data-pelaksana="[^"]*"', 'data-pelaksana="Orang Lain"', svg, count=1)
    if what == "reversed":  # a connector drawn the other way round
        def flip(m: re.Match[str]) -> str:
            return m.group(1) + " ".join(reversed(m.group(2).split(" "))) + '"'

        return re.sub(r'(<polyline class="c" points=")([^"]*)"', flip, svg, count=1)
    if what == "join":  # a joint activity's dashed line left out
        return re.sub(r'<line class="j" [^>]*/>', "", svg, count=1)
    raise ValueError(what)


@pytest.mark.parametrize("what", ["label", "label-text", "kind", "lane", "reversed", "join"])
def test_a_svg_that_draws_otherwise_than_the_page_is_caught(built, what):
    page, svg = _pair(built.site, "uji-pola-bagan/pola-gabungan")
    assert _compare(page, svg) == []
    broken = _break_svg(svg, what)
    assert broken != svg
    try:
        found = _compare(page, broken)
    except AssertionError as unreadable:  # a drawing the reader cannot make sense of is caught too
        found = [str(unreadable)]
    assert found, what


def test_a_page_that_draws_otherwise_than_its_svg_is_caught(built):
    page, svg = _pair(built.site, "uji-pola-bagan/pola-gabungan")
    relabelled = re.sub(r'(<span class="sop-label"[^>]*>)([^<]*)', r"\1\2?", page, count=1)
    assert relabelled != page
    assert any("connectors" in p for p in _compare(relabelled, svg))
    moved = re.sub(r'data-simbol="kotak"', 'data-simbol="ketupat"', page, count=1)
    assert any("symbols" in p for p in _compare(moved, svg))
