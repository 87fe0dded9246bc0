"""Shared fixtures: build real portals into temp dirs, serve them under a sub-path, drive Chromium.

Nothing here mocks MkDocs or Pagefind: `build_portal` runs the real
`mkdocs build --strict` in a subprocess on a temp copy of a portal, exactly as
`make site` does. Browser tests use Debian's Chromium through Playwright; with
CI=true a missing browser fails the test instead of skipping it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SUBPATH = "/portal-sop/"
# The tests' own copy of the sample portal (seed SOPs, agencies, performance documents): tests
# build from it, never from the live sops/ and content/, so an agency adding an SOP breaks no test.
SAMPLE = ROOT / "tests" / "fixtures" / "contoh"
SAMPLE_SOPS = SAMPLE / "sops"
SAMPLE_CONTENT = SAMPLE / "content"


def need(available: bool, message: str) -> None:
    """Skip locally when something a test needs is missing, but fail in CI (DEVELOPERS: never skip there)."""
    if available:
        return
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def need_tool(path: str | None, what: str) -> None:
    need(bool(path) and Path(path).exists(), f"{what} not found ({path}); .ci/run installs it")


def generate_portal(n: int, out: Path) -> Path:
    """A synthetic portal of `n` SOPs, the benchmark's own (bench/generate.py, seeded); returns its project."""
    if str(ROOT / "bench") not in sys.path:
        sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    generate(n, out)
    return out / "portal"


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str  # stdout + stderr of mkdocs

    def html(self, url_path: str) -> str:
        """The HTML of a page by its URL path, e.g. 'sop/a/b/'."""
        path = self.site / url_path.strip("/")
        if url_path.endswith("/") or not path.suffix:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


def write_tree(base: Path, files: dict[str, str | bytes | None]) -> None:
    """Write `files` (relative path -> text or bytes) under `base`; None deletes that file."""
    for rel, content in files.items():
        target = base / rel
        if content is None:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


# An SOP with two content errors (an unknown lane on line 5, a misspelt key on line 8), for the
# build and `sop-portal check` tests that must report both, located, in Indonesian.
BROKEN_SOP = """\
nama: SOP Rusak
pelaksana: [Kepala, Staf]
langkah:
  - kegiatan: Mulai
    pelaksana: Kepla
  - kegiatan: Selesai
    pelaksana: Staf
    wakktu: 5 menit
"""


def make_project(
    dest: Path,
    *,
    sops: dict[str, str] | None = None,
    content: dict[str, str] | None = None,
    copy_sops: bool = True,
    copy_content: bool = True,
    plugin_options: str = "",
    extra_config: str = "",
) -> Path:
    """A portal project in `dest`: the repo's config and theme, the sample portal (`SAMPLE`) with
    the repo's own guide (content/panduan, documentation of the product), plus overrides.

    `sops` / `content` map relative paths to file text; a value of None deletes the file.
    """
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "theme", dest / "theme")
    if copy_sops:
        shutil.copytree(SAMPLE_SOPS, dest / "sops")
    else:
        (dest / "sops").mkdir()
    if copy_content:
        shutil.copytree(SAMPLE_CONTENT, dest / "content")
        if (ROOT / "content" / "panduan").is_dir():
            shutil.copytree(ROOT / "content" / "panduan", dest / "content" / "panduan")
    else:
        (dest / "content").mkdir()
    write_tree(dest / "sops", sops or {})
    write_tree(dest / "content", content or {})
    config = (ROOT / "site_config.yml").read_text(encoding="utf-8")
    if plugin_options:
        config = config.replace("  - sop-portal:\n", "  - sop-portal:\n" + plugin_options.rstrip("\n") + "\n", 1)
    (dest / "site_config.yml").write_text(config + "\n" + extra_config, encoding="utf-8")
    return dest


def copy_project(project: Path, dest: Path) -> Path:
    """A copy of a portal project without its built site, to build it another way."""
    shutil.copytree(project, dest, ignore=shutil.ignore_patterns("site", ".cache"))  # .cache: shared/cache.py
    return dest


def edit_config(project: Path, old: str, new: str) -> None:
    """Change one setting the project's site_config.yml already has (asserting it is there)."""
    config = project / "site_config.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in site_config.yml"
    config.write_text(text.replace(old, new), encoding="utf-8")


def run_build(project: Path, *, site_url: str | None = None, strict: bool = True) -> Build:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["SITE_URL"] = site_url
    else:
        env.pop("SITE_URL", None)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", "site_config.yml", "-q"]
    if strict:
        command.append("--strict")
    proc = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    return Build(project, project / "site", proc.returncode, proc.stdout + proc.stderr)


def build_portal(dest: Path, *, site_url: str | None = None, **project_options) -> Build:
    return run_build(make_project(dest, **project_options), site_url=site_url)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Build:
    """The repository's own portal (seed SOPs and content), built once per test session under SUBPATH."""
    build = build_portal(tmp_path_factory.mktemp("seed"), site_url=f"http://127.0.0.1:8000{SUBPATH}")
    assert build.returncode == 0, build.output
    return build


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a site folder under a sub-path, answering misses with 404.html like GitHub Pages."""

    prefix = SUBPATH

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_subpath__")
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@dataclass
class Served:
    site: Path
    base: str  # e.g. http://127.0.0.1:PORT/portal-sop/

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


class Servers:
    """Starts loopback servers for built sites and stops them all at once."""

    def __init__(self):
        self._servers: list[socketserver.ThreadingTCPServer] = []

    def __call__(self, site: Path) -> Served:
        handler = functools.partial(_Handler, directory=str(site))
        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self._servers.append(server)
        return Served(site, f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}")

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()


@pytest.fixture
def serve():
    """serve(site_dir) -> Served: an HTTP server on loopback with the site under /portal-sop/."""
    servers = Servers()
    yield servers
    servers.close()


@pytest.fixture(scope="module")
def serve_module():
    """Like `serve`, with one server for a whole test module."""
    servers = Servers()
    yield servers
    servers.close()


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    need_tool(CHROMIUM, "Chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        if IN_CI:
            pytest.fail("playwright is not installed")
        pytest.skip("playwright is not installed")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
