"""Performance documents: front matter validation (located Indonesian errors), model, trends, CSV.

These run the loader on documents written into a temp `content/` (no MkDocs build); the
build-level checks are in test_kinerja_build.py.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT, SAMPLE_SOPS, write_tree

from sop_portal.format.loader import load_portal
from sop_portal.kinerja.documents import load_dokumen
from sop_portal.kinerja.views import CSV_COLUMNS, Kinerja

ROOT = Path(__file__).resolve().parent.parent

PENGUKURAN = """---
jenis: pengukuran-kinerja
instansi: kesbangpol-kab-pesisir-selatan
tahun: 2024
tanggal: 2025-01-20
sop: pengukuran-kinerja
sasaran:
  - sasaran: Meningkatnya kualitas pembinaan ideologi dan wawasan kebangsaan
    indikator:
      - {indikator: Indeks wawasan kebangsaan, satuan: indeks, target: 75, realisasi: 78.2}
      - {indikator: Jumlah konflik sosial, satuan: kejadian, target: 2, realisasi: 1, arah: turun}
---
Uraian.
"""

PK = """---
jenis: perjanjian-kinerja
instansi: kesbangpol-kota-tangerang
tahun: 2018
pihak_pertama: {nama: Budi, jabatan: Kepala Kantor}
pihak_kedua: {nama: Ahmad, jabatan: Wali Kota Tangerang}
sasaran:
  - sasaran: Terpeliharanya kondusivitas wilayah
    indikator:
      - {indikator: Jumlah kejadian konflik sosial, satuan: kejadian, target: 3, arah: turun}
program:
  - {program: Program A, anggaran: 1250000000}
  - {program: Program B, anggaran: "640000000,5"}
---
"""


@pytest.fixture(scope="module")
def sops_dir(tmp_path_factory) -> Path:
    """The repo's SOPs plus a draft SOP (documents may name it: it exists, it is just not published)."""
    folder = tmp_path_factory.mktemp("sops") / "sops"
    shutil.copytree(SAMPLE_SOPS, folder)
    (folder / "kesbangpol-kota-tangerang" / "rancangan-renja.yml").write_text("nama: Rancangan Renja\nstatus: draf\n", encoding="utf-8")
    return folder


def load(tmp_path: Path, sops_dir: Path, files: dict[str, str | bytes]):
    content = tmp_path / "content"
    write_tree(content, files)
    return load_dokumen(content, sops_dir, tmp_path)


def only_errors(result) -> list:
    return [e for e in result.errors if e.level == "kesalahan"]


def one_error(result, path: str):
    found = [e for e in only_errors(result) if e.path == path]
    assert len(found) == 1, [e.format() for e in result.errors]
    return found[0]


P_URI = "kinerja/kesbangpol-kab-pesisir-selatan/2024/pengukuran-kinerja-2024.md"
PK_URI = "kinerja/kesbangpol-kota-tangerang/2018/pk-2018.md"


def test_valid_documents_load_with_exact_values(tmp_path, sops_dir):
    result = load(tmp_path, sops_dir, {P_URI: PENGUKURAN, PK_URI: PK})
    assert only_errors(result) == []
    pk, pengukuran = sorted(result.dokumen, key=lambda d: d.tahun)
    assert pengukuran.sop == "kesbangpol-kab-pesisir-selatan/pengukuran-kinerja"
    assert pengukuran.judul == "Pengukuran Kinerja Tahun 2024"
    assert pengukuran.url == "kinerja/kesbangpol-kab-pesisir-selatan/2024/pengukuran-kinerja-2024/"
    first, second = pengukuran.indikator
    assert (first.nomor, first.capaian.teks) == ("1.1", "104,27%")
    assert (second.nomor, second.arah, second.capaian.teks) == ("1.2", "turun", "150%")
    assert first.line == 10  # the line in the .md file, front matter counted from line 2
    assert pk.pihak_pertama.nama == "Budi" and pk.pihak_kedua.jabatan == "Wali Kota Tangerang"
    assert str(pk.total_anggaran) == "3780000001/2"  # 1.250.000.000 + 640.000.000,5 exactly


def test_unknown_jenis_with_suggestion_at_its_line(tmp_path, sops_dir):
    result = load(tmp_path, sops_dir, {P_URI: PENGUKURAN.replace("jenis: pengukuran-kinerja", "jenis: pengukuran")})
    error = one_error(result, "jenis")
    assert error.file == f"content/{P_URI}"
    assert (error.line, error.column) == (2, 8)
    assert '"pengukuran"' in error.message and 'maksud Anda "pengukuran-kinerja"' in error.message


