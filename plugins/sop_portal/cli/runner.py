"""`sop-portal build` and `sop-portal serve`: MkDocs run in-process, speaking Indonesian.

`mkdocs build` talks to developers, in English: "Cleaning site directory",
"Documentation built in 2.31 seconds", "Aborted with a BuildError!", and Material's
end-of-life banner. The people who build a Pemda portal read Indonesian. These two
commands run the same MkDocs build and server (`mkdocs.commands.build.build`,
`mkdocs.commands.serve.serve`, exactly what `mkdocs build`/`serve` call) with their
own log handler on the ``mkdocs`` logger:

* the portal's own messages (content errors, peringatan, info: already Indonesian,
  with file:line:column) are printed without the ``sop-portal:`` prefix, coloured by level;
* MkDocs' progress lines are dropped or said in Indonesian (`TERJEMAHAN`);
* any other MkDocs warning or error (a broken link in a hand-written page, a config
  mistake) is printed as it is, marked ``MkDocs:``, since only its text says what is wrong;
* the run ends with one Indonesian summary line (`Ringkasan`).

The serve wrapper is deliberately thin: the plugin does the preview work (kept last good
site, error banner, error pages); this only starts MkDocs' server and words its log.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

# Material prints its English end-of-life banner when imported from a process named mkdocs;
# we are not one, but say so anyway, before anything imports it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

PLUGIN_PREFIX = "sop-portal: "
_STAMP = re.compile(r"\[\d\d:\d\d:\d\d\] ")
_LEVEL = re.compile(r":\d+:\d+: (kesalahan|peringatan|info):")

# MkDocs' own progress lines: None drops the line, a string replaces it ({0}, {1}: the groups).
TERJEMAHAN: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"^Cleaning site directory$"), None),
    (re.compile(r"^Building documentation to directory: "), None),
    (re.compile(r"^Building documentation\.\.\.$"), None),
    (re.compile(r"^Documentation built in ([\d.]+) seconds$"), None),  # the summary says it
    (re.compile(r"^The directory contains stale files"), None),
    (re.compile(r"^Reloading browsers$"), None),
    (re.compile(r'^"[A-Z]+ \S+ HTTP/[\d.]+" code \d+'), None),  # the preview server's request log (a 404 per page view)
    (re.compile(r"^Browser connected: "), None),
    (re.compile(r"^Detected file changes$"), "Ada berkas yang berubah; pratinjau dibangun ulang…"),
    (re.compile(r"^Watching paths for changes: (.*)$"), "Memantau perubahan di: {0}"),
    (re.compile(r"^Serving on (\S+)"), "Pratinjau: buka {0} di peramban. Hentikan dengan Ctrl+C."),
    (re.compile(r"^Shutting down\.\.\.$"), "Pratinjau dihentikan."),
    (re.compile(r"^Aborted with a BuildError!$"), None),
    (re.compile(r"^Aborted with (.*) in strict mode!$"), None),
    (re.compile(r"^Config value '([^']*)': (.*)$"), "site_config.yml: isian {0}: {1}"),
    (
        re.compile(r"^Doc file '([^']*)' contains a link '([^']*)', but the target (?:'[^']*' )?is not found among documentation files"),
        "content/{0}: tautan '{1}' menuju halaman yang tidak ada. Perbaiki atau hapus tautannya.",
    ),
    (
        re.compile(r"^Doc file '([^']*)' contains a link '([^']*)', but the doc '([^']*)' does not contain an anchor '([^']*)'\.?"),
        "content/{0}: tautan '{1}' menuju bagian '#{3}' yang tidak ada di halaman '{2}'.",
    ),
]


@dataclass
class Ringkasan:
    """What the run said, counted for the summary line."""

    kesalahan: int = 0
    peringatan: int = 0
    info: int = 0
    mkdocs: int = 0  # MkDocs' own warnings and errors
    halaman: int | None = None  # pages in the search index
    messages: list[str] = field(default_factory=list)


def _colour(stream) -> bool:
    return hasattr(stream, "isatty") and stream.isatty() and "NO_COLOR" not in os.environ


class IndonesianHandler(logging.Handler):
    """Prints MkDocs' log the way `sop-portal check` prints: Indonesian, located, coloured by level."""

    COLOURS = {"kesalahan": "red", "peringatan": "yellow", "info": "cyan"}

    def __init__(self, stream=None, *, quiet_info: bool = True):
        super().__init__(logging.INFO)
        self.stream = stream
        self.quiet_info = quiet_info
        self.ringkasan = Ringkasan()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.render(record)
        except Exception:  # pragma: no cover - a log line must never break the build
            self.handleError(record)
            return
        if text is not None:
            stream = self.stream or sys.stderr
            stream.write(text + "\n")
            stream.flush()

    def render(self, record: logging.LogRecord) -> str | None:
        message = record.getMessage()
        ours = message.startswith(PLUGIN_PREFIX) or record.name.startswith("mkdocs.plugins.sop-portal")
        if message.startswith(PLUGIN_PREFIX):
            message = message[len(PLUGIN_PREFIX):]
        count = self.ringkasan
        if message.startswith("Isi portal tidak valid:"):
            return None  # the plugin's closing line; the summary says it
        ours = ours or _LEVEL.search(message) is not None
        if ours:
            return self._render_ours(message, record)
        stamp = _STAMP.match(message)  # the preview server's lines start with "[14:05:31] "
        if stamp:
            message = message[stamp.end():]
        for pattern, replacement in TERJEMAHAN:
            found = pattern.match(message)
            if found:
                if replacement is None:
                    return None
                said = (stamp.group(0) if stamp else "") + replacement.format(*found.groups())
                if record.levelno >= logging.WARNING:
                    count.mkdocs += 1
                    return self._style(said, "kesalahan" if record.levelno >= logging.ERROR else "peringatan")
                return said
        if record.levelno >= logging.WARNING:
            # Not ours and not known: MkDocs' own words (a plugin error raised by us is Indonesian already).
            count.mkdocs += 1
            kind = "kesalahan" if record.levelno >= logging.ERROR else "peringatan"
            return self._style(message, kind)
        return None  # MkDocs' other INFO chatter (English, for developers): `mkdocs build -v` shows it

    def _render_ours(self, message: str, record: logging.LogRecord) -> str | None:
        """The plugin's own lines (Indonesian already): counted by level, styled, notes kept quiet."""
        count = self.ringkasan
        found = re.match(r"^Indeks pencarian: (\d+) halaman\.$", message)
        if found:
            count.halaman = int(found.group(1))
            return None
        level = _LEVEL.search(message)
        kind = level.group(1) if level else ("kesalahan" if record.levelno >= logging.ERROR else None)
        if kind == "kesalahan" and level:
            count.kesalahan += 1
        elif kind == "peringatan":
            count.peringatan += 1
        elif kind == "info":
            count.info += 1
        if level:
            count.messages.append(message)
        if kind == "info" and self.quiet_info:
            return None  # notes, not problems: counted in the summary, listed by `sop-portal check`
        return self._style(message, kind)

    def _style(self, text: str, kind: str | None) -> str:
        if kind and _colour(self.stream or sys.stderr):
            return click.style(text, fg=self.COLOURS[kind])
        return text


