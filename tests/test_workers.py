"""Loading a large portal with a forked worker (loader.load_portal(parallel=True)): same result."""

from __future__ import annotations

from conftest import BROKEN_SOP, generate_portal, need

from sop_portal.format.loader import PARALLEL_FROM, load_portal
from sop_portal.shared.workers import can_fork


def test_a_large_portal_loads_the_same_with_a_worker_errors_included(tmp_path):
    need(can_fork(), "one core or no fork() here: the loader never starts its worker")
    project = generate_portal(PARALLEL_FROM + 20, tmp_path)
    folders = sorted(p for p in (project / "sops").iterdir() if p.is_dir())
    # A mistake in the worker's half (the first folders) and one in this process's half.
    (folders[0] / "rusak-awal.yml").write_text(BROKEN_SOP, encoding="utf-8")
    (folders[-1] / "rusak-akhir.yml").write_text(BROKEN_SOP, encoding="utf-8")
    alone = load_portal(project / "sops", project)
    together = load_portal(project / "sops", project, parallel=True)
    assert len(alone.portal.sops) >= PARALLEL_FROM
    assert together.portal == alone.portal
    assert together.errors == alone.errors
    assert [e.level for e in together.errors] == [e.level for e in alone.errors]  # not compared by ==
    assert {e.file.split("/")[-1] for e in together.errors if e.level == "kesalahan"} == {"rusak-awal.yml", "rusak-akhir.yml"}
