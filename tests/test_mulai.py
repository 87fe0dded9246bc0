"""`sop-portal mulai`: a fresh clone becomes an empty portal of one's own, and it builds.

The samples move to `contoh/` (not built), the owning government is written into
site_config.yml and the home page, the guide stays valid (it links to no sample), the
sample agencies leave CODEOWNERS, and `sop-portal build` (what `make site` runs) passes
on the empty portal and on the portal with a first agency and SOP.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, make_project

from sop_portal.cli import main as cli
from sop_portal.format.loader import load_portal

PEMERINTAH = "Pemerintah Kabupaten Contoh"
SAMPLES = ("bkpsdm-kota-tangerang", "kesbangpol-kab-pesisir-selatan", "kesbangpol-kota-tangerang")


@pytest.fixture
def clone(tmp_path, monkeypatch):
    """What `git clone` gives: the portal's config, content, samples and CODEOWNERS."""
    root = make_project(tmp_path / "portal")
    (root / ".github").mkdir()
    shutil.copy(ROOT / ".github" / "CODEOWNERS", root / ".github" / "CODEOWNERS")
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_COLOR", "1")
    return root


def run(*args: str):
    return CliRunner().invoke(cli.main, list(args))


def build(project: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "sop_portal.cli.main", "build"], cwd=project, env=env,
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def test_mulai_moves_the_samples_out_and_names_the_portal(clone):
    result = run("mulai", "--pemerintah", PEMERINTAH)
    assert result.exit_code == 0, result.output
    assert "Contoh bawaan dipindah ke contoh/ (tidak diterbitkan): 3 instansi dari sops/" in result.output

    assert sorted(p.name for p in (clone / "sops").iterdir()) == [".gitkeep"]
    assert sorted(p.name for p in (clone / "contoh" / "sops").iterdir()) == list(SAMPLES)
    assert (clone / "contoh" / "kinerja" / "bkpsdm-kota-tangerang").is_dir()
    assert not (clone / "content" / "kinerja").exists()
    assert "tidak dibangun" in (clone / "contoh" / "README.md").read_text(encoding="utf-8")
    config = (clone / "site_config.yml").read_text(encoding="utf-8")
    assert f'site_name: "Portal SOP {PEMERINTAH}"' in config
    assert f'      pemerintah: "{PEMERINTAH}"' in config
    assert f"# Portal SOP {PEMERINTAH}" in (clone / "content" / "index.md").read_text(encoding="utf-8")
    owners = (clone / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "@ORGANISASI/admin-portal" in owners and not any(s in owners for s in SAMPLES)

    # The empty portal builds (strict), with the guide and no sample page.
    done = build(clone)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 SOP dari 0 instansi" in done.stdout
    site = clone / "site"
    assert (site / "panduan" / "format" / "index.html").exists()
    assert not (site / "sop" / "bkpsdm-kota-tangerang").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"Portal SOP {PEMERINTAH}" in home and "BKPSDM" not in home


def test_after_mulai_a_first_agency_takes_the_government_and_the_portal_builds(clone):
    assert run("mulai", "--pemerintah", PEMERINTAH).exit_code == 0
    made = run("new-instansi", "dinkes", "--nama", "Dinas Kesehatan", "--singkatan", "Dinkes")
    assert made.exit_code == 0, made.output
    identity = (clone / "sops" / "dinkes" / "_instansi.yml").read_text(encoding="utf-8")
    assert f"pemerintah: {PEMERINTAH}" in identity
    assert run("new", "--instansi", "dinkes", "Pelayanan Surat Keterangan Sehat").exit_code == 0
    loaded = load_portal(clone / "sops", clone)
    assert not loaded.failed and loaded.portal.instansi[0].pemerintah == PEMERINTAH
    done = build(clone)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (clone / "site" / "instansi" / "dinkes" / "index.html").exists()


def test_mulai_refuses_without_a_name_and_twice(clone):
    empty = run("mulai")
    assert empty.exit_code == 1 and 'tulis nama pemerintahnya, misalnya: sop-portal mulai --pemerintah' in empty.output
    assert (clone / "sops" / "bkpsdm-kota-tangerang").is_dir()  # nothing moved
    invisible = run("mulai", "--pemerintah", "Pemerintah\x07Kota")  # the build would refuse it in site_config.yml
    assert invisible.exit_code == 1, invisible.output
    assert "--pemerintah: teks memuat karakter kendali tak terlihat (U+0007, karakter ke-11)" in invisible.output
    assert (clone / "sops" / "bkpsdm-kota-tangerang").is_dir() and not (clone / "contoh").exists()
    assert run("mulai", "--pemerintah", PEMERINTAH).exit_code == 0
    again = run("mulai", "--pemerintah", "Pemerintah Kota Lain")
    assert again.exit_code == 1 and "sudah dimulai" in again.output
    assert "Pemerintah Kota Lain" not in (clone / "site_config.yml").read_text(encoding="utf-8")


def test_a_name_yaml_would_misread_is_quoted(clone):
    assert run("mulai", "--pemerintah", "Pemerintah Kota: Contoh #1").exit_code == 0
    done = build(clone)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Portal SOP Pemerintah Kota: Contoh #1" in (clone / "site" / "index.html").read_text(encoding="utf-8")


def test_the_guide_links_to_no_sample_page():
    for page in (ROOT / "content" / "panduan").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "](../sop/" not in text and "](/sop/" not in text, page.name


def test_long_names_make_valid_skeletons(clone):
    """A name longer than the comment column used to run into the comment: 'Contoh# wajib: …' is not YAML."""
    assert run("mulai", "--pemerintah", PEMERINTAH).exit_code == 0
    nama = "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Contoh"
    assert run("new-instansi", "disdukcapil", "--nama", nama).exit_code == 0
    assert run("new", "--instansi", "disdukcapil", "Penerbitan Kartu Identitas Anak bagi Anak Usia Nol sampai Tujuh Belas Tahun").exit_code == 0
    loaded = load_portal(clone / "sops", clone)
    assert [e for e in loaded.errors if e.level == "kesalahan"] == []
    assert loaded.portal.instansi[0].nama == nama
    assert loaded.portal.sops[0].nama.endswith("Tujuh Belas Tahun")
