"""SOP pages rendered inside a frame made once per build (site/frame.py) are the pages Material renders whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Build, copy_project, generate_portal

from sop_portal.site.frame import fits

# Counts the SOP pages that got a frame, and prints it when the build ends.
COUNT_FRAMES = """
import atexit
from sop_portal.site import frame
framed, asked = [], []
frame_for = frame.SopFrames.frame_for
def counted(self, context):
    frame = frame_for(self, context)
    asked.append(1)
    framed.append(frame is not None)
    return frame
frame.SopFrames.frame_for = counted
atexit.register(lambda: print(f"framed {sum(framed)} of {len(asked)}"))
"""
# The reference: every SOP page rendered whole, as without site/frame.py.
NO_FRAMES = """
from sop_portal.site import frame
frame.SopFrames.frame_for = lambda self, context: None
"""
ODD_TITLE = "Sarana & Prasarana Kantor"  # "&": printed raw in one place, escaped in another; renders whole


def build_with(project: Path, setup: str) -> Build:
    """The real `mkdocs build --strict`, in a subprocess, after `setup` ran in it."""
    code = setup + "\nfrom mkdocs.__main__ import cli\ncli(['build', '-f', 'site_config.yml', '-q', '--strict'])\n"
    proc = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=600)
    return Build(project, project / "site", proc.returncode, proc.stdout + proc.stderr)


def sop_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted((site / "sop").rglob("index.html"))}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = generate_portal(12, tmp_path_factory.mktemp("frame"))
    lkip = (project / "sops" / "bkpsdm-kota-tangerang" / "penyusunan-lkip.yml").read_text(encoding="utf-8")
    odd = lkip.replace("nama: Penyusunan LKIP", f'nama: "{ODD_TITLE}"').replace('nomor: "065/767-1.01/BKPSDM"', 'nomor: "065/999/BKPSDM"')
    # Named to come after the agency's first SOP, whose page always renders whole.
    (project / "sops" / "bkpsdm-kota-tangerang" / "zz-judul-aneh.yml").write_text(odd, encoding="utf-8")
    return project


def framed_count(build: Build) -> tuple[int, int]:
    line = next(row for row in build.output.splitlines() if row.startswith("framed "))
    framed, _, asked = line.removeprefix("framed ").partition(" of ")
    return int(framed), int(asked)


def test_framed_pages_are_the_whole_pages_byte_for_byte(project, tmp_path):
    framed = build_with(copy_project(project, tmp_path / "framed"), COUNT_FRAMES)
    assert framed.returncode == 0, framed.output
    whole = build_with(copy_project(project, tmp_path / "utuh"), NO_FRAMES)
    assert whole.returncode == 0, whole.output
    pages, reference = sop_pages(framed.site), sop_pages(whole.site)
    assert pages.keys() == reference.keys() and len(pages) >= 15
    assert [name for name in pages if pages[name] != reference[name]] == []
    # All but the first page (it fills the nav the frame reuses), the second (the frame is made
    # from it) and the odd title were framed.
    assert framed_count(framed) == (len(pages) - 3, len(pages))


@pytest.mark.parametrize(
    "theme_line, why",
    [
        ('{% if page and page.file %}<meta name="sumber" content="{{ page.file.src_uri }}">{% endif %}', "reads an attribute that differs between pages"),
        ('{% if page %}<meta name="alamat" content="{{ page.url }}">{% endif %}', "prints `url`, which the frame may read only for links"),
    ],
)
def test_a_theme_that_shows_page_data_in_the_frame_gets_whole_pages(project, tmp_path, theme_line, why):
    copy = copy_project(project, tmp_path / "tema")
    main = copy / "theme" / "main.html"
    text = main.read_text(encoding="utf-8")
    main.write_text(text.replace("{{ super() }}", "{{ super() }}\n  " + theme_line, 1), encoding="utf-8")
    build = build_with(copy, COUNT_FRAMES)
    assert build.returncode == 0, build.output
    assert framed_count(build)[0] == 0, why
    pages = sop_pages(build.site)
    for name, html in pages.items():
        expected = name.removesuffix("index.html") if "page.url" in theme_line else name.removesuffix("/index.html") + ".md"
        assert f'content="{expected}"' in html, name


@pytest.mark.parametrize(
    "title, framed",
    [
        ("Penyusunan Laporan Kinerja (LKIP) Tahun 2024", True),
        ("Penerbitan Izin Usaha Mikro, Kecil dan Menengah (UMKM) - Tahap 2/3", True),
        ("Pengelolaan Sarana & Prasarana", False),
        ("Penerbitan Izin \"Usaha\" Mikro", False),
        ("Sarana &amp; Prasarana", False),
        ("Penyusunan <b>LKIP</b>", False),
        ("Penyusunan  LKIP", False),
        (" Penyusunan LKIP", False),
    ],
)
def test_which_titles_the_frame_renders(title, framed):
    class Page:
        pass

    page = Page()
    page.title = title
    page.canonical_url = "https://pemda.go.id/portal-sop/sop/bappeda/penyusunan-lkip/"
    assert fits(page) is framed
