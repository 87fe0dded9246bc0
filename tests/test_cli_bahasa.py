"""Staff tools speak Indonesian: `sop-portal` help and usage errors, `build`, `serve`, `make site`.

Click's own texts ("Usage:", "Options", "Show this message and exit.", "Error: No such
option") go through `cli/bahasa.py`; `sop-portal build` runs MkDocs in-process with an
Indonesian log and summary (`cli/runner.py`), and the Makefile uses it. Every command is run
for real: in-process with Click's runner and as a subprocess.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BROKEN_SOP, ROOT, make_project

from sop_portal.cli import main as cli

# Words Click or MkDocs print in English; none may reach staff.
ENGLISH = (
    "Usage:", "Options", "Commands", "Show this message", "Error:", "No such", "Try '", "[OPTIONS]",
    "COMMAND [ARGS]", " TEXT", " PATH", "Missing", "Invalid value", "is not one of", "requires",
    "Aborted", "Documentation built", "Cleaning site", "Building documentation", "INFO", "WARNING",
    "Material for MkDocs", "end of life", "Traceback", "Serving on", "Watching paths",
)  # fmt: skip
COMMANDS = ("check", "new", "new-instansi", "import", "schema", "mulai", "build", "serve")


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


def run(*args: str):
    return CliRunner().invoke(cli.main, list(args), prog_name="sop-portal")


def test_help_of_the_command_and_of_every_subcommand_is_indonesian():
    top = run("--help")
    assert top.exit_code == 0
    assert top.output.startswith("Cara pakai: sop-portal [OPSI] PERINTAH [ARGUMEN]...")
    assert "Opsi:" in top.output and "Perintah:" in top.output and "Tampilkan bantuan ini lalu keluar." in top.output
    assert english_in(top.output) == [], top.output
    for name in COMMANDS:
        result = run(name, "-h")
        assert result.exit_code == 0, (name, result.output)
        assert result.output.startswith(f"Cara pakai: sop-portal {name} [OPSI]"), result.output
        assert english_in(result.output) == [], (name, result.output)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["check", "--bogus"], "Kesalahan: Opsi '--bogus' tidak dikenal."),
        (["cek"], "Kesalahan: Perintah 'cek' tidak dikenal."),
        (["check", "--format", "xml"], "'xml' bukan salah satu dari 'teks', 'github'."),
        (["import", "x.xlsx", "--keluar"], "Opsi '--keluar' memerlukan nilai."),
        (["schema", "lebih"], "Ada argumen yang tidak diharapkan (lebih)"),
    ],
)
def test_usage_errors_are_indonesian(args, said):
    result = run(*args)
    assert result.exit_code == 2
    assert said in result.output, result.output
    if args[0] == "check":
        assert "Lihat 'sop-portal check --help' untuk bantuan." in result.output
    assert english_in(result.output) == [], result.output


def _cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, NO_COLOR="1", **(env or {}))
    environment.pop("NO_MKDOCS_2_WARNING", None)  # Material's banner must stay away on its own
    environment.pop("SITE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "sop_portal.cli.main", *args], cwd=cwd, env=environment,
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def test_help_and_usage_errors_as_a_subprocess(tmp_path):
    helped = _cli("--help", cwd=tmp_path)
    assert helped.returncode == 0 and "Cara pakai:" in helped.stdout
    wrong = _cli("new-instansi", "--namaa", "x", cwd=tmp_path)
    assert wrong.returncode == 2
    assert "Opsi '--namaa' tidak dikenal." in wrong.stderr and "Maksud Anda '--nama'?" in wrong.stderr
    assert english_in(helped.stdout + wrong.stdout + wrong.stderr) == []


def test_build_prints_an_indonesian_summary_and_no_mkdocs_english(tmp_path):
    project = make_project(tmp_path / "portal")
    done = _cli("build", cwd=project)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert re.search(r"Portal selesai dibangun di site/ dalam \d+,\d detik: 3 SOP dari 3 instansi; 4 dokumen kinerja; "
                     r"\d+ halaman dalam indeks pencarian", output), output  # fmt: skip
    assert english_in(output) == [], output
    assert (project / "site" / "index.html").exists()
    assert (project / "site" / "pagefind").is_dir()


def test_a_failed_build_names_the_errors_and_publishes_nothing(tmp_path):
    project = make_project(tmp_path / "portal", sops={"bkpsdm-kota-tangerang/rusak.yml": BROKEN_SOP})
    (project / "site").mkdir()
    (project / "site" / "lama.html").write_text("last week's site", encoding="utf-8")
    done = _cli("build", cwd=project)
    output = done.stdout + done.stderr
    assert done.returncode == 1
    assert 'sops/bkpsdm-kota-tangerang/rusak.yml:5:16: kesalahan: langkah[1].pelaksana: "Kepla"' in output
    assert "Pembangunan gagal: 2 kesalahan isi. Tidak ada yang diterbitkan (folder site/ dihapus)." in output
    assert english_in(output) == [], output
    assert not (project / "site").exists()


def test_a_broken_link_in_a_page_is_said_in_indonesian(tmp_path):
    project = make_project(tmp_path / "portal", content={"tentang.md": "# Tentang\n\nLihat [ini](tidak-ada.md).\n"})
    done = _cli("build", cwd=project)
    output = done.stdout + done.stderr
    assert done.returncode == 1
    assert "content/tentang.md: tautan 'tidak-ada.md' menuju halaman yang tidak ada." in output, output
    assert "Pembangunan gagal: 1 masalah lain di atas" in output
    assert english_in(output) == [], output


def test_build_in_process_returns_its_summary(tmp_path):
    import io

    from sop_portal.cli import runner

    project = make_project(tmp_path / "portal", sops={"bkpsdm-kota-tangerang/rusak.yml": BROKEN_SOP})
    log = io.StringIO()
    result = runner.build(project / "site_config.yml", stream=log)
    assert not result.ok and result.ringkasan.kesalahan == 2
    assert log.getvalue().count(": kesalahan: ") == 2 and "sop-portal: " not in log.getvalue()
    (project / "sops" / "bkpsdm-kota-tangerang" / "rusak.yml").unlink()
    result = runner.build(project / "site_config.yml", site_dir=tmp_path / "keluar", stream=io.StringIO())
    assert result.ok and "3 SOP dari 3 instansi" in result.summary
    assert (tmp_path / "keluar" / "index.html").exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_make_site_prints_only_the_summary_and_removes_site_on_failure(tmp_path):
    project = make_project(tmp_path / "portal")
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    venv = Path(sys.executable).parent.parent
    # -o: the project's venv is this one, taken as installed (no pip run in a test).
    command = ["make", "--no-print-directory", "-o", f"{venv}/.installed", "site", f"VENV={venv}"]
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "MAKEFLAGS")}
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert done.returncode == 0, lines
    # The summary, the peringatan staff should act on (located) and the portal's own notes in
    # Indonesian; no info lines, no MkDocs progress chatter, no pip or make noise.
    assert sum(1 for line in lines if line.startswith("Portal selesai dibangun di site/")) == 1, lines
    assert not any(": info: " in line for line in lines), lines
    assert english_in("\n".join(lines)) == [], lines
    assert not any(line.startswith(("make", "pip", "WARNING", "DEPRECATION")) for line in lines), lines
    (project / "sops" / "bkpsdm-kota-tangerang" / "rusak.yml").write_text(BROKEN_SOP, encoding="utf-8")
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode != 0 and "Pembangunan gagal: 2 kesalahan isi" in output
    assert not (project / "site").exists()
    assert english_in(output.replace("make: *** [Makefile", "")) == [], output
