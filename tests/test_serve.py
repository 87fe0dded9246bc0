"""`mkdocs serve` as staff use it: live preview that survives their mistakes.

One real `mkdocs serve` (the command `make serve` runs) on a free loopback port
in a temp project. The test breaks an SOP the way staff do, checks that the
error is shown in the serve output and that the last good site keeps being
served (MkDocs' own server would hold every request after a failed rebuild),
then fixes the file and waits for the change to appear. Drafts and a new SOP
written by `sop-portal new` appear in the preview too, and Chromium shows the
error in a banner above the last good page. Every wait polls with a
deadline; the whole test is bounded.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import make_project

AGENCY = "bkpsdm-kota-tangerang"
SOP = "sops/bkpsdm-kota-tangerang/penyusunan-lkip.yml"
PAGE = f"sop/{AGENCY}/penyusunan-lkip/"
DEADLINE = 40  # seconds for any one wait; the test as a whole stays under a minute or two


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    """A running `mkdocs serve`, its output collected line by line."""

    def __init__(self, project: Path):
        self.port = free_port()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
        env.pop("SITE_URL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f", "site_config.yml", "-a", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        self.lines: list[str] = []
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def wait_for(self, what: str, condition) -> None:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                pytest.fail(f"mkdocs serve stopped while waiting for {what}:\n{self.output}")
            try:
                if condition():
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.3)
        pytest.fail(f"timed out waiting for {what}:\n{self.output[-4000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)


@pytest.fixture
def served(tmp_path):
    project = make_project(tmp_path / "portal")
    server = Serve(project)
    try:
        server.wait_for("the first build", lambda: server.get(PAGE)[0] == 200)
        yield project, server
    finally:
        server.stop()


@pytest.mark.browser
def test_content_error_shows_its_message_and_keeps_serving_the_last_good_site(served, browser):
    project, server = served
    source = project / SOP
    # SOPs, documents (docs_dir), theme overrides and the package's own templates and CSS all rebuild.
    server.wait_for("the watch list", lambda: "Watching paths for changes" in server.output)
    watched = next(line for line in server.lines if "Watching paths for changes" in line)
    for path in ("'content'", "'site_config.yml'", "'sops'", "'theme'", "sop_portal/site/templates'"):
        assert path in watched, watched
    good = source.read_text(encoding="utf-8")
    assert "Revisi data LKIP" in server.get(PAGE)[1]

    # A typo in a lane name, saved while the preview runs.
    source.write_text(good.replace("    pelaksana: Kabid\n", "    pelaksana: Kabidd\n", 1), encoding="utf-8")
    server.wait_for("the content error in the serve output", lambda: '"Kabidd" bukan nama pelaksana' in server.output)
    assert f"{SOP}:" in server.output  # located: file:line:column
    server.wait_for("the kept-site notice", lambda: "Pratinjau tetap menampilkan versi terakhir yang valid" in server.output)
    assert "Traceback" not in server.output

    # The last good site is still served, promptly (not held until the error is fixed).
    status, html = server.get(PAGE)
    assert status == 200 and "Revisi data LKIP" in html

    # The browser shows the located error above the last good page (site/preview.py).
    server.wait_for("the preview's error file", lambda: server.get("_pratinjau/galat.json")[0] == 200)
    assert any('"Kabidd" bukan nama pelaksana' in m for m in json.loads(server.get("_pratinjau/galat.json")[1])["pesan"])
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.port}/{PAGE}")
        banner = page.get_by_role("alert").filter(has_text="Pratinjau belum diperbarui")
        banner.wait_for(timeout=DEADLINE * 1000)
        assert f"{SOP}:" in banner.inner_text() and '"Kabidd"' in banner.inner_text()
        assert page.get_by_role("heading", name="Penyusunan LKIP").count() >= 1  # the last good content below it
    finally:
        page.close()

    # Fixed, with a visible change: the preview rebuilds and shows it.
    source.write_text(good.replace("Revisi data LKIP", "Revisi data LKIP oleh bidang", 1), encoding="utf-8")
    server.wait_for("the rebuilt page", lambda: "Revisi data LKIP oleh bidang" in server.get(PAGE)[1])
    assert server.get("_pratinjau/galat.json")[0] == 404  # the banner goes with the error

    # A new SOP from the scaffold appears in the preview although it is a draft.
    proc = subprocess.run(
        [sys.executable, "-m", "sop_portal.cli.main", "new", "--instansi", AGENCY, "Pelayanan Kenaikan Pangkat"],
        cwd=project, capture_output=True, text=True,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    new_page = f"sop/{AGENCY}/pelayanan-kenaikan-pangkat/"
    server.wait_for("the new draft SOP page", lambda: server.get(new_page)[0] == 200)
    assert "Menerima dan mencatat berkas" in server.get(new_page)[1]


def test_published_build_has_no_preview_banner(seed_site):
    html = seed_site.html(PAGE)
    assert "_pratinjau" not in html and "sop-pratinjau-galat" not in html
