"""A cache across builds: results of pure work (a loaded SOP, a drawn flowchart), on disk.

A build spends most of its own CPU on work whose result depends only on one SOP file and the
code: loading and checking the YAML (`format.loader`) and drawing the flowcharts
(`bagan.drawing`). `Store` keeps those results between builds, so a build after one SOP changed
loads and draws that one SOP only.

Never stale, by construction:

* an entry's key is a hash of everything its value is computed from: the file's bytes, its path
  and agency folder (loader), the loaded SOP's key and the drawing options (drawing);
* the store's file name carries `code_version()`: a hash of every file of this package (code,
  templates, schemas, stylesheets), the Python version and the versions of the packages the
  build runs on. Any change of code, template or package version gives another file name, and
  the old file is deleted when the new one is written.

Values are pickled one by one (a value that fails to unpickle is a miss, never an error) and the
whole store is one file, written atomically (temporary file, then rename) at the end of a build,
holding only the entries that build used: it never grows beyond one portal's worth.
Output is byte for byte the same with or without the cache (tests/test_cache.py).
No MkDocs import here.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent.parent
# The distributions whose code runs in a build: a new version of any of them invalidates the cache.
DISTRIBUTIONS = ("sop-portal", "mkdocs", "mkdocs-material", "pyyaml", "jinja2", "markdown", "pagefind", "nh3")
FORMAT = 1  # the layout of the store file itself


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of this package's files, the Python version and the build's package versions."""
    versions = {}
    for name in DISTRIBUTIONS:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    return source_version(PACKAGE, versions)


def source_version(folder: Path, versions: Mapping[str, str]) -> str:
    """A hash of every file under `folder` (names and bytes), the Python version and `versions`."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{sys.implementation.cache_tag}".encode())
    for name, version in sorted(versions.items()):
        digest.update(f"\0{name}={version}".encode())
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(b"\0" + path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def key_of(*parts: str | bytes) -> str:
    """A key from the parts an entry is computed from (order matters)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class Store:
    """One kind of cached value (`kind`: "muat", "bagan"), in `folder`; `folder=None`: no cache.

    `get(key)` returns the value or None; `put(key, value)` adds one; `save()` writes the entries
    this build used (got or put) and removes stores of other code versions. `options` (any
    repr-able mapping) is part of the file's name too: the build options the values depend on.
    """

    def __init__(self, folder: Path | None, kind: str, options: Mapping[str, Any] | None = None) -> None:
        self.folder = folder
        self.kind = kind
        version = key_of(code_version(), repr(sorted((options or {}).items())))
        self.path = folder / f"{kind}-{version[:32]}.pickle" if folder else None
        self._stored: dict[str, bytes] = {}
        self._used: dict[str, bytes] = {}
        self.hits = self.misses = 0
        if self.path is not None:
            try:
                with self.path.open("rb") as file:
                    stored = pickle.load(file)
                if isinstance(stored, dict):
                    self._stored = stored
            except Exception:  # noqa: BLE001 - missing, unreadable or foreign: an empty cache
                self._stored = {}

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def has(self, key: str) -> bool:
        return key in self._used or key in self._stored

    def get(self, key: str) -> Any:
        data = self._used.get(key) or self._stored.get(key)
        if data is None:
            self.misses += 1
            return None
        try:
            value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a damaged entry is a miss
            self.misses += 1
            return None
        self._used[key] = data
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        if self.path is not None:
            self._used[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def raw(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The pickled entries of `keys` this store used (to send from a worker to its parent)."""
        return {key: self._used[key] for key in keys if key in self._used}

    def keep(self, entries: Mapping[str, bytes]) -> None:
        """Entries a worker process got or made, to be saved with this store."""
        if self.path is not None:
            self._used.update(entries)

    def save(self) -> None:
        """Write the entries used by this build; a failure to write only costs the next build time."""
        if self.path is None or self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self._used.keys() != self._stored.keys():
                fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{self.kind}-")
                with os.fdopen(fd, "wb") as file:
                    pickle.dump(self._used, file, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, self.path)
                self._stored = dict(self._used)
            for other in self.folder.glob(f"{self.kind}-*.pickle"):
                if other != self.path:
                    other.unlink(missing_ok=True)
        except OSError:
            pass
