"""`mkdocs serve`'s quick update (site/incremental.py): a saved SOP re-renders only its own pages,
and they are byte for byte what a whole rebuild makes; anything else still rebuilds the whole site.

Plain `mkdocs serve` (the command under `make serve` and `sop-portal serve`), as in test_serve.py.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from sop_portal.format.relations import EMPTY
from sop_portal.site.incremental import changed_sops, related, snapshot
from test_serve import AGENCY, PAGE, SOP, served  # noqa: F401 - `served` is the fixture

LIVERELOAD = re.compile(r"<script>\nvar livereload = .*?</script>", re.S)
PAGES = (PAGE, f"instansi/{AGENCY}/", f"instansi/{AGENCY}/buku/", "", "instansi/", "data/")


def bodies(server) -> dict[str, str]:
    """The pages a SOP shows on, as served, without the live-reload script (its numbers change)."""
    got = {}
    for path in PAGES:
        status, html = server.get(path)
        assert status == 200, path
        got[path] = LIVERELOAD.sub("", html)
    return got


def test_a_saved_sop_is_updated_quickly_and_exactly_as_a_whole_rebuild_makes_it(served):  # noqa: F811
    project, server = served
    server.wait_for("the watch list", lambda: "Watching paths for changes" in server.output)
    source = project / SOP
    good = source.read_text(encoding="utf-8")
    assert "Revisi data LKIP" in good

    # A step's text changed: only the SOP is reloaded and its pages re-rendered.
    source.write_text(good.replace("Revisi data LKIP", "Revisi data LKIP oleh subbagian", 1), encoding="utf-8")
    server.wait_for("the quickly updated page", lambda: "Revisi data LKIP oleh subbagian" in server.get(PAGE)[1])
    server.wait_for("the quick update's note", lambda: "Pratinjau cepat: bkpsdm-kota-tangerang/penyusunan-lkip dimuat ulang" in server.output)
    assert "Pencarian, data terbuka (/data/) dan feed belum memuat perubahan ini" in server.output
    rebuilds = server.output.count("Indeks pencarian:")
    quick = bodies(server)

    # Its name changed too: the agency page and the lists follow in the same quick update.
    source.write_text(
        good.replace("Revisi data LKIP", "Revisi data LKIP oleh subbagian", 1).replace("nama: Penyusunan LKIP", "nama: Penyusunan LKIP Tahunan", 1),
        encoding="utf-8",
    )  # fmt: skip
    assert "nama: Penyusunan LKIP Tahunan" in source.read_text(encoding="utf-8")
    server.wait_for("the renamed SOP on its agency page", lambda: "Penyusunan LKIP Tahunan" in server.get(f"instansi/{AGENCY}/")[1])
    server.wait_for("the second quick update's note", lambda: server.output.count("Pratinjau cepat") == 2)
    assert server.output.count("Indeks pencarian:") == rebuilds  # no whole rebuild so far
    renamed = bodies(server)
    assert renamed[PAGE] != quick[PAGE]

    # The agency file saved (unchanged): a whole rebuild, whose pages are exactly the quick ones.
    agency = project / "sops" / AGENCY / "_instansi.yml"
    agency.write_text(agency.read_text(encoding="utf-8"), encoding="utf-8")
    server.wait_for("the whole rebuild", lambda: server.output.count("Indeks pencarian:") > rebuilds)
    rebuilt = bodies(server)
    for path in PAGES:
        diff = list(difflib.unified_diff(renamed[path].splitlines(), rebuilt[path].splitlines(), lineterm="", n=0))
        assert diff == [], (path, diff[:12])
    assert server.output.count("Pratinjau cepat") == 2


def test_only_existing_sop_files_changed_allow_a_quick_update(tmp_path):
    sops = tmp_path / "sops"
    (sops / "dinas-uji").mkdir(parents=True)
    for name in ("_instansi.yml", "a.yml", "b.yml"):
        (sops / "dinas-uji" / name).write_text("nama: x\n", encoding="utf-8")
    (tmp_path / "site_config.yml").write_text("site_name: x\n", encoding="utf-8")
    roots = [str(sops), str(tmp_path / "site_config.yml")]
    before = snapshot(roots)
    assert changed_sops(before, snapshot(roots), sops) == []

    def after(path: Path, text: str | None) -> list[Path] | None:
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
        try:
            return changed_sops(before, snapshot(roots), sops)
        finally:
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(old, encoding="utf-8")

    assert after(sops / "dinas-uji" / "a.yml", "nama: diubah panjang\n") == [sops / "dinas-uji" / "a.yml"]
    assert after(sops / "dinas-uji" / "_instansi.yml", "nama: y berbeda\n") is None  # the agency: whole rebuild
    assert after(sops / "dinas-uji" / "c.yml", "nama: baru\n") is None  # a new SOP: whole rebuild (nav, files)
    assert after(sops / "dinas-uji" / "b.yml", None) is None  # a deleted SOP
    assert after(tmp_path / "site_config.yml", "site_name: lain sekali\n") is None  # the config


def test_related_pages_of_an_unlinked_sop_are_only_its_own():
    assert related(EMPTY, EMPTY, ["a/b"]) == {"a/b"}
