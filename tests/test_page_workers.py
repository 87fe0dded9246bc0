"""SOP pages rendered in forked workers, one per core (site/page_workers.py, issue #21): the site,
the search index and the sitemap are the same as a build in one process; what a worker logs is
printed once, by the build, and counts for --strict; a worker that dies hands its pages back."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import copy_project, edit_config, generate_portal, need, run_build
from test_drawing import index_contents, site_files

from sop_portal.shared.workers import can_fork
from sop_portal.site.page_workers import PARALLEL_FROM

N_SOPS = PARALLEL_FROM + 10
SITE_URL = "https://contoh.go.id/portal/"
ORIGINAL = "plugins/sop_portal/site/templates/partials/sop/bagan.html"

# A MkDocs hook (a plugin of the portal's own) that gives templates two functions: one logs a
# warning, one ends the process it runs in unless that is the build's own.
HOOK = '''
import logging, os
log = logging.getLogger("mkdocs.hooks.uji")
PARENT = os.getpid()
def on_env(env, config, files):
    def peringatkan(pesan):
        log.warning(pesan)
        return ""
    def mati_di_pembantu():
        if os.getpid() != PARENT:
            os._exit(3)
        return ""
    env.globals["peringatkan"] = peringatkan
    env.globals["mati_di_pembantu"] = mati_di_pembantu
    return env
'''


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    need(can_fork(), "one core or no fork() here: the build never starts the workers")
    return generate_portal(N_SOPS, tmp_path_factory.mktemp("pekerja"))


@pytest.fixture(scope="module")
def one_process(generated, tmp_path_factory):
    project = copy_project(generated, tmp_path_factory.mktemp("satu") / "p")
    edit_config(project, "  - sop-portal:\n", "  - sop-portal:\n      parallel: false\n      cache: false\n")
    build = run_build(project, site_url=SITE_URL)
    assert build.returncode == 0, build.output
    return build


def with_hook(generated, dest, line: str):
    """A copy of the portal whose flowchart partial calls `line`, through the hook above."""
    project = copy_project(generated, dest)
    edit_config(project, "  - sop-portal:\n", "  - sop-portal:\n      cache: false\n")
    (project / "hooks").mkdir()
    (project / "hooks" / "uji.py").write_text(HOOK, encoding="utf-8")
    config = project / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks/uji.py\n", encoding="utf-8")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    original = open(os.path.join(root, ORIGINAL), encoding="utf-8").read()
    override = project / "theme" / "partials" / "sop" / "bagan.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(original + line, encoding="utf-8")
    return project


def build(project, *flags: str):
    """`mkdocs build --strict`, not quiet (-q hides warnings from --strict too: MkDocs' own choice)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", *flags, "-f", "site_config.yml"]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def test_the_site_is_the_same_built_by_workers_or_in_one_process(generated, one_process, tmp_path):
    project = copy_project(generated, tmp_path / "p")
    edit_config(project, "  - sop-portal:\n", "  - sop-portal:\n      cache: false\n")
    proc = build(project, "-v")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    workers, alone = site_files(project / "site"), site_files(one_process.site)
    sop_pages = [name for name in workers if name.startswith("sop/") and name.endswith("/index.html")]
    assert len(sop_pages) >= N_SOPS
    assert f"{len(sop_pages)} halaman SOP dibangun oleh" in proc.stderr  # the workers did render them
    assert workers.keys() == alone.keys()
    assert [name for name in workers if workers[name] != alone[name]] == []
    assert index_contents(project / "site") == index_contents(one_process.site)
    sitemap = workers["sitemap.xml"].decode()
    assert sitemap.count("/portal/sop/") == len(sop_pages)  # the sitemap still lists the pages the workers built


def test_what_a_worker_logs_is_printed_once_and_counts_for_strict(generated, tmp_path):
    project = with_hook(generated, tmp_path / "p", '{{ peringatkan("uji-peringatan " ~ page.url) }}')
    proc = build(project)
    assert proc.returncode != 0  # --strict: the workers' warnings abort the build
    lines = [line for line in proc.stderr.splitlines() if "uji-peringatan" in line]
    assert len(lines) >= N_SOPS and all(line.startswith("WARNING") for line in lines)
    assert len({line for line in lines if "penyusunan-lkip" in line}) == 1  # once, not again by the worker
    assert f"Aborted with {len(lines)} warnings in strict mode" in proc.stdout + proc.stderr


def test_a_worker_that_dies_hands_its_pages_back(generated, one_process, tmp_path):
    project = with_hook(generated, tmp_path / "p", "{{ mati_di_pembantu() }}")
    proc = build(project, "-v")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "halaman SOP dibangun di proses utama" in proc.stderr
    workers, alone = site_files(project / "site"), site_files(one_process.site)
    assert workers.keys() == alone.keys()
    assert [name for name in workers if workers[name] != alone[name]] == []
    assert index_contents(project / "site") == index_contents(one_process.site)
