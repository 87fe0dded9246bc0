"""Build real portals with `mkdocs build --strict` and inspect the generated pages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import BROKEN_SOP, ROOT, SAMPLE_CONTENT, SUBPATH, build_portal, copy_project, run_build

SOP_002 = "sop/kesbangpol-kota-tangerang/penyusunan-perjanjian-kinerja/"
SOP_004 = "sop/bkpsdm-kota-tangerang/penyusunan-lkip/"


class _Text(HTMLParser):
    """Visible text of a page, whitespace folded, for 'the page shows X' assertions."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "svg"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def test_sop_page_shows_identity_in_the_official_layout(seed_site):
    html = seed_site.html(SOP_004)
    text = text_of(html)
    assert '<html lang="id"' in html
    for expected in (
        "Pemerintah Kota Tangerang",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "Sekretariat - Sub Bagian Perencanaan",
        "Nomor SOP 065/767-1.01/BKPSDM",
        "Tanggal Pembuatan 26 Desember 2017",
        "Tanggal Efektif 27 Desember 2017",
        "Kepala BKPSDM",
        "NIP 196005241981031005",
        "Nama SOP Penyusunan LKIP",
        "UU No. 25 Tahun 2004 tentang SPPN",
        "Memiliki kemampuan pengolahan data sederhana",
        "SOP Penyusunan Renstra",
        "Komputer/Printer",
        "Penyusunan LKIP harus merujuk pada data Perjanjian Kinerja",
        "Penyimpanan dokumentasi secara manual",
    ):
        assert expected in text, expected
    # The fixed 3x2 grid, in the official pairing order.
    headings = re.findall(r'<section class="sop-kotak__sel">\s*<h3>([^<]+)</h3>', html)
    assert headings == [
        "Dasar Hukum",
        "Kualifikasi Pelaksana",
        "Keterkaitan",
        "Peralatan/Perlengkapan",
        "Peringatan",
        "Pencatatan dan Pendataan",
    ]


def test_sop_page_procedure_table(seed_site):
    html = seed_site.html(SOP_002)
    table = html[html.index('<table class="sop-tabel"') : html.index("</table>", html.index('<table class="sop-tabel"'))]
    lanes = re.findall(r'<th scope="col" class="sop-tabel__lajur">([^<]+)</th>', table)
    assert lanes == ["Kepala", "Kasubag TU", "Kasi", "Pengelola perencanaan", "Pengelola Administrasi Umum"]
    assert ">Aktivitas</th>" in table  # the form's own label for Kegiatan
    for header in ("Kelengkapan", "Waktu", "Output", "Keterangan", "Mutu Baku"):
        assert f">{header}</th>" in table
    for n in range(1, 9):
        assert f'id="langkah-{n}"' in table
    assert 'id="langkah-9"' not in table
    text = text_of(table)
    assert "Jumlah waktu 4 hari 3 jam 35 menit" in text
    assert "Pengiriman ke Sekretariat Daerah dan Pengarsipan" in text
    assert "Filing Cabinet, Lembar Penyekat, Lemari Arsip, Boks" in text
    # Every step row has its symbol, named for screen readers.
    rows = re.findall(r'<tr id="langkah-\d+".*?</tr>', table, flags=re.S)
    assert len(rows) == 8
    assert all(re.search(r'aria-label="(Mulai|Proses|Keputusan|Selesai)"', row) for row in rows)


def test_sop_page_facts_and_step_list(seed_site):
    text = text_of(seed_site.html(SOP_002))
    assert re.search(r"Langkah 8 Pelaksana 5 Jumlah waktu 4 hari 3 jam 35 menit", text)
    # The phone step list: every step, in order, with its number and kegiatan, its lane and waktu.
    html = seed_site.html(SOP_002)
    items = re.findall(
        r'<li class="sop-daftar__item">\s*<p class="sop-daftar__kegiatan"><span class="sop-daftar__no">(\d+)</span> (.*?)</p>',
        html,
    )
    data = json.loads((seed_site.site / SOP_002.rstrip("/")).with_suffix(".json").read_text(encoding="utf-8"))
    steps = data["prosedur"][0]["langkah"]
    assert items == [(str(s["no"]), s["kegiatan"]) for s in steps] and len(items) == 8
    first = html[html.index('<li class="sop-daftar__item">') :]
    assert "<strong>Kepala</strong> · 10 Menit · Output: Disposisi Surat" in first[: first.index("</li>")]


def test_sop_json_holds_the_full_model(seed_site):
    data = json.loads((seed_site.site / "sop/bkpsdm-kota-tangerang/penyusunan-lkip.json").read_text(encoding="utf-8"))
    assert data["nomor"] == "065/767-1.01/BKPSDM"
    assert data["disahkan_oleh"]["nip"] == "196005241981031005"
    assert data["url"].endswith(f"{SUBPATH}{SOP_004}")
    steps = data["prosedur"][0]["langkah"]
    assert len(steps) == 12
    assert steps[0]["simbol"] == "mulai" and steps[-1]["simbol"] == "selesai"
    assert steps[7]["waktu"] == "0,5 hari"
    assert data["prosedur"][0]["jumlah_waktu"] == "15 hari"


