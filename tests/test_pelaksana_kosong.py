"""A row whose `pelaksana` holds no lane (null, "", [], a list of blanks) is a located error, never a
traceback (a fuzzed SOP file found it: the row vanished, the rows after it were numbered wrongly,
and the flow raised IndexError). `sop-portal check` says where, in Indonesian, and exits 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sop_portal.format.loader import load_portal

SOP = """\
nama: Izin Uji Coba
pelaksana: [Kepala, Staf]
langkah:
  - {{kegiatan: Menerima berkas, pelaksana: Staf}}
  - {{kegiatan: Memeriksa berkas, pelaksana: {kosong}}}
  - {{kegiatan: Lengkap?, pelaksana: Kepala, cabang: {{Ya: 4, Tidak: 1}}}}
  - {{kegiatan: Menyerahkan izin, pelaksana: Staf}}
"""


def portal(tmp_path: Path, blank: str) -> Path:
    folder = tmp_path / "sops" / "dinas-uji"
    folder.mkdir(parents=True)
    (folder / "_instansi.yml").write_text("nama: Dinas Uji Coba\n", encoding="utf-8")
    (folder / "izin-uji-coba.yml").write_text(SOP.format(kosong=blank), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("blank", ["null", '""', "[]", "[null, '']", "~"])
def test_an_empty_pelaksana_is_a_located_error(tmp_path, blank):
    root = portal(tmp_path, blank)
    result = load_portal(root / "sops", root)
    messages = [e.format() for e in result.errors if e.level == "kesalahan"]
    where = f"sops/dinas-uji/izin-uji-coba.yml:5:{5 + len('{kegiatan: Memeriksa berkas, pelaksana: ')}: kesalahan: langkah[2].pelaksana: "
    assert len(messages) == 1 and messages[0].startswith(where), messages  # one message, where the blank is
    assert "kosong" in messages[0] and "pelaksana: Kepala" in messages[0] or '"Kepala", "Staf"' in messages[0]


def test_check_reports_it_without_a_traceback(tmp_path):
    root = portal(tmp_path, "null")
    (root / "site_config.yml").write_text(
        "site_name: Uji\ndocs_dir: content\nplugins:\n  - sop-portal\n", encoding="utf-8"
    )
    (root / "content").mkdir()
    proc = subprocess.run([sys.executable, "-m", "sop_portal.cli.main", "check"], cwd=root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "langkah[2].pelaksana: pelaksana kosong" in proc.stdout + proc.stderr
