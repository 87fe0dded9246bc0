"""Content is untrusted input (issue #18, ARCHITECTURE.md, "Trust model"): each hostile input of the issue, refused
with a located Indonesian error or neutralised, never a traceback and never published.

The whole hostile portal is built and driven in Chromium in test_hostile_site.py; generated
files are checked against the build in test_property.py. This file holds one test per item.
"""

from __future__ import annotations

import os
import re
import xml.dom.minidom
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import make_project, run_build, write_tree
from drawing_read import differences

from sop_portal.cli import main as cli
from sop_portal.format.errors import ContentError, ErrorSink
from sop_portal.format.loader import load_portal
from sop_portal.format.yamlcore import parse
from sop_portal.kinerja.documents import load_dokumen
from sop_portal.shared.unsafe import one_line, spreadsheet_safe
from sop_portal.site.sanitise import clean

AGENCY = "dinas-uji"
INSTANSI = "nama: Dinas Uji\n"
SOP = "nama: Layanan Uji\npelaksana: [Kepala, Staf]\nlangkah:\n  - kegiatan: Menerima berkas\n    pelaksana: Kepala\n  - kegiatan: Selesai\n    pelaksana: Staf\n"
DOC = "---\njenis: lainnya\ninstansi: dinas-uji\ntahun: 2025\n{extra}---\nIsi.\n"
ENGLISH = re.compile(r"\b(found|expected|while|could not|not allowed|the|character|document|stream)\b", re.I)


def portal(tmp_path: Path, sops: dict[str, str | bytes] | None = None, content: dict[str, str | bytes] | None = None) -> Path:
    root = tmp_path / "portal"
    write_tree(root / "sops", {f"{AGENCY}/_instansi.yml": INSTANSI, f"{AGENCY}/layanan.yml": SOP, **(sops or {})})
    (root / "content").mkdir(parents=True, exist_ok=True)
    write_tree(root / "content", content or {})
    return root


def errors_of(root: Path) -> list[ContentError]:
    result = load_portal(root / "sops", root)
    documents = load_dokumen(root / "content", root / "sops", root)
    return [e for e in (*result.errors, *documents.errors) if e.level == "kesalahan"]


def assert_located_indonesian(errors: list[ContentError], file: str, needle: str) -> ContentError:
    found = [e for e in errors if e.file == file and needle in e.message]
    assert found, [e.format() for e in errors]
    for e in found:
        assert e.line >= 1 and e.column >= 1
        assert not ENGLISH.search(e.message), e.message
        assert "\n" not in e.format()
    return found[0]


def yaml_errors(text: str) -> list[ContentError]:
    sink = ErrorSink("x.yml")
    parse(text, sink)
    return sink.errors


# -- 1. stored XSS from a document body ---------------------------------------


@pytest.mark.parametrize(
    "body, kept, gone",
    [
        ("<p>a<script>alert(1)</script></p>", "<p>a</p>", "script"),
        ('<p><img src="x" onerror="alert(1)"></p>', '<img src="x">', "onerror"),
        ('<svg onload="alert(1)"><circle r="1"></circle></svg>', "", "svg"),
        ('<p><a href="javascript:alert(1)">klik</a></p>', "<a>klik</a>", "javascript"),
        ('<h2 id="judul" onmouseover="alert(1)">Judul</h2>', '<h2 id="judul">Judul</h2>', "onmouseover"),
        ('<iframe src="https://x.example/"></iframe><form action="x"><input></form>', "", "iframe"),
        ('<p><img src="https://x.example/p.png" alt="p"></p>', '<img alt="p">', "x.example"),
    ],
)
def test_markdown_bodies_lose_script_handlers_and_foreign_urls(body, kept, gone):
    cleaned = clean(body)
    assert kept in cleaned and gone not in cleaned, cleaned


