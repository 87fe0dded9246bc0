"""The previous build's files moved aside and deleted beside the build (site/old_site.py, issue #21):
the site is what a build into an empty folder makes, hidden entries stay (as MkDocs keeps them),
nothing is left beside the site folder, and a build refused for bad content keeps the old site."""

from __future__ import annotations

import hashlib

from conftest import make_project, run_build
from test_drawing import site_files

from sop_portal.site.old_site import TRASH_PREFIX, move_aside


def digest(files: dict[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


def test_a_rebuild_replaces_the_old_site_and_keeps_hidden_entries(tmp_path):
    project = make_project(tmp_path / "p")
    first = run_build(project, site_url="https://contoh.go.id/portal/")
    assert first.returncode == 0, first.output
    fresh = digest(site_files(first.site))
    (first.site / "sisa-lama.html").write_text("<p>halaman lama</p>", encoding="utf-8")
    (first.site / "folder-lama").mkdir()
    (first.site / "folder-lama" / "berkas.txt").write_text("x", encoding="utf-8")
    (first.site / ".nojekyll").write_text("", encoding="utf-8")
    (project / f"{TRASH_PREFIX}99999").mkdir()  # left by a build killed half-way
    again = run_build(project, site_url="https://contoh.go.id/portal/")
    assert again.returncode == 0, again.output
    rebuilt = site_files(again.site)
    assert not (again.site / "sisa-lama.html").exists() and not (again.site / "folder-lama").exists()
    assert (again.site / ".nojekyll").exists()  # hidden entries stay, as with MkDocs' own cleaning
    rebuilt.pop(".nojekyll")
    assert digest(rebuilt) == fresh
    assert sorted(p.name for p in project.glob(f"{TRASH_PREFIX}*")) == []


def test_a_refused_build_keeps_the_old_site(tmp_path):
    project = make_project(tmp_path / "p")
    first = run_build(project)
    assert first.returncode == 0, first.output
    before = digest(site_files(first.site))
    sop = next(p for p in sorted((project / "sops").glob("*/*.yml")) if not p.name.startswith("_"))
    sop.write_text(sop.read_text(encoding="utf-8").replace("nama:", "nama: [", 1), encoding="utf-8")
    refused = run_build(project)
    assert refused.returncode != 0
    assert digest(site_files(first.site)) == before


def test_nothing_to_move_starts_nothing(tmp_path):
    assert move_aside(tmp_path / "belum-ada").process is None
    (tmp_path / "kosong").mkdir()
    (tmp_path / "kosong" / ".nojekyll").write_text("", encoding="utf-8")
    assert move_aside(tmp_path / "kosong").process is None
    assert list(tmp_path.glob(f"{TRASH_PREFIX}*")) == []
