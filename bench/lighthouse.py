"""Lighthouse performance of the portal on a phone (issue #19: >= 95 on a SOP page and the home page).

Not a test (tests never assert a timing): it builds the repository's own portal under the GitHub
Pages sub-path, serves it from loopback the way GitHub Pages does (gzip for text, 404.html for
misses), and runs Lighthouse's performance category on each page with its defaults: a mobile
phone (Moto G Power, 412 px), simulated throttling (slow 4G, 4x CPU slowdown). Each page is
measured `--runs` times (default 3) and the median is reported with the metrics behind it.

    .venv/bin/python bench/lighthouse.py            # needs `make tools` (Lighthouse) and Chromium
    .venv/bin/python bench/lighthouse.py --runs 5 --page sop/bkpsdm-kota-tangerang/penyusunan-lkip/

Results go to bench/out/lighthouse.json. Scores move a few points with the machine's load
(simulated throttling scales the CPU time it observes): run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".tools" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SUBPATH = "/portal-sop/"
PAGES = {
    "beranda": "",
    "SOP (Penyusunan LKIP, 12 langkah)": "sop/bkpsdm-kota-tangerang/penyusunan-lkip/",
}
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".pagefind", ".pf_meta", ".pf_index", ".pf_fragment")


class _PagesLike(http.server.SimpleHTTPRequestHandler):
    """GitHub Pages, roughly: the site under SUBPATH, gzip when the browser asks, 404.html for misses."""

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(SUBPATH):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + clean[len(SUBPATH):])

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        body = path.read_bytes()
        gzipped = path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, 6)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return io.BytesIO(body)


def build(dest: Path) -> Path:
    project = dest / "portal"
    project.mkdir(parents=True)
    for name in ("sops", "content", "theme"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "site_config.yml", project / "site_config.yml")
    env = dict(os.environ, SITE_URL=f"http://127.0.0.1:8000{SUBPATH}", NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "site_config.yml"], cwd=project, env=env, check=True)
    return project / "site"


def lighthouse(url: str, out: Path) -> dict:
    report = out / "laporan.json"
    subprocess.run(
        [
            "node", str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
            f"--output-path={report}", "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env=dict(os.environ, CHROME_PATH=CHROMIUM), timeout=300, check=False, capture_output=True,
    )  # fmt: skip
    result = json.loads(report.read_text(encoding="utf-8"))
    if result.get("runtimeError"):
        raise RuntimeError(result["runtimeError"])
    return {
        "score": round(result["categories"]["performance"]["score"] * 100),
        **{m: result["audits"][m]["numericValue"] for m in METRICS},
        "transfer_kb": round(result["audits"]["total-byte-weight"]["numericValue"] / 1024, 1),
        "form_factor": result["configSettings"]["formFactor"],
        # Lighthouse's own measure of this machine's speed at the time (its CPU-throttling guide
        # expects ~1000-2000 for a desktop-class machine; a loaded one reads lower).
        "benchmark_index": result.get("environment", {}).get("benchmarkIndex"),
        "throttling": result["configSettings"]["throttlingMethod"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", action="append", help="a URL path under the site instead of the default two")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse tidak ada: jalankan make tools")
    pages = {path: path for path in args.page} if args.page else PAGES
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = build(Path(tmp))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesLike, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
        results = {}
        for what, path in pages.items():
            runs = [lighthouse(base + path, Path(tempfile.mkdtemp(dir=tmp))) for _ in range(args.runs)]
            median = sorted(runs, key=lambda r: r["score"])[len(runs) // 2]
            results[what] = {"path": path, "scores": [r["score"] for r in runs], "median": median}
            print(
                f"{what}: performance {median['score']} (runs {[r['score'] for r in runs]}), "
                f"FCP {median['first-contentful-paint'] / 1000:.1f} s, LCP {median['largest-contentful-paint'] / 1000:.1f} s, "
                f"TBT {median['total-blocking-time']:.0f} ms, CLS {median['cumulative-layout-shift']:.3f}, "
                f"SI {median['speed-index'] / 1000:.1f} s, {median['transfer_kb']} KB "
                f"({median['form_factor']}, {median['throttling']}, benchmarkIndex {median['benchmark_index']}, "
                f"load average {os.getloadavg()[0]:.1f})"
            )
        server.shutdown()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "lighthouse.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