def test_the_sanitiser_keeps_what_documents_need_byte_for_byte():
    import markdown

    text = (
        "## Bab I {#bab-i .penting}\n\n| Indikator | Nilai |\n|:--|--:|\n| IKU | 80 |\n\n- satu\n- dua\n\n"
        '1. a\n2. b\n\n[situs](https://contoh.go.id/) [halaman](../x/) ![logo](gambar/logo.png)\n\n> kutipan "ini"\n\n'
        "!!! note \"Catatan\"\n    isi\n\n---\n\nbaris  \nbaru `kode`\n"
    )
    html = markdown.markdown(text, extensions=["attr_list", "tables", "admonition", "toc"])
    assert clean(html) == html
    assert 'id="bab-i"' in html and "<table>" in html and 'src="gambar/logo.png"' in html


# -- 2, 3. files: symlinks out of the repository, attachments -----------------


def test_symlinks_leaving_the_repository_are_located_errors_and_never_read(tmp_path):
    secret = tmp_path / "rahasia.txt"
    secret.write_text("KATA-SANDI-RAHASIA\n", encoding="utf-8")
    root = portal(tmp_path, content={f"kinerja/{AGENCY}/2025/dok.md": DOC.format(extra="")})
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[remote]\n", encoding="utf-8")
    berkas = root / "content" / "kinerja" / AGENCY / "2025" / "berkas"
    berkas.mkdir()
    os.symlink("/etc/passwd", berkas / "data.pdf")
    os.symlink("/proc/self/environ", berkas / "env.txt")
    os.symlink(root / ".git" / "config", berkas / "config.pdf")
    os.symlink("/etc", root / "content" / "etc")
    os.symlink(secret, root / "sops" / AGENCY / "bocor.yml")
    os.symlink(tmp_path, root / "sops" / "luar")
    errors = errors_of(root)
    for link in (f"kinerja/{AGENCY}/2025/berkas/data.pdf", f"kinerja/{AGENCY}/2025/berkas/env.txt",
                 f"kinerja/{AGENCY}/2025/berkas/config.pdf", "etc"):  # fmt: skip
        assert_located_indonesian(errors, f"content/{link}", "tautan simbolik")
    assert_located_indonesian(errors, f"sops/{AGENCY}/bocor.yml", "tautan simbolik")
    assert_located_indonesian(errors, "sops/luar", "tautan simbolik")
    assert not [e for e in errors if "RAHASIA" in e.message or "root:" in e.message]


def test_a_symlinked_folder_to_etc_fails_the_build_in_indonesian_without_a_traceback(tmp_path):
    project = make_project(tmp_path / "p")
    os.symlink("/etc", project / "content" / "etc")
    os.symlink("/etc/passwd", project / "content" / "kinerja" / "bkpsdm-kota-tangerang" / "2024" / "berkas" / "passwd.pdf")
    build = run_build(project)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert "content/etc:1:1: kesalahan: tautan simbolik" in build.output
    assert not (project / "site" / "etc").exists() and not list((project / "site").rglob("passwd*"))


def test_a_link_inside_the_repository_is_fine(tmp_path):
    pdf = b"%PDF-1.4\n" + b"0" * 100
    root = portal(tmp_path, content={f"kinerja/{AGENCY}/2025/berkas/a.pdf": pdf,
                                     f"kinerja/{AGENCY}/2025/dok.md": DOC.format(extra="berkas: berkas/b.pdf\n")})  # fmt: skip
    os.symlink("a.pdf", root / "content" / "kinerja" / AGENCY / "2025" / "berkas" / "b.pdf")
    assert errors_of(root) == []


