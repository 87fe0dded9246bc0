"""Printing an SOP (ARCHITECTURE.md, "Screen, phone and paper"): a long SOP printed to PDF by headless Chromium keeps the
identity on page 1, puts exactly `rows_per_page` rows on each later page with none cut, and every
off-page connector at the bottom of a page is answered, with the same label, at the top of the next."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from html import unescape

import pytest
from bagan_site import LONG, ROWS_PER_PAGE, bagan_build, fixture_sops
from conftest import edit_config, make_project, need_tool, run_build
from sop_portal.bagan.layout import layout
from sop_portal.format.loader import load_portal


def _tool(name: str) -> str:
    path = shutil.which(name)
    need_tool(path, name)
    return path


def _pdf(browser, served, url: str) -> bytes:
    page = browser.new_page()
    try:
        page.goto(served.url(url))
        # As a person prints: the page's own @page size, no "background graphics".
        return page.pdf(prefer_css_page_size=True, print_background=False)
    finally:
        page.close()


def _words(pdf_path) -> list[list[tuple[str, float]]]:
    """Per page, the words with their vertical position (pdftotext -bbox)."""
    out = subprocess.run([_tool("pdftotext"), "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True)
    pages = []
    for page in out.stdout.split("<page ")[1:]:
        words = [(unescape(m.group(2)), float(m.group(1))) for m in re.finditer(r'<word [^>]*yMin="([\d.]+)"[^>]*>([^<]*)</word>', page)]
        pages.append(words)
    return pages


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return bagan_build(tmp_path_factory)


@pytest.fixture(scope="module")
def long_pdf(site, browser, serve_module, tmp_path_factory):
    path = tmp_path_factory.mktemp("cetak") / "izin.pdf"
    path.write_bytes(_pdf(browser, serve_module(site.site), LONG))
    return path


@pytest.fixture(scope="module")
def sop(site):
    result = load_portal(site.project / "sops", site.project)
    return next(s for s in result.portal.sops if s.url == LONG)


@pytest.mark.browser
def test_pages_rows_and_paper(long_pdf, sop):
    info = subprocess.run([_tool("pdfinfo"), str(long_pdf)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert abs(float(size.group(1)) - 841.9) < 2 and abs(float(size.group(2)) - 595.3) < 2  # A4 landscape
    steps = sop.prosedur[0].langkah
    assert len(steps) >= 17
    pages = _words(long_pdf)
    table_pages = math.ceil(len(steps) / ROWS_PER_PAGE)
    assert len(pages) >= 1 + table_pages
    # Page 1: the identity section, no procedure rows.
    page1 = " ".join(w for w, _ in pages[0])
    assert "dasar hukum" in page1.lower() and "Mengajukan" not in page1
    # Each later page holds its rows, whole: every word of a row's kegiatan on that one page.
    from collections import Counter

    for n, step in enumerate(steps):
        expected = 1 + n // ROWS_PER_PAGE
        on_page = Counter(w for w, _ in pages[expected])
        missing = Counter(step.kegiatan.split()) - on_page
        assert not missing, (step.no, expected + 1, missing)
    # The header row repeats on every table page.
    for words in pages[1 : 1 + table_pages]:
        assert "Kegiatan" in {w for w, _ in words} and "Verifikator" in {w for w, _ in words}


@pytest.mark.browser
def test_off_page_connectors_pair_up_across_each_break(long_pdf, sop):
    lay = layout(sop.prosedur[0], ROWS_PER_PAGE)
    assert any(not o.downward for o in lay.offpages), "the long SOP must have a back edge across a break"
    pages = _words(long_pdf)
    steps = sop.prosedur[0].langkah
    for o in lay.offpages:
        before, after = pages[o.break_row // ROWS_PER_PAGE], pages[o.break_row // ROWS_PER_PAGE + 1]
        last_row_y = min(y for w, y in before if w == steps[o.break_row - 1].kegiatan.split()[0])
        first_row_y = min(y for w, y in after if w == steps[o.break_row].kegiatan.split()[0])
        out = [y for w, y in before if w == o.label]
        into = [y for w, y in after if w == o.label]
        assert out and max(out) > last_row_y, f"{o.label}: no pentagon at the bottom of the page before row {o.break_row + 1}"
        assert into and min(into) < first_row_y, f"{o.label}: no twin at the top of the page with row {o.break_row + 1}"


@pytest.mark.browser
def test_paper_size_follows_the_config(browser, tmp_path, serve):
    """F4 (215 x 330 mm) chosen in the plugin config."""
    project = make_project(tmp_path / "f4", copy_sops=False, copy_content=False, sops=fixture_sops())
    edit_config(project, "paper: A4", "paper: F4")
    build = run_build(project)
    assert build.returncode == 0, build.output
    served = serve(build.site)
    pdf = tmp_path / "f4.pdf"
    pdf.write_bytes(_pdf(browser, served, LONG))
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert abs(float(size.group(1)) - 935.4) < 2 and abs(float(size.group(2)) - 609.4) < 2