def _take_log(stream=None) -> tuple[logging.Logger, IndonesianHandler, list[logging.Handler], bool, int]:
    logger = logging.getLogger("mkdocs")
    handler = IndonesianHandler(stream)
    old = list(logger.handlers)
    for h in old:
        logger.removeHandler(h)
    state = (logger, handler, old, logger.propagate, logger.level)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return state


def _give_back(state) -> None:
    logger, handler, old, propagate, level = state
    logger.removeHandler(handler)
    for h in old:
        logger.addHandler(h)
    logger.propagate = propagate
    logger.setLevel(level)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix() + "/"
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    summary: str
    ringkasan: Ringkasan


def build(config_file: Path, *, site_dir: Path | None = None, strict: bool = True, stream=None) -> BuildResult:
    """Build the portal as `mkdocs build --strict` does; a failed build leaves no site folder."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    root = config_file.parent
    state = _take_log(stream)
    handler = state[1]
    start = time.monotonic()
    target: Path | None = None
    config = None
    failure = ""
    try:
        options: dict[str, Any] = {"strict": strict} | ({"site_dir": str(site_dir)} if site_dir else {})
        config = load_config(str(config_file), **options)
        target = Path(config.site_dir)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as exc:
        failure = str(exc)
    finally:
        _give_back(state)
    count = handler.ringkasan
    seconds = f"{time.monotonic() - start:.1f}".replace(".", ",")
    if failure or count.kesalahan:
        if target is not None and target.exists():
            shutil.rmtree(target, ignore_errors=True)
        parts = []
        if count.kesalahan:
            parts.append(f"{count.kesalahan} kesalahan isi")
        if count.mkdocs:
            parts.append(f"{count.mkdocs} masalah lain di atas (halaman, tautan atau konfigurasi)")
        if not parts:
            parts.append(failure.replace("Aborted with", "dihentikan:") if failure else "lihat pesan di atas")
        where = _shown(target, root) if target is not None else "site/"
        summary = (
            f"Pembangunan gagal: {', '.join(parts)}. Tidak ada yang diterbitkan (folder {where} dihapus). "
            "Perbaiki berkasnya lalu jalankan lagi; periksa cepat: sop-portal check."
        )
        return BuildResult(False, summary, count)
    plugin = config.plugins.get("sop-portal") if config is not None else None
    portal = getattr(plugin, "portal", None)
    what = []
    if portal is not None:
        what.append(f"{len(portal.sops)} SOP dari {len(portal.instansi)} instansi")
    dokumen = getattr(getattr(plugin, "dokumen", None), "dokumen", ())
    if dokumen:
        what.append(f"{len(dokumen)} dokumen kinerja")
    if count.halaman is not None:
        what.append(f"{count.halaman} halaman dalam indeks pencarian")
    notes = []
    if count.peringatan:
        notes.append(f"{count.peringatan} peringatan di atas")
    if count.info:
        notes.append(f"{count.info} info: lihat sop-portal check")
    summary = (
        f"Portal selesai dibangun di {_shown(target, root) if target else 'site/'} dalam {seconds} detik: "
        + "; ".join(what)
        + (f" ({'; '.join(notes)})" if notes else "")
        + "."
    )
    return BuildResult(True, summary, count)


def serve(config_file: Path, *, address: str = "127.0.0.1:8000", stream=None) -> None:
    """`mkdocs serve --livereload`, with the log in Indonesian; returns when stopped (Ctrl+C)."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort, ConfigurationError

    state = _take_log(stream)
    try:
        mkdocs_serve(config_file=str(config_file), livereload=True, dev_addr=address)
    except (Abort, ConfigurationError):
        raise click.ClickException(
            "pratinjau tidak dapat dimulai karena kesalahan di atas. Perbaiki berkasnya lalu jalankan lagi "
            "(periksa cepat: sop-portal check)."
        ) from None
    finally:
        _give_back(state)
