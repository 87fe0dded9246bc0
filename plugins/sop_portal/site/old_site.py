"""The previous build's files, moved aside in a few renames and deleted beside the build.

Before it writes anything, `mkdocs build` empties the site folder file by file
(`mkdocs.utils.clean_directory`): a 1,000-SOP portal leaves 4,300 files, and removing them took
1.5-3 s of the build's own process on a rebuild, while nothing else could happen (issue #21).
`move_aside` does what that cleaning does, moving each top-level entry the cleaning would remove
(everything but hidden entries, which MkDocs keeps) into one hidden folder beside the site
folder, on the same file system, so each move is a rename; an `rm` process deletes that folder
while the build runs. MkDocs then finds the site folder empty. `Removal.wait` (at the build's
end, also a failed one) makes sure no deletion outlives the build.

Nothing is moved when it cannot be done this way (no `rm` on the machine, a site folder on
another file system than its parent, a parent folder that is not writable): MkDocs then cleans
as before. No MkDocs import here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TRASH_PREFIX = ".sop-portal-lama-"


class Removal:
    """An `rm` deleting a moved-aside site, or nothing (`None` process)."""

    def __init__(self, process: subprocess.Popen[bytes] | None = None) -> None:
        self.process = process

    def wait(self) -> None:
        process, self.process = self.process, None
        if process is not None:
            process.wait()


def move_aside(site_dir: Path) -> Removal:
    """Move the old site's entries out of `site_dir` and start deleting them; see the module."""
    rm = shutil.which("rm")
    try:
        entries = [e for e in os.listdir(site_dir) if not e.startswith(".")]
    except OSError:
        return Removal()  # no site yet
    if rm is None or not entries:
        return Removal()
    try:
        parent = Path(site_dir).resolve().parent
        trash = parent / f"{TRASH_PREFIX}{os.getpid()}"
        trash.mkdir()
    except OSError:
        return Removal()
    # A build killed half-way (Ctrl+C) left its own: deleted with this one.
    left = [str(p) for p in parent.glob(f"{TRASH_PREFIX}*") if p != trash]
    for entry in entries:
        try:
            os.rename(site_dir / entry, trash / entry)
        except OSError:
            break  # what is left, MkDocs cleans
    process = subprocess.Popen([rm, "-rf", "--", str(trash), *left], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return Removal(process)
