"""Colours never contradict the predikat (issue #19), and chart text stays legible on a phone:
a capaian below target but "Sangat Baik" or "Baik" is not drawn in the warning colour; one whose
predikat is in the scale's lower half is, in the table and in the chart alike; the bar chart's
text is at least 12 CSS px at 360 px."""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import make_project, run_build
from sop_portal.kinerja import capaian as cp
from sop_portal.kinerja.charts import Batang, grafik_capaian

PENGUKURAN = """\
---
jenis: pengukuran-kinerja
instansi: bkpsdm-kota-tangerang
tahun: 2025
judul: Pengukuran Kinerja Uji Warna 2025
tanggal: 2026-01-15
sasaran:
  - sasaran: Layanan kepegawaian yang cepat
    indikator:
      - {indikator: Berkas diproses tepat waktu, satuan: "%", target: 100, realisasi: 95}
      - {indikator: Kepuasan pegawai, satuan: indeks, target: 80, realisasi: 48}
      - {indikator: Aduan terselesaikan, satuan: "%", target: 90, realisasi: 40}
      - {indikator: Pelatihan terlaksana, satuan: kegiatan, target: 10, realisasi: 12}
---
"""
DOC = "kinerja/bkpsdm-kota-tangerang/2025/uji-warna/"


def test_the_warning_colour_follows_the_predikat():
    skala = cp.SKALA_SAMPANG
    assert cp.predikat_rendah(skala) == ("Kurang", "Sangat Kurang")
    assert not cp.rendah(cp.hitung(100, 95), skala)  # 95 %: Sangat Baik, though below target
    assert not cp.rendah(cp.hitung(80, 70), skala)  # 87,5 %: Baik
    assert cp.rendah(cp.hitung(80, 48), skala)  # 60 %: Kurang
    assert cp.rendah(cp.hitung(0, 3, "turun"), skala) and not cp.rendah(cp.hitung(0, 0, "turun"), skala)  # target 0: by tercapai
    three = cp.skala_predikat([{"min": 90, "label": "Tinggi"}, {"min": 60, "label": "Sedang"}, {"min": 0, "label": "Rendah"}])
    assert cp.predikat_rendah(three) == ("Rendah",)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("warna"), content={"kinerja/bkpsdm-kota-tangerang/2025/uji-warna.md": PENGUKURAN})
    build = run_build(project, site_url="http://127.0.0.1:8000/portal-sop/")
    assert build.returncode == 0, build.output
    return build


def test_table_and_chart_agree_with_the_predikat(site):
    html = site.html(DOC)
    rows = {}
    for label in ("Berkas diproses tepat waktu", "Kepuasan pegawai", "Aduan terselesaikan"):
        row = html.split(label, 1)[1].split("</tr>", 1)[0]
        rows[label] = row
    assert "kin-capaian--kurang" not in rows["Berkas diproses tepat waktu"] and ">Sangat Baik<" in rows["Berkas diproses tepat waktu"]
    assert "kin-capaian--kurang" in rows["Kepuasan pegawai"] and ">Kurang<" in rows["Kepuasan pegawai"]
    assert "kin-capaian--kurang" in rows["Aduan terselesaikan"] and ">Sangat Kurang<" in rows["Aduan terselesaikan"]
    svg = html.split('<svg class="kin-grafik kin-grafik--capaian"', 1)[1].split("</svg>", 1)[0]
    assert svg.count("kin-grafik__realisasi--kurang") == 3  # the legend, Kepuasan, Aduan


@pytest.mark.browser
def test_chart_text_is_12_css_px_or_more_on_a_phone(site, browser, serve):
    served = serve(site.site)
    for width in (360, 1280):
        page = browser.new_page(viewport={"width": width, "height": 800})
        try:
            page.goto(served.url(DOC))
            smallest = page.evaluate(
                """() => Math.min(...[...document.querySelectorAll('svg.kin-grafik')].flatMap(s => {
                    const k = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
                    return [...s.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * k); }))"""
            )
            assert smallest >= 12, (width, smallest)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        finally:
            page.close()


def test_the_chart_says_which_colour_means_what():
    svg = grafik_capaian(
        [Batang("1 Uji", cp.target(10), Fraction(4), cp.hitung(10, 4))],
        rendah=lambda c: cp.rendah(c), predikat_rendah=cp.predikat_rendah(),
    )
    assert "Realisasi berpredikat Kurang atau Sangat Kurang" in svg and svg.count("kin-grafik__realisasi--kurang") == 2
