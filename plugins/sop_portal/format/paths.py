"""One rule for files (ARCHITECTURE.md, "Trust model"): nothing is read or published from outside the repository.

Content folders (``sops/``, ``content/``) are walked without following symbolic links. A link
whose target leaves the repository (``/etc/passwd``, ``/proc/self/environ``), lands in a hidden
folder of it (``.git/config``), or leads nowhere is a located Indonesian error, and the loaders
and the build never open it; a link that stays inside the repository (one PDF shared by two
documents) is fine. A file or folder name holding a control character is refused too: names
reach logs, URLs and the feed.

Attachments (every file beside the documents under ``content/kinerja/``, and every ``berkas``)
are an allowlist of document types, checked by extension *and* by the file's first bytes, so a
``laporan.pdf`` that is really HTML is refused as firmly as ``laporan.html``: nothing served
from the portal's origin may run script.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..shared.unsafe import one_line
from .errors import ContentError, relative_path

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word/Excel/PowerPoint 97-2003
_ZIP = b"PK\x03\x04"  # Office Open XML and OpenDocument are zip packages
_JPEG = b"\xff\xd8\xff"
# extension -> (label a citizen reads, the signature the file must start with)
ATTACHMENTS: dict[str, tuple[str, bytes]] = {
    ".pdf": ("PDF", b"%PDF-"),
    ".doc": ("Word", _OLE), ".docx": ("Word", _ZIP),
    ".xls": ("Excel", _OLE), ".xlsx": ("Excel", _ZIP),
    ".ppt": ("PowerPoint", _OLE), ".pptx": ("PowerPoint", _ZIP),
    ".odt": ("OpenDocument", _ZIP), ".ods": ("OpenDocument", _ZIP),
    ".png": ("Gambar", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("Gambar", _JPEG), ".jpeg": ("Gambar", _JPEG),
}  # fmt: skip
_NAMES = ", ".join(sorted({ext.lstrip(".") for ext in ATTACHMENTS} - {"jpeg"}))


def outside(path: Path, root: Path) -> bool:
    """Whether `path`, links followed, leaves the repository `root` or lands in a hidden folder of it."""
    try:
        rel = path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):  # another tree, or a link loop
        return True
    return any(part.startswith(".") for part in rel.parts)


def yaml_files(folder: Path) -> list[tuple[Path, bool]]:
    """`sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])`, each with whether it is a symbolic link.

    One read of the folder instead of two globs, and the link type from the directory entry
    instead of one lstat per file: the loader asks both of every SOP file.
    """
    try:
        with os.scandir(folder) as entries:
            found = sorted((entry.name, entry.is_symlink()) for entry in entries if entry.name.endswith((".yml", ".yaml")))
    except OSError:  # gone or unreadable: glob finds nothing there either
        return []
    return [(folder / name, link) for name, link in found]


def _shown(path: Path, root: Path) -> str:
    """The path as written in the repository, the link itself (never its target)."""
    try:
        return one_line(path.relative_to(root).as_posix())
    except ValueError:
        return one_line(relative_path(path, root))


def _link_error(link: Path, root: Path) -> str | None:
    try:
        target = os.readlink(link)
    except OSError:
        target = "?"
    shown = one_line(target)
    if not os.path.exists(link):
        return f"tautan simbolik (symlink) ke {shown!r} tidak menunjuk ke berkas yang ada; hapus tautannya."
    if outside(link, root):
        return (
            f"tautan simbolik (symlink) ke {shown!r} menunjuk ke luar repositori (atau ke folder tersembunyinya); "
            "portal tidak membaca dan tidak menerbitkan berkas di luar repositori. Hapus tautannya dan salin "
            "berkas yang dimaksud ke folder ini."
        )
    return None


def check_tree(folder: Path, root: Path) -> tuple[list[ContentError], set[Path]]:
    """Errors for the links and names under `folder` (links not followed), and the paths never to open."""
    errors: list[ContentError] = []
    refused: set[Path] = set()
    if folder.is_symlink() and outside(folder, root):
        return [ContentError(_shown(folder, root), 1, 1, "", _link_error(folder, root) or "")], {folder}
    if not folder.is_dir():
        return errors, refused
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            where = _shown(path, root)
            if one_line(name) != name:
                errors.append(ContentError(where, 1, 1, "", "nama berkas atau folder memuat karakter kendali (baris baru, "
                                           "tab, ...) atau byte yang bukan UTF-8; ganti namanya dengan huruf, angka dan "
                                           "tanda hubung."))  # fmt: skip
                refused.add(path)
                continue
            if path.is_symlink():
                problem = _link_error(path, root)
                if problem:
                    errors.append(ContentError(where, 1, 1, "", problem))
                    refused.add(path)
    return errors, refused


def attachment_problem(path: Path) -> str | None:
    """Why `path` cannot be published as an attachment (an Indonesian sentence), or None."""
    kind = ATTACHMENTS.get(path.suffix.lower())
    if kind is None:
        return (
            f"jenis berkas {path.suffix or '(tanpa ekstensi)'!s} tidak boleh dilampirkan; lampiran hanya {_NAMES} "
            "(HTML, SVG, skrip dan arsip tidak diterbitkan karena bisa menjalankan kode di situs portal)."
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(len(kind[1]))
    except OSError:
        return "berkas tidak dapat dibaca."
    if head != kind[1]:
        return (
            f"isi berkas bukan {kind[0]} seperti kata ekstensinya ({path.suffix}); simpan ulang dari aplikasinya "
            f"sebagai {path.suffix.lstrip('.').upper()} yang sebenarnya."
        )
    return None


def label(path: Path) -> str:
    """The type a citizen reads beside a link ("PDF", "Excel", …)."""
    return ATTACHMENTS.get(path.suffix.lower(), ("Berkas", b""))[0]


def check_attachments(folder: Path, root: Path, refused: set[Path]) -> list[ContentError]:
    """Every file under `folder` (content/kinerja) that is not a document (.md) must be an allowed attachment."""
    errors: list[ContentError] = []
    if not folder.is_dir():
        return errors
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(dirpath) / name
            if path in refused or name.startswith(".") or path.suffix == ".md":
                continue
            problem = attachment_problem(path)
            if problem:
                errors.append(ContentError(_shown(path, root), 1, 1, "", problem))
    return errors
