"""`sop-portal mulai`: turn a fresh clone (or a repository made from the template) into one's own portal.

A fresh clone carries sample content: three agencies in ``sops/`` and their performance
documents in ``content/kinerja/``. A Pemda starting its own portal wants none of it
published, but the examples are worth keeping to copy from. `start()`:

* moves every agency folder of ``sops/`` to ``contoh/sops/`` and every folder of
  ``content/kinerja/`` to ``contoh/kinerja/`` (``contoh/`` is neither ``sops_dir`` nor
  ``docs_dir``, so nothing in it is built), and leaves ``sops/`` empty but present;
* writes the owning government into ``site_config.yml``: ``site_name`` becomes
  "Portal SOP <pemerintah>" and the plugin's ``pemerintah`` option is set (``new-instansi``
  takes it as its default);
* names the portal on the home page (``content/index.md``'s first heading);
* drops the sample agencies' lines from ``.github/CODEOWNERS``.

The contributor guide (``content/panduan/``) links to no sample page, so it stays valid.
Nothing is deleted, and running it twice is refused (``contoh/`` already exists).
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..shared.unsafe import forbidden_character
from ..site.project import CONFIG_NAME

EXAMPLES = "contoh"

_README = """\
# Contoh isi portal (tidak diterbitkan)

Folder ini berisi contoh bawaan Portal SOP yang dipindahkan oleh `sop-portal mulai`:

- `sops/`: tiga instansi contoh dengan SOP-nya (SOP AP sesuai PermenPAN-RB 35/2012);
- `kinerja/`: dokumen kinerja contoh (perjanjian kinerja, pengukuran kinerja, LKIP).

Isi folder ini tidak dibangun dan tidak tampil di portal. Pakai sebagai contoh saat menulis
SOP sendiri: buka berkasnya, salin bagian yang diperlukan ke `sops/<instansi>/<nama-sop>.yml`.
Folder ini boleh dihapus kapan saja.
"""


class StartError(Exception):
    """A refusal, worded for the admin (one Indonesian sentence)."""


@dataclass
class Started:
    moved_sops: list[str] = field(default_factory=list)
    moved_kinerja: list[str] = field(default_factory=list)
    config_changed: bool = False


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _set_config(text: str, pemerintah: str) -> str:
    name_line = f"site_name: {yaml_text('Portal SOP ' + pemerintah)}"
    text, count = re.subn(r"^site_name:.*$", lambda _: name_line, text, count=1, flags=re.M)
    if not count:
        text = name_line + "\n" + text
    option = f"      pemerintah: {yaml_text(pemerintah)}"
    if re.search(r"^\s+pemerintah:", text, re.M):
        return re.sub(r"^\s+pemerintah:.*$", lambda _: option, text, count=1, flags=re.M)
    text, count = re.subn(r"^(\s*- sop-portal:[ \t]*\n)", lambda m: m.group(1) + option + "\n", text, count=1, flags=re.M)
    if not count:
        raise StartError(
            f"{CONFIG_NAME} tidak memuat plugin sop-portal (baris '  - sop-portal:' di bawah plugins:); "
            "pulihkan berkas itu dari repositori asal lalu jalankan lagi."
        )
    return text


def _move_children(source: Path, target: Path) -> list[str]:
    if not source.is_dir():
        return []
    moved = []
    for child in sorted(source.iterdir()):
        if child.name.startswith("."):
            continue
        target.mkdir(parents=True, exist_ok=True)
        shutil.move(str(child), str(target / child.name))
        moved.append(child.name)
    return moved


def start(root: Path, pemerintah: str) -> Started:
    pemerintah = " ".join(pemerintah.split())
    if not pemerintah:
        raise StartError('tulis nama pemerintahnya, misalnya: sop-portal mulai --pemerintah "Pemerintah Kabupaten Contoh".')
    why = forbidden_character(pemerintah)  # the build refuses it in site_config.yml (site/config.py)
    if why:
        raise StartError(f"--pemerintah: {why}")
    if not (root / CONFIG_NAME).exists():
        raise StartError(f"{CONFIG_NAME} tidak ditemukan; jalankan perintah ini di folder portal (hasil git clone).")
    examples = root / EXAMPLES
    if examples.exists():
        raise StartError(
            f"folder {EXAMPLES}/ sudah ada: portal ini sudah dimulai. Untuk mengganti nama pemerintah, "
            f"ubah site_name dan pemerintah di {CONFIG_NAME}."
        )
    config = root / CONFIG_NAME
    new_config = _set_config(config.read_text(encoding="utf-8"), pemerintah)  # refuses before anything moves

    result = Started()
    sops = root / "sops"
    result.moved_sops = _move_children(sops, examples / "sops")
    result.moved_kinerja = _move_children(root / "content" / "kinerja", examples / "kinerja")
    sops.mkdir(exist_ok=True)
    (sops / ".gitkeep").touch()  # git keeps no empty folder; the build needs sops/
    kinerja = root / "content" / "kinerja"
    if kinerja.is_dir() and not any(kinerja.iterdir()):
        kinerja.rmdir()
    examples.mkdir(exist_ok=True)
    (examples / "README.md").write_text(_README, encoding="utf-8")

    result.config_changed = new_config != config.read_text(encoding="utf-8")
    config.write_text(new_config, encoding="utf-8")
    _name_home_page(root / "content" / "index.md", pemerintah)
    _drop_codeowners(root / ".github" / "CODEOWNERS", result.moved_sops + result.moved_kinerja)
    return result


def _name_home_page(page: Path, pemerintah: str) -> None:
    if not page.exists():
        return
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"^# .*$", lambda _: f"# Portal SOP {pemerintah}", text, count=1, flags=re.M), encoding="utf-8")


def _drop_codeowners(path: Path, agencies: list[str]) -> None:
    if not path.exists() or not agencies:
        return
    names = set(agencies)
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        match = re.match(r"/(?:sops|content/kinerja)/([^/\s]+)/", line)
        if match and match.group(1) in names:
            continue
        kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")