def test_unknown_instansi_and_folder_mismatch(tmp_path, sops_dir):
    result = load(tmp_path, sops_dir, {P_URI: PENGUKURAN.replace("instansi: kesbangpol-kab-pesisir-selatan", "instansi: kesbangpol-pessel")})
    error = one_error(result, "instansi")
    assert error.line == 3 and "tidak dikenal" in error.message and "kesbangpol-kab-pesisir-selatan" in error.message

    other = tmp_path / "b"
    result = load(other, sops_dir, {P_URI: PENGUKURAN.replace("instansi: kesbangpol-kab-pesisir-selatan", "instansi: bkpsdm-kota-tangerang")})
    assert "berada di folder" in one_error(result, "instansi").message
    result = load(tmp_path / "c", sops_dir, {P_URI: PENGUKURAN.replace("tahun: 2024", "tahun: 2023")})
    assert "folder tahun 2024" in one_error(result, "tahun").message


def test_instansi_and_tahun_default_to_the_folder(tmp_path, sops_dir):
    text = PENGUKURAN.replace("instansi: kesbangpol-kab-pesisir-selatan\n", "").replace("tahun: 2024\n", "")
    result = load(tmp_path, sops_dir, {P_URI: text})
    assert only_errors(result) == []
    (doc,) = result.dokumen
    assert (doc.instansi, doc.tahun) == ("kesbangpol-kab-pesisir-selatan", 2024)


def test_sop_references(tmp_path, sops_dir):
    result = load(tmp_path, sops_dir, {P_URI: PENGUKURAN.replace("sop: pengukuran-kinerja", "sop: pengukuran-kinerj")})
    error = one_error(result, "sop")
    assert error.line == 6 and 'maksud Anda "pengukuran-kinerja"' in error.message
    # instansi/slug form, and a draft SOP (it exists, unpublished): both accepted
    text = PK.replace("tahun: 2018\n", "tahun: 2018\nsop: kesbangpol-kota-tangerang/rancangan-renja\n")
    result = load(tmp_path / "b", sops_dir, {PK_URI: text})
    assert only_errors(result) == [] and result.dokumen[0].sop == "kesbangpol-kota-tangerang/rancangan-renja"
    # an SOP of another agency named without its agency is not found
    text = PK.replace("tahun: 2018\n", "tahun: 2018\nsop: penyusunan-lkip\n")
    assert "tidak ditemukan di sops/kesbangpol-kota-tangerang/" in one_error(load(tmp_path / "c", sops_dir, {PK_URI: text}), "sop").message


def test_target_and_realisasi_must_be_numbers(tmp_path, sops_dir):
    text = PENGUKURAN.replace("target: 75, realisasi: 78.2", "target: tinggi, realisasi: 78%")
    result = load(tmp_path, sops_dir, {P_URI: text})
    target = one_error(result, "sasaran[1].indikator[1].target")
    assert target.line == 10 and 'teks "tinggi"' in target.message and "rentang" in target.message
    realisasi = one_error(result, "sasaran[1].indikator[1].realisasi")
    assert "seharusnya angka" in realisasi.message and "satuan (%)" in realisasi.message
    reversed_range = PENGUKURAN.replace("target: 75,", 'target: "90-80",')
    assert "lebih besar" in one_error(load(tmp_path / "b", sops_dir, {P_URI: reversed_range}), "sasaran[1].indikator[1].target").message
    bad_arah = PENGUKURAN.replace("arah: turun", "arah: bawah")
    assert "naik, turun" in one_error(load(tmp_path / "c", sops_dir, {P_URI: bad_arah}), "sasaran[1].indikator[2].arah").message


def test_pengukuran_needs_realisasi(tmp_path, sops_dir):
    result = load(tmp_path, sops_dir, {P_URI: PENGUKURAN.replace(", realisasi: 78.2", "")})
    assert "wajib diisi pada Pengukuran Kinerja" in one_error(result, "sasaran[1].indikator[1].realisasi").message
    result = load(tmp_path / "b", sops_dir, {P_URI: PENGUKURAN.split("sasaran:\n")[0] + "---\n"})
    assert "wajib diisi" in one_error(result, "sasaran").message


