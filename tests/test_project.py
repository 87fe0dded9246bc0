"""One project loader (site/project.py) for the build and the CLI: site_config.yml's folders and
the plugin's options, each option checked with a located Indonesian message."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import run_build, write_tree

from sop_portal.cli import main as cli
from sop_portal.site.project import ProjectError, load_project

AGENCY = """\
nama: Dinas Uji Coba Kota Contoh
singkatan: DUKC
pemerintah: Pemerintah Kota Contoh
"""
SOP = """\
nama: Penerbitan Surat Keterangan Uji
pelaksana: [Petugas Loket, Kepala Seksi]
langkah:
  - kegiatan: Menerima berkas permohonan
    pelaksana: Petugas Loket
    waktu: 10 menit
  - kegiatan: Menandatangani surat keterangan
    pelaksana: Kepala Seksi
    waktu: 1 hari
"""
DOCUMENT_WITH_ERROR = """\
---
jenis: laporan-bulanan
instansi: dinas-uji
tahun: 2025
---
Isi.
"""


def config(*, options: str = "", docs_dir: str = "content", sops_dir: str = "sops") -> str:
    return (
        "site_name: Portal Uji\n"
        f"docs_dir: {docs_dir}\n"
        "theme:\n  name: material\n  language: id\n"
        "plugins:\n"
        "  - sop-portal:\n"
        f"      sops_dir: {sops_dir}\n"
        "      today: '2026-03-02'\n"
        + options
    )


def project(tmp_path, *, options: str = "", docs_dir: str = "content", sops_dir: str = "sops"):
    root = tmp_path / "portal"
    write_tree(
        root,
        {
            "site_config.yml": config(options=options, docs_dir=docs_dir, sops_dir=sops_dir),
            f"{sops_dir}/dinas-uji/_instansi.yml": AGENCY,
            f"{sops_dir}/dinas-uji/surat-keterangan.yml": SOP,
            f"{docs_dir}/index.md": "# Portal Uji\n",
        },
    )
    return root


def check(root, monkeypatch, *args: str):
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_COLOR", "1")
    return CliRunner().invoke(cli.main, ["check", *args])


def test_check_reads_sops_dir_from_site_config(tmp_path, monkeypatch):
    """`sops_dir: prosedur`: check looks there (it used to look in sops/ and find nothing)."""
    root = project(tmp_path, sops_dir="prosedur")
    result = check(root, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "Semua isi valid: 1 SOP dari 1 instansi" in result.output


def test_check_reads_docs_dir_from_site_config(tmp_path, monkeypatch):
    """`docs_dir: halaman`: a document with a mistake there is reported, with its path."""
    root = project(tmp_path, docs_dir="halaman")
    write_tree(root, {"halaman/kinerja/dinas-uji/2025/laporan.md": DOCUMENT_WITH_ERROR})
    result = check(root, monkeypatch)
    assert result.exit_code == 1, result.output
    assert "halaman/kinerja/dinas-uji/2025/laporan.md:2:" in result.output
    assert "jenis" in result.output


def test_the_build_reads_the_same_folders(tmp_path):
    root = project(tmp_path, sops_dir="prosedur")
    build = run_build(root)
    assert build.returncode == 0, build.output
    assert "Penerbitan Surat Keterangan Uji" in build.html("sop/dinas-uji/surat-keterangan/")


def test_an_impossible_today_is_a_located_message_not_a_traceback(tmp_path, monkeypatch):
    root = project(tmp_path)
    text = (root / "site_config.yml").read_text().replace("today: '2026-03-02'", 'today: "2026-13-45"')
    (root / "site_config.yml").write_text(text)
    line = text.splitlines().index('      today: "2026-13-45"') + 1
    result = check(root, monkeypatch)
    assert result.exit_code == 1
    assert f'site_config.yml:{line}: plugins.sop-portal.today: ditemukan teks "2026-13-45", seharusnya tanggal' in result.output
    assert "Traceback" not in result.output
    build = run_build(root)
    assert build.returncode != 0
    assert 'ditemukan teks "2026-13-45", seharusnya tanggal yang ada' in build.output
    assert "Traceback" not in build.output


@pytest.mark.parametrize(
    "option, said",
    [
        ("review_months: dua", 'review_months: ditemukan teks "dua", seharusnya bilangan bulat 1 atau lebih'),
        ("rows_per_page: -1", "rows_per_page: ditemukan angka -1, seharusnya bilangan bulat 0 atau lebih"),
        ("publish_draft: ya", 'publish_draft: ditemukan teks "ya", seharusnya true atau false'),
        ("parallel: 1", "parallel: ditemukan angka 1, seharusnya true atau false"),
        ("paper: A5", 'paper: ditemukan teks "A5", seharusnya salah satu dari: "A4", "F4", "Letter"'),
        ("pemerintah: [a, b]", "pemerintah: ditemukan daftar, seharusnya teks"),
        ('pemerintah: "Kota\\u0007Contoh"', "pemerintah: teks memuat karakter kendali tak terlihat (U+0007, karakter ke-5)"),
        ("predikat: tinggi", "predikat: predikat harus berupa daftar {min, label}"),
        ("review_month: 6", 'review_month: opsi "review_month" tidak dikenal (maksud Anda "review_months"?)'),
    ],
)
def test_every_option_is_checked_with_a_located_indonesian_message(tmp_path, option, said):
    root = project(tmp_path, options=f"      {option}\n")
    with pytest.raises(ProjectError) as raised:
        load_project(root)
    line = config(options=f"      {option}\n").splitlines().index(f"      {option}") + 1
    assert len(raised.value.messages) == 1
    assert raised.value.messages[0].startswith(f"site_config.yml:{line}: plugins.sop-portal.{said}")


def test_a_valid_config_gives_the_project(tmp_path):
    root = project(tmp_path, sops_dir="prosedur", docs_dir="halaman", options="      publish_draft: true\n")
    loaded = load_project(root)
    assert loaded.sops_dir == root / "prosedur"
    assert loaded.docs_dir == root / "halaman"
    assert loaded.publish_draft is True
    assert loaded.today.isoformat() == "2026-03-02"
    assert loaded.review_months == 12