@pytest.mark.parametrize(
    "name, data, needle",
    [
        ("laporan.html", b"<script>alert(1)</script>", "tidak boleh dilampirkan"),
        ("grafik.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "tidak boleh dilampirkan"),
        ("palsu.pdf", b"<html><script>alert(1)</script></html>", "bukan PDF"),
        ("tabel.xlsx", b"%PDF-1.4 not a zip", "bukan Excel"),
        ("foto.png", b"\xff\xd8\xff\xe0 jpeg", "bukan Gambar"),
    ],
)
def test_attachments_are_an_allowlist_checked_by_extension_and_content(tmp_path, name, data, needle):
    folder = f"kinerja/{AGENCY}/2025"
    root = portal(tmp_path, content={f"{folder}/berkas/{name}": data, f"{folder}/dok.md": DOC.format(extra=f"berkas: [berkas/{name}]\n")})
    errors = errors_of(root)
    on_field = assert_located_indonesian(errors, f"content/{folder}/dok.md", needle)
    assert (on_field.line, on_field.path) == (5, "berkas[1]")
    assert_located_indonesian(errors, f"content/{folder}/berkas/{name}", needle)  # published even unlinked


@pytest.mark.parametrize(
    "name, data",
    [("a.pdf", b"%PDF-1.7\n"), ("a.docx", b"PK\x03\x04"), ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
     ("a.ods", b"PK\x03\x04"), ("a.png", b"\x89PNG\r\n\x1a\n"), ("a.jpg", b"\xff\xd8\xff\xe0"),
     ("a.pptx", b"PK\x03\x04"), ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")],
)  # fmt: skip
def test_real_documents_are_attached(tmp_path, name, data):
    folder = f"kinerja/{AGENCY}/2025"
    root = portal(tmp_path, content={f"{folder}/berkas/{name}": data, f"{folder}/dok.md": DOC.format(extra=f"berkas: berkas/{name}\n")})
    assert errors_of(root) == []


# -- 4. CSV formula injection -------------------------------------------------


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x","klik")', "+SUM(1,1)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1"])
def test_cells_a_spreadsheet_would_run_are_neutralised(cell):
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-5", "+62", "-", "--", "12,5", "Pelayanan", "", 3, None])
def test_plain_cells_stay_as_they_are(cell):
    assert spreadsheet_safe(cell) == cell


# -- 5, 8. check passes => build passes; nonsense refused ----------------------


@pytest.mark.parametrize(
    "step, needle, line",
    [
        ("  - kegiatan: A\n    pelaksana: []\n", "daftar pelaksana langkah kosong", 5),
        ('  - kegiatan: ""\n    pelaksana: Kepala\n', "kegiatan kosong", 4),
        ("  - kegiatan: A\n    pelaksana: Kepala\n    no: -5\n", "tidak masuk akal", 6),
        ("  - kegiatan: A\n    pelaksana: Kepala\n    no: 100000000000000000000000000000\n", "tidak masuk akal", 6),
    ],
)
def test_nonsense_steps_are_located_errors(tmp_path, step, needle, line):
    text = "nama: X\npelaksana: [Kepala, Staf]\nlangkah:\n" + step + "  - kegiatan: B\n    pelaksana: Staf\n"
    root = portal(tmp_path, sops={f"{AGENCY}/x.yml": text})
    assert assert_located_indonesian(errors_of(root), f"sops/{AGENCY}/x.yml", needle).line == line


def test_a_sop_with_no_lanes_and_no_steps_is_refused(tmp_path):
    root = portal(tmp_path, sops={f"{AGENCY}/x.yml": "nama: X\npelaksana: []\nsub_prosedur: []\n",
                                  f"{AGENCY}/y.yml": "nama: Y\npelaksana: []\nlangkah: []\n"})  # fmt: skip
    errors = errors_of(root)
    assert_located_indonesian(errors, f"sops/{AGENCY}/x.yml", "daftar kosong")
    assert {e.path for e in errors if e.file == f"sops/{AGENCY}/x.yml"} >= {"pelaksana", "sub_prosedur"}
    assert_located_indonesian(errors, f"sops/{AGENCY}/y.yml", "daftar kosong")


def test_uji_yml_and_uji_yaml_in_one_folder_is_an_error(tmp_path):
    root = portal(tmp_path, sops={f"{AGENCY}/uji.yml": SOP, f"{AGENCY}/uji.yaml": SOP})
    assert_located_indonesian(errors_of(root), f"sops/{AGENCY}/uji.yml", "alamat halaman yang sama")


def test_negative_targets_are_refused(tmp_path):
    folder = f"kinerja/{AGENCY}/2025"
    extra = "sasaran:\n  - sasaran: S\n    indikator:\n      - {indikator: I, target: -5, realisasi: -10}\n"
    root = portal(tmp_path, content={f"{folder}/dok.md": DOC.format(extra=extra).replace("lainnya", "pengukuran-kinerja")})
    assert assert_located_indonesian(errors_of(root), f"content/{folder}/dok.md", "negatif").line == 8


def test_a_document_sop_reference_is_never_a_path(tmp_path):
    folder = f"kinerja/{AGENCY}/2025"
    (tmp_path / "portal" / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / "portal" / ".github" / "workflows" / "pages.yml").write_text("name: x\n", encoding="utf-8")
    root = portal(tmp_path, content={f"{folder}/dok.md": DOC.format(extra="sop: ../.github/workflows/pages\n")})
    error = assert_located_indonesian(errors_of(root), f"content/{folder}/dok.md", "bukan rujukan SOP")
    assert "pages.yml" not in error.message and error.line == 5


def test_an_index_page_inside_a_kinerja_folder_is_a_located_error(tmp_path):
    root = portal(tmp_path, content={f"kinerja/{AGENCY}/2025/index.md": "# Halo\n", "kinerja/index.md": "# Dokumen\n"})
    errors = errors_of(root)
    assert_located_indonesian(errors, f"content/kinerja/{AGENCY}/2025/index.md", "index.md")
    assert not [e for e in errors if e.file == "content/kinerja/index.md"]


# -- 6, 7, 10. the reader: depth, XML characters, PyYAML's English -------------


@pytest.mark.parametrize("text", ["dasar_hukum: " + "[" * 500 + "]" * 500 + "\n", "a: " + "{b: " * 400 + "1" + "}" * 400 + "\n"])
def test_deep_nesting_is_a_located_error_not_a_recursion_error(text):
    errors = yaml_errors(text)
    assert len(errors) == 1 and "terlalu dalam" in errors[0].message and errors[0].line == 1


def test_deep_front_matter_is_a_located_error(tmp_path):
    root = portal(tmp_path, content={f"kinerja/{AGENCY}/2025/dok.md": DOC.format(extra="lampiran: " + "[" * 500 + "]" * 500 + "\n")})
    assert assert_located_indonesian(errors_of(root), f"content/kinerja/{AGENCY}/2025/dok.md", "terlalu dalam").line == 5


@pytest.mark.parametrize(
    "text, column",
    [('nama: "Pelayanan \\x01\\x0b\\x1b[31m\\uFFFE"\n', 7), ('nama: "Pelayanan \\x9b baris"\n', 7), ('"kunci\\x02": 1\n', 1)],
)
def test_characters_xml_forbids_are_refused_where_written(text, column):
    errors = yaml_errors(text)
    assert len(errors) == 1 and "karakter kendali" in errors[0].message, errors
    assert (errors[0].line, errors[0].column) == (1, column)


@pytest.mark.parametrize(
    "text, line, column",
    [("nama: A\n---\nnama: B\n", 2, 1), ("nama: A\nunit: b\x01c\n", 2, 8), ("nama: ééé\x7fx\n", 1, 10), ("a: [1, 2\n", 2, 1)],
)
def test_reader_errors_are_located_and_indonesian(text, line, column):
    errors = yaml_errors(text)
    assert len(errors) == 1, errors
    assert (errors[0].line, errors[0].column) == (line, column), errors[0]
    assert not ENGLISH.search(errors[0].message), errors[0].message


# -- 9. check on a path outside sops/ ------------------------------------------


def test_check_reads_a_file_outside_sops_or_refuses_it(tmp_path, monkeypatch):
    root = make_project(tmp_path / "portal")
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "rusak.yml").write_text("nama: Rusak\npelaksana: [A]\nlangkah:\n  - kegiatan: a\n    pelaksana: B\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", "../rusak.yml"])
    assert result.exit_code == 1, result.output
    assert "rusak.yml:5:16: kesalahan: langkah[1].pelaksana:" in result.output and "Semua isi valid" not in result.output
    (tmp_path / "baik.yml").write_text(SOP, encoding="utf-8")
    assert CliRunner().invoke(cli.main, ["check", "../baik.yml"]).exit_code == 0
    refused = CliRunner().invoke(cli.main, ["check", "README.md" if (root / "README.md").exists() else "site_config.yml", "../"])
    assert refused.exit_code == 2 and "Semua isi valid" not in refused.output


