"""The `sop-portal` command: the second adapter over the domain core (MkDocs is the first).

``sop-portal check [PATH…]`` validates content the same way the build does and
prints every error, grouped by file, in Indonesian. Exit status: 0 clean,
1 content errors, 2 usage errors. It never prints a traceback for a content
mistake.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .errors import ContentError
from .loader import load_portal

# The project root is the folder holding site_config.yml; commands run from anywhere inside it.
CONFIG_NAME = "site_config.yml"


def find_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).exists():
            return folder
    return Path.cwd().resolve()


def _use_colour(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def report(errors: tuple[ContentError, ...] | list[ContentError], fmt: str = "teks", out=None) -> None:
    """Print errors for people (grouped by file) or as GitHub Actions annotations."""
    out = out or sys.stdout
    if fmt == "github":
        for e in errors:
            kind = "error" if e.level == "kesalahan" else "notice"
            message = f"{e.path}: {e.message}" if e.path else e.message
            message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            out.write(f"::{kind} file={e.file},line={e.line},col={e.column}::{message}\n")
        return
    colour = _use_colour(out)
    current = None
    for e in errors:
        if e.file != current:
            current = e.file
            title = click.style(e.file, bold=True) if colour else e.file
            out.write(f"\n{title}\n")
        level = e.level
        if colour:
            level = click.style(level, fg="red" if level == "kesalahan" else "cyan", bold=True)
        field = f" {e.path}:" if e.path else ""
        out.write(f"  {e.file}:{e.line}:{e.column}: {level}:{field} {e.message}\n")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Alat bantu Portal SOP: memeriksa dan menyiapkan isi portal."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["teks", "github"]), default="teks",
    help="teks (untuk manusia) atau github (anotasi GitHub Actions pada baris yang salah).",
)  # fmt: skip
def check(paths: tuple[Path, ...], fmt: str) -> None:
    """Periksa semua SOP (atau folder/berkas PATH) dan tampilkan setiap kesalahan."""
    root = find_root()
    sops_dir = root / "sops"
    result = load_portal(sops_dir, root)
    errors = list(result.errors)
    if paths:
        wanted = [p.resolve() for p in paths]
        for p in wanted:
            if not p.exists():
                click.echo(f"sop-portal: {p} tidak ditemukan.", err=True)
                sys.exit(2)

        def selected(e: ContentError) -> bool:
            target = (root / e.file).resolve()
            return any(target == w or w in target.parents for w in wanted)

        errors = [e for e in errors if selected(e)]
    report(errors, fmt)
    failed = [e for e in errors if e.level == "kesalahan"]
    infos = len(errors) - len(failed)
    files = len({e.file for e in failed})
    if fmt == "teks":
        if failed:
            click.echo(f"\n{len(failed)} kesalahan di {files} berkas" + (f", {infos} info" if infos else "") + ".")
        else:
            counted = len(result.portal.sops)
            click.echo(
                f"Semua isi valid: {counted} SOP dari {len(result.portal.instansi)} instansi"
                + (f" ({infos} info)" if infos else "")
                + "."
            )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
