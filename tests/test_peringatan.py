"""Check warns (`peringatan`) where a SOP publishes but a reader will miss something.

Every waktu the Jumlah waktu cannot count, an SOP in force without nomor, dates or signer,
and keterkaitan that name no SOP: `sop-portal check` prints each located in yellow
(``::warning`` on GitHub) and exits 0; `sop-portal build` lists them and publishes; the
phone step list says its total is partial. Content: tests/fixtures/peringatan/ (invented).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT, make_project

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "peringatan"
AGENCY = "dispora-kab-contoh"
GEDUNG = f"sops/{AGENCY}/peminjaman-gedung.yml"
KLUB = f"sops/{AGENCY}/pendaftaran-klub.yml"
DRAF = f"sops/{AGENCY}/draf-turnamen.yml"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("peringatan") / "portal", copy_sops=False, copy_content=False)
    shutil.copytree(FIXTURES / AGENCY, root / "sops" / AGENCY)
    shutil.copy(SAMPLE_CONTENT / "index.md", root / "content" / "index.md")
    return root


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "sop_portal.cli.main", *args], cwd=project, env=env,
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def line_of(project: Path, rel: str, text: str) -> int:
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_check_warns_for_each_uncountable_waktu_at_its_line(project):
    done = cli(project, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    row = line_of(project, GEDUNG, "waktu: 1 jam 30")
    assert f'{GEDUNG}:{row}:12: peringatan: langkah[2].waktu: waktu "1 jam 30" tidak dapat dihitung, jadi tidak masuk Jumlah waktu' in out
    assert "misalnya \"15 menit\", \"1 jam 30 menit\"" in out
    row = line_of(project, GEDUNG, "Menunggu rapat bidang")
    assert f'{GEDUNG}:{row}:12: peringatan: langkah[3].waktu: waktu "Menunggu rapat bidang" tidak dapat dihitung' in out
    assert out.count("tidak dapat dihitung") == 2  # 15 menit, 10 menit, 1 hari, 2 minggu are counted


def test_check_warns_for_an_sop_in_force_without_nomor_dates_or_signer(project):
    out = cli(project, "check").stdout
    assert f"{KLUB}:1:1: peringatan: nomor: SOP berlaku tanpa nomor" in out
    assert f"{KLUB}:1:1: peringatan: tanggal_efektif: SOP berlaku tanpa tanggal" in out
    assert f"{KLUB}:1:1: peringatan: disahkan_oleh: SOP berlaku tanpa pengesah" in out
    assert f"{GEDUNG}:1:1:" not in out  # complete
    assert DRAF not in out  # a draft is not signed yet


def test_check_warns_for_keterkaitan_that_name_nothing(project):
    out = cli(project, "check").stdout
    row = line_of(project, GEDUNG, "SOP Pembayaran Retribusi Gedung")
    assert f'{GEDUNG}:{row}:5: peringatan: keterkaitan[2]: "SOP Pembayaran Retribusi Gedung" tidak cocok' in out
    assert "keterkaitan[1]" not in out  # names the klub SOP: a link
    assert out.rstrip().endswith("Semua isi valid: 3 SOP dari 1 instansi (6 peringatan).")


def test_check_in_github_format_gives_warnings(project):
    done = cli(project, "check", "--format", "github")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert len(lines) == 6 and all(line.startswith("::warning file=") for line in lines), lines
    assert any(f"::warning file={KLUB},line=1,col=1::nomor: SOP berlaku tanpa nomor" in line for line in lines)


def test_build_lists_the_peringatan_publishes_and_the_phone_list_says_the_total_is_partial(project):
    done = cli(project, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr.count(": peringatan: ") == 6
    assert "(6 peringatan di atas)" in done.stdout
    html = (project / "site" / "sop" / AGENCY / "peminjaman-gedung" / "index.html").read_text(encoding="utf-8")
    phone = unescape(html.split('class="sop-daftar"', 1)[1].split("</section>", 1)[0])
    assert "Jumlah waktu (belum lengkap): <strong>15 menit</strong>" in phone
    assert 'Tidak termasuk 2 langkah yang waktunya tidak dapat dihitung: "1 jam 30", "Menunggu rapat bidang".' in phone
    klub = (project / "site" / "sop" / AGENCY / "pendaftaran-klub" / "index.html").read_text(encoding="utf-8")
    assert "belum lengkap" not in klub.split('class="sop-daftar"', 1)[1].split("</section>", 1)[0]
