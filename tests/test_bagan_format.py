"""Rows with several symbols (`bagan`, `bersama`, ARCHITECTURE.md, "Rows with several symbols") and the drafting flaws of signed forms.

Each test writes a small invented SOP and asserts the model, or the located Indonesian message
(file:line, field path, level) for a mistake.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sop_portal.format.loader import load_sop

AGENCY = "nama: Dinas Pengujian Bagan\nsingkatan: DPB\n"
HEAD = """\
nama: Uji Bagan
pelaksana: [Kepala, Sekretaris, Bagian Umum, Staf]
langkah:
"""


def load(tmp_path: Path, body: str):
    folder = tmp_path / "sops" / "dinas-uji"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_instansi.yml").write_text(AGENCY, encoding="utf-8")
    path = folder / "uji.yml"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return load_sop(path, tmp_path, "dinas-uji")


def report(errors) -> str:
    return "\n".join(e.format() for e in errors)


def find(errors, *, line: int, path: str, contains: str, level: str):
    hits = [e for e in errors if e.line == line and e.path == path and contains in e.message and e.level == level]
    assert hits, report(errors)
    assert hits[0].format().startswith(f"sops/dinas-uji/uji.yml:{line}:")
    return hits[0]


def test_disposition_row_process_then_decision_in_another_lane(tmp_path):
    sop, errors = load(
        tmp_path,
        """\
          - kegiatan: Menerima surat
            pelaksana: Staf
          - kegiatan: Memberi disposisi dan menentukan tujuan
            bagan:
              - {pelaksana: Kepala, simbol: proses}
              - {id: tujuan, pelaksana: Bagian Umum, teks: Tujuan?, cabang: {Teknis: 3, Administratif: arsip}}
          - kegiatan: Menindaklanjuti
            pelaksana: Sekretaris
            ke: 4
          - id: arsip
            kegiatan: Mengarsipkan
            pelaksana: Staf
        """,
    )
    assert sop is not None, report(errors)
    assert errors == []
    row = sop.prosedur[0].langkah[1]
    assert [(i.pelaksana, i.simbol) for i in row.items] == [("Kepala", "proses"), ("Bagian Umum", "keputusan")]
    assert row.items[0].key == row.key and row.items[1].key == "tujuan"
    assert row.items[0].ke == ("tujuan",)  # the row's chain: an arrow from the box to the diamond
    assert [(c.label, c.ke) for c in row.items[1].cabang] == [("Teknis", "#2"), ("Administratif", "arsip")]
    assert row.pelaksana == ("Kepala", "Bagian Umum") and row.multi and not row.bersama
    assert sop.prosedur[0].langkah[0].items[0].ke == ("#1",)  # a connection into a row enters its first item


def test_two_parallel_starts_each_with_its_own_path(tmp_path):
    sop, errors = load(
        tmp_path,
        """\
          - kegiatan: Menerima surat masuk
            bagan:
              - {pelaksana: Bagian Umum, simbol: mulai, teks: Langsung ke kantor, ke: 2}
              - {pelaksana: Sekretaris, simbol: mulai, teks: Via email, ke: 3}
          - kegiatan: Mencatat surat
            pelaksana: Bagian Umum
            ke: 4
          - kegiatan: Mengunduh surat
            pelaksana: Sekretaris
          - kegiatan: Selesai
            pelaksana: Staf
        """,
    )
    assert sop is not None, report(errors)
    assert errors == []
    first = sop.prosedur[0].langkah[0]
    assert [i.ke for i in first.items] == [("#1",), ("#2",)]


def test_box_opened_and_closed_by_its_own_capsules(tmp_path):
    sop, errors = load(
        tmp_path,
        """\
          - kegiatan: Menyiapkan berkas
            bagan: [{pelaksana: Staf, simbol: mulai}, {pelaksana: Staf}]
          - kegiatan: Menyerahkan berkas
            bagan: [{pelaksana: Kepala}, {pelaksana: Kepala, simbol: selesai}]
        """,
    )
    assert sop is not None, report(errors)
    assert errors == []
    rows = sop.prosedur[0].langkah
    assert [i.simbol for i in rows[0].items] == ["mulai", "proses"]
    assert rows[0].items[0].ke == ("#0.2",) and rows[0].items[1].ke == ("#1",)
    assert rows[1].items[1].ke == () and rows[1].items[1].simbol == "selesai"


def test_three_end_capsules_are_chained_and_the_path_ends_at_the_last(tmp_path):
    sop, errors = load(
        tmp_path,
        """\
          - kegiatan: Mulai
            pelaksana: Staf
          - kegiatan: Menutup kegiatan
            bagan:
              - {pelaksana: Kepala, simbol: selesai}
              - {pelaksana: Bagian Umum, simbol: selesai}
              - {pelaksana: Staf, simbol: selesai}
        """,
    )
    assert sop is not None, report(errors)
    items = sop.prosedur[0].langkah[1].items
    assert [i.ke for i in items] == [("#1.2",), ("#1.3",), ()]


def test_bersama_joins_items_and_the_flow_leaves_the_last(tmp_path):
    sop, errors = load(
        tmp_path,
        """\
          - kegiatan: Mulai
            pelaksana: Staf
          - kegiatan: Rapat pembahasan
            bersama: true
            bagan: [{pelaksana: Kepala}, {pelaksana: Bagian Umum}, {pelaksana: Staf}]
          - kegiatan: Selesai
            pelaksana: Staf
        """,
    )
    assert sop is not None, report(errors)
    assert errors == []
    row = sop.prosedur[0].langkah[1]
    assert row.bersama and not row.multi
    assert [i.ke for i in row.items] == [(), (), ("#2",)]


def test_shorthand_joint_step_is_bersama_with_one_item_per_lane(tmp_path):
    sop, errors = load(
        tmp_path,
        """\
          - kegiatan: Mulai
            pelaksana: Staf
          - kegiatan: Memeriksa bersama
            pelaksana: [Kepala, Bagian Umum]
            cabang: {Ya: 3, Tidak: 1}
          - kegiatan: Selesai
            pelaksana: Staf
        """,
    )
    assert sop is not None, report(errors)
    row = sop.prosedur[0].langkah[1]
    assert row.bersama and [i.simbol for i in row.items] == ["keputusan", "keputusan"]
    assert row.items[0].cabang == () and [c.label for c in row.items[1].cabang] == ["Ya", "Tidak"]
    assert row.pelaksana == ("Kepala", "Bagian Umum") and row.simbol == "keputusan"


def test_an_item_id_is_a_reference_target(tmp_path):
    sop, errors = load(
        tmp_path,
        """\
          - kegiatan: Mulai
            pelaksana: Staf
            ke: periksa
          - kegiatan: Memeriksa
            bagan:
              - {pelaksana: Kepala}
              - {id: periksa, pelaksana: Sekretaris, cabang: {Ya: 3, Tidak: 1}}
          - kegiatan: Selesai
            pelaksana: Staf
        """,
    )
    assert sop is not None, report(errors)
    assert sop.prosedur[0].langkah[0].items[0].ke == ("periksa",)
    # The box nobody enters is drawn as written and reported, not refused.
    find(errors, line=9, path="langkah[2].bagan[1]", contains="tidak dicapai panah", level="peringatan")


@pytest.mark.parametrize(
    "body, line, path, contains",
    [
        (  # a lane not in pelaksana
            """\
              - kegiatan: Satu
                bagan: [{pelaksana: Kepala}, {pelaksana: Bendahara}]
            """,
            5, "langkah[1].bagan[2].pelaksana", '"Bendahara" bukan nama pelaksana',
        ),
        (  # both pelaksana and bagan
            """\
              - kegiatan: Satu
                pelaksana: Kepala
                bagan: [{pelaksana: Kepala}]
            """,
            5, "langkah[1].pelaksana", 'sudah menulis simbolnya di "bagan"',
        ),
        (  # a symbol key on a bagan row
            """\
              - kegiatan: Satu
                simbol: mulai
                bagan: [{pelaksana: Kepala}]
            """,
            5, "langkah[1].simbol", 'sudah menulis simbolnya di "bagan"',
        ),
        (  # an item id used twice
            """\
              - id: satu
                kegiatan: Satu
                bagan: [{pelaksana: Kepala}, {id: satu, pelaksana: Staf}]
            """,
            6, "langkah[1].bagan[2].id", 'id "satu" sudah dipakai',
        ),
        (  # bersama with one item
            """\
              - kegiatan: Satu
                bersama: true
                bagan: [{pelaksana: Kepala}]
            """,
            5, "langkah[1].bersama", "sedikitnya dua simbol",
        ),
        (  # bersama: exits leave from the last item
            """\
              - kegiatan: Satu
                bersama: true
                bagan: [{pelaksana: Kepala, ke: 1}, {pelaksana: Staf}]
            """,
            6, "langkah[1].bagan[1].ke", "alur keluar dari simbol terakhir",
        ),
        (  # an unknown key in an item
            """\
              - kegiatan: Satu
                bagan: [{pelaksana: Kepala, simbul: mulai}]
            """,
            5, "langkah[1].bagan[1].simbul", 'maksud Anda "simbol"',
        ),
        (  # neither pelaksana nor bagan
            """\
              - kegiatan: Satu
            """,
            4, "langkah[1].pelaksana", 'atau "bagan"',
        ),
        (  # an empty bagan
            """\
              - kegiatan: Satu
                bagan: []
            """,
            5, "langkah[1].bagan", "daftar bagan kosong",
        ),
    ],
)  # fmt: skip
def test_new_mistakes_are_located_errors(tmp_path, body, line, path, contains):
    sop, errors = load(tmp_path, body)
    assert sop is None
    find(errors, line=line, path=path, contains=contains, level="kesalahan")


@pytest.mark.parametrize(
    "body, line, path, contains",
    [
        (  # a diamond with a single exit
            """\
              - kegiatan: Mulai
                pelaksana: Staf
              - kegiatan: Memeriksa
                pelaksana: Kepala
                cabang: {Ya: 3}
              - kegiatan: Selesai
                pelaksana: Staf
            """,
            8, "langkah[2].cabang", "punya 1 cabang",
        ),
        (  # exits without labels
            """\
              - kegiatan: Mulai
                pelaksana: Staf
              - kegiatan: Memeriksa
                pelaksana: Kepala
                cabang: [{ke: 3}, {ke: 1}]
              - kegiatan: Selesai
                pelaksana: Staf
            """,
            8, "langkah[2].cabang", "2 cabang tanpa label",
        ),
        (  # a last box with no end capsule
            """\
              - kegiatan: Mulai
                pelaksana: Staf
              - kegiatan: Mengirim
                pelaksana: Kepala
                simbol: proses
            """,
            6, "langkah[2]", "tanpa simbol selesai",
        ),
        (  # a box no arrow reaches
            """\
              - kegiatan: Mulai
                pelaksana: Staf
                ke: 3
              - kegiatan: Terlewat
                pelaksana: Kepala
              - kegiatan: Selesai
                pelaksana: Staf
            """,
            7, "langkah[2]", "tidak dicapai panah",
        ),
        (  # a diamond with no branches at all
            """\
              - kegiatan: Mulai
                pelaksana: Staf
              - kegiatan: Menimbang
                pelaksana: Kepala
                simbol: keputusan
              - kegiatan: Selesai
                pelaksana: Staf
            """,
            8, "langkah[2].simbol", 'tidak punya "cabang"',
        ),
    ],
)  # fmt: skip
def test_drafting_flaws_of_signed_forms_are_warnings_and_still_load(tmp_path, body, line, path, contains):
    sop, errors = load(tmp_path, body)
    assert sop is not None, report(errors)
    find(errors, line=line, path=path, contains=contains, level="peringatan")
    assert all(e.level != "kesalahan" for e in errors)


def test_unlabelled_exit_is_kept_without_a_label(tmp_path):
    sop, _ = load(
        tmp_path,
        """\
          - kegiatan: Mulai
            pelaksana: Staf
          - kegiatan: Memeriksa
            pelaksana: Kepala
            cabang: [{label: Ya, ke: 3}, {ke: 1}]
          - kegiatan: Selesai
            pelaksana: Staf
        """,
    )
    assert sop is not None
    assert [(c.label, c.ke) for c in sop.prosedur[0].langkah[1].cabang] == [("Ya", "#2"), ("", "#0")]


def test_new_sop_comments_teach_bagan_and_their_examples_load(tmp_path):
    """`sop-portal new` explains rows with several symbols; its commented examples, uncommented, are valid."""
    import datetime as dt

    from sop_portal.cli.scaffold import sop_skeleton

    text = sop_skeleton("Uji", "dinas-uji", "uji", today=dt.date(2025, 1, 2), schema_line="# skema")
    block = text.split("Baris dengan beberapa simbol", 1)[1]
    assert "bagan" in block and "bersama: true" in block and "simbol: selesai" in block
    examples = "\n".join(line[2:] for line in block.splitlines() if line.startswith("#   "))
    folder = tmp_path / "sops" / "dinas-uji"
    folder.mkdir(parents=True)
    (folder / "_instansi.yml").write_text(AGENCY, encoding="utf-8")
    path = folder / "uji.yml"
    path.write_text("nama: Uji\npelaksana: [Pelaksana, Kepala Sub Bagian, Kepala Badan]\nlangkah:\n" + examples + "\n")
    sop, errors = load_sop(path, tmp_path, "dinas-uji")
    assert sop is not None, report(errors)
    assert [len(s.items) for s in sop.prosedur[0].langkah] == [2, 2, 2, 2]


def test_fixture_sops_validate_against_the_editor_schema():
    """The pattern fixtures (tests/fixtures/sops/uji-pola-bagan) are what the editor schema accepts."""
    import jsonschema
    from sop_portal.format.schema import sop_schema
    from test_opendata import as_editor_sees

    folder = Path(__file__).resolve().parent / "fixtures" / "sops" / "uji-pola-bagan"
    validator = jsonschema.Draft7Validator(sop_schema())
    checked = 0
    for path in sorted(folder.glob("[!_]*.yml")):
        errors = [e.message for e in validator.iter_errors(as_editor_sees(path.read_text(encoding="utf-8")))]
        assert errors == [], path.name
        checked += 1
    assert checked >= 6


def test_guide_examples_of_each_pattern_load(tmp_path):
    """/panduan/format/#bagan: every example row loads (in a chart with enough rows for its references)."""
    import re

    guide = (Path(__file__).resolve().parent.parent / "content" / "panduan" / "format.md").read_text(encoding="utf-8")
    section = guide.split("{#bagan}", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    assert len(blocks) >= 5
    for n, block in enumerate(blocks):
        lanes = list(dict.fromkeys(re.findall(r"pelaksana: ([^,}\]\n]+)", block)))
        filler = "".join(f"  - kegiatan: Lanjutan {i}\n    pelaksana: {lanes[0]}\n" for i in range(8))
        folder = tmp_path / str(n) / "sops" / "dinas-uji"
        folder.mkdir(parents=True)
        (folder / "_instansi.yml").write_text(AGENCY, encoding="utf-8")
        path = folder / "uji.yml"
        path.write_text(f"nama: Uji\npelaksana: [{', '.join(lanes)}]\nlangkah:\n{block}{filler}", encoding="utf-8")
        sop, errors = load_sop(path, tmp_path / str(n), "dinas-uji")
        assert sop is not None, report(errors)
        assert any(len(s.items) > 1 for s in sop.prosedur[0].langkah)


def test_phone_step_list_reads_a_multi_symbol_row_as_one_sentence():
    from sop_portal.format.loader import load_portal
    from sop_portal.site.views import alur_teks, exits_text

    fixtures = Path(__file__).resolve().parent / "fixtures"
    portal = load_portal(fixtures / "sops", fixtures).portal
    sops = {s.slug: s for s in portal.sops if s.instansi == "uji-pola-bagan"}
    surat = sops["disposisi-surat"].prosedur[0]
    said = {s.no: alur_teks(s, surat) for s in surat.langkah}
    assert said[4] == "Kepala Dinas: Proses → Sekretaris: Tujuan? Teknis → langkah 5, Administratif → langkah 6"
    assert said[1] == "Petugas Arsip: Langsung ke kantor → langkah 2; Sekretaris: Via surel → langkah 3"
    assert said[2] is None  # a row with one symbol keeps the usual list
    arsip = sops["keputusan-berantai"].prosedur[0]
    row = arsip.langkah[1]
    assert alur_teks(row, arsip) == "Petugas Layanan: Lengkap? Tidak → langkah 1; Ya → Arsiparis: Proses → langkah 3"
    flawed = sops["cacat-naskah"].prosedur[0]
    assert [e["teks"] for e in exits_text(flawed.langkah[2], flawed)] == ["Lanjut ke langkah 5", "Lanjut ke langkah 1"]


def test_guide_pictures_are_drawn_by_the_engine_and_named_by_the_guide():
    """Every <img> of /panduan/format/#bagan is one of the drawings the build publishes, and each
    drawing holds the symbols its pattern needs (several symbols in a row, a dashed join)."""
    import re

    from sop_portal.site.contoh_bagan import FOLDER, drawings

    pictures = drawings()
    guide = (Path(__file__).resolve().parent.parent / "content" / "panduan" / "format.md").read_text(encoding="utf-8")
    named = re.findall(r'<img src="\.\./contoh-bagan/([a-z-]+\.svg)" alt="[^"]+"', guide)
    assert len(named) >= 5 and {f"{FOLDER}/{n}" for n in named} == set(pictures)
    assert pictures[f"{FOLDER}/bersama.svg"].count(b'class="j"') == 1  # PPK dashed to the KPA|Tim shape
    assert b'data-pelaksana="KPA|Tim Perencanaan"' in pictures[f"{FOLDER}/bersama.svg"]
    dua = pictures[f"{FOLDER}/dua-mulai.svg"].decode()
    assert dua.count('data-langkah="1"') == 2 and "Via surel" in dua
