"""Flowcharts drawn ahead of their pages in a second process (drawing.py): same site either way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import copy_project, edit_config, generate_portal, need, run_build

from sop_portal.bagan.drawing import PARALLEL_FROM, Drawer, draw
from sop_portal.bagan.paging import Kertas
from sop_portal.format.loader import load_portal
from sop_portal.shared.workers import can_fork
from sop_portal.site.search import indexed_fragments

N_SOPS = PARALLEL_FROM + 12  # enough for the worker, and more than its first window of chunks


KERTAS = Kertas("A4", 7)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return generate_portal(N_SOPS, tmp_path_factory.mktemp("drawing"))


def site_files(site: Path) -> dict[str, bytes]:
    """Every file outside Pagefind's bundle, whose file names vary from one build to the next anyway."""
    files = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}
    return {name: path.read_bytes() for name, path in files.items() if not name.startswith("pagefind/")}


def index_contents(site: Path) -> list[tuple]:
    return sorted((f["url"], f["content"], json.dumps(f["meta"], sort_keys=True)) for f in indexed_fragments(site / "pagefind"))


def test_the_worker_draws_what_the_page_would_draw_itself(generated):
    need(can_fork(), "one core or no fork() here: the build never starts the worker")
    sops = load_portal(generated / "sops", generated).portal.sops
    assert len(sops) >= PARALLEL_FROM
    drawer = Drawer(sops, KERTAS)
    try:
        assert drawer.parallel
        # Out of order first (drawn here), then in order (from the worker).
        assert drawer.drawing(sops[-1]) == draw(sops[-1], KERTAS)
        for sop in sops:
            assert drawer.drawing(sop) == draw(sop, KERTAS), sop.uid
    finally:
        drawer.close()
    assert not drawer.parallel
    assert drawer.drawing(sops[0]) == draw(sops[0], KERTAS)  # closed: drawn in this process


def test_a_small_portal_or_parallel_false_draws_in_one_process(generated):
    sops = load_portal(generated / "sops", generated).portal.sops
    assert not Drawer(sops[: PARALLEL_FROM - 1], KERTAS).parallel
    assert not Drawer(sops, KERTAS, parallel=False).parallel


def test_the_site_is_the_same_with_and_without_the_worker(generated, tmp_path):
    # On one core (or without fork) both builds would draw in one process and prove nothing.
    need(can_fork(), "one core or no fork() here: the build never starts the worker")
    # Without the cache, so the worker draws every chart (a warm cache would leave it nothing).
    with_pool = copy_project(generated, tmp_path / "twee-proses")
    edit_config(with_pool, "  - sop-portal:\n", "  - sop-portal:\n      cache: false\n")
    sops = load_portal(with_pool / "sops", with_pool).portal.sops
    probe = Drawer(sops, KERTAS)  # the build's own condition for starting the worker
    try:
        assert probe.parallel
    finally:
        probe.close()
    parallel = run_build(with_pool)
    assert parallel.returncode == 0, parallel.output
    with_worker = site_files(parallel.site)
    one_process = copy_project(generated, tmp_path / "satu-proses")
    edit_config(one_process, "  - sop-portal:\n", "  - sop-portal:\n      parallel: false\n      cache: false\n")
    alone = run_build(one_process)
    assert alone.returncode == 0, alone.output
    without_worker = site_files(alone.site)
    assert with_worker.keys() == without_worker.keys()
    assert len([k for k in with_worker if k.startswith("sop/") and k.endswith(".svg")]) >= N_SOPS
    different = [k for k in with_worker if with_worker[k] != without_worker[k]]
    assert different == []
    assert index_contents(parallel.site) == index_contents(alone.site)
