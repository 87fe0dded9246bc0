"""Sekilas (ARCHITECTURE.md, "SOP page", Sekilas): a SOP page first answers a citizen's five questions in plain words,
within a 360 x 740 phone screen, and on paper too; the official form follows unchanged.
Fixture: tests/fixtures/warga/ (invented agencies and SOPs)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import make_project, need_tool, run_build

from sop_portal.format.loader import load_instansi, load_portal
from sop_portal.site import sekilas, views

FIXTURE = Path(__file__).parent / "fixtures" / "warga"
PASPOR = "sop/kantor-imigrasi-sukamaju/penggantian-paspor-rusak/"
REKLAME = "sop/dinas-perizinan-sukamaju/izin-reklame/"


def warga_files() -> dict[str, str]:
    """The fixture's sops/ tree as make_project's `sops` mapping."""
    root = FIXTURE / "sops"
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.yml"))}


@pytest.fixture(scope="module")
def warga(tmp_path_factory):
    project = make_project(
        tmp_path_factory.mktemp("warga"), sops=warga_files(), plugin_options="      today: '2026-06-01'"
    )
    build = run_build(project, site_url="http://127.0.0.1:8000/portal-sop/")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def portal():
    result = load_portal(FIXTURE / "sops", FIXTURE)
    assert not result.failed, result.errors
    return result.portal


def _sop(portal, slug):
    return next(s for s in portal.sops if s.slug == slug)


def test_the_view_answers_what_for_who_how_long_what_to_bring_what_you_get_and_status(portal):
    agencies = portal.instansi_by_id()
    sop = _sop(portal, "penggantian-paspor-rusak")
    view = sekilas.sekilas_view(sop, agencies[sop.instansi], perlu_ditinjau=True)
    assert view["tujuan"] == "Mengganti paspor yang rusak atau basah dengan paspor baru." and view["dari_ringkasan"]
    assert view["layanan"]["unit"] == "Seksi Lalu Lintas Keimigrasian"
    assert [k["jenis"] for k in view["layanan"]["kontak"]] == ["alamat", "telepon", "email", "situs"]
    assert view["layanan"]["kontak"][1]["url"] == "tel:0225550142"
    # "KTP pemohon" and "ktp  pemohon" are one item; order is the steps' order.
    assert view["bawa"] == ["KTP pemohon", "Paspor yang rusak", "Berita acara wawancara", "Tanda terima"]
    assert view["hasil"] == "Paspor baru"
    # "sesuai antrean" cannot be added up; "-" is no time at all.
    assert view["waktu"] == {"teks": "1 hari 25 menit", "sebagian": True}
    assert view["status"] == "Berlaku sejak 2 Januari 2020; sedang ditinjau ulang oleh instansi."
    other = _sop(portal, "izin-reklame")
    plain = sekilas.sekilas_view(other, agencies[other.instansi], perlu_ditinjau=False)
    assert plain["tujuan"] == "Penerbitan Izin Reklame Insidentil" and not plain["dari_ringkasan"]
    assert plain["status"] == "Berlaku sejak 1 Maret 2026." and plain["layanan"]["kontak"] == []
    assert plain["waktu"] == {"teks": "2 hari 30 menit", "sebagian": False}


def test_a_step_without_time_shows_no_unit_in_the_step_list():
    assert views.waktu_teks("-", "menit") is None
    assert views.waktu_teks(" – ", "menit") is None
    assert views.waktu_teks("60", "menit") == "60 menit"
    assert views.waktu_teks("1-2", "hari") == "1-2 hari"
    assert views.waktu_teks("sesuai antrean", "menit") == "sesuai antrean"


def test_the_page_opens_with_sekilas_before_the_official_form(warga):
    html = warga.html(PASPOR)
    body = html.split('class="sop sop--', 1)[1]
    assert body.index("sop-sekilas") < body.index("sop-banner--tinjau") < body.index("sop-identitas")
    sekilas_html = body.split('class="sop-sekilas"', 1)[1].split("</section>", 1)[0]
    assert "Mengganti paspor yang rusak" in sekilas_html
    assert 'href="tel:0225550142"' in sekilas_html and 'href="mailto:layanan@kanim-sukamaju.example.go.id"' in sekilas_html
    assert "sebagian waktu tidak dapat dijumlahkan" in sekilas_html
    assert "Sedang ditinjau ulang oleh instansi" in body and "Perlu ditinjau" not in body
    # The step list: no "- menit" for the step whose waktu is "-".
    assert "- menit" not in html and "· -" not in html
    # The agency whose nama equals its pemerintah is named once in the form's header.
    header = body.split('class="sop-identitas__instansi"', 1)[1].split("</div>", 1)[0]
    assert header.count("Kantor Imigrasi Kelas I Sukamaju") == 1


def test_sekilas_is_not_indexed_twice(warga):
    from sop_portal.site.search import indexed_fragments

    fragments = {f["url"]: f for f in indexed_fragments(warga.site / "pagefind")}
    content = fragments["/" + PASPOR]["content"]
    assert "Mengganti paspor yang rusak" in content  # the purpose line is searchable
    assert "Dilayani oleh" not in content and "Yang perlu disiapkan" not in content


def test_email_in_instansi_is_one_address(tmp_path):
    folder = tmp_path / "sops" / "dinas-uji"
    folder.mkdir(parents=True)
    (folder / "_instansi.yml").write_text("nama: Dinas Uji\nemail: kirim ke humas\n", encoding="utf-8")
    instansi, errors = load_instansi(folder / "_instansi.yml", tmp_path)
    assert instansi is None and "bukan alamat surel" in errors[0].format() and ":2:" in errors[0].format()


@pytest.mark.browser
def test_sekilas_fits_the_first_phone_screen(warga, browser, serve):
    served = serve(warga.site)
    for url in (PASPOR, REKLAME):
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme)
            page = context.new_page()
            try:
                page.goto(served.url(url))
                box = page.locator(".sop-sekilas").bounding_box()
                assert box is not None and box["y"] + box["height"] <= 740, (url, scheme, box)
                assert box["x"] >= 0 and box["x"] + box["width"] <= 360
                # Nothing in it runs off the side.
                assert page.evaluate("document.documentElement.scrollWidth") <= 360
            finally:
                context.close()


@pytest.mark.browser
def test_sekilas_is_printed_on_page_one_with_the_identity(warga, browser, serve, tmp_path):
    pdftotext = shutil.which("pdftotext")
    need_tool(pdftotext, "pdftotext")
    served = serve(warga.site)
    page = browser.new_page()
    try:
        page.goto(served.url(PASPOR))
        (tmp_path / "paspor.pdf").write_bytes(page.pdf(prefer_css_page_size=True, print_background=False))
    finally:
        page.close()
    text = subprocess.run([pdftotext, "-layout", str(tmp_path / "paspor.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    page1 = text.split("\f")[0]
    assert re.search(r"SEKILAS|Sekilas", page1) and "Paspor baru" in page1 and "Tanda terima" in page1
    assert "DASAR HUKUM" in page1.upper() and "Nomor SOP" in page1
