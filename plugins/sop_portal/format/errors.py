"""Located content errors, worded for the civil servant who has to fix them.

Every mistake in an SOP file or a document's front matter becomes one
`ContentError`: the file, the line and column of the offending value, the
field path as the author sees it (``langkah[3].pelaksana``, counted from 1),
and an Indonesian sentence saying what was found and what is expected.
The loaders collect all of them (not only the first) so that one run of
``sop-portal check`` shows everything to fix; the MkDocs plugin and the CLI
only print what is collected here.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..shared.unsafe import one_line

# Three levels: a `kesalahan` stops the build; a `peringatan` (a drafting flaw of a signed form,
# a waktu that cannot be counted, ...) is shown everywhere but publishes; an `info` is a note.
Tingkat = Literal["kesalahan", "peringatan", "info"]


@dataclass(frozen=True)
class Pos:
    """A 1-based line and column inside a source file."""

    line: int
    column: int


@dataclass(frozen=True, order=True)
class ContentError:
    file: str
    line: int
    column: int
    path: str
    message: str
    level: Tingkat = field(default="kesalahan", compare=False)

    def format(self, level: str | None = None) -> str:
        """One line: a value holding a newline never starts a line of its own (a CI workflow command).
        `level` replaces the level's word (the CLI's coloured one)."""
        where = f"{self.file}:{self.line}:{self.column}"
        field_part = f" {self.path}:" if self.path else ""
        return f"{one_line(where)}: {level or self.level}:{one_line(field_part)} {one_line(self.message)}"

    def __str__(self) -> str:
        return self.format()


class ErrorSink:
    """Collects the errors of one source file."""

    def __init__(self, file: str):
        self.file = file
        self.errors: list[ContentError] = []

    def add(self, pos: Pos | None, path: str, message: str, level: Tingkat = "kesalahan") -> None:
        line, column = (pos.line, pos.column) if pos else (1, 1)
        self.errors.append(ContentError(self.file, line, column, path, message, level))

    @property
    def failed(self) -> bool:
        return any(e.level == "kesalahan" for e in self.errors)


def suggestion(word: str, choices: Iterable[str]) -> str:
    """' (maksud Anda "x"?)' for the closest choice, or '' when nothing is close."""
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f' (maksud Anda "{lowered[close[0]]}"?)' if close else ""


def quote(value: object) -> str:
    """Show a found value the way the author typed it, shortened if long."""
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "…"
    return f'"{text}"'


def join_choices(choices: Iterable[str]) -> str:
    return ", ".join(f'"{c}"' for c in choices)


def relative_path(path: Path, root: Path) -> str:
    """`path` as an author sees it in the repository ("sops/x/y.yml"), for messages; else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class RelativePaths:
    """`relative_path` for the many files of a few folders under one root, each folder resolved once.

    A file that is not a symbolic link resolves to its folder's resolved path plus its name, so
    only links still go through `Path.resolve` (several system calls per file otherwise).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._resolved_root = root.resolve()
        self._prefixes: dict[Path, str | None] = {}  # folder -> "sops/x/" (None: outside the root)

    def __call__(self, path: Path, link: bool | None = None) -> str:
        """`relative_path(path, root)`; `link`: whether `path` is a symbolic link, when the caller knows."""
        if path.is_symlink() if link is None else link:
            return relative_path(path, self.root)
        folder = path.parent
        if folder not in self._prefixes:
            try:
                inside = folder.resolve().relative_to(self._resolved_root).as_posix()
                self._prefixes[folder] = "" if inside == "." else inside + "/"
            except ValueError:
                self._prefixes[folder] = None
        prefix = self._prefixes[folder]
        return path.as_posix() if prefix is None else prefix + path.name