def test_perjanjian_kinerja_needs_both_pihak_and_no_realisasi(tmp_path, sops_dir):
    text = PK.replace("pihak_pertama: {nama: Budi, jabatan: Kepala Kantor}\n", "").replace(
        "pihak_kedua: {nama: Ahmad, jabatan: Wali Kota Tangerang}", "pihak_kedua: {nama: Ahmad}"
    )
    result = load(tmp_path, sops_dir, {PK_URI: text})
    assert "wajib mencantumkan pihak_pertama" in one_error(result, "pihak_pertama").message
    assert one_error(result, "pihak_kedua.jabatan").line == 5
    with_realisasi = PK.replace("target: 3,", "target: 3, realisasi: 2,")
    error = one_error(load(tmp_path / "b", sops_dir, {PK_URI: with_realisasi}), "sasaran[1].indikator[1].realisasi")
    assert "hanya memuat target" in error.message
    per_year = PK.replace("target: 3,", "target: {2018: 3, 2019: 2},")
    assert "nilai per tahun" in one_error(load(tmp_path / "c", sops_dir, {PK_URI: per_year}), "sasaran[1].indikator[1].target").message


def test_anggaran_with_thousands_dots_is_refused(tmp_path, sops_dir):
    result = load(tmp_path, sops_dir, {PK_URI: PK.replace("anggaran: 1250000000", "anggaran: 850.000")})
    error = one_error(result, "program[1].anggaran")
    assert "tanpa titik ribuan" in error.message and "850000" in error.message


def test_unknown_keys_and_yaml_errors_point_at_the_md_line(tmp_path, sops_dir):
    result = load(tmp_path, sops_dir, {P_URI: PENGUKURAN.replace("tanggal:", "tangal:")})
    error = one_error(result, "tangal")
    assert error.line == 5 and 'maksud Anda "tanggal"' in error.message
    broken = PENGUKURAN.replace("tahun: 2024", "tahun: [2024")
    errors = only_errors(load(tmp_path / "b", sops_dir, {P_URI: broken}))
    assert errors and errors[0].message.startswith("YAML tidak dapat dibaca") and errors[0].line >= 4
    no_front = load(tmp_path / "c", sops_dir, {P_URI: "# Judul\n\nTanpa front matter.\n"})
    assert "diawali front matter" in only_errors(no_front)[0].message


def test_berkas_must_exist_inside_content(tmp_path, sops_dir):
    folder = "kinerja/bkpsdm-kota-tangerang/2024"
    doc = "---\njenis: lkip\nberkas: {b}\n---\n## BAB I\n## BAB II\n## BAB III\n## BAB IV\n"
    result = load(tmp_path, sops_dir, {f"{folder}/lkip.md": doc.format(b="berkas/lkip.pdf"), f"{folder}/berkas/lkip.pdf": b"%PDF-1.4\n" + b"0" * 2000})
    assert only_errors(result) == [] and result.errors == ()
    (berkas,) = result.dokumen[0].berkas
    assert (berkas.src_uri, berkas.jenis, berkas.ukuran_teks) == (f"{folder}/berkas/lkip.pdf", "PDF", "2 KB")
    missing = load(tmp_path / "b", sops_dir, {f"{folder}/lkip.md": doc.format(b="berkas/tidak-ada.pdf")})
    assert "tidak ditemukan" in one_error(missing, "berkas").message
    outside = load(tmp_path / "c", sops_dir, {f"{folder}/lkip.md": doc.format(b="../../../../site_config.yml")})
    assert "di luar folder content/" in one_error(outside, "berkas").message
    remote = load(tmp_path / "d", sops_dir, {f"{folder}/lkip.md": doc.format(b="https://contoh.go.id/lkip.pdf")})
    assert "situs lain" in one_error(remote, "berkas").message


def test_lkip_without_chapters_is_a_notice_not_a_failure(tmp_path, sops_dir):
    result = load(tmp_path, sops_dir, {"kinerja/bkpsdm-kota-tangerang/2024/lkip.md": "---\njenis: lkip\n---\n## BAB I Pendahuluan\n"})
    assert not result.failed and len(result.dokumen) == 1
    (notice,) = result.errors
    assert notice.level == "info" and "BAB II, BAB III, BAB IV" in notice.message


def test_renstra_values_per_year(tmp_path, sops_dir):
    text = """---
jenis: renstra
instansi: bkpsdm-kota-tangerang
tahun: 2025
judul: Rencana Strategis BKPSDM 2025–2029
sasaran:
  - sasaran: Meningkatnya profesionalitas ASN
    indikator:
      - indikator: Indeks Profesionalitas ASN
        satuan: indeks
        target: {2025: 79, 2026: 80, 2027: "81-82"}
        realisasi: {2025: 80.5}
      - indikator: Indeks Sistem Merit
        target: {2025: 0.75, dua ribu: 1}
---
"""
    result = load(tmp_path, sops_dir, {"kinerja/bkpsdm-kota-tangerang/2025/renstra.md": text})
    error = one_error(result, "sasaran[1].indikator[2].target.dua ribu")
    assert "bukan tahun" in error.message and error.line == 14
    fixed = load(tmp_path / "b", sops_dir, {"kinerja/bkpsdm-kota-tangerang/2025/renstra.md": text.replace(", dua ribu: 1", "")})
    (doc,) = fixed.dokumen
    ipa = doc.indikator[0]
    assert [nt.tahun for nt in ipa.per_tahun] == [2025, 2026, 2027]
    assert ipa.per_tahun[0].capaian.teks == "101,9%" and ipa.per_tahun[2].target.teks == "81–82"
    assert ipa.capaian is None


