"""A portal written by an attacker (tests/fixtures/hostile/): it builds, and nothing in it acts.

Every text of the fixture tries to run script (``jahat(…)``), open a dialog, reach another
host, inject a CI workflow command or a spreadsheet formula. The build must pass (content is
escaped or sanitised, not refused), and the built site, driven in Chromium, must open no
dialog, run no script from content and send no request outside the site (ARCHITECTURE.md, "Trust model").
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.dom.minidom
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SUBPATH, Build, make_project

FIXTURE = Path(__file__).parent / "fixtures" / "hostile"
# The portal's own inline handlers, by element: the print buttons (Pagefind's stylesheet no longer
# has one: sop-cari-muat.js loads it). Any other on* attribute came from content.
THEME_HANDLERS = {("button", "onclick", "window.print()")}
# Defined before any page script: a payload that runs calls it, and the call is recorded.
TRAP = "window.__jahat = []; window.jahat = (x) => window.__jahat.push(String(x)); window.alert = window.confirm = window.prompt = (x) => window.__jahat.push('dialog:' + x);"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Build:
    project = make_project(tmp_path_factory.mktemp("hostile"), copy_sops=False, copy_content=False)
    shutil.rmtree(project / "sops")
    shutil.rmtree(project / "content")
    shutil.copytree(FIXTURE / "sops", project / "sops")
    shutil.copytree(FIXTURE / "content", project / "content")
    # Not quiet (run_build is): the info lines are where a keterkaitan note echoes content.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:8000{SUBPATH}")
    command = [sys.executable, "-m", "mkdocs", "build", "-f", "site_config.yml", "--strict"]
    proc = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    build = Build(project, project / "site", proc.returncode, proc.stdout + proc.stderr)
    assert build.returncode == 0, build.output
    return build


def test_no_log_line_is_a_workflow_command(hostile):
    # keterkaitan "x\n::error file=README.md,…" is logged as an info note, on one line.
    lines = hostile.output.splitlines()
    assert any("::error file=README.md" in line for line in lines)
    assert not [line for line in lines if line.lstrip().startswith(("::", "##["))]


def test_open_data_cells_never_run_as_formulas(hostile):
    for name in ("sop.csv", "kinerja.csv"):
        rows = list(csv.reader(io.StringIO((hostile.site / "data" / name).read_text(encoding="utf-8-sig"))))
        cells = [cell for row in rows[1:] for cell in row]
        assert cells, name
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or re.match(r"-[^\d-]|-\d+[^\d.,]", c)], name
    sop_rows = (hostile.site / "data" / "sop.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in sop_rows and "'=1+1" in sop_rows and "'@SUM(A1:A2)" in sop_rows


def test_every_xml_and_json_file_parses(hostile):
    xml_files = [hostile.site / "feed.xml", *hostile.site.rglob("*.svg")]
    assert len(xml_files) >= 2
    for path in xml_files:
        xml.dom.minidom.parse(str(path))
    for path in hostile.site.joinpath("data").glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


class _Elements(HTMLParser):
    """Every element's tag and attributes, and the text inside <script>/<style>, as a browser parses them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.code: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {k: v or "" for k, v in attrs}))
        self._in_code = tag in ("script", "style")

    def handle_endtag(self, tag):
        self._in_code = False

    def handle_data(self, data):
        if self._in_code:
            self.code.append(data)


def test_no_payload_becomes_markup_on_any_page(hostile):
    pages = list(hostile.site.rglob("*.html"))
    assert len(pages) >= 8
    for path in pages:
        parser = _Elements()
        parser.feed(path.read_text(encoding="utf-8"))
        for tag, attrs in parser.found:
            assert tag not in ("iframe", "object", "embed"), (path, tag)  # the theme has its own search form
            for name, value in attrs.items():
                assert not name.startswith("on") or (tag, name, value) in THEME_HANDLERS, (path, tag, name, value)
                if name in ("href", "src", "action"):
                    assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), (path, tag, value)
                    assert "penyerang.contoh" not in value, (path, tag, value)
        assert not [c for c in parser.code if "jahat" in c], path


@pytest.mark.browser
def test_no_dialog_no_script_no_request_outside_the_site(hostile, serve, browser):
    served = serve(hostile.site)
    origin = served.base.split(SUBPATH)[0]
    context = browser.new_context()
    context.add_init_script(TRAP)
    outside: list[str] = []
    dialogs: list[str] = []

    def gate(route):
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", gate)
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    urls = sorted(
        p.relative_to(hostile.site).as_posix().removesuffix("index.html")
        for p in hostile.site.rglob("*.html")
        if "pagefind" not in p.parts
    )
    urls.append("sop/dinas-uji-jahil/layanan-jahil/layanan-jahil.svg")
    assert "kinerja/dinas-uji-jahil/2025/pengukuran-kinerja-2025/" in urls
    for url in urls:
        page.goto(served.url(url), wait_until="load")
        # Hover and click everything a payload could hang on, then let timers run.
        page.evaluate("""() => { for (const el of document.querySelectorAll('body *')) {
            for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle']) el.dispatchEvent(new Event(type)); } }""")
        page.wait_for_timeout(50)
        ran = page.evaluate("() => window.__jahat")
        assert ran == [], (url, ran)
        handlers = page.evaluate(
            "() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]"
            ".filter(a => (a.name.startsWith('on') && a.value !== 'window.print()') || /^\\s*javascript:/i.test(a.value))"
            ".map(a => el.tagName + ' ' + a.name))"
        )
        assert handlers == [], (url, handlers)
    # Search results are rendered in the browser from the index: titles and excerpts stay text too.
    page.goto(served.url("cari/?q=jahat"), wait_until="load")
    page.wait_for_selector(".pf-result-title", timeout=15000)
    assert page.locator(".pf-result-title").count() >= 3
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__jahat") == []
    assert any("<script>jahat('dokumen')</script>" in title for title in page.locator(".pf-result-title").all_inner_texts())
    context.close()
    assert dialogs == []
    assert outside == [], outside
