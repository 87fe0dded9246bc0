"""The SOP file format (ARCHITECTURE.md, "File format"): one test per rule, each asserting file, line and field."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from sop_portal.format.loader import load_portal, load_sop

AGENCY = "nama: Dinas Uji\nsingkatan: DU\npemerintah: Pemerintah Kota Uji\n"

VALID = """\
nomor: "065/767-1.01/BKPSDM"
nama: Penyusunan LKIP
status: berlaku
tanggal_efektif: 2017-12-27
disahkan_oleh: {jabatan: Kepala BKPSDM, nama: Drs. H. Akhmad Lutfi, nip: 196005241981031005}
pelaksana: [Pelaksana, Kasubag, Kabid]
langkah:
  - kegiatan: Pengumpulan data
    pelaksana: Pelaksana
    waktu: 1 hari
  - id: cek
    kegiatan: Rechecking data
    pelaksana: Kasubag
    cabang: {Ya: 3, Tidak: 1}
  - kegiatan: Pengesahan
    pelaksana: [Kasubag, Kabid]
    waktu: 15
"""


def write(tmp_path: Path, text: str, name: str = "uji.yml") -> Path:
    folder = tmp_path / "sops" / "dinas-uji"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_instansi.yml").write_text(AGENCY, encoding="utf-8")
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(tmp_path: Path, text: str, name: str = "uji.yml"):
    path = write(tmp_path, text, name)
    return load_sop(path, tmp_path, "dinas-uji")


def only_error(tmp_path: Path, text: str, *, line: int, path: str, contains: str):
    sop, errors = load(tmp_path, text)
    assert sop is None
    matching = [e for e in errors if e.line == line and e.path == path and contains in e.message]
    assert matching, "\n".join(e.format() for e in errors)
    error = matching[0]
    assert error.file == "sops/dinas-uji/uji.yml"
    assert error.format().startswith(f"sops/dinas-uji/uji.yml:{line}:")
    return error


def test_valid_file_loads_into_the_model(tmp_path):
    sop, errors = load(tmp_path, VALID)
    assert errors == []
    assert sop.nomor == "065/767-1.01/BKPSDM"
    assert sop.disahkan_oleh.nip == "196005241981031005"  # unquoted 18 digits stay text
    steps = sop.prosedur[0].langkah
    assert [s.simbol for s in steps] == ["mulai", "keputusan", "selesai"]
    assert [s.no for s in steps] == [1, 2, 3]
    assert steps[1].cabang[0].label == "Ya" and steps[1].cabang[1].label == "Tidak"
    assert steps[1].cabang[1].ke == steps[0].key
    assert steps[2].pelaksana == ("Kasubag", "Kabid")
    assert steps[2].waktu == "15"  # a bare number in a text field stays text
    assert steps[0].anchor == "langkah-1"
    assert sop.prosedur[0].jumlah_waktu.teks == "1 hari 15 menit"


def test_yaml_12_core_schema_keeps_no_and_yes_as_text(tmp_path):
    sop, errors = load(
        tmp_path,
        """\
        nama: Uji
        pelaksana: [A]
        langkah:
          - kegiatan: Mulai
            pelaksana: A
            no: 1
          - kegiatan: Tanya
            pelaksana: A
            cabang: {Yes: 3, No: 1}
          - kegiatan: Selesai
            pelaksana: A
        """,
    )
    assert errors == []
    assert [c.label for c in sop.prosedur[0].langkah[1].cabang] == ["Yes", "No"]


def test_unknown_key_suggests_the_right_one(tmp_path):
    error = only_error(
        tmp_path,
        VALID.replace("tanggal_efektif:", "tanggal_efektf:"),
        line=4,
        path="tanggal_efektf",
        contains='maksud Anda "tanggal_efektif"?',
    )
    assert "tidak dikenal" in error.message


def test_unknown_key_in_a_step(tmp_path):
    only_error(
        tmp_path,
        VALID.replace("    waktu: 1 hari", "    wakt: 1 hari"),
        line=10,
        path="langkah[1].wakt",
        contains='maksud Anda "waktu"?',
    )


def test_duplicate_key(tmp_path):
    only_error(tmp_path, VALID + "nama: Lagi\n", line=18, path="nama", contains="ditulis dua kali (pertama di baris 2)")


def test_list_where_text_was_meant(tmp_path):
    error = only_error(
        tmp_path, VALID.replace("nama: Penyusunan LKIP", "nama: [Penyusunan, LKIP]"), line=2, path="nama", contains="ditemukan daftar"
    )
    assert "seharusnya teks" in error.message


def test_mapping_where_list_was_meant(tmp_path):
    only_error(
        tmp_path, VALID.replace("nomor:", "dasar_hukum: {a: b}\nnomor:"), line=1, path="dasar_hukum", contains="seharusnya daftar"
    )


def test_unknown_lane(tmp_path):
    error = only_error(
        tmp_path,
        VALID.replace("    pelaksana: Kasubag\n    cabang", "    pelaksana: Kasubg\n    cabang"),
        line=13,
        path="langkah[2].pelaksana",
        contains='"Kasubg" bukan nama pelaksana',
    )
    assert 'maksud Anda "Kasubag"?' in error.message


def test_unknown_lane_in_a_joint_step_points_at_that_item(tmp_path):
    only_error(
        tmp_path, VALID.replace("[Kasubag, Kabid]", "[Kasubag, Kadis]"), line=16, path="langkah[3].pelaksana", contains='"Kadis"'
    )


def test_dangling_number_reference(tmp_path):
    only_error(
        tmp_path, VALID.replace("{Ya: 3, Tidak: 1}", "{Ya: 9, Tidak: 1}"), line=14, path="langkah[2].cabang.Ya", contains="tidak ada langkah bernomor 9"
    )


def test_dangling_id_reference(tmp_path):
    text = VALID.replace("    waktu: 1 hari", "    waktu: 1 hari\n    ke: cke")
    error = only_error(tmp_path, text, line=11, path="langkah[1].ke", contains='tidak ada langkah dengan id "cke"')
    assert 'maksud Anda "cek"?' in error.message


def test_duplicate_id(tmp_path):
    text = VALID.replace("  - kegiatan: Pengesahan", "  - id: cek\n    kegiatan: Pengesahan")
    only_error(tmp_path, text, line=15, path="langkah[3].id", contains='id "cek" sudah dipakai')


def only_warning(tmp_path: Path, text: str, *, line: int, path: str, contains: str):
    """A drafting flaw of a signed form: reported as peringatan at its place, and the SOP still loads."""
    sop, errors = load(tmp_path, text)
    assert sop is not None, "\n".join(e.format() for e in errors)
    matching = [e for e in errors if e.line == line and e.path == path and contains in e.message]
    assert matching, "\n".join(e.format() for e in errors)
    assert all(e.level != "kesalahan" for e in errors)
    assert matching[0].level == "peringatan"
    return sop


def test_decision_with_one_branch_is_a_warning(tmp_path):
    only_warning(
        tmp_path, VALID.replace("{Ya: 3, Tidak: 1}", "{Ya: 3}"), line=14, path="langkah[2].cabang", contains="punya 1 cabang"
    )


def test_cabang_list_form_allows_two_exits_with_one_label(tmp_path):
    text = VALID.replace("cabang: {Ya: 3, Tidak: 1}", "cabang: [{label: Ya, ke: 3}, {label: Ya, ke: 1}]")
    sop, errors = load(tmp_path, text)
    assert errors == []
    assert [c.label for c in sop.prosedur[0].langkah[1].cabang] == ["Ya", "Ya"]


def test_exit_written_twice(tmp_path):
    text = VALID.replace("cabang: {Ya: 3, Tidak: 1}", "cabang: [{label: Ya, ke: 3}, {label: Ya, ke: 3}]")
    only_error(tmp_path, text, line=14, path="langkah[2].cabang", contains='cabang "Ya" ke langkah 3 ditulis dua kali')
    text = VALID.replace("    waktu: 1 hari", "    waktu: 1 hari\n    ke: [2, 2]")
    only_error(tmp_path, text, line=11, path="langkah[1].ke[2]", contains="tujuan langkah 2 ditulis dua kali")


def test_unreachable_step(tmp_path):
    text = """\
    nama: Uji
    pelaksana: [A]
    langkah:
      - kegiatan: Mulai
        pelaksana: A
        ke: 3
      - kegiatan: Terlewat
        pelaksana: A
      - kegiatan: Selesai
        pelaksana: A
    """
    only_warning(tmp_path, text, line=7, path="langkah[2]", contains="tidak dicapai panah mana pun")


def test_flow_with_no_end(tmp_path):
    text = """\
    nama: Uji
    pelaksana: [A]
    langkah:
      - kegiatan: Mulai
        pelaksana: A
      - kegiatan: Ulang
        pelaksana: A
        ke: 1
    """
    only_error(tmp_path, text, line=4, path="langkah[1]", contains="tidak punya langkah selesai")


def test_loop_without_exit(tmp_path):
    text = """\
    nama: Uji
    pelaksana: [A]
    langkah:
      - kegiatan: Mulai
        pelaksana: A
      - kegiatan: Periksa
        pelaksana: A
        cabang: {Ya: 1, Tidak: 2}
      - kegiatan: Selesai
        pelaksana: A
        simbol: mulai
      - kegiatan: Akhir
        pelaksana: A
    """
    only_error(tmp_path, text, line=4, path="langkah[1]", contains="berputar tanpa pernah sampai")


def test_explicit_numbers_and_unnumbered_rows(tmp_path):
    text = """\
    nama: Uji
    pelaksana: [A]
    langkah:
      - kegiatan: Satu
        pelaksana: A
      - kegiatan: Catatan antara
        pelaksana: A
        no: null
      - kegiatan: Lima
        pelaksana: A
        no: 5
      - kegiatan: Enam
        pelaksana: A
    """
    sop, errors = load(tmp_path, text)
    assert errors == []
    steps = sop.prosedur[0].langkah
    assert [s.no for s in steps] == [1, None, 5, 6]
    assert steps[1].anchor == "langkah-x2"


def test_bad_nip(tmp_path):
    only_error(
        tmp_path, VALID.replace("nip: 196005241981031005", "nip: 1960052419"), line=5, path="disahkan_oleh.nip", contains="18 angka"
    )


def test_bad_date(tmp_path):
    only_error(tmp_path, VALID.replace("2017-12-27", "27-12-2017"), line=4, path="tanggal_efektif", contains="TTTT-BB-HH")


def test_bad_status(tmp_path):
    only_error(tmp_path, VALID.replace("status: berlaku", "status: berlak"), line=3, path="status", contains='maksud Anda "berlaku"?')


def test_python_object_tag_is_refused(tmp_path):
    only_error(
        tmp_path, VALID.replace('nomor: "065/767-1.01/BKPSDM"', 'nomor: !!python/object/apply:os.system ["true"]'),
        line=1, path="nomor", contains="tidak diizinkan",
    )  # fmt: skip


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    sop, errors = load(tmp_path, "\n".join(lines) + "\n")
    assert sop is None
    assert any("alias" in e.message for e in errors)
    # Not a timing assertion on the build: a guard that expansion was cut short (9**10 nodes otherwise).
    assert time.perf_counter() - start < 30


def test_yaml_syntax_error_is_located_and_indonesian(tmp_path):
    sop, errors = load(tmp_path, "nama: Uji\npelaksana: [A\nlangkah: []\n")
    assert sop is None
    assert errors[0].line >= 2
    assert "YAML tidak dapat dibaca" in errors[0].message


def test_every_error_is_reported_not_only_the_first(tmp_path):
    text = VALID.replace("status: berlaku", "status: x").replace("tanggal_efektif:", "tgl:").replace("Kasubag\n    cabang", "Kasub\n    cabang")
    sop, errors = load(tmp_path, text)
    assert sop is None
    assert {e.path for e in errors} >= {"status", "tgl", "langkah[2].pelaksana"}


def test_sub_prosedur_numbers_each_chart(tmp_path):
    text = """\
    nama: Pembayaran
    pelaksana: [PPK, Bendahara]
    sub_prosedur:
      - judul: Akun 521211
        langkah:
          - {kegiatan: Ajukan, pelaksana: PPK}
          - {kegiatan: Bayar, pelaksana: Bendahara}
      - judul: Akun 521213
        pelaksana: [Bendahara]
        langkah:
          - {kegiatan: Ajukan, pelaksana: Bendahara}
          - {kegiatan: Bayar, pelaksana: Bendahara}
    """
    sop, errors = load(tmp_path, text)
    assert errors == []
    assert [p.judul for p in sop.prosedur] == ["Akun 521211", "Akun 521213"]
    assert sop.prosedur[1].pelaksana == ("Bendahara",)
    assert sop.prosedur[1].langkah[0].anchor == "langkah-2-1"


def test_file_name_must_be_a_url_id(tmp_path):
    sop, errors = load(tmp_path, VALID, name="Penyusunan LKIP.yml")
    assert sop is None
    assert "penyusunan-lkip.yml" in errors[0].message


def test_portal_requires_agency_identity(tmp_path):
    folder = tmp_path / "sops" / "tanpa-identitas"
    folder.mkdir(parents=True)
    (folder / "a.yml").write_text(VALID, encoding="utf-8")
    result = load_portal(tmp_path / "sops", tmp_path)
    assert result.failed
    assert result.errors[0].file == "sops/tanpa-identitas"
    assert "_instansi.yml" in result.errors[0].message


def test_repository_sops_are_valid():
    root = Path(__file__).resolve().parent.parent
    result = load_portal(root / "sops", root)
    assert not result.failed, "\n".join(e.format() for e in result.errors)
    assert len(result.portal.sops) >= 3
    assert {a.id for a in result.portal.instansi} >= {
        "kesbangpol-kota-tangerang",
        "kesbangpol-kab-pesisir-selatan",
        "bkpsdm-kota-tangerang",
    }


@pytest.mark.parametrize(
    ("uid", "total"),
    [
        ("kesbangpol-kota-tangerang/penyusunan-perjanjian-kinerja", "4 hari 3 jam 35 menit"),
        ("bkpsdm-kota-tangerang/penyusunan-lkip", "15 hari"),
        ("kesbangpol-kab-pesisir-selatan/pengukuran-kinerja", "13 jam 15 menit"),
    ],
)
def test_seed_totals(uid, total):
    root = Path(__file__).resolve().parent.parent
    sops = {s.uid: s for s in load_portal(root / "sops", root).portal.sops}
    assert sops[uid].prosedur[0].jumlah_waktu.teks == total


@pytest.mark.parametrize(
    "line, message",
    [
        ("situs: javascript:alert(1)", 'situs: "javascript:alert(1)" bukan alamat web'),
        ("situs: bkpsdm.tangerangkota.go.id", "tulis lengkap, misalnya https://"),
        ("logo: https://cdn.example.com/logo.png", "adalah alamat di situs lain"),
        ("logo: //cdn.example.com/logo.png", "gambar/logo-bkpsdm-contoh.png"),
    ],
)
def test_agency_address_and_logo_stay_safe(tmp_path, line, message):
    """`situs` becomes a link citizens click and `logo` an image every SOP page loads."""
    from sop_portal.format.loader import load_instansi

    path = tmp_path / "sops" / "bkpsdm-contoh" / "_instansi.yml"
    path.parent.mkdir(parents=True)
    path.write_text(f"nama: BKPSDM Contoh\n{line}\n", encoding="utf-8")
    agency, errors = load_instansi(path, tmp_path)
    assert agency is None
    assert [(e.line, e.path) for e in errors] == [(2, line.split(":")[0])]
    assert message in errors[0].format(), errors[0].format()


def test_agency_web_address_and_own_logo_are_accepted(tmp_path):
    from sop_portal.format.loader import load_instansi

    path = tmp_path / "sops" / "bkpsdm-contoh" / "_instansi.yml"
    path.parent.mkdir(parents=True)
    path.write_text("nama: BKPSDM Contoh\nsitus: https://bkpsdm.tangerangkota.go.id/profil\nlogo: gambar/logo.png\n", encoding="utf-8")
    agency, errors = load_instansi(path, tmp_path)
    assert errors == [] and agency is not None
    assert (agency.situs, agency.logo) == ("https://bkpsdm.tangerangkota.go.id/profil", "gambar/logo.png")
