"""What the SOP page's cheaper paths (issue #21) must give exactly as the slower ones did: the
procedure table's cells made in Python (site/tabel_html.py) against the Jinja loops they replace,
and the Pagefind document's lane-cell removal (search._without_lane_cells) against its pattern.
Fixtures: tests/fixtures/warga/ and tests/fixtures/hostile/ (invented agencies and SOPs)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import jinja2
import pytest

from sop_portal.format.loader import load_portal
from sop_portal.site import search, tabel_html, views

FIXTURES = Path(__file__).parent / "fixtures"

# The loops partials/sop/bagan.html had before tabel_html.py, under the same autoescape.
FORMER = jinja2.Environment(autoescape=True).from_string(
    '{% for cell in row.cells %}<td class="sop-lajur">{{ cell | safe }}</td>{% endfor %}|'
    '{% for kolom in kolom %}<td class="sop-tabel__mutu">{{ s[kolom] or "" }}</td>{% endfor %}|'
    '{% if s.keterangan %}{{ s.keterangan }}{% endif %}{% for k in row.keluar %}{% if k.anchor %}'
    '<a class="sop-keluar" href="#{{ k.anchor }}">{{ k.teks }}</a>{% endif %}{% endfor %}'
)
NOW = jinja2.Environment(autoescape=True).from_string("{{ row.lajur_html }}|{{ row.mutu_html }}|{{ row.ket_html }}")
HOSTILE_TEXT = '<b onclick="x()">1 & 2</b> \'kutip\''


def _sops(name):
    result = load_portal(FIXTURES / name / "sops", FIXTURES / name)
    assert result.portal.sops
    return result.portal.sops


@pytest.mark.parametrize("fixture", ["warga", "hostile"])
def test_table_cells_are_what_the_template_loops_wrote(fixture):
    rows = 0
    for sop in _sops(fixture):
        for prosedur in sop.prosedur:
            for step in prosedur.langkah:
                # Each step as written, and again with markup and quotes in every text the cells show.
                loud = dataclasses.replace(step, kelengkapan=HOSTILE_TEXT, waktu="5 <menit>", output="", keterangan=HOSTILE_TEXT)
                for s in (step, loud):
                    keluar = views.exits_text(s, prosedur) + [{"label": "", "anchor": 'a"<', "teks": HOSTILE_TEXT}]
                    row = {
                        "cells": ['<svg class="sop-gambar"></svg>', "", "<i>&amp;</i>"],
                        "keluar": keluar,
                        "lajur_html": tabel_html.lane_cells(['<svg class="sop-gambar"></svg>', "", "<i>&amp;</i>"]),
                        "mutu_html": tabel_html.mutu_cells(s, sop.kolom_mutu_baku),
                        "ket_html": tabel_html.keterangan(s, keluar),
                    }
                    context = {"row": row, "s": s, "kolom": list(sop.kolom_mutu_baku)}
                    assert NOW.render(context) == FORMER.render(context)
                    rows += 1
    assert rows >= 6  # every fixture SOP has steps


LANE_CASES = [
    "",
    "<p>tanpa tabel</p>",
    '<table><colgroup><col><col style="width:3px"></colgroup><tr><td class="sop-lajur"><svg><col></svg></td><td>a</td></tr></table>',
    '<colgroup> <col>\n<col class="x"> </colgroup><column>teks</column><col/><colgroup>',  # text between, <column> kept
    '<td class="sop-lajur">tanpa penutup <col> <td>x',  # a cell that never closes: not dropped
    '<td class="sop-lajur"></td><td class="sop-lajur">a</td></td><td class="sop-lajur"><td class="sop-lajur">b</td>',
    '<table><colgroup><col></colgroup></table><p>lain</p><table><colgroup><col span="2"></colgroup>'
    '<tr><td class="sop-lajur">1</td></tr></table><col',  # two charts, a cut-off tag at the end
    "</colgroup>awal<col>",
]


@pytest.mark.parametrize("element", LANE_CASES)
def test_lane_cells_leave_the_document_as_the_pattern_did(element):
    assert search._without_lane_cells(element) == search._LANE_CELL.sub("", element)


def test_document_of_is_index_document_of_a_marked_page():
    page = '<html lang="id"><head><title>T</title></head><body><article data-pagefind-body><p>a</p></article></body></html>'
    assert search.document_of(page) == search.index_document(page) != page
    assert search.document_of("<html><body><p>data-pagefind-body</p></body></html>") is None


@pytest.mark.parametrize("undefined", [jinja2.Undefined, jinja2.ChainableUndefined, jinja2.StrictUndefined])
def test_dict_lookups_read_as_jinja_reads_them(undefined):
    from sop_portal.site.jinja_lookups import quick_dict_lookups

    class Sub(dict):
        teks = "atribut kelas"

    source = (
        "{{ d.teks }}|{{ d.items is callable }}|{{ d.get('teks') }}|{{ d.keys is callable }}|{{ s.teks }}|{{ o.real }}|"
        "{{ d.kosong is defined }}|{{ d['teks'] }}|{{ d.angka + 1 }}|{{ d.sub.teks }}"
    )
    context = {"d": {"teks": "<nilai>", "items": "kunci bernama items", "angka": 2, "sub": {"teks": "dalam"}}, "s": Sub(teks="item"), "o": 3}
    plain = jinja2.Environment(autoescape=True, undefined=undefined)
    quick = jinja2.Environment(autoescape=True, undefined=undefined)
    quick_dict_lookups(quick)
    assert quick.from_string(source).render(context) == plain.from_string(source).render(context)
    assert quick.from_string(source).render(context).startswith("&lt;nilai&gt;|True|&lt;nilai&gt;|True|atribut kelas|3|False|")
    if undefined is jinja2.StrictUndefined:  # a missing key fails as it did
        for env in (plain, quick):
            with pytest.raises(jinja2.UndefinedError, match="has no attribute 'kosong'"):
                env.from_string("{{ d.kosong }}").render(context)


def _skip_link_before(html):
    """skiplink.add_skip_link as it was before it kept the slot it found (two regex passes)."""
    from sop_portal.site.skiplink import _ARTICLE, _SLOT, LINK, TARGET

    if _ARTICLE not in html or not _SLOT.search(html):
        return html
    html = _SLOT.sub(lambda _: LINK, html, count=1)
    return html.replace(_ARTICLE, f'<article class="md-content__inner md-typeset" id="{TARGET}" tabindex="-1">', 1)


@pytest.mark.parametrize(
    "html",
    [
        "<p>tanpa slot</p>",
        '<div data-md-component="skip">\n  <a href="#x">Lompat</a>\n</div><article class="md-content__inner md-typeset">isi</article>',
        '<div data-md-component="skip"></div><div data-md-component="skip">dua</div>'
        '<article class="md-content__inner md-typeset">a</article><article class="md-content__inner md-typeset">b</article>',
        '<div data-md-component="skip"><a href="#\\1">\\g<0></a></div><article class="md-content__inner md-typeset">x</article>',
        '<div data-md-component="skip"><a href="#x">tanpa artikel</a></div>',
    ],
)
def test_skip_link_is_added_as_before(html):
    from sop_portal.site.skiplink import add_skip_link

    assert add_skip_link(html) == _skip_link_before(html)
