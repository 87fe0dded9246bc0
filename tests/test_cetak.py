"""Paper that is right every time (issue #17; ARCHITECTURE.md, "Screen, phone and paper"), proven from the printed PDF.

Every seed SOP and the print stress corpus (tests/fixtures/sops/uji-cetak: 28 rows of long texts,
7 lanes with long names, loops across breaks, a row taller than a sheet, an identity section too
long for one sheet; plus uji-bagan) is printed
by headless Chromium on A4, F4 and Letter. The word positions read back from each PDF
(`pdftotext -bbox-layout`) must show: the identity section alone on sheet 1 (or, when it is too
long, on exactly its planned sheets, each whole: site/kertas_identitas.py); then exactly the
planned pages (each `<tbody class="sop-lembar">` of the built page), one per sheet, in order, with
every row once and whole on its planned sheet; the header row on every table sheet; every off-page
connector label at the foot of one sheet and at the head of the next; the summary line and the
chart's heading on the chart's first sheet; the revision history on the last sheet, which also holds
table rows (no sheet with only a heading or a summary line, no nearly empty last sheet); nothing past
the right margin; the page's permanent address and "Halaman n dari m" at the foot of every sheet;
no site chrome.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from bagan_site import FIXTURES
from cetak_pdf import MARGIN_PT, SHEETS, Chart, Sheet, identity_blocks, lowered, planned, print_pdf, sheets, tool, words_of
from conftest import SUBPATH, edit_config, make_project, run_build

from sop_portal.format.loader import load_portal

PAPERS = ["A4", "F4", "Letter"]
CORPUS = ["uji-cetak", "uji-bagan", "uji-pola-bagan"]
SITE_URL = f"http://127.0.0.1:8000{SUBPATH}"


def _corpus() -> dict[str, str]:
    return {
        p.relative_to(FIXTURES).as_posix(): p.read_text(encoding="utf-8")
        for folder in CORPUS
        for p in (FIXTURES / folder).rglob("*.yml")
    }


def _sop_urls() -> list[str]:
    root = Path(__file__).resolve().parent.parent
    urls = [s.url for s in load_portal(root / "sops", root).portal.sops]
    for folder in CORPUS:
        urls += [s.url for s in load_portal(FIXTURES, root).portal.sops if s.instansi == folder]
    return sorted(set(urls))


URLS = _sop_urls()
_built: dict[str, object] = {}


@pytest.fixture(scope="module")
def printed(tmp_path_factory, browser, serve_module):
    """printed(paper, url) -> (sheets, charts, html): the SOP page printed on that paper."""
    done: dict[tuple[str, str], tuple[list[Sheet], list[Chart], str]] = {}

    def get(paper: str, url: str):
        if paper not in _built:
            project = make_project(tmp_path_factory.mktemp(f"cetak-{paper}"), sops=_corpus())
            edit_config(project, "paper: A4", f"paper: {paper}")
            build = run_build(project, site_url=SITE_URL)
            assert build.returncode == 0, build.output
            _built[paper] = (build, serve_module(build.site))
        build, served = _built[paper]
        key = (paper, url)
        if key not in done:
            pdf = print_pdf(browser, served.url(url), tmp_path_factory.mktemp("pdf") / f"{paper}.pdf")
            if os.environ.get("CETAK_SIMPAN"):  # keep the PDFs to look at them
                keep = Path(os.environ["CETAK_SIMPAN"]) / f"{url.strip('/').replace('/', '_')}-{paper}.pdf"
                keep.parent.mkdir(parents=True, exist_ok=True)
                keep.write_bytes(pdf.read_bytes())
            html = (build.site / url / "index.html").read_text(encoding="utf-8")
            done[key] = (sheets(pdf), planned(html), html)
        return done[key]

    return get


def problems(
    paper: str, url: str, pages: list[Sheet], charts: list[Chart], html: str, *, first: int = 1, total: int = 0
) -> list[str]:
    """What is wrong with one printed SOP: `pages` are its sheets (identity first), numbered from
    `first` of `total` in the document printed from `url` (a SOP page, or a Buku SOP)."""
    found: list[str] = []
    width, height = SHEETS[paper]
    planned_pages = [(c, p) for c in charts for p in c.pages]
    identity = identity_blocks(html)  # page 1's planned sheets when it needs several, else []
    k = max(1, len(identity))
    total = total or len(pages)
    if len(pages) != k + len(planned_pages):
        found.append(f"{len(pages)} sheets printed, planned {k} + {len(planned_pages)}")
    for n, sheet in enumerate(pages, start=first):
        if abs(sheet.width - width) > 2 or abs(sheet.height - height) > 2:
            found.append(f"sheet {n}: {sheet.width} x {sheet.height} pt, not {paper} landscape")
        # Nothing cut at the right edge (or any edge) of the printable area.
        for w in sheet.body():
            if w.x1 > width - MARGIN_PT + 1.5 or w.x0 < MARGIN_PT - 1.5 or w.y1 > height - MARGIN_PT + 1.5:
                found.append(f"sheet {n}: {w.text!r} outside the printable area ({w.x0:.0f}-{w.x1:.0f}, {w.y1:.0f})")
                break
        # The permanent address and the page count at the foot of every sheet.
        foot = " ".join(w.text for w in sheet.foot())
        if SITE_URL + url.lstrip("/") not in foot or f"Halaman {n} dari {total}" not in foot:
            found.append(f"sheet {n}: foot reads {foot!r}")
        # No site chrome: Material's header, footer (the copyright line) or search.
        texts = sheet.texts()
        if texts["tanggung"] or texts["Portal"]:
            found.append(f"sheet {n}: site chrome printed")
    if not pages:
        return found + ["no sheet printed"]
    # Sheets 1..k: the identity section, and nothing of the procedure table.
    opening = " ".join(w.text for sheet in pages[:k] for w in sheet.words).lower()
    kegiatan_label = re.search(r'<th scope="col" rowspan="2" class="sop-tabel__kegiatan">([^<]*)</th>', html).group(1)
    no_label = re.search(r'<th scope="col" rowspan="2" class="sop-tabel__no">([^<]*)</th>', html).group(1)
    header_words = words_of(" ".join(c for chart in charts for c in chart.lanes) + " " + kegiatan_label)
    if "dasar hukum" not in opening or any(not header_words - sheet.texts() for sheet in pages[:k]):  # no table header
        found.append(f"sheets {first}-{first + k - 1} are not the identity section alone")
    # A long identity section: each of its planned sheets printed whole on one sheet, in order.
    headings = [set(re.findall(r"<h3>([^<]*)</h3>", b)) for b in html.split('<div class="sop-lembar-identitas">')[1:]]
    for j, text in enumerate(identity[: len(pages)]):
        missing = lowered(words_of(text)) - lowered(pages[j].texts())
        if missing:
            found.append(f"sheet {first + j}: planned identity sheet {j + 1} not whole, missing {dict(missing)}")
        printed_here = " ".join(w.text for w in pages[j].words).lower()
        strays = [h for other, hs in enumerate(headings) if other != j for h in hs - headings[j] if h.lower() in printed_here]
        if strays:
            found.append(f"sheet {first + j}: {strays} planned for another identity sheet")
    for i, (chart, page) in enumerate(planned_pages):
        if i + k >= len(pages):
            break
        sheet, n = pages[i + k], first + i + k
        texts = sheet.texts()
        # The header row repeats on every table sheet.
        header = words_of(" ".join(chart.lanes) + " " + kegiatan_label)
        if header - texts:
            found.append(f"sheet {n}: header row missing {dict(header - texts)}")
        # Exactly the planned rows, by the numbers in the No column, in order.
        head = [w for w in sheet.words if w.text == no_label]
        if not head:
            found.append(f"sheet {n}: no header cell {no_label!r}")
            continue
        no_head = min(head, key=lambda w: (w.y0, w.x0))
        # (The revision history under the table has dates in that column too.)
        end = min((w.y0 for w in sheet.words if w.text == "Riwayat"), default=height)
        column = [w for w in sheet.body() if w.text.isdigit() and w.x1 <= no_head.x1 + 8 and no_head.y1 < w.y0 < end]
        numbers = [w.text for w in sorted(column, key=lambda w: w.y0)]
        expected = [r.no for r in page.rows if r.no]
        if numbers != expected:
            found.append(f"sheet {n}: rows {numbers}, planned {expected}")
        # Every row whole on its sheet: all the words of its text cells.
        for row in page.rows:
            missing = words_of(row.text) - texts
            if missing:
                found.append(f"sheet {n}: row {row.no or row.anchor} not whole, missing {dict(missing)}")
        # Off-page connectors: at the foot of this sheet below its last row, at the head of the next above its first.
        ys = {w.text: w.y0 for w in column}
        last_y = ys.get(page.rows[-1].no) if page.rows[-1].no else None
        first_y = ys.get(page.rows[0].no) if page.rows[0].no else None
        for label in page.keluar:
            at = [w.y0 for w in sheet.words if w.text == label and w.x0 > no_head.x1]
            if not at or (last_y is not None and max(at) <= last_y):
                found.append(f"sheet {n}: off-page connector {label} missing at the foot")
        for label in page.masuk:
            at = [w.y0 for w in sheet.words if w.text == label and w.x0 > no_head.x1]
            if not at or (first_y is not None and min(at) >= first_y):
                found.append(f"sheet {n}: off-page connector {label} missing at the head")
        if i + 1 < len(planned_pages) and planned_pages[i + 1][0] is chart:
            if sorted(page.keluar) != sorted(planned_pages[i + 1][1].masuk):
                found.append(f"sheet {n}: connectors {page.keluar} at the foot, {planned_pages[i + 1][1].masuk} at the next head")
        # The chart's heading on its first sheet, and the summary line with the first chart.
        if page is chart.pages[0]:
            if words_of(chart.judul) - texts:
                found.append(f"sheet {n}: heading {chart.judul!r} stranded")
            if chart is charts[0] and not {"Serah", "terima", "Jumlah"} <= set(texts):
                found.append(f"sheet {n}: the summary line is not with the table")
    # The revision history, when there is one, on the last sheet, under the table's last rows.
    riwayat = re.findall(r'<span class="sop-riwayat__tanggal">([^<]*)</span>([^<]*)</li>', html)
    if riwayat and len(pages) == k + len(planned_pages):
        texts = pages[-1].texts()
        want = words_of("Riwayat revisi " + " ".join(t + " " + c for t, c in riwayat))
        if want - texts:
            found.append(f"last sheet: revision history missing {dict(want - texts)}")
    return found


@pytest.mark.browser
@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("paper", PAPERS)
def test_printed_sop_keeps_its_planned_pages(printed, paper, url):
    tool("pdftotext")
    pages, charts, html = printed(paper, url)
    assert charts and all(c.pages for c in charts), "the page has no planned pages"
    assert problems(paper, url, pages, charts, html) == []


BOOK = "instansi/uji-cetak/buku/"


@pytest.mark.browser
@pytest.mark.parametrize("paper", PAPERS)
def test_the_agency_book_prints_each_sop_on_its_planned_sheets(printed, paper):
    """Buku SOP: the cover on sheet 1, the daftar isi on sheet 2 with each SOP's first sheet and
    number of sheets, then each SOP exactly there, with the same planned pages as its own page."""
    pages, _, html = printed(paper, BOOK)
    cover = pages[0].texts()
    assert {"Buku", "Standar", "Operasional", "Prosedur", "CETAK", "DOKUMEN", "Tahun"} <= set(cover)
    assert "Daftar" in pages[1].texts() and "Isi" in pages[1].texts()
    sections = re.findall(r'<section class="buku-sop"[^>]*>(.*?)</section>(?=<section class="buku-sop"|\s*</article>)', html, re.S)
    numbers = re.findall(r'<td class="buku-angka">(\d+)</td><td class="buku-angka">(\d+)</td>', html)
    names = re.findall(r'<td><a href="[^"]*">([^<]*)</a></td><td class="buku-angka">', html)
    assert len(sections) == len(numbers) == len(names) == 5
    expected_total = int(numbers[-1][0]) + int(numbers[-1][1]) - 1
    assert len(pages) == expected_total, f"{len(pages)} sheets, the daftar isi counts {expected_total}"
    daftar = pages[1].texts()
    for (start, count), nama, part in zip(numbers, names, sections):
        start, count = int(start), int(count)
        assert words_of(nama) - daftar == Counter(), f"{nama} not in the daftar isi"
        assert str(start) in daftar and str(count) in daftar
        mine = pages[start - 1 : start - 1 + count]
        assert not words_of(nama) - mine[0].texts(), f"{nama} does not start on sheet {start}"
        charts = planned(part)
        assert max(1, len(identity_blocks(part))) + sum(len(c.pages) for c in charts) == count
        assert problems(paper, BOOK, mine, charts, part, first=start, total=len(pages)) == []


@pytest.mark.browser
def test_the_agency_page_links_its_book(printed):
    _, _, _ = printed("A4", BOOK)
    build, _ = _built["A4"]
    agency = (build.site / "instansi" / "uji-cetak" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="md-button" href="buku/">Cetak buku SOP</a>', agency)
    book = (build.site / BOOK / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in book  # the SOP pages are indexed, not the book again
    ids = re.findall(r'\sid="([^"]+)"', book)
    assert len(ids) == len(set(ids)), "element ids repeat across the book's SOPs"


@pytest.mark.browser
def test_the_stress_corpus_exercises_what_it_must(printed):
    """The corpus holds what the issue names: 25+ rows, 7 lanes, a chart scaled to the paper,
    connectors across breaks both ways, a row taller than a sheet printed alone and scaled."""
    _, charts, html = printed("A4", "sop/uji-cetak/rekomendasi-pindah/")
    assert sum(len(p.rows) for p in charts[0].pages) >= 25 and len(charts[0].pages) >= 3
    assert 'class="sop-halaman sop-cetak-saja sop-halaman--naik"' in html  # a loop back across a break
    _, charts, html = printed("A4", "sop/uji-cetak/izin-tujuh-lajur/")
    assert len(charts[0].lanes) == 7 and "--sop-skala:" in html
    _, charts, _ = printed("A4", "sop/uji-cetak/hibah-sarana-ibadah/")
    tall = [p for p in charts[0].pages if p.skala < 1]
    assert len(tall) == 1 and len(tall[0].rows) == 1 and tall[0].keluar and tall[0].masuk
    # Rows with several symbols (`bagan`), stacked in one lane and side by side, across the pages.
    root = Path(__file__).resolve().parent.parent
    sop = next(s for s in load_portal(FIXTURES, root).portal.sops if s.uid == "uji-cetak/banyak-simbol")
    multi = [s for s in sop.prosedur[0].langkah if len(s.items) > 1]
    assert len(multi) >= 6 and any(len({i.pelaksana for i in s.items}) > 1 for s in multi)
    _, charts, _ = printed("A4", "sop/uji-cetak/banyak-simbol/")
    assert len(charts[0].pages) >= 2


@pytest.mark.browser
@pytest.mark.parametrize("paper", PAPERS)
def test_a_long_identity_section_is_planned_as_its_own_sheets(printed, paper):
    """uji-cetak/hibah-identitas-panjang: page 1 (Sekilas, the identity table, 22 Dasar Hukum, 14
    Kualifikasi, 15 Peringatan) is too long for one sheet; it is planned as several, and
    test_printed_sop_keeps_its_planned_pages proves each printed whole on its own sheet. Here: that
    the corpus does exercise it, and that a SOP whose page 1 fits keeps one sheet, printed as before."""
    _, _, html = printed(paper, "sop/uji-cetak/hibah-identitas-panjang/")
    blocks = identity_blocks(html)
    assert len(blocks) >= 2, f"{len(blocks)} identity sheets planned"
    _, _, html = printed(paper, "sop/uji-cetak/izin-tujuh-lajur/")
    assert identity_blocks(html) == [] and 'class="sop-kotak"' in html


KINERJA_MARGIN_PT = 15 / 25.4 * 72  # partials/kinerja/cetak.html: A4 portrait, 15 mm at the sides


@pytest.mark.browser
def test_performance_documents_print_without_cut_tables(seed_site, browser, serve, tmp_path):
    """Every performance document of the samples, printed: no word past the paper's margins, and
    every table's right edge (its border included) inside the page, not cut by it."""
    served = serve(seed_site.site)
    urls = sorted(p.parent.relative_to(seed_site.site).as_posix() + "/" for p in (seed_site.site / "kinerja").rglob("index.html"))
    urls = [u for u in urls if u.count("/") >= 4]  # the documents, not the listings
    assert len(urls) >= 3
    for url in urls:
        pdf = print_pdf(browser, served.url(url), tmp_path / "kinerja.pdf")
        for n, sheet in enumerate(sheets(pdf), start=1):
            far = [w.text for w in sheet.words if w.x1 > sheet.width - KINERJA_MARGIN_PT + 1.5]
            assert not far, f"{url} sheet {n}: {far} past the right margin"
        page = browser.new_page(viewport={"width": 680, "height": 900})  # A4 portrait's printable width
        try:
            page.emulate_media(media="print")
            page.goto(served.url(url))
            cut = page.evaluate(
                """() => [...document.querySelectorAll('table')].filter(t => t.offsetParent)
                     .map(t => [t.className, t.getBoundingClientRect().right, document.documentElement.clientWidth])
                     .filter(([, right, width]) => right > width - 0.5)"""
            )
        finally:
            page.close()
        assert cut == [], f"{url}: tables reach the page's edge and lose their right border: {cut}"