# -- 11. CI: workflow commands in logs ----------------------------------------


def test_a_value_holding_a_newline_never_starts_a_log_line(tmp_path, monkeypatch):
    text = SOP + 'keterkaitan: ["x\\n::error file=README.md,line=1::disuntik"]\nunit: "a\\r\\n##[error]b"\n'
    root = portal(tmp_path, sops={f"{AGENCY}/layanan.yml": text})
    (root / "site_config.yml").write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_COLOR", "1")
    out = CliRunner().invoke(cli.main, ["check"]).output
    assert "::error file=README.md" in out
    assert not [line for line in out.splitlines() if line.lstrip().startswith(("::", "##["))], out
    assert one_line("a\n::b\x1b[31m") == "a\\n::b\\u001b[31m"


def _looping(steps: int) -> str:
    """Every step a decision whose "Tidak" goes back to step 1 (the issue's crash)."""
    lines = ["nama: Ulang Terus", "pelaksana: [Kepala, Staf]", "langkah:"]
    for i in range(1, steps + 1):
        lines += [f"  - kegiatan: Memeriksa berkas tahap {i}", f"    pelaksana: {'Kepala' if i % 2 else 'Staf'}"]
        if i < steps:
            lines.append("    cabang: {Ya: %d, Tidak: 1}" % (i + 1))
    return "\n".join(lines) + "\n"


