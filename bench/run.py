"""Benchmark: the portal against plain mkdocs-material and Hugo, side by side, in one run.

    .venv/bin/python bench/run.py 1000 10000        # N values; see bench/README.md

For each N it generates the same synthetic content three ways (`generate.py`) under
``bench/out/n<N>/`` and builds, each in its own subprocess so each measure is that build's own:

  (a) the portal:          mkdocs build --strict -f site_config.yml (flowcharts, open data, search index),
                           first with no cache (.cache/ removed), then again with one SOP changed
                           (the cache across builds, shared/cache.py)
  (b) plain mkdocs-material: mkdocs build -f mkdocs.yml (Markdown tables, Material's default search)
  (c) Hugo, bare template:   hugo
  (d) Hugo + Pagefind:       hugo, then Pagefind's command line over Hugo's pages (the peer with the same search)

and prints wall time, peak memory, output size and file count, the ratios and the bars of
ARCHITECTURE.md, "Quality bars": a ≤ 0.5× b (and parity, ≤ 1.0× b), a ≤ 3× d, the rebuild with
one SOP changed ≤ 0.5× the first, time(10,000) ≤ 11× time(1,000), peak memory ≤ 1.2× d's, the
HTML of a 15-step SOP page ≤ 60 KB and its first visit ≤ 300 KB transferred (gzip) before any search.
Results are also written to ``bench/out/results.json``. Timings belong here, never in tests.

Peak memory is the largest sum of the proportional set sizes (PSS) of the build process and every
process under it, sampled every second from /proc/<pid>/smaps_rollup: the portal's Pagefind runs
*beside* the build (it indexes each page as it is written) and its flowchart worker is forked
from it, so the largest single process (``ru_maxrss``, also printed) would understate what the
machine needs, and a plain sum of resident sets (also printed, sampled every 0.1 s) counts the
pages a forked worker shares with its parent twice. PSS counts a shared page once, split
between the processes that share it.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SITE_URL = "http://127.0.0.1:8000/portal-sop/"
MB = 1024 * 1024


@dataclass
class Result:
    name: str
    n: int
    seconds: float
    cpu_s: float  # user + system CPU of the build and every process it waited for (less noisy than wall time on a shared machine)
    peak_mb: float  # all processes of the build together: largest PSS sum (sampled), at least `largest_mb`
    largest_mb: float  # the largest single process (ru_maxrss)
    rss_sum_mb: float  # largest plain sum of resident sets (shared pages counted once per process)
    output_mb: float
    files: int
    ok: bool
    log: str


def measure(name: str, n: int, command: list[str], cwd: Path, output: Path) -> Result:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL)
    if output.exists():
        shutil.rmtree(output)
    log_path = cwd / f"build-{name}.log"
    with log_path.open("wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        sampler = TreeMemory(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    size, files = 0, 0
    for path in output.rglob("*"):
        if path.is_file():
            size += path.stat().st_size
            files += 1
    text = log_path.read_text(encoding="utf-8", errors="replace")
    # A build that exits 0 but wrote no home page (or fewer pages than SOPs) is a failure too.
    ok = proc.returncode == 0 and (output / "index.html").exists() and files > n
    largest = usage.ru_maxrss / 1024
    peak = max(sampler.peak_pss_mb, largest)
    cpu = usage.ru_utime + usage.ru_stime
    return Result(name, n, seconds, cpu, peak, largest, max(sampler.peak_mb, largest), size / MB, files, ok, text[-2000:])


class TreeMemory:
    """The largest total memory of a process and its descendants, sampled from /proc: resident
    sets every `interval`, proportional set sizes every `pss_every` samples (reading smaps_rollup
    walks the page tables: at 0.1 s it would take CPU from the build being measured)."""

    def __init__(self, pid: int, interval: float = 0.1, pss_every: int = 10) -> None:
        self.pid, self.interval, self.pss_every = pid, interval, pss_every
        self.peak_mb = self.peak_pss_mb = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        samples = 0
        while not self._done.wait(self.interval):
            samples += 1
            self.peak_mb = max(self.peak_mb, self._total_kb("status", "VmRSS:") / 1024)
            if samples % self.pss_every == 0:
                self.peak_pss_mb = max(self.peak_pss_mb, self._total_kb("smaps_rollup", "Pss:") / 1024)

    def _total_kb(self, proc_file: str, field: str) -> int:
        # /proc/<pid>/task/<tid>/children lists a thread's children: walking it is cheap, where
        # reading all of /proc 20 times a second would itself take CPU from the build.
        total, todo = 0, [self.pid]
        while todo:
            pid = todo.pop()
            try:
                status = Path(f"/proc/{pid}/{proc_file}").read_text()
                for task in Path(f"/proc/{pid}/task").iterdir():
                    todo += [int(child) for child in (task / "children").read_text().split()]
            except OSError:  # the process ended while we looked
                continue
            total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith(field)), 0)
        return total


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def first_visit(site: Path, page: str) -> tuple[int, int, list[tuple[str, int]]]:
    """(requests, gzip bytes, [(url, gzip bytes)]) of one page's first visit, from a real browser.

    The site is served under /portal-sop/ on loopback; Chromium loads the page with an empty
    cache and every response it receives is counted at its gzip size (what GitHub Pages sends).
    """
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, _Handler

    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/portal-sop/"
    loaded: list[tuple[str, int]] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            tab = ctx.new_page()

            def on_response(response) -> None:
                try:
                    body = response.body()
                except Exception:  # redirects and aborted requests have no body
                    body = b""
                loaded.append((response.url.replace(base, "/"), gz(body)))

            tab.on("response", on_response)
            tab.goto(base + page, wait_until="networkidle")
            browser.close()
    finally:
        server.shutdown()
    return len(loaded), sum(size for _, size in loaded), loaded


def page_weight(site: Path, page: str, browser: bool) -> dict:
    html = (site / page / "index.html").read_bytes()
    weight = {"page": page, "html_bytes": len(html), "html_gzip": gz(html)}
    if not browser:
        return weight
    try:
        requests, total, loaded = first_visit(site, page)
        weight.update(first_visit_requests=requests, first_visit_gzip=total, loaded=loaded)
    except Exception as exc:  # no Playwright/Chromium: report the HTML weight only
        weight["first_visit_error"] = str(exc)
    return weight


def builds(n: int, only: set[str]) -> tuple[list[Result], dict]:
    work = OUT / f"n{n}"
    print(f"\n== N = {n:,}: membuat konten sintetis di {work} …", flush=True)
    facts = generate(n, work)
    python = sys.executable
    portal = [python, "-m", "mkdocs", "build", "--strict", "-q", "-f", "site_config.yml"]
    # The peer with the same search: Hugo, then Pagefind's own command line over Hugo's pages.
    hugo_pagefind = ["sh", "-c", f"hugo --quiet -d public && {shlex.quote(python)} -m pagefind --site public --silent"]
    plan = [
        ("portal", portal, work / "portal", work / "portal/site"),
        # The same portal again with one SOP changed: what the cache across builds (shared/cache.py) saves.
        ("portal-1-diubah", portal, work / "portal", work / "portal/site"),
        ("mkdocs-material", [python, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml"], work / "mkdocs", work / "mkdocs/site"),
        ("hugo", ["hugo", "--quiet", "-d", "public"], work / "hugo", work / "hugo/public"),
        ("hugo+pagefind", hugo_pagefind, work / "hugo", work / "hugo/public"),
    ]
    results = []
    for name, command, cwd, output in plan:
        if only and name.split("-1-")[0] not in only:
            continue
        if name.startswith("hugo") and not shutil.which("hugo"):
            print(f"   hugo tidak ditemukan (apt-get install hugo); {name} dilewati", flush=True)
            continue
        if name == "portal":  # a first build: no cache from an earlier run
            shutil.rmtree(cwd / ".cache", ignore_errors=True)
        if name == "portal-1-diubah":
            change_one_sop(cwd)
        print(f"   membangun {name} …", end=" ", flush=True)
        result = measure(name, n, command, cwd, output)
        print(f"{result.seconds:.1f} s (CPU {result.cpu_s:.1f} s), {result.peak_mb:.0f} MB" + ("" if result.ok else "  GAGAL"), flush=True)
        if not result.ok:
            print(result.log, file=sys.stderr)
        results.append(result)
    return results, facts


def change_one_sop(project: Path) -> None:
    """One step's text of the last SOP, changed (the next run's generate.py writes it back)."""
    sop = [p for p in sorted((project / "sops").glob("*/*.yml")) if not p.name.startswith("_")][-1]  # not the weighed page
    text = sop.read_text(encoding="utf-8")
    sop.write_text(text.replace("kegiatan: ", "kegiatan: Diubah ", 1), encoding="utf-8")


def table(results: list[Result]) -> str:
    # "cores": CPU / wall, how many cores the build kept busy on average (of `os.cpu_count()`).
    head = f"{'N':>7} {'build':<16} {'wall s':>8} {'CPU s':>8} {'cores':>6} {'peak MB':>8} {'largest':>8} {'RSS sum':>8} {'out MB':>8} {'files':>8}"
    rows = [head, "-" * len(head)]
    for r in results:
        rows.append(f"{r.n:>7,} {r.name:<16} {r.seconds:>8.1f} {r.cpu_s:>8.1f} {r.cpu_s / max(r.seconds, 1e-9):>6.2f} {r.peak_mb:>8.0f} {r.largest_mb:>8.0f} {r.rss_sum_mb:>8.0f} {r.output_mb:>8.1f} {r.files:>8,}")
    return "\n".join(rows)


def verdict(ok: bool) -> str:
    return "OK" if ok else "TIDAK TERCAPAI"


def print_ratios(ns: list[int], by: dict[tuple[int, str], Result]) -> None:
    for n in ns:
        a, b, c = by.get((n, "portal")), by.get((n, "mkdocs-material")), by.get((n, "hugo"))
        d, again = by.get((n, "hugo+pagefind")), by.get((n, "portal-1-diubah"))
        if a and b:
            ratio = a.seconds / b.seconds
            print(
                f"  N={n:,}: portal/mkdocs-material waktu {ratio:.2f}  (batas ≤ 0,5: {verdict(ratio <= 0.5)}; "
                f"paritas ≤ 1,0: {verdict(ratio <= 1.0)});  CPU {a.cpu_s / b.cpu_s:.2f};  memori {a.peak_mb / b.peak_mb:.2f}"
            )
        if a and d:
            ratio = a.seconds / d.seconds
            print(f"  N={n:,}: portal/(Hugo + Pagefind) waktu {ratio:.2f}  (batas ≤ 3: {verdict(ratio <= 3)});  CPU {a.cpu_s / d.cpu_s:.2f};  memori {a.peak_mb / d.peak_mb:.2f} (batas ≤ 1,2: {verdict(a.peak_mb <= 1.2 * d.peak_mb)})")
        if a and c:
            print(f"  N={n:,}: portal/Hugo saja waktu {a.seconds / c.seconds:.2f};  memori {a.peak_mb / c.peak_mb:.2f}")
        if a and again:
            ratio = again.seconds / a.seconds
            print(
                f"  N={n:,}: bangun ulang dengan 1 SOP diubah / bangun pertama {ratio:.2f}  (batas ≤ 0,5: {verdict(ratio <= 0.5)}); "
                f"CPU {again.cpu_s / a.cpu_s:.2f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description="Portal SOP vs mkdocs-material vs Hugo")
    parser.add_argument("n", type=int, nargs="+", help="jumlah SOP, mis. 1000 10000")
    parser.add_argument("--only", default="", help="comma-separated subset: portal,mkdocs-material,hugo")
    parser.add_argument("--keep", action="store_true", help="keep bench/out/n<N>/ after the run")
    args = parser.parse_args()
    only = {x for x in args.only.split(",") if x}
    results: list[Result] = []
    weights: dict[int, dict] = {}
    for n in args.n:
        got, facts = builds(n, only)
        results += got
        portal = next((r for r in got if r.name == "portal" and r.ok), None)
        if portal:  # the first visit in a browser once, for the smallest N
            weights[n] = page_weight(OUT / f"n{n}" / "portal" / "site", facts["weight_page"], n == min(args.n))
        if not args.keep:
            for sub in ("portal/site", "mkdocs/site", "hugo/public"):
                shutil.rmtree(OUT / f"n{n}" / sub, ignore_errors=True)

    print("\n" + table(results))
    by = {(r.n, r.name): r for r in results}
    print('\nRasio (ARCHITECTURE.md, "Quality bars"):')
    print_ratios(args.n, by)
    ns = sorted(n for n in args.n if (n, "portal") in by)
    for small, large in zip(ns, ns[1:]):
        grow = by[(large, "portal")].seconds / by[(small, "portal")].seconds
        limit = 1.1 * large / small
        print(f"  portal {small:,} → {large:,}: waktu ×{grow:.2f} (linear ≤ ×{limit:.1f}: {verdict(grow <= limit)})")
    for n, w in weights.items():
        print(f"\nBobot halaman SOP 15 langkah (N={n:,}, {w['page']}):")
        print(f"  HTML {w['html_bytes'] / 1024:.1f} KB (gzip {w['html_gzip'] / 1024:.1f} KB)  batas ≤ 60 KB: {verdict(w['html_bytes'] <= 60 * 1024)}")
        if "first_visit_gzip" in w:
            total = w["first_visit_gzip"]
            print(f"  kunjungan pertama: {w['first_visit_requests']} permintaan, {total / 1024:.1f} KB gzip  batas ≤ 300 KB: {verdict(total <= 300 * 1024)}")
            for url, size in sorted(w["loaded"], key=lambda x: -x[1]):
                print(f"    {size / 1024:7.1f} KB  {url}")
        elif "first_visit_error" in w:
            print(f"  kunjungan pertama: tidak diukur ({w['first_visit_error']})")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(
        json.dumps({"results": [asdict(r) | {"log": r.log[-300:]} for r in results], "weights": weights}, indent=1),
        encoding="utf-8",
    )
    if not all(r.ok for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
