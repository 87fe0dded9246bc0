"""The preview (`sop-portal serve`, what `make serve` runs) as staff use it, driven for real.

One real `sop-portal serve` on a free loopback port in a temp copy of the portal, and
Chromium. A new SOP file that has never been valid shows an error page at its address
(file, line, what to write), not the citizens' 404; saving it fixed shows the SOP (the page
reloads by itself). The banner also lists `peringatan` of a good build, in yellow. The
serve log speaks Indonesian. Every wait polls with a deadline.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import BROKEN_SOP, make_project
from test_serve import DEADLINE, Serve, free_port

AGENCY = "bkpsdm-kota-tangerang"
NEW = f"sops/{AGENCY}/izin-pemakaian-aula.yml"
NEW_PAGE = f"sop/{AGENCY}/izin-pemakaian-aula/"
FIXED = """\
nomor: "800/5/BKPSDM/2025"
nama: Izin Pemakaian Aula
tanggal_efektif: 2025-03-01
disahkan_oleh: {jabatan: Kepala Badan, nama: Siti Rahmawati}
pelaksana: [Kepla, Staf]
langkah:
  - kegiatan: Menerima permohonan pemakaian aula
    pelaksana: Staf
    waktu: 10 menit
  - kegiatan: Menyetujui pemakaian aula
    pelaksana: Kepla
    waktu: 1 hari
"""


class Preview(Serve):
    """A running `sop-portal serve` (test_serve.Serve's output collection, requests and waits)."""

    def __init__(self, project: Path):
        self.port = free_port()
        env = dict(os.environ, PYTHONUNBUFFERED="1", NO_COLOR="1")
        env.pop("SITE_URL", None)
        env.pop("NO_MKDOCS_2_WARNING", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sop_portal.cli.main", "serve", "--alamat", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            # Ctrl+C as in a terminal: a suite started in the background (`make test &`) runs with
            # SIGINT ignored, and a child would inherit that and never hear it.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )  # fmt: skip
        self.lines: list[str] = []
        threading.Thread(target=self._collect, daemon=True).start()

    def banner(self) -> dict | None:
        """What the page's banner shows: a failed rebuild's errors, else a good build's peringatan."""
        for name in ("galat.json", "peringatan.json"):
            status, text = self.get(f"_pratinjau/{name}")
            if status == 200:
                return json.loads(text)
        return None

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)  # Ctrl+C, as staff stop it
        try:
            # A rebuild still running ends first; on a loaded machine that took over 15 s (the
            # whole suite beside other builds), and the server was then killed before it said so.
            self.proc.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            pass
        super().stop()  # ends it if Ctrl+C did not


@pytest.fixture
def preview(tmp_path):
    project = make_project(tmp_path / "portal")
    server = Preview(project)
    try:
        server.wait_for("the first build", lambda: server.get("")[0] == 200)
        yield project, server
    finally:
        if server.proc.poll() is None:
            server.stop()


@pytest.mark.browser
def test_a_never_valid_sop_shows_its_errors_then_the_sop_once_fixed(preview, browser):
    project, server = preview
    server.wait_for("the address line", lambda: "Pratinjau: buka" in server.output)
    assert f"] Pratinjau: buka http://127.0.0.1:{server.port}/ di peramban. Hentikan dengan Ctrl+C." in server.output

    # A new SOP, broken from its first save: no last good page exists.
    (project / NEW).write_text(BROKEN_SOP, encoding="utf-8")
    server.wait_for("the failed rebuild", lambda: (server.banner() or {}).get("tingkat") == "kesalahan")
    status, html = server.get(NEW_PAGE)
    assert status == 200, html
    assert "SOP ini belum bisa ditampilkan" in html and "Mungkin SOP-nya sudah dipindahkan" not in html
    assert f'{NEW}:5:16: kesalahan: langkah[1].pelaksana: &quot;Kepla&quot; bukan nama pelaksana' in html
    assert f"{NEW}:8:5: kesalahan: langkah[2].wakktu:" in html

    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(f"http://127.0.0.1:{server.port}/{NEW_PAGE}")
        alert = page.get_by_role("alert").filter(has_text="2 kesalahan di")
        alert.wait_for(timeout=DEADLINE * 1000)
        assert '"Kepla" bukan nama pelaksana' in alert.inner_text()
        assert page.get_by_role("heading", name="SOP ini belum bisa ditampilkan").is_visible()

        # Half fixed: still an error page, with what is left to fix (the page reloads by itself).
        (project / NEW).write_text(FIXED.replace("wakktu", "waktu").replace("Kepla", "Kepala", 1), encoding="utf-8")
        page.get_by_text('"Kepla" bukan nama pelaksana SOP ini', exact=False).first.wait_for(timeout=DEADLINE * 1000)
        # Fixed: the same open tab shows the SOP, without the visitor reloading it.
        (project / NEW).write_text(FIXED.replace("Kepla", "Kepala"), encoding="utf-8")
        page.get_by_role("heading", name="Izin Pemakaian Aula").first.wait_for(timeout=DEADLINE * 1000)
        assert page.get_by_role("heading", name="SOP ini belum bisa ditampilkan").count() == 0
    finally:
        page.close()
    assert server.get(NEW_PAGE)[0] == 200 and "SOP ini belum bisa ditampilkan" not in server.get(NEW_PAGE)[1]

    # Removed after failing once: no stale error page is left at its address.
    (project / NEW).write_text(BROKEN_SOP, encoding="utf-8")
    server.wait_for("the failed rebuild", lambda: (server.banner() or {}).get("tingkat") == "kesalahan")
    (project / NEW).unlink()
    server.wait_for("the good rebuild", lambda: (server.banner() or {}).get("tingkat") != "kesalahan")
    assert server.get(NEW_PAGE)[0] == 404

    server.stop()
    output = server.output
    assert "Pratinjau dihentikan." in output
    assert '"GET /' not in output  # the server's request log (a 404 for the banner files on every view) stays quiet
    for english in ("Serving on", "Building documentation", "Documentation built", "Material for MkDocs", "INFO", "Traceback"):
        assert english not in output, (english, output)


@pytest.mark.browser
def test_the_banner_lists_the_peringatan_of_a_good_build(preview, browser):
    project, server = preview
    # The sample portal publishes with peringatan (keterkaitan naming nothing, an SOP without signer).
    data = server.banner()
    assert data is not None and data["tingkat"] == "peringatan", data
    assert any(": peringatan: keterkaitan[1]:" in m for m in data["pesan"])
    assert any("SOP berlaku tanpa pengesah" in m for m in data["pesan"])
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.port}/sop/{AGENCY}/penyusunan-lkip/")
        banner = page.get_by_role("alert").filter(has_text="peringatan")
        banner.wait_for(timeout=DEADLINE * 1000)
        assert "Portal tetap dapat diterbitkan" in banner.inner_text()
        assert '"SOP Penyusunan Renstra" tidak cocok' in banner.inner_text()
        colour = banner.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb(255, 248, 225)", colour  # yellow, not the red of a failed rebuild
    finally:
        page.close()