def test_agency_and_home_pages_list_content(seed_site):
    agency = text_of(seed_site.html("instansi/bkpsdm-kota-tangerang/"))
    assert "Penyusunan LKIP" in agency and "065/767-1.01/BKPSDM" in agency
    assert "15 hari" in agency  # jumlah waktu column
    home = seed_site.html("")
    for agency_name in ("Kantor Kesatuan Bangsa dan Politik Kota Tangerang", "Badan Kesatuan Bangsa dan Politik Kabupaten Pesisir Selatan"):
        assert agency_name in home
    assert 'href="instansi/bkpsdm-kota-tangerang/"' in home  # relative, so it works under any sub-path
    assert f'href="{SUBPATH}instansi/' not in home


def test_nav_lists_sections_not_every_sop(seed_site):
    html = seed_site.html(SOP_002)
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "Penyusunan LKIP" not in nav
    assert "Instansi" in nav


def test_sop_pages_share_one_sidebar_rendered_as_material_renders_it(seed_site, tmp_path):
    """theme/main.html renders the SOP pages' sidebars once per build; the pages must not notice.

    The same project is built again with a main.html that lacks the cache (Material renders every
    sidebar), and every SOP page must come out byte for byte the same.
    """
    uncached = run_build_without_nav_cache(seed_site.project, tmp_path)
    sop_pages = sorted(seed_site.site.glob("sop/*/*/index.html"))
    assert len(sop_pages) >= 3
    for page in sop_pages:
        rel = page.relative_to(seed_site.site)
        assert page.read_text(encoding="utf-8") == (uncached / rel).read_text(encoding="utf-8"), rel
    sidebars = {re.search(r'<div class="md-sidebar md-sidebar--primary".*?</nav>', p.read_text(encoding="utf-8"), re.S).group(0) for p in sop_pages}
    assert len(sidebars) == 1 and "Instansi" in sidebars.pop()


def run_build_without_nav_cache(project, tmp_path):
    copy = copy_project(project, tmp_path / "tanpa-cache")
    main = copy / "theme" / "main.html"
    text = main.read_text(encoding="utf-8")
    start = text.index("{% block site_nav %}")
    end = text.index("{% endblock %}", start) + len("{% endblock %}")
    main.write_text(text[:start] + text[end:], encoding="utf-8")
    build = run_build(copy, site_url=f"http://127.0.0.1:8000{SUBPATH}")
    assert build.returncode == 0, build.output
    return build.site


def test_nothing_is_written_into_content(seed_site):
    """After the build, the project's content/ holds exactly the files it was given, unchanged."""

    def tree(*folders: tuple[Path, Path]) -> dict[str, bytes]:
        return {
            p.relative_to(base).as_posix(): p.read_bytes()
            for folder, base in folders
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    given = tree((SAMPLE_CONTENT, SAMPLE_CONTENT), (ROOT / "content" / "panduan", ROOT / "content"))
    assert tree((seed_site.project / "content", seed_site.project / "content")) == given


def test_broken_sop_fails_the_build_with_located_message_and_no_traceback(tmp_path):
    build = build_portal(tmp_path, sops={"bkpsdm-kota-tangerang/rusak.yml": BROKEN_SOP})
    assert build.returncode != 0
    assert "sops/bkpsdm-kota-tangerang/rusak.yml:5:16" in build.output
    assert '"Kepla" bukan nama pelaksana' in build.output
    assert "sops/bkpsdm-kota-tangerang/rusak.yml:8:5" in build.output and 'maksud Anda "waktu"?' in build.output
    assert "Traceback" not in build.output
    # A failed build publishes nothing.
    assert not (build.site / SOP_004 / "index.html").exists()


def _check(*args, cwd=ROOT):
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "sop_portal.cli.main", "check", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_check_passes_on_the_repository():
    proc = _check()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Semua isi valid" in proc.stdout


@pytest.fixture
def broken_project(tmp_path):
    from conftest import make_project

    return make_project(tmp_path, sops={"bkpsdm-kota-tangerang/rusak.yml": BROKEN_SOP})


def test_check_reports_every_error_and_exits_1(broken_project):
    proc = _check(cwd=broken_project)
    assert proc.returncode == 1
    assert proc.stdout.count("kesalahan:") == 2
    assert "2 kesalahan di 1 berkas" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_check_github_annotations(broken_project):
    proc = _check("--format", "github", cwd=broken_project)
    assert proc.returncode == 1
    assert "::error file=sops/bkpsdm-kota-tangerang/rusak.yml,line=5,col=16::langkah[1].pelaksana:" in proc.stdout


def test_check_limited_to_a_path(broken_project):
    proc = _check("sops/kesbangpol-kota-tangerang", cwd=broken_project)
    assert proc.returncode == 0, proc.stdout


@pytest.mark.browser
def test_portal_pages_do_not_scroll_sideways_on_a_phone(seed_site, serve, browser):
    """Home, agency list, agency, search and open-data pages fit 360 px (SOP and document pages
    have their own checks in test_flowchart.py and test_kinerja_build.py)."""
    served = serve(seed_site.site)
    for width in (360, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        for url in ("", "instansi/", "instansi/bkpsdm-kota-tangerang/", "cari/?q=kinerja", "data/"):
            page.goto(served.url(url))
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (url, width)
        page.close()