def test_a_chart_whose_every_decision_loops_back_builds(tmp_path):
    project = make_project(tmp_path / "p", sops={"bkpsdm-kota-tangerang/ulang-terus.yml": _looping(30)})
    build = run_build(project)
    assert build.returncode == 0, build.output
    svg = (project / "site" / "sop" / "bkpsdm-kota-tangerang" / "ulang-terus.svg").read_text(encoding="utf-8")
    dom = xml.dom.minidom.parseString(svg)
    # Every exit carries its own label: 29 decisions, each with a "Ya" and a "Tidak" (step 1's "Tidak"
    # returns to step 1 itself; the model once dropped that loop, and with it one label: 28).
    texts = [t.firstChild.firstChild.data for t in dom.getElementsByTagName("text") if t.getAttribute("font-weight") == "bold"]
    assert (texts.count("Tidak"), texts.count("Ya")) == (29, 29)
    page = (project / "site" / "sop" / "bkpsdm-kota-tangerang" / "ulang-terus" / "index.html").read_text(encoding="utf-8")
    assert differences(page, svg) == []  # and the page draws the same, its loop and labels included


def test_more_arrows_into_one_step_than_can_be_drawn_is_a_located_error(tmp_path):
    root = portal(tmp_path, sops={f"{AGENCY}/ulang.yml": _looping(42)})
    error = assert_located_indonesian(errors_of(root), f"sops/{AGENCY}/ulang.yml", "lebih dari 40 panah")
    assert (error.path, error.line) == ("langkah[41]", 126)
    assert [e for e in errors_of(portal(tmp_path / "b", sops={f"{AGENCY}/ulang.yml": _looping(41)}))] == []


def test_a_template_name_holding_a_newline_is_reported_on_one_line(tmp_path):
    page = '---\ntitle: Rusak\ntemplate: "x\\n::error file=README.md,line=1::disuntik"\n---\n# Rusak\n'
    build = run_build(make_project(tmp_path / "p", content={"rusak.md": page}))
    assert build.returncode != 0 and "templat 'x\\n::error file=README.md" in build.output
    assert not [line for line in build.output.splitlines() if line.lstrip().startswith("::")], build.output