def test_a_preview_started_with_a_broken_sop_serves_the_rest_and_shows_the_errors(tmp_path):
    """The first build has no last good site to keep: it serves what is valid, with the errors on the page."""
    project = make_project(tmp_path / "portal", sops={f"{AGENCY}/izin-pemakaian-aula.yml": BROKEN_SOP})
    server = Preview(project)
    try:
        server.wait_for("the first build", lambda: server.get("")[0] == 200)
        assert "Pratinjau dimulai tanpa berkas yang salah (2 kesalahan di atas)" in server.output
        assert server.get(f"sop/{AGENCY}/penyusunan-lkip/")[0] == 200  # the valid SOPs are served
        status, html = server.get(NEW_PAGE)
        assert status == 200 and "SOP ini belum bisa ditampilkan" in html and "langkah[2].wakktu" in html
        assert (server.banner() or {}).get("tingkat") == "kesalahan"
        (project / NEW).write_text(FIXED.replace("Kepla", "Kepala"), encoding="utf-8")
        server.wait_for("the fixed SOP", lambda: "Izin Pemakaian Aula" in server.get(NEW_PAGE)[1]
                        and "SOP ini belum bisa ditampilkan" not in server.get(NEW_PAGE)[1])  # fmt: skip
        assert (server.banner() or {}).get("tingkat") != "kesalahan"
        # Broken again: now there is a last good site, and it is kept.
        (project / NEW).write_text(BROKEN_SOP, encoding="utf-8")
        server.wait_for("the kept page", lambda: (server.banner() or {}).get("tingkat") == "kesalahan")
        assert "Izin Pemakaian Aula" in server.get(NEW_PAGE)[1]
    finally:
        server.stop()
