"""Work spread over every spare core (shared/workers.py): loading and drawing with several
workers give exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import generate_portal, need
from sop_portal.bagan import drawing
from sop_portal.bagan.drawing import Drawer, draw
from sop_portal.bagan.paging import Kertas
from sop_portal.format import loader
from sop_portal.format.loader import PARALLEL_FROM, _split, load_portal
from sop_portal.shared.workers import can_fork, cores, spare_cores


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return generate_portal(PARALLEL_FROM + 40, tmp_path_factory.mktemp("pekerja"))


def test_split_keeps_every_folder_in_order_in_at_most_count_groups():
    folders = [Path(f"sops/dinas-{i:02d}") for i in range(10)]
    sizes = [40, 3, 25, 25, 1, 60, 10, 10, 30, 5]
    for count in (1, 2, 3, 4, 12):
        groups = _split(folders, sizes, count)
        assert [f for g in groups for f in g] == folders
        assert 1 <= len(groups) <= min(count, len(folders)) and all(groups)
    three = _split(folders, sizes, 3)
    loads = [sum(sizes[folders.index(f)] for f in g) for g in three]
    assert max(loads) <= 2 * sum(sizes) / 3, loads  # no group takes most of the work


def test_every_spare_core_gets_a_worker():
    assert spare_cores() == max(1, cores() - 1)


def test_three_loading_workers_load_what_one_process_loads(generated, monkeypatch):
    need(can_fork(), "one core or no fork() here")
    alone = load_portal(generated / "sops", generated)
    monkeypatch.setattr(loader, "spare_cores", lambda: 3)
    together = load_portal(generated / "sops", generated, parallel=True)
    assert together.portal == alone.portal and together.errors == alone.errors


def test_three_drawing_workers_draw_what_one_process_draws(generated, monkeypatch):
    need(can_fork(), "one core or no fork() here")
    sops = load_portal(generated / "sops", generated).portal.sops
    monkeypatch.setattr(drawing, "spare_cores", lambda: 3)
    drawer = Drawer(sops, Kertas())
    try:
        assert drawer.parallel
        for sop in sops:
            assert drawer.drawing(sop) == draw(sop, Kertas()), sop.uid
    finally:
        drawer.close()
