"""Loading a large portal with a forked worker (loader.load_portal(parallel=True)): same result."""

from __future__ import annotations

import sys

import pytest

from conftest import BROKEN_SOP, IN_CI, ROOT
from sop_portal.loader import PARALLEL_FROM, load_portal
from sop_portal.paralel import can_fork

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402 - the benchmark's realistic SOPs, seeded


def test_a_large_portal_loads_the_same_with_a_worker_errors_included(tmp_path):
    if not can_fork():
        message = "one core or no fork() here: the loader never starts its worker"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    generate(PARALLEL_FROM + 20, tmp_path)
    project = tmp_path / "portal"
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
