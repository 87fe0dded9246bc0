"""What agency staff type is text: "<", "&" and quotes in a SOP or an agency show as typed, never as markup.

MkDocs' Jinja does not escape (Material counts on it); the package's templates do, and the
titles it hands Material are escaped once (pages.PageSpec, the nav). A real SOP says
"nilai < 60" or "Sarana & Prasarana"; a careless paste or a hostile commit could say <script>.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLE_SOPS, build_portal

from sop_portal.site.search import indexed_fragments

HOSTILE = "<script>alert(1)</script>"
SOP_PATH = "bkpsdm-kota-tangerang/penyusunan-lkip.yml"
PAGE = "sop/bkpsdm-kota-tangerang/penyusunan-lkip/index.html"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    sop = (SAMPLE_SOPS / SOP_PATH).read_text(encoding="utf-8")
    sop = sop.replace("nama: Penyusunan LKIP", f'nama: "Penyusunan LKIP <i>miring</i> & nilai < 60 {HOSTILE}"')
    first_step = sop.index("kegiatan:", sop.index("langkah:"))
    end = sop.index("\n", first_step)
    sop = sop[:first_step] + f'kegiatan: "Memeriksa nilai < 60 & > 10 \\"kutip\\" {HOSTILE}"' + sop[end:]
    agency = (SAMPLE_SOPS / "bkpsdm-kota-tangerang" / "_instansi.yml").read_text(encoding="utf-8")
    agency = agency.replace("singkatan: BKPSDM", 'singkatan: "BKPSDM <b>&</b>"')
    build = build_portal(
        tmp_path_factory.mktemp("escaping"),
        sops={SOP_PATH: sop, "bkpsdm-kota-tangerang/_instansi.yml": agency},
    )
    assert build.returncode == 0, build.output
    return build


def site_texts(site: Path):
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".svg", ".xml") and "pagefind" not in path.parts:
            yield path.relative_to(site).as_posix(), path.read_text(encoding="utf-8")


def test_no_page_or_drawing_carries_the_typed_markup(built):
    carriers = [name for name, text in site_texts(built.site) if HOSTILE in text or "<i>miring" in text or "<b>&" in text]
    assert carriers == []


def test_the_sop_page_shows_the_text_as_typed(built):
    html = (built.site / PAGE).read_text(encoding="utf-8")
    typed = "Penyusunan LKIP &lt;i&gt;miring&lt;/i&gt; &amp; nilai &lt; 60 &lt;script&gt;alert(1)&lt;/script&gt;"
    assert f'<h1 data-pagefind-weight="10">{typed}</h1>' in html  # the title weighs most in search (#19)
    assert f"<title>{typed} - Portal SOP</title>" in html  # Material's own head, from the page title
    assert "Memeriksa nilai &lt; 60 &amp; &gt; 10 &#34;kutip&#34; &lt;script&gt;" in html  # the procedure table
    assert "BKPSDM &lt;b&gt;&amp;&lt;/b&gt;" in html  # the kicker's agency name


def test_the_nav_and_the_data_keep_the_text(built):
    home = (built.site / "index.html").read_text(encoding="utf-8")
    assert "BKPSDM &lt;b&gt;&amp;&lt;/b&gt;" in home  # the nav's agency entry, printed by Material
    data = json.loads((built.site / "sop" / "bkpsdm-kota-tangerang" / "penyusunan-lkip.json").read_text(encoding="utf-8"))
    assert data["nama"] == f"Penyusunan LKIP <i>miring</i> & nilai < 60 {HOSTILE}"  # JSON holds text, not HTML


def test_search_finds_the_text_as_typed(built):
    fragment = next(f for f in indexed_fragments(built.site / "pagefind") if f["url"].endswith("/penyusunan-lkip/"))
    assert "nilai < 60 & > 10" in fragment["content"]
    assert fragment["meta"]["title"].startswith("Penyusunan LKIP <i>miring</i> & nilai < 60")
