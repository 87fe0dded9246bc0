"""Lighthouse scores accessibility 100 on every page type (ARCHITECTURE.md, "Quality bars"), in headless Chromium.

axe-core (test_a11y.py) already checks WCAG 2.1 AA in four views; Lighthouse is what agencies'
auditors and the Pemda's IT staff run themselves, and its accessibility category weighs a few
checks of its own (the audits list in a failure message). Lighthouse (npm, pinned in the
Makefile, installed into .tools/ by ``make tools``) drives Debian's Chromium, one page type at a
time, on the flowchart site served under the GitHub Pages sub-path. Lighthouse refuses a page
served with status 404, so the not-found page is loaded as the file GitHub Pages serves for it.
"""

from __future__ import annotations

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
from bagan_site import bagan_build
from conftest import CHROMIUM, ROOT, need_tool

LIGHTHOUSE = ROOT / ".tools" / "node_modules" / "lighthouse" / "cli" / "index.js"

PAGES = [
    ("beranda", ""),
    ("instansi", "instansi/bkpsdm-kota-tangerang/"),
    ("SOP dengan keputusan dan lajur bersama", "sop/uji-bagan/tindak-lanjut-pengaduan/"),
    ("dokumen kinerja", "kinerja/kesbangpol-kota-tangerang/2018/perjanjian-kinerja-2018/"),
    ("cari dengan hasil", "cari/?q=kinerja"),
    ("404", "404.html"),
]


def accessibility(url: str, out) -> tuple[float | None, list[str]]:
    """Lighthouse's accessibility score of one page, and the audits that did not pass."""
    report = out / "laporan.json"
    subprocess.run(
        [
            "node", str(LIGHTHOUSE), url,
            "--only-categories=accessibility", "--output=json", f"--output-path={report}", "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env=dict(os.environ, CHROME_PATH=CHROMIUM),
        timeout=180, capture_output=True,
    )  # fmt: skip
    assert report.exists(), "Lighthouse tidak menulis laporan"
    result = json.loads(report.read_text(encoding="utf-8"))
    assert not result.get("runtimeError"), result["runtimeError"]  # e.g. NO_FCP: nothing painted
    failed = [
        f"{key}: {audit['title']}"
        for key, audit in result["audits"].items()
        if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0
    ]
    return result["categories"]["accessibility"]["score"], failed


@pytest.fixture(scope="module")
def scores(tmp_path_factory, serve_module) -> dict[str, tuple[float | None, list[str]]]:
    """Every page's result, two Lighthouse runs at a time (each starts its own Chromium)."""
    need_tool(str(LIGHTHOUSE), "Lighthouse (make tools)")
    need_tool(CHROMIUM, "Chromium")
    served = serve_module(bagan_build(tmp_path_factory).site)
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = {path: pool.submit(accessibility, served.url(path), tmp_path_factory.mktemp("lighthouse")) for _, path in PAGES}
        return {path: run.result() for path, run in runs.items()}


@pytest.mark.browser
@pytest.mark.parametrize(("what", "path"), PAGES, ids=[what for what, _ in PAGES])
def test_every_page_type_scores_accessibility_100(scores, what, path):
    score, failed = scores[path]
    assert score == 1, f"{what} /{path}: Lighthouse aksesibilitas {score}; gagal: {failed}"


@pytest.mark.browser
def test_lighthouse_reports_a_failing_page(serve, tmp_path):
    """The check can fail: an unlabelled field and a page without a title lose points."""
    need_tool(str(LIGHTHOUSE), "Lighthouse (make tools)")
    need_tool(CHROMIUM, "Chromium")
    page = tmp_path / "situs"
    page.mkdir()
    (page / "index.html").write_text(
        '<!doctype html><html><head></head><body><main><p>Formulir</p><input type="text"></main></body></html>', encoding="utf-8"
    )
    score, failed = accessibility(serve(page).url(""), tmp_path)
    assert score is not None and score < 1
    assert any(line.startswith("label:") for line in failed), failed