@pytest.fixture(scope="module")
def repo_kinerja() -> Kinerja:
    """The repository's own sample documents with its published SOPs."""
    portal = load_portal(SAMPLE_SOPS, ROOT).portal
    result = load_dokumen(SAMPLE_CONTENT, SAMPLE_SOPS, ROOT)
    assert not result.failed, [e.format() for e in result.errors]
    return Kinerja(result.dokumen, portal)


def test_sample_documents_cover_each_seed_agency(repo_kinerja):
    by_agency = {(d.instansi, d.jenis, d.sop) for d in repo_kinerja.dokumen}
    assert ("kesbangpol-kota-tangerang", "perjanjian-kinerja", "kesbangpol-kota-tangerang/penyusunan-perjanjian-kinerja") in by_agency
    assert ("kesbangpol-kab-pesisir-selatan", "pengukuran-kinerja", "kesbangpol-kab-pesisir-selatan/pengukuran-kinerja") in by_agency
    assert ("bkpsdm-kota-tangerang", "lkip", "bkpsdm-kota-tangerang/penyusunan-lkip") in by_agency
    assert all(d.contoh_data for d in repo_kinerja.dokumen)  # the figures are illustrative, and say so
    lkip = next(d for d in repo_kinerja.dokumen if d.jenis == "lkip")
    assert lkip.berkas and lkip.berkas[0].jenis == "PDF" and lkip.berkas[0].ukuran < 50_000


def test_trends_join_an_indicator_across_years(repo_kinerja):
    view = repo_kinerja.instansi_view("kesbangpol-kab-pesisir-selatan")
    assert [t["tahun"] for t in view["tahun"]] == [2024, 2023]
    trend = next(t for t in view["tren"] if t["judul"] == "Jumlah konflik sosial (kejadian)")
    assert [(p["tahun"], p["target"], p["realisasi"], p["capaian"]) for p in trend["titik"]] == [
        (2023, "3", "4", "66,67%"),
        (2024, "2", "1", "150%"),  # arah: turun is kept in the trend
    ]
    assert trend["svg"].startswith("<svg") and 'role="img"' in trend["svg"] and "<desc" in trend["svg"]
    # an indicator met in one year only gets no trend
    assert all("Pemilu" not in t["judul"] for t in view["tren"])
    assert repo_kinerja.instansi_view("kesbangpol-kota-tangerang")["tren"] == []


def test_sop_lists_the_documents_it_produced(repo_kinerja):
    rows = repo_kinerja.sop_view("bkpsdm-kota-tangerang/penyusunan-lkip")["dokumen"]
    assert [r["jenis"] for r in rows] == ["LKIP"]
    assert repo_kinerja.sop_view("bkpsdm-kota-tangerang/tidak-ada")["dokumen"] == []


def test_kinerja_csv_has_one_row_per_indicator(repo_kinerja):
    text = repo_kinerja.csv("https://contoh.github.io/portal-sop/")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == sum(len(d.indikator) for d in repo_kinerja.dokumen)
    iwk = next(r for r in rows if r["indikator"] == "Indeks wawasan kebangsaan" and r["tahun"] == "2024")
    assert (iwk["target"], iwk["realisasi"], iwk["capaian_persen"], iwk["predikat"], iwk["tercapai"]) == ("75", "78.2", "104.27", "Sangat Baik", "ya")
    assert float(iwk["capaian_mentah"]) == pytest.approx(104.26666666)
    assert iwk["url"] == "https://contoh.github.io/portal-sop/kinerja/kesbangpol-kab-pesisir-selatan/2024/pengukuran-kinerja-2024/"
    pemilu = next(r for r in rows if "Pemilu 2024" in r["indikator"])
    assert (pemilu["target"], pemilu["target_bawah"], pemilu["target_atas"]) == ("75-80", "75", "80")
    nol = next(r for r in rows if r["indikator"].startswith("Jumlah temuan"))
    assert (nol["capaian_persen"], nol["tercapai"], nol["predikat"]) == ("", "ya", "")
    pk = [r for r in rows if r["jenis"] == "Perjanjian Kinerja"]
    assert pk and all(r["realisasi"] == "" and r["capaian_persen"] == "" for r in pk)
