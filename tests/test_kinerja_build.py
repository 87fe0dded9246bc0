"""Performance documents in real builds: each template's HTML, listings, links both ways,
attachments, open data, a failing build for a bad document, and the pages in Chromium
(360 px, 1280 px, printed)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from conftest import SUBPATH, build_portal

PK = "kinerja/kesbangpol-kota-tangerang/2018/perjanjian-kinerja-2018/"
PENGUKURAN = "kinerja/kesbangpol-kab-pesisir-selatan/2024/pengukuran-kinerja-2024/"
LKIP = "kinerja/bkpsdm-kota-tangerang/2024/lkip-2024/"
RENSTRA = "kinerja/bkpsdm-kota-tangerang/2025/renstra-2025-2029/"

RENSTRA_MD = """---
jenis: renstra
instansi: bkpsdm-kota-tangerang
tahun: 2025
judul: Rencana Strategis BKPSDM 2025–2029
sasaran:
  - sasaran: Meningkatnya profesionalitas aparatur sipil negara
    indikator:
      - indikator: Indeks Profesionalitas ASN
        satuan: indeks
        target: {2025: 79, 2026: 80, 2027: "81-82"}
        realisasi: {2025: 80.5}
---
Renstra memuat tujuan, sasaran dan target lima tahunan BKPSDM.
"""


def article(html: str) -> str:
    match = re.search(r"<article class=\"kin-dokumen[^\"]*\" data-pagefind-body>(.*?)</article>", html, re.S)
    assert match, "document article with data-pagefind-body not found"
    return match.group(1)


def hidden(html: str, name: str) -> list[str]:
    return re.findall(rf'<span hidden data-pagefind-ignore data-pagefind-{name}[^>]*>([^<]*)</span>', html)


# -- the repository's own portal (seed_site, shared with other test modules) --------------


def test_perjanjian_kinerja_page(seed_site):
    html = seed_site.html(PK)
    body = article(html)
    assert "Perjanjian Kinerja" in hidden(html, 'filter="jenis"')
    assert hidden(html, 'filter="instansi"') == ["Kantor Kesatuan Bangsa dan Politik Kota Tangerang"]
    assert hidden(html, 'filter="tahun"') == ["2018"] and hidden(html, 'sort="tanggal"') == ["2018-02-12"]
    assert "Contoh data." in body
    assert "PIHAK PERTAMA" in body and "PIHAK KEDUA" in body and "Drs. Budi Santoso, M.Si." in body
    assert "Dalam rangka mewujudkan manajemen pemerintahan yang efektif" in body
    # Table A: Sasaran | Indikator | Satuan | Target, sasaran spanning its indicators
    assert 'rowspan="3">Meningkatnya wawasan kebangsaan' in body
    assert re.search(r">1\.3</td>\s*<td class=\"kin-tabel__indikator\">Tingkat partisipasi pemilih", body)
    assert ">70–75</td>" in body
    assert "Realisasi" not in body.split("tabel-program")[0].split("tabel-sasaran")[1]  # a PK has no realisasi column
    # Table B with its total in Rupiah
    assert "Rp 1.250.000.000" in body and '<td class="kin-angka kin-total">Rp 3.885.500.000</td>' in body
    # signature blocks: on screen once, repeated on the printed lampiran
    assert body.count('class="kin-ttd ') == 2 and "kin-ttd--cetak" in body
    assert 'href="../../../../sop/kesbangpol-kota-tangerang/penyusunan-perjanjian-kinerja/"' in body
    assert "@page { size: A4 portrait" in html


def test_pengukuran_kinerja_page(seed_site):
    html = seed_site.html(PENGUKURAN)
    body = article(html)
    assert "Pengukuran Kinerja" in hidden(html, 'filter="jenis"')
    for header in ("Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian", "Predikat"):
        assert f">{header}</th>" in body
    assert '<td class="kin-angka kin-capaian kin-capaian--tercapai" data-label="Capaian">104,27%</td>' in body
    # 85,29% misses its target but its predikat is "Baik": no warning colour contradicts it (capaian.rendah).
    assert '<td class="kin-angka kin-capaian" data-label="Capaian">85,29%</td>' in body
    assert 'data-label="Capaian">101,75%</td>' in body  # range target 75–80, realisasi 81,4
    assert 'data-label="Capaian">Tercapai</td>' in body  # target 0
    assert '<td data-label="Predikat">Baik</td>' in body and '<td data-label="Predikat">Sangat Baik</td>' in body
    # the chart: inline SVG, an image with a text alternative; the table stays the data
    svg = re.search(r"<svg class=\"kin-grafik kin-grafik--capaian\".*?</svg>", body, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="grafik-capaian-judul grafik-capaian-isi"' in svg
    assert "Indeks wawasan kebangsaan: target 75, realisasi 78,2, capaian 104,27%." in svg
    assert svg.count('class="kin-grafik__realisasi kin-grafik__realisasi--kurang"') == 1  # the legend only: 1.3 is "Baik"
    assert "Realisasi berpredikat Kurang atau Sangat Kurang" in svg
    assert "4 dari 5 indikator mencapai target" in body
    assert "Uraian" in body and "Tim SAKIP" in body


def test_lkip_page(seed_site):
    html = seed_site.html(LKIP)
    body = article(html)
    assert "LKIP" in hidden(html, 'filter="jenis"')
    positions = [body.index(f"BAB {n}") for n in ("I Pendahuluan", "II Perencanaan", "III Akuntabilitas", "IV Penutup")]
    assert positions == sorted(positions)
    assert body.index("BAB IV") < body.index('id="capaian-kinerja"') < body.index('id="lampiran"')
    assert 'data-label="Capaian">114,29%</td>' in body  # arah: turun (hari kerja)
    assert "Rencana Aksi Kinerja Tahun 2024" in body
    assert re.search(r'<a href="\.\./berkas/lkip-bkpsdm-2024\.pdf" download>lkip-bkpsdm-2024\.pdf</a> <span class="kin-berkas__info">PDF, \d+,?\d* KB</span>', body)
    pdf = seed_site.site / "kinerja/bkpsdm-kota-tangerang/2024/lkip-2024/berkas/lkip-bkpsdm-2024.pdf"
    copied = seed_site.site / "kinerja/bkpsdm-kota-tangerang/2024/berkas/lkip-bkpsdm-2024.pdf"
    assert not pdf.exists() and copied.read_bytes().startswith(b"%PDF")


def test_listing_agency_sop_and_data(seed_site):
    listing = seed_site.html("kinerja/")
    assert "<h1>Dokumen Kinerja</h1>" in listing and "data-pagefind-body" not in listing
    years = [int(y) for y in re.findall(r'<h2 id="tahun-(\d{4})"', listing)]
    assert years == sorted(years, reverse=True) and {2018, 2023, 2024} <= set(years)
    section_2024 = listing.split('id="tahun-2024"')[1].split('id="tahun-2023"')[0]
    assert "Badan Kepegawaian" in section_2024 and "Pengukuran Kinerja Tahun 2024" in section_2024
    assert 'href="../data/kinerja.csv"' in listing

    agency = seed_site.html("instansi/kesbangpol-kab-pesisir-selatan/")
    assert 'id="dokumen-2024"' in agency and 'id="dokumen-2023"' in agency
    assert agency.index('id="dokumen-2024"') < agency.index('id="dokumen-2023"')
    assert agency.count('<li class="kin-tren__kartu">') == 3
    assert 'class="kin-grafik kin-grafik--tren"' in agency and "2023: target 3, realisasi 4." in agency

    sop = seed_site.html("sop/kesbangpol-kab-pesisir-selatan/pengukuran-kinerja/")
    section = sop.split('id="dokumen-hasil"')[1].split("</section>")[0]
    assert 'href="../../../kinerja/kesbangpol-kab-pesisir-selatan/2024/pengukuran-kinerja-2024/"' in section
    assert "2023" not in section  # the 2023 document names no SOP
    pk_sop = seed_site.html("sop/kesbangpol-kota-tangerang/penyusunan-perjanjian-kinerja/").split('id="dokumen-hasil"')[1]
    assert "Perjanjian Kinerja Tahun 2018" in pk_sop.split("</section>")[0]

    rows = list(csv.DictReader(io.StringIO((seed_site.site / "data/kinerja.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 18 and {r["jenis"] for r in rows} == {"Perjanjian Kinerja", "Pengukuran Kinerja", "LKIP"}
    assert all(r["url"].startswith("http://127.0.0.1:8000/portal-sop/kinerja/") for r in rows)
    # documents are searchable pages but never each listed in the nav
    assert "perjanjian-kinerja-2018/" not in seed_site.html("instansi/").split('class="md-nav')[1]


# -- a second portal: a Renstra, a hand-written /kinerja/ page, a configured predikat scale --


@pytest.fixture(scope="module")
def extra_site(tmp_path_factory):
    build = build_portal(
        tmp_path_factory.mktemp("kinerja"),
        site_url=f"http://127.0.0.1:8000{SUBPATH}",
        content={
            "kinerja/bkpsdm-kota-tangerang/2025/renstra-2025-2029.md": RENSTRA_MD,
            "kinerja/index.md": "---\ntitle: Kinerja\n---\n# Dokumen kinerja instansi\n\nPengantar buatan tangan.\n",
        },
        plugin_options="      predikat:\n        - {min: 100, label: Memuaskan}\n        - {min: 0, label: Perlu perbaikan}\n",
    )
    assert build.returncode == 0, build.output
    return build


def test_generic_template_with_values_per_year(extra_site):
    html = extra_site.html(RENSTRA)
    body = article(html)
    assert "Renstra" in hidden(html, 'filter="jenis"')
    assert "<h1>Rencana Strategis BKPSDM 2025–2029</h1>" in body
    assert [int(y) for y in re.findall(r'<th scope="col" class="kin-angka">(\d{4})</th>', body)] == [2025, 2026, 2027]
    assert "79<span class=\"kin-ket\">realisasi 80,5 (101,9%)</span>" in body and ">81–82</td>" in body
    assert "Renstra memuat tujuan" in body


def test_configured_predikat_and_hand_written_listing(extra_site):
    pengukuran = article(extra_site.html(PENGUKURAN))
    assert '<td data-label="Predikat">Memuaskan</td>' in pengukuran  # 104,27 %
    assert '<td data-label="Predikat">Perlu perbaikan</td>' in pengukuran  # 85,29 %
    assert "Sangat Baik" not in pengukuran
    rows = (extra_site.site / "data/kinerja.csv").read_text(encoding="utf-8-sig")
    assert ",Memuaskan," in rows and ",Sangat Baik," not in rows
    listing = extra_site.html("kinerja/")
    assert "Pengantar buatan tangan." in listing and "Dokumen kinerja instansi</h1>" in listing
    assert 'id="tahun-2025"' in listing and "Rencana Strategis BKPSDM 2025–2029" in listing


def test_a_bad_document_fails_the_build_with_located_errors(tmp_path):
    bad = RENSTRA_MD.replace("jenis: renstra", "jenis: rencana-strategis").replace("target: {2025: 79,", "target: {2025: tinggi,")
    pk = "---\njenis: perjanjian-kinerja\nsasaran: []\n---\n"
    build = build_portal(
        tmp_path,
        content={"kinerja/bkpsdm-kota-tangerang/2025/renstra.md": bad, "kinerja/kesbangpol-kota-tangerang/2024/pk.md": pk},
    )
    assert build.returncode != 0
    assert "content/kinerja/bkpsdm-kota-tangerang/2025/renstra.md:2:8: kesalahan: jenis:" in build.output
    assert "content/kinerja/kesbangpol-kota-tangerang/2024/pk.md:2:1: kesalahan: pihak_pertama:" in build.output
    assert "pihak_kedua" in build.output
    assert "Isi portal tidak valid" in build.output and "Traceback" not in build.output
    assert not (tmp_path / "site" / "index.html").exists()


# -- in Chromium -------------------------------------------------------------------------


@pytest.mark.browser
def test_documents_in_chromium(seed_site, serve, browser):
    served = serve(seed_site.site)
    for width in (360, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        for url in (PK, PENGUKURAN, LKIP, "kinerja/", "instansi/kesbangpol-kab-pesisir-selatan/"):
            page.goto(served.url(url))
            # no sideways scrolling of the page itself (wide tables scroll inside their own region)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (url, width)
        page.goto(served.url(PENGUKURAN))
        chart = page.locator("svg.kin-grafik--capaian").bounding_box()
        assert chart and chart["width"] > 250 and chart["x"] + chart["width"] <= width
        capaian = page.locator("td.kin-capaian").first
        box = capaian.bounding_box()
        assert capaian.inner_text() == "104,27%" and box["x"] + box["width"] <= width  # visible without scrolling
        if width == 360:
            assert page.locator("table.kin-tabel--susun thead").bounding_box()["width"] <= 1  # phone: cards, no header row
        page.goto(served.url("instansi/kesbangpol-kab-pesisir-selatan/"))
        cards = page.locator(".kin-tren__kartu")
        assert cards.count() == 3 and cards.first.locator("svg").bounding_box()["height"] > 80
        page.close()

    page = browser.new_page()
    page.goto(served.url(PK))
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert len(boxes) == 2  # the pernyataan, then the lampiran on its own page
    assert all(float(w) < float(h) for w, h in boxes)  # portrait, unlike the landscape SOP pages
    page.emulate_media(media="print")
    assert page.locator(".kin-ttd--cetak").is_visible() and not page.locator(".md-header").is_visible()
    page.close()