def test_a_file_name_that_is_not_utf8_is_a_located_error_not_a_build_crash(tmp_path, monkeypatch):
    root = portal(tmp_path, content={f"kinerja/{AGENCY}/2025/dok.md": DOC.format(extra="")})
    original = (root / "content" / "kinerja" / AGENCY / "2025" / "dok.md").read_bytes()
    os.makedirs(os.fsencode(root / "content" / "kinerja" / AGENCY / "2025"), exist_ok=True)
    with open(os.fsencode(root / "content" / "kinerja" / AGENCY / "2025") + b"/lkip-\xff.md", "wb") as handle:
        handle.write(original)
    (root / "site_config.yml").write_text("site_name: x\ndocs_dir: content\n", encoding="utf-8")
    errors = errors_of(root)
    error = assert_located_indonesian(errors, f"content/kinerja/{AGENCY}/2025/lkip-\\udcff.md", "bukan UTF-8")
    assert error.format().encode("utf-8")  # printable: the name's stray byte shown as an escape
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli.main, ["check"], env={"NO_COLOR": "1"})
    assert result.exit_code == 1 and "lkip-\\udcff.md:1:1: kesalahan" in result.output, result.output


BIG = "9" * 400
EXTREMES = """\
sasaran:
  - sasaran: Batas
    indikator:
      - {{indikator: A, target: {t}, realisasi: "{r}"}}
      - {{indikator: B, target: "0,000001", realisasi: "{r}", arah: turun}}
      - {{indikator: C, target: "0,000001-999999999999999", realisasi: "-{r}"}}
program:
  - {{program: P, anggaran: {t}}}
"""


def test_numbers_no_capaian_can_hold_are_located_errors(tmp_path):
    folder = f"kinerja/{AGENCY}/2025"
    extra = EXTREMES.format(t=BIG, r="0,0000000000000000000000000001")
    root = portal(tmp_path, content={f"{folder}/dok.md": DOC.format(extra=extra).replace("lainnya", "pengukuran-kinerja")})
    errors = [e for e in errors_of(root) if "di luar jangkauan" in e.message]
    assert {(e.line, e.path) for e in errors} >= {(8, "sasaran[1].indikator[1].target"), (8, "sasaran[1].indikator[1].realisasi"),
                                                  (12, "program[1].anggaran")}  # fmt: skip
    assert_located_indonesian(errors, f"content/{folder}/dok.md", "di luar jangkauan")


def test_the_largest_numbers_check_accepts_build(tmp_path):
    page = "---\njenis: pengukuran-kinerja\ninstansi: bkpsdm-kota-tangerang\ntahun: 2024\n" + EXTREMES.format(
        t="999999999999999", r="999999999999999,999999") + "---\nIsi.\n"  # fmt: skip
    build = run_build(make_project(tmp_path / "p", content={"kinerja/bkpsdm-kota-tangerang/2024/batas.md": page}))
    assert build.returncode == 0, build.output


def test_a_content_or_sops_folder_that_is_itself_a_link_out_is_never_read(tmp_path):
    outside = tmp_path / "luar"
    write_tree(outside, {f"{AGENCY}/_instansi.yml": INSTANSI, f"{AGENCY}/bocor.yml": "RAHASIA: 1\n",
                         f"kinerja/{AGENCY}/2025/bocor.md": "---\nRAHASIA: 1\n---\n"})  # fmt: skip
    root = tmp_path / "portal"
    root.mkdir()
    os.symlink(outside, root / "sops")
    os.symlink(outside, root / "content")
    errors = errors_of(root)
    assert_located_indonesian(errors, "sops", "tautan simbolik")
    assert_located_indonesian(errors, "content", "tautan simbolik")
    assert not [e for e in errors if "RAHASIA" in e.message or "bocor" in e.file]
