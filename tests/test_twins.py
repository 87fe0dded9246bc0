"""Logic that used to exist twice now exists once, and behaves the same wherever it is used."""

from __future__ import annotations

from conftest import write_tree

from sop_portal.format.loader import load_sop
from sop_portal.kinerja.documents import load_dokumen
from sop_portal.shared.drawtext import number, wrap
from sop_portal.shared.published import csv_text, site_base

AGENCY = "nama: Badan Uji Kota Contoh\nsingkatan: BUKC\npemerintah: Pemerintah Kota Contoh\n"
SOP = """\
nama: Pengesahan Uji
disahkan_oleh: {pejabat}
pelaksana: [Staf]
langkah:
  - kegiatan: Memeriksa berkas
    pelaksana: Staf
  - kegiatan: Mengarsipkan berkas
    pelaksana: Staf
"""
DOCUMENT = """\
---
jenis: perjanjian-kinerja
sasaran:
  - sasaran: Meningkatnya layanan uji
    indikator:
      - {{indikator: Waktu layanan, satuan: hari, target: 3}}
pihak_pertama: {pejabat}
pihak_kedua: {{nama: Kepala Uji, jabatan: Kepala Badan}}
---
"""
BAD_NIP = '{jabatan: Kepala Badan, nama: Kepala Uji, nip: "1960 0524"}'


def nip_messages(tmp_path, pejabat: str) -> tuple[list[str], list[str]]:
    write_tree(
        tmp_path,
        {
            "sops/badan-uji/_instansi.yml": AGENCY,
            "sops/badan-uji/pengesahan.yml": SOP.format(pejabat=pejabat),
            "content/kinerja/badan-uji/2025/pk.md": DOCUMENT.format(pejabat=pejabat),
        },
    )
    sop, sop_errors = load_sop(tmp_path / "sops/badan-uji/pengesahan.yml", tmp_path, "badan-uji")
    docs = load_dokumen(tmp_path / "content", tmp_path / "sops", tmp_path)
    return [e.message for e in sop_errors], [e.message for e in docs.errors]


def test_a_wrong_nip_is_the_same_mistake_in_an_sop_and_in_a_document(tmp_path):
    in_sop, in_document = nip_messages(tmp_path, BAD_NIP)
    assert len(in_sop) == 1 and in_sop == in_document
    assert 'NIP "1960 0524" tidak valid; NIP terdiri dari 18 angka' in in_sop[0]


def test_a_signatory_written_empty_is_absent_in_both(tmp_path):
    in_sop, in_document = nip_messages(tmp_path, "null")
    assert in_sop == []
    assert not any("seharusnya pemetaan" in m for m in in_document)  # a Perjanjian Kinerja still needs one


def test_site_base_and_csv():
    assert site_base("https://contoh.go.id/portal") == site_base("https://contoh.go.id/portal/") == "https://contoh.go.id/portal/"
    assert site_base("") == "" and site_base(None) == ""
    assert csv_text(("a", "b"), [(1, "dua, tiga")]) == '\ufeffa,b\r\n1,"dua, tiga"\r\n'


def test_drawing_numbers_and_wrapping():
    assert [number(12.0), number(12.345), number(12.345, 1), number(-0.04, 1)] == ["12", "12.35", "12.3", "0"]
    assert wrap("Kepala Sub Bagian Perencanaan", 12) == ["Kepala Sub", "Bagian", "Perencanaan"]
    assert wrap("Kepala Sub Bagian Perencanaan", 12, 2) == ["Kepala Sub", "Bagian…"]
