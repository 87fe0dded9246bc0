"""The `sop-portal` commands staff use: new, new-instansi, check, schema.

Commands run for real (click's runner in-process, or a subprocess where the
process boundary matters) inside temp copies of the portal; every file they
write is loaded back with the real loader.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys

import click
import jsonschema
import pytest
from click.testing import CliRunner
from conftest import BROKEN_SOP, ROOT, SAMPLE_SOPS, make_project

from sop_portal.cli import main as cli
from sop_portal.cli.scaffold import schema_files
from sop_portal.format.errors import ContentError, ErrorSink
from sop_portal.format.loader import load_portal
from sop_portal.format.yamlcore import YMap, YScalar, YSeq, parse

AGENCY = "bkpsdm-kota-tangerang"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the portal (sops, content, config, committed schema) as the working directory."""
    root = make_project(tmp_path / "portal")
    (root / "schema").mkdir()
    for name, text in schema_files().items():
        (root / "schema" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_COLOR", "1")
    return root


def run(*args: str):
    return CliRunner().invoke(cli.main, list(args))


def as_data(node):
    """A positioned YAML tree as plain JSON data, scalars as the loader sees them (YAML 1.2)."""
    if isinstance(node, YMap):
        return {k: as_data(v) for k, (_, v) in node.items.items()}
    if isinstance(node, YSeq):
        return [as_data(i) for i in node.items]
    assert isinstance(node, YScalar)
    return node.value if node.plain else node.raw


def yaml_data(text: str):
    sink = ErrorSink("x.yml")
    node = parse(text, sink)
    assert not sink.errors, sink.errors
    return as_data(node)


# -- new ---------------------------------------------------------------------------


def test_new_writes_a_skeleton_that_passes_check(project):
    result = run("new", "--instansi", AGENCY, "Pelayanan Kenaikan Pangkat")
    assert result.exit_code == 0, result.output
    target = project / "sops" / AGENCY / "pelayanan-kenaikan-pangkat.yml"
    assert f"sops/{AGENCY}/pelayanan-kenaikan-pangkat.yml" in result.output
    text = target.read_text(encoding="utf-8")

    # First line: the editor's schema, relative to the file, and it resolves to the committed schema.
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/sop.schema.json"
    assert (target.parent / first.split("=", 1)[1]).resolve() == (project / "schema/sop.schema.json").resolve()

    # Obviously a template: Indonesian comments, a draft, a commented example decision.
    assert "status: draf" in text
    assert "# cabang: {Ya: 3, Tidak: 1}" in text
    assert "nama: Pelayanan Kenaikan Pangkat" in text
    assert f"tanggal_pembuatan: {dt.date.today().isoformat()}" in text

    # It passes the same check the build applies, with no note either.
    loaded = load_portal(project / "sops", project)
    assert [e for e in loaded.errors if e.file.endswith("pelayanan-kenaikan-pangkat.yml")] == []
    sop = next(s for s in loaded.portal.sops if s.slug == "pelayanan-kenaikan-pangkat")
    assert sop.status == "draf" and sop.jumlah_langkah == 3
    check = run("check", str(target))
    assert check.exit_code == 0 and "Semua isi valid" in check.output

    # And the editor agrees: the skeleton validates against the schema it points at.
    schema = json.loads((project / "schema/sop.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml_data(text), schema)


def test_the_commented_decision_works_when_uncommented(project):
    run("new", "--instansi", AGENCY, "Contoh Keputusan")
    target = project / "sops" / AGENCY / "contoh-keputusan.yml"
    text = target.read_text(encoding="utf-8")
    text = text.replace("    # teks: Lengkap?", "    teks: Lengkap?").replace("    # cabang: {Ya", "    cabang: {Ya")
    target.write_text(text, encoding="utf-8")
    loaded = load_portal(project / "sops", project)
    assert not loaded.failed, loaded.errors
    sop = next(s for s in loaded.portal.sops if s.slug == "contoh-keputusan")
    decision = sop.semua_langkah[1]
    assert decision.simbol == "keputusan" and [c.label for c in decision.cabang] == ["Ya", "Tidak"]


def test_new_quotes_a_name_yaml_would_misread(project):
    result = run("new", "--instansi", AGENCY, "Layanan: Cuti #2")
    assert result.exit_code == 0, result.output
    loaded = load_portal(project / "sops", project)
    assert not loaded.failed, loaded.errors
    assert any(s.nama == "Layanan: Cuti #2" and s.slug == "layanan-cuti-2" for s in loaded.portal.sops)


def test_new_refuses_to_overwrite(project):
    assert run("new", "--instansi", AGENCY, "Penyusunan LKIP").exit_code == 1
    before = (project / "sops" / AGENCY / "penyusunan-lkip.yml").read_text(encoding="utf-8")
    result = run("new", "--instansi", AGENCY, "Penyusunan LKIP")
    assert result.exit_code == 1
    assert "sudah ada dan tidak ditimpa" in result.stderr
    assert (project / "sops" / AGENCY / "penyusunan-lkip.yml").read_text(encoding="utf-8") == before


def test_new_unknown_agency_lists_the_known_ones_with_a_suggestion(project):
    result = run("new", "--instansi", "bkpsdm", "Apa Saja")
    assert result.exit_code == 1
    assert 'instansi "bkpsdm" tidak ada' in result.stderr
    assert '(maksud Anda "bkpsdm-kota-tangerang"?)' in result.stderr
    assert '"kesbangpol-kab-pesisir-selatan"' in result.stderr
    assert "sop-portal new-instansi" in result.stderr
    assert not list((project / "sops").glob("*/apa-saja.yml"))


@pytest.mark.parametrize(
    "args, expected",
    [
        (["new", "Tanpa Instansi"], "tulis instansinya dengan --instansi ID"),
        (["new", "--instansi", AGENCY, "   "], "nama SOP kosong"),
        (["new", "--instansi", AGENCY], "nama SOP kosong"),
        # An invisible control character pasted into the name: the file would fail check.
        (["new", "--instansi", AGENCY, "Layanan\x07Surat"], "nama SOP: teks memuat karakter kendali tak terlihat (U+0007, karakter ke-8)"),
    ],
)
def test_new_usage_mistakes_get_indonesian_messages(project, args, expected):
    result = run(*args)
    assert result.exit_code == 1
    assert expected in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in (project / "sops" / AGENCY).iterdir()) == sorted(p.name for p in (SAMPLE_SOPS / AGENCY).iterdir())


# -- new-instansi --------------------------------------------------------------------


def test_new_instansi_then_new_sop_in_it(project):
    result = run(
        "new-instansi", "dinkes-kota-contoh", "--nama", "Dinas Kesehatan Kota Contoh",
        "--singkatan", "Dinkes", "--pemerintah", "Pemerintah Kota Contoh",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    identity = project / "sops/dinkes-kota-contoh/_instansi.yml"
    text = identity.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/instansi.schema.json"
    assert "/sops/dinkes-kota-contoh/ @ORGANISASI/tim-dinkes-kota-contoh" in result.output  # CODEOWNERS hint
    jsonschema.validate(yaml_data(text), json.loads((project / "schema/instansi.schema.json").read_text("utf-8")))

    assert run("new", "--instansi", "dinkes-kota-contoh", "Pelayanan Imunisasi").exit_code == 0
    loaded = load_portal(project / "sops", project)
    assert not loaded.failed, loaded.errors
    agency = loaded.portal.instansi_by_id()["dinkes-kota-contoh"]
    assert (agency.nama, agency.singkatan, agency.pemerintah) == ("Dinas Kesehatan Kota Contoh", "Dinkes", "Pemerintah Kota Contoh")
    assert any(s.instansi == "dinkes-kota-contoh" for s in loaded.portal.sops)


def test_new_instansi_optional_fields_stay_comments(project):
    assert run("new-instansi", "dinas-x", "--nama", "Dinas X").exit_code == 0
    text = (project / "sops/dinas-x/_instansi.yml").read_text(encoding="utf-8")
    assert "\n# singkatan:" in text and "\n# pemerintah:" in text
    loaded = load_portal(project / "sops", project)
    assert loaded.portal.instansi_by_id()["dinas-x"].singkatan is None


@pytest.mark.parametrize(
    "args, expected",
    [
        (["new-instansi", "Dinas_Kesehatan", "--nama", "X"], 'misalnya dinas-kesehatan'),
        (["new-instansi", AGENCY, "--nama", "X"], "sudah ada dan tidak ditimpa"),
        (["new-instansi", "dinas-y"], "nama instansi kosong"),
        (["new-instansi"], "tulis id instansi"),
        (["new-instansi", "dinas-y", "--nama", "Dinas Y", "--pemerintah", "Kota\x1bY"], "--pemerintah: teks memuat karakter kendali tak terlihat (U+001B"),
        (["new-instansi", "dinas-y", "--nama", "Dinas\x7fY"], "--nama: teks memuat karakter kendali tak terlihat (U+007F"),
    ],
)
def test_new_instansi_refusals(project, args, expected):
    before = (project / "sops" / AGENCY / "_instansi.yml").read_text(encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 1
    assert expected in result.stderr
    assert (project / "sops" / AGENCY / "_instansi.yml").read_text(encoding="utf-8") == before
    assert not (project / "sops/dinas-y").exists() and not (project / "sops/Dinas_Kesehatan").exists()


# -- check ---------------------------------------------------------------------------

ALSO_BROKEN = """nama: Juga rusak
pelaksana: [Staf]
status: aktif
langkah:
  - kegiatan: Satu
    pelaksana: Staf
  - kegiatan: Dua
    pelaksana: Staf
"""


@pytest.fixture
def broken(project):
    (project / "sops" / AGENCY / "rusak.yml").write_text(BROKEN_SOP, encoding="utf-8")
    (project / "sops/kesbangpol-kota-tangerang/juga-rusak.yml").write_text(ALSO_BROKEN, encoding="utf-8")
    return project


def test_check_groups_by_file_and_counts_at_the_end(broken):
    result = run("check")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    # A title line per file, its errors indented under it.
    first_title = lines.index(f"sops/{AGENCY}/rusak.yml")
    second_title = lines.index("sops/kesbangpol-kota-tangerang/juga-rusak.yml")
    assert first_title < second_title
    assert all(line.startswith(f"  sops/{AGENCY}/rusak.yml:") for line in lines[first_title + 1 : first_title + 3])
    assert lines[second_title + 1].startswith("  sops/kesbangpol-kota-tangerang/juga-rusak.yml:3:9: kesalahan: status:")
    assert re.fullmatch(r"3 kesalahan di 2 berkas(, \d+ peringatan)?(, \d+ info)?\.", lines[-1]), lines[-1]
    assert "\x1b[" not in result.output  # not a terminal: no colour


def test_check_colours_only_on_a_terminal(monkeypatch):
    errors = [ContentError("sops/a/b.yml", 3, 5, "nama", "wajib diisi.")]

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    plain, terminal = io.StringIO(), Terminal()
    monkeypatch.delenv("NO_COLOR", raising=False)
    cli.report(errors, out=plain)
    cli.report(errors, out=terminal)
    assert "\x1b[" not in plain.getvalue() and "sops/a/b.yml:3:5: kesalahan: nama: wajib diisi." in plain.getvalue()
    # On a terminal: the file title bold, the level word bold red, the rest as on paper.
    level = click.style("kesalahan", fg="red", bold=True)
    assert terminal.getvalue() == f"\n{click.style('sops/a/b.yml', bold=True)}\n  sops/a/b.yml:3:5: {level}: nama: wajib diisi.\n"
    monkeypatch.setenv("NO_COLOR", "1")
    again = Terminal()
    cli.report(errors, out=again)
    assert "\x1b[" not in again.getvalue()


def test_check_github_format_annotates_the_lines(broken):
    result = run("check", "--format", "github")
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 3
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in result.output.splitlines()[:-1])
    assert f"::error file=sops/{AGENCY}/rusak.yml,line=5,col=16::langkah[1].pelaksana:" in result.output
    assert "::error file=sops/kesbangpol-kota-tangerang/juga-rusak.yml,line=3,col=9::status:" in result.output
    assert re.fullmatch(r"3 kesalahan di 2 berkas(, \d+ peringatan)?(, \d+ info)?\.", result.output.splitlines()[-1])


def test_github_annotations_escape_what_would_break_the_command():
    out = io.StringIO()
    errors = [ContentError("sops/a,b/c.yml", 1, 1, "", "100% salah\nbaris dua")]
    cli.report(errors, "github", out=out)
    assert out.getvalue() == "::error file=sops/a%2Cb/c.yml,line=1,col=1::100%25 salah%0Abaris dua\n"


def test_each_level_has_its_own_annotation_and_colour(monkeypatch):
    """peringatan (ARCHITECTURE.md, "Errors and peringatan") is a GitHub ::warning and yellow, between the two."""
    errors = [
        ContentError("sops/a/b.yml", 1, 1, "nama", "salah.", "kesalahan"),
        ContentError("sops/a/b.yml", 2, 1, "langkah[2].cabang", "hanya satu jalan keluar.", "peringatan"),
        ContentError("sops/a/b.yml", 3, 1, "keterkaitan[1]", "tidak cocok.", "info"),
    ]
    out = io.StringIO()
    cli.report(errors, "github", out=out)
    assert [line.split(" ")[0] for line in out.getvalue().splitlines()] == ["::error", "::warning", "::notice"]

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = Terminal()
    cli.report(errors, out=terminal)
    assert "\x1b[33m" in terminal.getvalue()  # yellow: peringatan only
    assert terminal.getvalue().count("\x1b[33m") == 1


def test_check_limited_to_one_file_and_bad_path(broken):
    only = run("check", f"sops/{AGENCY}/rusak.yml")
    assert only.exit_code == 1 and "juga-rusak" not in only.output and "2 kesalahan di 1 berkas" in only.output
    clean = run("check", "sops/kesbangpol-kab-pesisir-selatan")
    assert clean.exit_code == 0 and "Semua isi valid" in clean.output
    missing = run("check", "sops/tidak-ada")
    assert missing.exit_code == 2 and "tidak ditemukan" in missing.stderr


def test_check_as_a_process_never_shows_a_traceback(broken):
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "sop_portal.cli.main", "check"], cwd=broken, env=env, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "3 kesalahan di 2 berkas" in proc.stdout


# -- schema --------------------------------------------------------------------------


def test_committed_schema_files_are_in_sync_with_the_code():
    """schema/*.json are what editors validate against; regenerate with `sop-portal schema`."""
    for name, text in schema_files().items():
        committed = ROOT / "schema" / name
        assert committed.exists(), f"schema/{name} missing: run sop-portal schema"
        assert committed.read_text(encoding="utf-8") == text, f"schema/{name} is stale: run sop-portal schema"


def test_schema_command_writes_and_checks(project):
    stale = project / "schema/sop.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    checked = run("schema", "--periksa")
    assert checked.exit_code == 1 and "schema/sop.schema.json usang" in checked.stderr
    assert stale.read_text(encoding="utf-8") == "{}\n"  # --periksa writes nothing
    written = run("schema")
    assert written.exit_code == 0 and "schema/sop.schema.json" in written.output
    assert json.loads(stale.read_text(encoding="utf-8"))["title"] == "SOP AP (Portal SOP)"
    assert run("schema", "--periksa").exit_code == 0


def test_every_command_has_indonesian_help(project):
    """Each command's help opens with its own Indonesian summary (not any of them, not Click's English)."""
    summaries = {
        "check": "Periksa semua SOP",
        "new": "Buat berkas SOP baru",
        "new-instansi": "Buat folder instansi baru",
        "import": "Ubah tabel prosedur dari spreadsheet",
        "schema": "Tulis JSON Schema berkas SOP",
    }
    for command, summary in summaries.items():
        result = run(command, "--help")
        assert result.exit_code == 0
        assert summary in result.output, command
        assert "Usage:" not in result.output and "Show this message" not in result.output, command
