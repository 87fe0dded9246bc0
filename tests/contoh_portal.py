"""One example portal with every lifecycle case, built ONCE per test session in a real git repository.

Shared by test_relations, test_lifecycle, test_feed and test_opendata (each module asks for it
through its own fixture; the build is cached here so the session pays for it once). The repo's
seed SOPs plus:

* ``penyusunan-renstra``: keterkaitan "S.O.P. Penyusunan LKIP" (matches the seed by nama, same
  agency) and "SOP Pelaksanaan Forum SKPD" (matches nothing: stays text); riwayat with two
  entries; revised recently, so no "perlu ditinjau" banner; changed in the second commit.
* ``penyusunan-renja-lama``: ``status: dicabut``; keterkaitan "065/100/BKPSDM" (matches Renstra
  by nomor), so Renstra lists it under "Dirujuk oleh".
* ``rancangan-baru``: ``status: draf``, not published (publish_draft is off).

Two commits with fixed dates make the git dates checkable: everything on 2024-01-10, then a
revision of Renstra on 2025-03-05. `today` is fixed to 2026-06-01 for the review banner, and
`repo_url` is set so the edit and report links appear.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

from conftest import SUBPATH, Build, make_project, run_build

SITE_URL = f"http://127.0.0.1:8000{SUBPATH}"
REPO_URL = "https://github.com/contoh-pemda/portal-sop"
TODAY = "2026-06-01"
COMMIT_1 = "2024-01-10T09:00:00+07:00"
COMMIT_2 = "2025-03-05T14:30:00+07:00"
AGENCY = "bkpsdm-kota-tangerang"


def sop_yaml(nama: str, *, nomor: str = "", status: str = "berlaku", extra: str = "") -> str:
    head = f'nomor: "{nomor}"\n' if nomor else ""
    return head + textwrap.dedent(
        f"""\
        nama: {nama}
        status: {status}
        tanggal_efektif: 2024-01-02
        """
    ) + extra + textwrap.dedent(
        """\
        pelaksana: [Pelaksana, Kasubag]
        langkah:
          - kegiatan: Menyiapkan bahan
            pelaksana: Pelaksana
            waktu: 1 hari
          - kegiatan: Memeriksa dan menyetujui
            pelaksana: Kasubag
            waktu: 2 jam
        """
    )


RENSTRA = sop_yaml(
    "Penyusunan Renstra",
    nomor="065/100/BKPSDM",
    extra=textwrap.dedent(
        """\
        tanggal_revisi: 2026-01-15
        keterkaitan:
          - S.O.P. Penyusunan LKIP
          - SOP Pelaksanaan Forum SKPD
        riwayat:
          - {tanggal: 2026-01-15, catatan: "Penyesuaian dengan RPJMD 2025-2029"}
          - {tanggal: 2024-01-02, catatan: "Penetapan pertama"}
        """
    ),
)
RENSTRA_REVISED = RENSTRA.replace("Menyiapkan bahan", "Menyiapkan bahan dan data capaian")
RENJA_LAMA = sop_yaml(
    "Penyusunan Renja Lama", nomor="065/090/BKPSDM", status="dicabut", extra="keterkaitan: ['065/100/BKPSDM']\n"
)
DRAF = sop_yaml("Rancangan Baru", status="draf")

_cache: dict[str, Build] = {}


def _git(project: Path, *args: str, date: str | None = None) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Uji",
        GIT_AUTHOR_EMAIL="uji@contoh.invalid",
        GIT_COMMITTER_NAME="Uji",
        GIT_COMMITTER_EMAIL="uji@contoh.invalid",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def build(tmp_path_factory) -> Build:
    if "build" in _cache:
        return _cache["build"]
    project = make_project(
        tmp_path_factory.mktemp("contoh"),
        sops={
            f"{AGENCY}/penyusunan-renstra.yml": RENSTRA,
            f"{AGENCY}/penyusunan-renja-lama.yml": RENJA_LAMA,
            f"{AGENCY}/rancangan-baru.yml": DRAF,
        },
        plugin_options=f'      today: "{TODAY}"',
        extra_config=f"repo_url: {REPO_URL}\n",
    )
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Isi awal", date=COMMIT_1)
    (project / "sops" / AGENCY / "penyusunan-renstra.yml").write_text(RENSTRA_REVISED, encoding="utf-8")
    _git(project, "commit", "-q", "-am", "Revisi Renstra", date=COMMIT_2)
    result = run_build(project, site_url=SITE_URL)
    assert result.returncode == 0, result.output
    _cache["build"] = result
    return result
