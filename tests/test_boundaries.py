"""The line between the core and the MkDocs adapter (ARCHITECTURE.md, "Layers"): each side does
its own job, and the templates only read what the plugin hands them."""

from __future__ import annotations

import gc
import re
from pathlib import Path

from conftest import ROOT, generate_portal, need

from sop_portal.bagan.drawing import PARALLEL_FROM, Drawer, draw
from sop_portal.bagan.paging import Kertas
from sop_portal.format.loader import load_portal
from sop_portal.shared.workers import can_fork
from sop_portal.site.frame import RenderedOnce
from sop_portal.site.material import front_matter
from sop_portal.site.pages import PageSpec

PACKAGE = ROOT / "plugins" / "sop_portal"
TEMPLATES = [*sorted((PACKAGE / "site" / "templates").rglob("*.html")), *sorted((ROOT / "theme").rglob("*.html"))]


def test_templates_read_the_view_not_the_plugin_config():
    """sop.html used to read config.plugins["sop-portal"] itself."""
    readers = [p.relative_to(ROOT).as_posix() for p in TEMPLATES if "config.plugins" in p.read_text(encoding="utf-8")]
    assert readers == []


def test_templates_change_nothing_they_are_given():
    """theme/main.html used to fill the plugin's dict with setdefault; now it asks a RenderedOnce."""
    mutating = re.compile(r"\.(setdefault|update|append|extend|pop|clear|insert|remove)\(")
    found = [p.relative_to(ROOT).as_posix() for p in TEMPLATES if mutating.search(p.read_text(encoding="utf-8"))]
    assert found == []
    memo = RenderedOnce()
    assert memo.get("nav") is None
    assert memo.keep("nav", "<nav>1</nav>") == "<nav>1</nav>"
    assert memo.keep("nav", "<nav>2</nav>") == "<nav>1</nav>"  # the first render is the one kept


def test_the_adapter_leaves_the_garbage_collector_alone():
    plugin = (PACKAGE / "site" / "plugin.py").read_text(encoding="utf-8")
    assert not re.search(r"\bgc\.", plugin) and "import gc" not in plugin


def test_loading_restores_the_collector_as_it_found_it(tmp_path):
    (tmp_path / "sops").mkdir()
    for enabled in (False, True):
        (gc.enable if enabled else gc.disable)()
        try:
            load_portal(tmp_path / "sops", tmp_path)
            assert gc.isenabled() is enabled
        finally:
            gc.enable()
            gc.unfreeze()


def test_front_matter_for_material_is_made_in_one_place():
    spec = PageSpec("sop/a/b.md", "sop.html", "Sarana & Prasarana", "sop", "a/b", hide=("navigation", "toc"))
    assert front_matter(spec) == (
        '---\n{"template": "sop.html", "title": "Sarana &amp; Prasarana", "hide": ["navigation", "toc"]}\n---\n'
    )
    pages = (PACKAGE / "site" / "pages.py").read_text(encoding="utf-8")
    assert '"---' not in pages and "json.dumps(meta" not in pages


def test_the_page_view_does_not_draw_the_standalone_svg():
    views = (PACKAGE / "site" / "views.py").read_text(encoding="utf-8")
    assert '"svg"' not in views and "draw(" not in views


def test_a_drawing_worker_that_dies_is_reported_and_the_pages_still_drawn(tmp_path):
    need(can_fork(), "one core or no fork() here: the build never starts the worker")
    portal = generate_portal(PARALLEL_FROM + 4, tmp_path)
    sops = load_portal(portal / "sops", portal).portal.sops
    kertas = Kertas("A4", 7)
    said: list[str] = []
    drawer = Drawer(sops, kertas, report=said.append)
    try:
        assert drawer.parallel
        for process in list(drawer._pool._processes.values()):  # the worker dies
            process.kill()
            process.join()
        assert drawer.drawing(sops[0]) == draw(sops[0], kertas)
    finally:
        drawer.close()
    assert len(said) == 1 and said[0].startswith("penggambar bagan di proses kedua berhenti (")


def test_the_check_before_a_process_is_killed_is_not_vacuous(tmp_path):
    """Without a failure, nothing is reported."""
    need(can_fork(), "one core or no fork() here: the build never starts the worker")
    portal = generate_portal(PARALLEL_FROM + 4, Path(tmp_path))
    sops = load_portal(portal / "sops", portal).portal.sops
    said: list[str] = []
    drawer = Drawer(sops, Kertas("A4", 7), report=said.append)
    try:
        drawer.drawing(sops[0])
    finally:
        drawer.close()
    assert said == []
