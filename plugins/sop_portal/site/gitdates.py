"""When each content file was first added and last changed, from git history (no MkDocs import).

"Terakhir diperbarui" on an SOP page, the home page's "terakhir diubah" lists
and the Atom feed all need, per file, the date of the last commit that touched
it and of the first. Asking git once per file would start 10,000 processes for
10,000 SOPs, so `FileDateIndex.read` runs ONE ``git log --name-only`` over the content
folders and reads the whole history in a single pass: log order is newest
first, so the first commit a path appears in is its last change and the last
one is its creation.

A file git does not know (not committed yet, or no git at all, e.g. a
downloaded ZIP) falls back to its modification time. On a shallow clone every
file looks as if it changed in the one fetched commit; `is_shallow` lets the
caller say so (the Pages workflow checks out with ``fetch-depth: 0``).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

# Starts each commit header in the log output. File names are printed raw with -z
# (no quoting of non-ASCII names) and can contain anything but NUL; a record
# separator at the start of a name is not something a staff member types.
_COMMIT = "\x1e"


@dataclass(frozen=True)
class FileDates:
    dibuat: dt.datetime  # first commit that added the file (or its mtime)
    diubah: dt.datetime  # last commit that changed it (or its mtime)
    dari_git: bool  # False when the dates come from the file system


def _git(root: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        proc = subprocess.run(
            [git, "-C", str(root), *args], capture_output=True, timeout=300, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", errors="surrogateescape")


def parse_log(output: str) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    """Parse ``git log -z --name-only --format=<_COMMIT>%cI`` into path -> (last change, creation)."""
    dates: dict[str, tuple[dt.datetime, dt.datetime]] = {}
    current: dt.datetime | None = None
    for token in output.split("\0"):
        token = token.lstrip("\n")
        if not token:
            continue
        if token.startswith(_COMMIT):
            current = dt.datetime.fromisoformat(token[1:].strip())
            continue
        if current is None:
            continue
        seen = dates.get(token)
        # Newest first, so the first sighting is the last change and each later one moves the
        # creation back; min/max because rebased or cherry-picked commits can be out of date order.
        dates[token] = (max(seen[0], current), min(seen[1], current)) if seen else (current, current)
    return dates


def git_history(root: Path, folders: Iterable[str]) -> dict[str, tuple[dt.datetime, dt.datetime]] | None:
    """path (relative to root, POSIX) -> (changed, created) for every file under `folders`; None without git."""
    output = _git(
        root, "-c", "core.quotepath=off", "log", "-z", "--name-only", "--relative", "--no-renames",
        f"--format={_COMMIT}%cI", "--", *folders,
    )  # fmt: skip
    return None if output is None else parse_log(output)


def is_shallow(root: Path) -> bool:
    return (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"


def _mtime(path: Path) -> dt.datetime:
    try:
        stamp = path.stat().st_mtime
    except OSError:
        stamp = 0.0
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC).replace(microsecond=0)


class FileDateIndex:
    """Dates of the content files of one portal, read from git once, mtime as the fallback."""

    def __init__(self, root: Path, history: Mapping[str, tuple[dt.datetime, dt.datetime]] | None):
        self.root = root
        self.history = dict(history or {})
        self.has_git = history is not None

    @classmethod
    def read(cls, root: Path, folders: Iterable[str]) -> FileDateIndex:
        folders = [f for f in folders if (root / f).exists()]
        return cls(root, git_history(root, folders) if folders else None)

    def get(self, rel_path: str) -> FileDates:
        """Dates of a file given relative to the root (e.g. 'sops/a/b.yml')."""
        known = self.history.get(rel_path)
        if known is not None:
            return FileDates(dibuat=known[1], diubah=known[0], dari_git=True)
        stamp = _mtime(self.root / rel_path)
        return FileDates(dibuat=stamp, diubah=stamp, dari_git=False)

