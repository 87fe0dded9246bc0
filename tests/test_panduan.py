"""The contributor guide (/panduan/): built, in Indonesian, and true.

Everything the guide shows is checked against the real tools: every error it
explains is produced by a broken file and must carry the message fragment the
guide quotes; its complete example SOP loads cleanly; its sample `check`
output is what `check` prints for the scaffold with one typo; its sample
spreadsheet imports. A guide that drifts from the code fails here.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
from pathlib import Path

from click.testing import CliRunner
from conftest import BROKEN_SOP, ROOT, make_project, write_tree

from sop_portal.cli import main as cli
from sop_portal.cli.importer import convert
from sop_portal.format import relations
from sop_portal.format.loader import load_portal, load_sop

GUIDE = ROOT / "content" / "panduan"
PAGES = {
    "panduan/": "Panduan kontributor",
    "panduan/cara-menyunting/": "Menambah dan merevisi SOP",
    "panduan/format/": "Format berkas SOP",
    "panduan/kesalahan/": "Arti pesan kesalahan",
    "panduan/peninjauan/": "Peninjauan dan penerbitan",
}


def test_guide_pages_are_built_in_indonesian(seed_site):
    for url, title in PAGES.items():
        html = seed_site.html(url)
        assert '<html lang="id"' in html, url
        assert f">{title}</h1>" in html, url
    # Linked from each other (a strict build already proved the links resolve).
    assert 'href="kesalahan/"' in seed_site.html("panduan/")
    assert 'id="codeowners"' in seed_site.html("panduan/peninjauan/")


# -- the error catalogue --------------------------------------------------------------

# One broken portal per error the guide explains, keyed by the guide's anchor for it.
BASE_HEAD = "nama: Contoh\npelaksana: [Staf, Kepala]\n"
STEPS = "langkah:\n  - kegiatan: Satu\n    pelaksana: Staf\n  - kegiatan: Dua\n    pelaksana: Kepala\n"


def sop(body: str, head: str = BASE_HEAD) -> str:
    return head + body


CASES: dict[str, dict[str, str | bytes]] = {
 "yaml-titik-dua": {"a/x.yml": sop("langkah:\n  - kegiatan: Rapat: pembahasan\n    pelaksana: Staf\n")},
 "yaml-tab": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n\tpelaksana: Staf\n")},
 "yaml-indentasi": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n    pelaksana: Staf\n - kegiatan: Dua\n    pelaksana: Staf\n")},
 "yaml-kurung": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n    pelaksana: [Staf\n  - kegiatan: Dua\n    pelaksana: Staf\n")},
 "kunci-tidak-dikenal": {"a/x.yml": sop(STEPS + "    wakktu: 5 menit\n")},
 "kunci-ganda": {"a/x.yml": sop(STEPS + "    kegiatan: Tiga\n")},
 "wajib-diisi": {"a/x.yml": "nama: Contoh\nlangkah:\n  - kegiatan: Satu\n    pelaksana: Staf\n"},
 "jenis-nilai": {"a/x.yml": sop("langkah:\n  - kegiatan:\n      - Satu\n    pelaksana: Staf\n  - kegiatan: Dua\n    pelaksana: Staf\n")},
 "pelaksana-tidak-dikenal": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n    pelaksana: Kepla\n  - kegiatan: Dua\n    pelaksana: Staf\n")},
 "pelaksana-ganda": {"a/x.yml": sop(STEPS, head="nama: Contoh\npelaksana: [Staf, Kepala, Staf]\n")},
 "rujukan-nomor": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n    pelaksana: Staf\n  - kegiatan: Cek\n    pelaksana: Kepala\n    cabang: {Ya: 9, Tidak: 1}\n  - kegiatan: Tiga\n    pelaksana: Staf\n")},
 "rujukan-id": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n    pelaksana: Staf\n  - kegiatan: Cek\n    pelaksana: Kepala\n    cabang: {Ya: 3, Tidak: cek-berkas}\n  - kegiatan: Tiga\n    pelaksana: Staf\n")},
 "id-ganda": {"a/x.yml": sop("langkah:\n  - id: cek\n    kegiatan: Satu\n    pelaksana: Staf\n  - id: cek\n    kegiatan: Dua\n    pelaksana: Kepala\n")},
 "nomor-ganda": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n    pelaksana: Staf\n  - no: 1\n    kegiatan: Dua\n    pelaksana: Kepala\n")},
 "cabang-kurang": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n    pelaksana: Staf\n  - kegiatan: Cek\n    pelaksana: Kepala\n    cabang: {Ya: 3}\n  - kegiatan: Tiga\n    pelaksana: Staf\n")},
 "tujuan-ganda": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n    pelaksana: Staf\n  - kegiatan: Cek\n    pelaksana: Kepala\n    cabang: [{label: Ya, ke: 3}, {label: Ya, ke: 3}]\n  - kegiatan: Tiga\n    pelaksana: Staf\n")},
 "keputusan-tanpa-cabang": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n    pelaksana: Staf\n  - kegiatan: Cek\n    pelaksana: Kepala\n    simbol: keputusan\n  - kegiatan: Tiga\n    pelaksana: Staf\n")},
 "tidak-tercapai": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n    pelaksana: Staf\n    ke: 3\n  - kegiatan: Dua\n    pelaksana: Kepala\n  - kegiatan: Tiga\n    pelaksana: Staf\n")},
 "tanpa-selesai": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n    pelaksana: Staf\n  - kegiatan: Dua\n    pelaksana: Kepala\n    ke: 1\n")},
 "perulangan": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n    pelaksana: Staf\n  - kegiatan: Cek\n    pelaksana: Kepala\n    cabang: {Ya: 1, Tidak: 1}\n  - kegiatan: Tiga\n    pelaksana: Staf\n")},
 "selesai-dengan-ke": {"a/x.yml": sop("langkah:\n  - kegiatan: Satu\n    pelaksana: Staf\n  - kegiatan: Dua\n    pelaksana: Kepala\n    simbol: selesai\n    ke: 1\n  - kegiatan: Tiga\n    pelaksana: Staf\n")},
 "pilihan-tidak-dikenal": {"a/x.yml": sop(STEPS + "status: aktif\n")},
 "tanggal": {"a/x.yml": sop(STEPS + "tanggal_efektif: 27-12-2017\ntanggal_revisi: 2017-02-30\n")},
 "nip": {"a/x.yml": sop(STEPS + "disahkan_oleh:\n  jabatan: Kepala\n  nip: 19600524\n")},
 "satuan-waktu": {"a/x.yml": sop(STEPS + "satuan_waktu: detik\n")},
 "kolom-mutu-baku": {"a/x.yml": sop(STEPS + "kolom_mutu_baku: [waktu, hasil]\n")},
 "langkah-dan-sub-prosedur": {"a/x.yml": sop(STEPS + "sub_prosedur:\n  - judul: A\n    langkah:\n      - kegiatan: Satu\n        pelaksana: Staf\n")},
 "nama-berkas": {"a/Penyusunan LKIP.yml": sop(STEPS)},
 "bukan-utf8": {"a/x.yml": (sop("langkah:\n  - kegiatan: Rapat \u2013 pembahasan\n    pelaksana: Staf\n  - kegiatan: Dua\n    pelaksana: Staf\n")).encode("cp1252")},
 "tanpa-instansi": {"b/x.yml": sop(STEPS)},
 "di-luar-folder": {"x.yml": sop(STEPS)},
 "keterkaitan": {"a/x.yml": sop(STEPS + "keterkaitan: [SOP Penyusunan Renstra]\n")},
}


def _sections(text: str) -> dict[str, str]:
    """{anchor: quoted message fragment} for every '### Title {#anchor}' with a 'Pesan: `…`' line."""
    found = {}
    for match in re.finditer(r"^### [^\n]*\{#([a-z0-9-]+)\}\n(.*?)(?=^#{2,3} |\Z)", text, re.S | re.M):
        anchor, body = match.groups()
        message = re.search(r"^Pesan: `([^`]+)`", body, re.M)
        assert message, f"section #{anchor} of kesalahan.md has no 'Pesan: `…`' line"
        found[anchor] = message.group(1)
    return found


def _messages(files: dict[str, str | bytes]) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sops = root / "sops"
        (sops / "a").mkdir(parents=True)
        (sops / "a" / "_instansi.yml").write_text("nama: Instansi A\n", encoding="utf-8")
        write_tree(sops, files)
        result = load_portal(sops, root)
        notes = relations.resolve(result.portal).catatan
        return [e.format() for e in (*result.errors, *notes)]


def test_every_explained_error_is_a_real_message():
    sections = _sections((GUIDE / "kesalahan.md").read_text(encoding="utf-8"))
    assert set(sections) == set(CASES), (
        f"guide without a test case: {sorted(set(sections) - set(CASES))}; "
        f"test case without a guide section: {sorted(set(CASES) - set(sections))}"
    )
    for anchor, fragment in sections.items():
        messages = _messages(CASES[anchor])
        assert any(fragment in m for m in messages), f"#{anchor}: {fragment!r} not in {messages}"


def test_how_to_read_example_is_real_output(tmp_path):
    text = (GUIDE / "kesalahan.md").read_text(encoding="utf-8")
    example = re.search(r"## Cara membaca pesan.*?```text\n(.*?)\n```", text, re.S).group(1)
    project = make_project(tmp_path, sops={"dinkes/_instansi.yml": "nama: Dinas Kesehatan\n", "dinkes/rusak.yml": BROKEN_SOP})
    result = load_portal(project / "sops", project)
    assert example in [e.format() for e in result.errors]


# -- examples that must work ------------------------------------------------------------


def test_complete_example_loads_cleanly(tmp_path):
    text = (GUIDE / "format.md").read_text(encoding="utf-8")
    example = re.search(r"## Contoh lengkap.*?```yaml\n(.*?)```", text, re.S).group(1)
    path = tmp_path / "sops" / "bkpsdm-kota-tangerang" / "penyusunan-lkip.yml"
    path.parent.mkdir(parents=True)
    path.write_text(example, encoding="utf-8")
    sop, errors = load_sop(path, tmp_path, "bkpsdm-kota-tangerang")
    assert sop is not None and errors == [], errors
    assert sop.semua_langkah[1].simbol == "keputusan"


def test_sample_check_output_is_what_check_prints(tmp_path, monkeypatch):
    text = (GUIDE / "cara-menyunting.md").read_text(encoding="utf-8")
    sample = re.search(r"Hasilnya dikelompokkan per berkas.*?```text\n(.*?)```", text, re.S).group(1)
    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()
    # The guide's agency is one a started portal has (sop-portal mulai leaves no sample agency).
    assert runner.invoke(cli.main, ["new-instansi", "dinkes", "--nama", "Dinas Kesehatan"]).exit_code == 0
    assert runner.invoke(cli.main, ["new", "--instansi", "dinkes", "Penerbitan Surat Keterangan Sehat"]).exit_code == 0
    target = project / "sops/dinkes/penerbitan-surat-keterangan-sehat.yml"
    skeleton = target.read_text(encoding="utf-8")
    target.write_text(skeleton.replace("    pelaksana: Pelaksana\n", "    pelaksana: Pelaksna\n", 1), encoding="utf-8")
    result = runner.invoke(cli.main, ["check", "sops/dinkes/penerbitan-surat-keterangan-sehat.yml"])
    assert result.exit_code == 1
    assert result.output.strip() == sample.strip()


def test_sample_spreadsheet_table_imports(tmp_path):
    text = (GUIDE / "cara-menyunting.md").read_text(encoding="utf-8")
    table = re.search(r"\n(\| No \| Kegiatan .*?)\n\n", text, re.S).group(1)
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()]
    rows = [r for r in rows if not all(set(c) <= set("-") for c in r)]  # drop the |---| line
    source = tmp_path / "tabel-cuti.csv"
    with source.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    imported = convert(source, nama="Pelayanan Cuti Pegawai", sheet_name=None, schema_line="#", today=dt.date(2025, 1, 1))
    assert imported.steps == 3 and imported.lanes == 3


# -- CODEOWNERS -------------------------------------------------------------------------


def test_codeowners_example_is_well_formed_and_points_at_real_folders():
    lines = [
        line.split()
        for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines, "CODEOWNERS has no rules"
    agencies = set()
    for pattern, *owners in lines:
        assert owners and all(re.fullmatch(r"@[A-Za-z0-9-]+/[a-z0-9-]+", o) for o in owners), (pattern, owners)
        if pattern != "*":
            assert (ROOT / pattern.strip("/")).is_dir(), f"CODEOWNERS names a folder that does not exist: {pattern}"
            if pattern.startswith("/sops/"):
                agencies.add(pattern.strip("/").split("/")[1])
    assert lines[0][0] == "*"  # the catch-all first, so the agency rules below it win
    assert agencies, "no agency folder in CODEOWNERS"
    # The guide shows the same rules.
    guide = (GUIDE / "peninjauan.md").read_text(encoding="utf-8")
    assert "/sops/bkpsdm-kota-tangerang/             @ORGANISASI/tim-bkpsdm-kota-tangerang" in guide
