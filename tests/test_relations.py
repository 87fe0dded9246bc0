"""Keterkaitan resolved to SOP pages, backlinks ("Dirujuk oleh"), and the `peringatan` notes for the rest."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import contoh_portal
import pytest
from conftest import write_tree

from sop_portal.format.loader import load_portal
from sop_portal.format.relations import normalise, resolve

RENSTRA = f"sop/{contoh_portal.AGENCY}/penyusunan-renstra/"
LKIP = f"sop/{contoh_portal.AGENCY}/penyusunan-lkip/"


@pytest.fixture(scope="module")
def contoh(tmp_path_factory):
    return contoh_portal.build(tmp_path_factory)


@pytest.mark.parametrize(
    "written, key",
    [
        ("SOP Penyusunan RKA/DPA", "penyusunan rka dpa"),
        ("sop  penyusunan rka - dpa.", "penyusunan rka dpa"),
        ("S.O.P. Penyusunan LKIP", "penyusunan lkip"),
        ("Standar Operasional Prosedur Penyusunan LKIP", "penyusunan lkip"),
        ("PENYUSUNAN LKIP", "penyusunan lkip"),
        ("065/767-1.01/BKPSDM", "065 767 1 01 bkpsdm"),
        ("Sopir Dinas", "sopir dinas"),  # a word starting with "sop" is not the prefix
    ],
)
def test_normalise_ignores_leading_sop_case_and_punctuation(written, key):
    assert normalise(written) == key


def _sop(nama: str, *, nomor: str = "", keterkaitan: tuple[str, ...] = ()) -> str:
    lines = [f"nama: {nama}"]
    if nomor:
        lines.append(f'nomor: "{nomor}"')
    if keterkaitan:
        lines.append("keterkaitan:")
        lines += [f"  - {k}" for k in keterkaitan]
    lines.append("pelaksana: [A]\nlangkah:\n  - {kegiatan: Satu, pelaksana: A}\n  - {kegiatan: Dua, pelaksana: A}")
    return "\n".join(lines) + "\n"


def _portal(tmp_path: Path, files: dict[str, str]):
    write_tree(tmp_path / "sops", files)
    for agency in {rel.split("/")[0] for rel in files}:
        (tmp_path / "sops" / agency / "_instansi.yml").write_text(f"nama: Instansi {agency}\n", encoding="utf-8")
    result = load_portal(tmp_path / "sops", tmp_path)
    assert not result.failed, result.errors
    return result.portal


def test_same_agency_wins_and_ambiguity_stays_text(tmp_path):
    portal = _portal(
        tmp_path,
        {
            "a/penggajian.yml": _sop("Penggajian", nomor="800/1/A"),
            "b/penggajian.yml": _sop("Penggajian", nomor="800/1/B"),
            "c/penggajian.yml": _sop("Penggajian"),
            "a/cuti.yml": _sop("Cuti", keterkaitan=("SOP Penggajian", "800/1/B", "SOP Cuti", "SOP Mutasi")),
            "d/lembur.yml": _sop("Lembur", keterkaitan=("SOP Penggajian",)),
        },
    )
    rel = resolve(portal)
    cuti = {t.teks: t.target for t in rel.links_of("a/cuti")}
    assert cuti == {
        "SOP Penggajian": "a/penggajian",  # the own agency's, though b and c have one too
        "800/1/B": "b/penggajian",  # a nomor names exactly one SOP, wherever it is
        "SOP Cuti": None,  # never a link to itself
        "SOP Mutasi": None,
    }
    # Agency d has none of its own and three others share the name: a guess could be wrong.
    assert [t.target for t in rel.links_of("d/lembur")] == [None]
    assert rel.backlinks_of("a/penggajian") == ("a/cuti",)
    assert rel.backlinks_of("b/penggajian") == ("a/cuti",)

    notes = {(n.file, n.path): n for n in rel.catatan}
    assert all(n.level == "peringatan" for n in rel.catatan)
    mutasi = notes[("sops/a/cuti.yml", "keterkaitan[4]")]
    lines = (tmp_path / "sops/a/cuti.yml").read_text(encoding="utf-8").splitlines()
    assert lines[mutasi.line - 1] == "  - SOP Mutasi" and mutasi.column == 5  # located at the entry itself
    assert "tidak cocok" in mutasi.message and '"SOP Mutasi"' in mutasi.message
    assert "3 SOP sekaligus" in notes[("sops/d/lembur.yml", "keterkaitan[1]")].message


def test_keterkaitan_becomes_a_link_and_backlinks_are_listed(contoh):
    html = contoh.html(RENSTRA)
    # "S.O.P. Penyusunan LKIP" names the seed SOP of the same agency; the link is relative.
    assert '<a href="../penyusunan-lkip/">S.O.P. Penyusunan LKIP</a>' in html
    # An entry that names nothing stays plain text, as written.
    assert re.search(r"<li>\s*SOP Pelaksanaan Forum SKPD\s*</li>", html)
    # Renstra is named by the seed LKIP ("SOP Penyusunan Renstra") and, by nomor, by the revoked Renja.
    dirujuk = html.split('class="sop-dirujuk"', 1)[1].split("</ul>", 1)[0]
    assert '<a href="../penyusunan-lkip/">Penyusunan LKIP</a>' in dirujuk
    assert '<a href="../penyusunan-renja-lama/">Penyusunan Renja Lama</a>' in dirujuk
    assert "sop-lencana--dicabut" in dirujuk
    assert '<a href="../penyusunan-renstra/">Penyusunan Renstra</a>' in contoh.html(LKIP).split('class="sop-dirujuk"', 1)[1]


def test_a_page_nobody_names_says_so(contoh):
    html = contoh.html("sop/kesbangpol-kab-pesisir-selatan/pengukuran-kinerja/")
    assert "sop-dirujuk" not in html
    assert "Belum ada SOP lain di portal ini yang menyebut SOP ini" in html


def test_unmatched_keterkaitan_never_fail_a_strict_build(contoh, tmp_path):
    """contoh names "SOP Pelaksanaan Forum SKPD", which no SOP is: a strict build (not quiet, so
    every level shows) succeeds and says so at INFO, never at WARNING or above."""
    assert contoh.returncode == 0
    project = tmp_path / "portal"
    shutil.copytree(contoh.project, project, ignore=shutil.ignore_patterns("site", ".cache"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "site_config.yml"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    said = [line for line in (proc.stdout + proc.stderr).splitlines() if "SOP Pelaksanaan Forum SKPD" in line]
    assert said and all(line.startswith("INFO") for line in said), said


def test_check_reports_unmatched_keterkaitan_as_peringatan(contoh):
    proc = subprocess.run(
        [sys.executable, "-m", "sop_portal.cli.main", "check"], cwd=contoh.project, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    renstra = f"sops/{contoh_portal.AGENCY}/penyusunan-renstra.yml"
    lines = [l.strip() for l in proc.stdout.splitlines() if l.strip().startswith(renstra + ":")]
    assert any(': peringatan: keterkaitan[2]: "SOP Pelaksanaan Forum SKPD" tidak cocok' in l for l in lines), proc.stdout
    # Matched entries are not reported.
    assert not any("S.O.P. Penyusunan LKIP" in l for l in lines)
    assert re.search(r"Semua isi valid: .*\(\d+ peringatan\)", proc.stdout)
