"""The floor of a portal build: what Pagefind and MkDocs' start cost before any page is rendered.

    .venv/bin/python bench/run.py 1000 --keep --only portal,hugo
    .venv/bin/python bench/floor.py bench/out/n1000/portal/site

ARCHITECTURE.md, "Quality bars" asks the portal to build in ≤ 3× Hugo's time. Pagefind is part of the fixed stack,
so this measures, one after the other with nothing else running:

* Pagefind's command line over exactly what the build hands it: `search.index_document` of every
  page the site marks for indexing, with the build's options (`search.index_options`), into a
  temporary folder;
* `mkdocs build` of an empty site with the Material theme: starting MkDocs and Material.

Their sum is a floor no rendering work can go under. Each is run `--rounds` times (best wall time
kept: the machine's speed drifts); Hugo's time comes from the last `run.py` (bench/out/results.json).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "plugins"))

from sop_portal.site import search  # noqa: E402
from sop_portal.site.pagefind_service import executable  # noqa: E402


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its children
    peak_mb: float  # largest resident set of the process (ru_maxrss)


def timed(command: list[str], cwd: Path) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{command[0]} gagal: {proc.stderr.read().decode(errors='replace')[-500:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def index_documents(site: Path, into: Path) -> int:
    """Write what the build hands Pagefind for each marked page of `site` under `into`."""
    marked = search.marked_pages(site)
    for rel in marked:
        target = into / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(search.index_document((site / rel).read_text(encoding="utf-8")), encoding="utf-8")
    return len(marked)


def pagefind_command(site: Path) -> list[str]:
    """Pagefind's command line with the build's options: a list option is given once per value."""
    command = [str(executable()), "--site", str(site)]
    for name, value in search.index_options().items():
        for one in value if isinstance(value, list) else [value]:
            command += ["--" + name.replace("_", "-"), str(one)]
    return command


def empty_material_site(into: Path) -> Path:
    (into / "docs").mkdir(parents=True)
    (into / "docs" / "index.md").write_text("# Portal\n", encoding="utf-8")
    (into / "mkdocs.yml").write_text("site_name: Portal\ntheme:\n  name: material\n", encoding="utf-8")
    return into


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.wall)


def hugo_seconds(n_pages: int) -> float | None:
    """Hugo's wall time for the portal of about this size in the last run.py, if there is one."""
    results = HERE / "out" / "results.json"
    if not results.exists():
        return None
    for result in json.loads(results.read_text(encoding="utf-8"))["results"]:
        if result["name"] == "hugo" and result["n"] <= n_pages <= result["n"] * 1.1:
            return result["seconds"]
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description="Pagefind + MkDocs start: the floor of a portal build")
    parser.add_argument("site", type=Path, help="a built portal, e.g. bench/out/n1000/portal/site")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="floor-") as tmp:
        documents = Path(tmp) / "documents"
        pages = index_documents(args.site.resolve(), documents)
        pagefind = []
        for _ in range(args.rounds):
            shutil.rmtree(documents / search.BUNDLE_DIR, ignore_errors=True)
            pagefind.append(timed(pagefind_command(documents), documents))
        project = empty_material_site(Path(tmp) / "empty")
        start = [timed([python, "-m", "mkdocs", "build", "-q"], project) for _ in range(args.rounds)]
    p, m = best(pagefind), best(start)
    print(f"{pages:,} halaman untuk Pagefind ({args.site})")
    print(f"  Pagefind (CLI, dokumen indeks build) : {p.wall:5.2f} s dinding, {p.cpu:5.2f} s CPU, {p.peak_mb:,.0f} MB")
    print(f"  MkDocs + Material, situs kosong      : {m.wall:5.2f} s dinding, {m.cpu:5.2f} s CPU")
    floor = p.wall + m.wall
    print(f"  lantai                               : {floor:5.2f} s")
    hugo = hugo_seconds(pages)
    if hugo:
        print(f"  Hugo (run.py terakhir) {hugo:.2f} s: lantai = {floor / hugo:.1f}× Hugo (batas ≤ 3×)")


if __name__ == "__main__":
    main()
