"""Every built page is valid HTML: the Nu Html Checker (vnu) reports 0 errors (ARCHITECTURE.md, "Quality bars").

Two real builds cover every page type the portal makes: the flowchart site (the seed SOPs, with
their performance documents, agencies, home, search, open-data and guide pages, plus the
flowchart fixtures: loops, skips, joint steps, sub-procedures, page breaks) and the lifecycle
portal (revoked and reviewed SOPs with their banners, revision history, "Dirujuk oleh", edit and
report links). vnu checks each whole site folder, 404.html included. Nothing is filtered out.

The checker is the npm package ``vnu-jar`` (pinned in the Makefile, installed into .tools/ by
``make tools``) run on Debian's Java (``default-jre-headless``, installed by .ci/run).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import contoh_portal
import pytest
from bagan_site import bagan_build
from conftest import ROOT, need_tool

VNU_JAR = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(site: Path) -> list[dict]:
    need_tool(shutil.which("java"), "Java (default-jre-headless)")
    need_tool(str(VNU_JAR), "vnu.jar (make tools)")
    proc = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(proc.stderr or proc.stdout)
    return [m for m in report["messages"] if m.get("type") == "error" or m.get("subType") == "fatal"]


def readable(errors: list[dict], site: Path) -> str:
    lines = [f"{len(errors)} kesalahan HTML (vnu):"]
    for m in errors[:60]:
        where = m.get("url", "").replace(f"file:{site}", "").lstrip("/")
        extract = " ".join((m.get("extract") or "").split())[:160]
        lines.append(f"  {where}:{m.get('lastLine', '?')}: {m['message']}\n      {extract}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def flowchart_site(tmp_path_factory):
    return bagan_build(tmp_path_factory)


@pytest.fixture(scope="module")
def lifecycle_site(tmp_path_factory):
    return contoh_portal.build(tmp_path_factory)


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_flowchart_site_is_valid_html(flowchart_site):
    site = flowchart_site.site
    pages = html_pages(site)
    # The check must cover every page type, or "0 errors" proves nothing.
    for expected in ("index.html", "404.html", "cari/index.html", "instansi/index.html", "data/index.html"):
        assert expected in pages
    for prefix in ("sop/", "instansi/", "kinerja/", "panduan/"):
        assert any(p.startswith(prefix) and p.count("/") >= 2 for p in pages), prefix
    errors = vnu_errors(site)
    assert not errors, readable(errors, site)


def test_lifecycle_site_is_valid_html(lifecycle_site):
    site = lifecycle_site.site
    html = "".join((site / p).read_text(encoding="utf-8") for p in html_pages(site) if p.startswith("sop/"))
    assert "sop-banner--dicabut" in html and "sop-banner--tinjau" in html  # the banners are there to check
    errors = vnu_errors(site)
    assert not errors, readable(errors, site)


def test_checker_reports_errors(tmp_path):
    """The check can fail: a page with a known error is reported."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="id"><head><title>x</title></head><body>'
        '<label tabindex="">x</label></body></html>',
        encoding="utf-8",
    )
    errors = vnu_errors(tmp_path)
    assert any("tabindex" in m["message"] for m in errors)
