"""The `sop-portal` command: the second adapter over the domain core (MkDocs is the first).

``sop-portal check [PATH…]`` validates content the same way the build does and
prints every error, grouped by file, in Indonesian. Exit status: 0 clean,
1 content errors, 2 usage errors. It never prints a traceback for a content
mistake.

``new`` / ``new-instansi`` write commented skeletons (`scaffold.py`), ``import``
turns an existing XLSX/CSV procedure table into an SOP file (`importer.py`),
``schema`` writes the JSON Schema editors validate against. Every refusal is
one Indonesian sentence on stderr and exit status 1; nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from ..format import completeness, relations
from ..format.errors import ContentError
from ..format.loader import load_instansi, load_portal, load_sop, slugify
from ..kinerja.documents import load_dokumen
from ..shared.unsafe import one_line
from ..site.project import CONFIG_NAME, Project, ProjectError, find_root, load_project
from . import bahasa, runner, scaffold
from . import mulai as memulai
from .importer import SheetError, convert

bahasa.install()  # Click's own texts (help, usage errors) in Indonesian



def _project() -> Project:
    """The portal around the current folder (site_config.yml read as the build reads it), or exit 1."""
    try:
        return load_project(find_root())
    except ProjectError as exc:
        for message in exc.messages:
            click.echo(message, err=True)
        sys.exit(1)


GITHUB_KIND = {"kesalahan": "error", "peringatan": "warning", "info": "notice"}
LEVEL_COLOUR = {"kesalahan": "red", "peringatan": "yellow", "info": "cyan"}


def _use_colour(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def report(errors: tuple[ContentError, ...] | list[ContentError], fmt: str = "teks", out=None) -> None:
    """Print errors for people (grouped by file) or as GitHub Actions annotations."""
    out = out or sys.stdout
    if fmt == "github":
        for e in errors:
            kind = GITHUB_KIND[e.level]
            message = f"{e.path}: {e.message}" if e.path else e.message
            message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            # Property values additionally escape ',' and ':' (GitHub's workflow-command rules).
            name = e.file.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
            out.write(f"::{kind} file={name},line={e.line},col={e.column}::{message}\n")
        return
    colour = _use_colour(out)
    current = None
    for e in errors:
        if e.file != current:
            current = e.file
            title = click.style(one_line(e.file), bold=True) if colour else one_line(e.file)
            out.write(f"\n{title}\n")
        level = click.style(e.level, fg=LEVEL_COLOUR[e.level], bold=True) if colour else None
        out.write(f"  {e.format(level)}\n")  # one line per error (ContentError.format)


class _Group(click.Group):
    """Every command of the group writes its usage line in Indonesian ([OPSI], not [OPTIONS])."""

    def command(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", bahasa.OPSI)
        return super().command(*args, **kwargs)


@click.group(
    cls=_Group, context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar=bahasa.OPSI, subcommand_metavar=bahasa.SUBPERINTAH,
)  # fmt: skip
def main() -> None:
    """Alat bantu Portal SOP: memulai, memeriksa, membangun dan mempratinjau portal.

    Mulai dari sini: sop-portal mulai --pemerintah "Pemerintah Kabupaten Contoh"
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[BERKAS|FOLDER]...")
@click.option(
    "--format", "fmt", type=click.Choice(["teks", "github"]), default="teks",
    help="teks (untuk manusia) atau github (anotasi GitHub Actions pada baris yang salah).",
)  # fmt: skip
def check(paths: tuple[Path, ...], fmt: str) -> None:
    """Periksa semua SOP (atau hanya BERKAS/FOLDER yang ditulis) dan tampilkan setiap kesalahan."""
    project = _project()
    root, sops_dir = project.root, project.sops_dir
    result = load_portal(sops_dir, root, parallel=True)
    documents = load_dokumen(project.docs_dir, sops_dir, root)  # performance documents, as the build reads them
    # Keterkaitan that name no SOP of the portal stay text on the site, an SOP in force without nomor,
    # dates or signer still publishes: peringatan, worth fixing, never an error.
    findings = [*relations.resolve(result.portal).catatan, *completeness.identity(result.portal.sops)]
    errors = sorted([*result.errors, *documents.errors, *findings])
    if paths:
        wanted = [p.resolve() for p in paths]
        for p in wanted:
            if not p.exists():
                click.echo(f"sop-portal: {p} tidak ditemukan.", err=True)
                sys.exit(2)
        # A file outside sops/ and content/ is checked as what it is named (it is never reported
        # valid unread); anything else there is refused, saying why.
        errors += [e for p in wanted for e in _outside_errors(p, project)]

        def selected(e: ContentError) -> bool:
            target = (root / e.file).resolve()
            return any(target == w or w in target.parents for w in wanted)

        errors = [e for e in errors if selected(e)]
    report(errors, fmt)
    failed = [e for e in errors if e.level == "kesalahan"]
    warnings = sum(1 for e in errors if e.level == "peringatan")
    infos = len(errors) - len(failed) - warnings
    files = len({e.file for e in failed})
    notes = ", ".join(f"{n} {label}" for n, label in ((warnings, "peringatan"), (infos, "info")) if n)
    if fmt == "teks" or failed:
        gap = "\n" if fmt == "teks" and errors else ""  # the counts stand apart from the list above
        if failed:
            click.echo(f"{gap}{len(failed)} kesalahan di {files} berkas" + (f", {notes}" if notes else "") + ".")
        else:
            counted = len(result.portal.sops)
            click.echo(
                f"{gap}Semua isi valid: {counted} SOP dari {len(result.portal.instansi)} instansi"
                + (f", {len(documents.dokumen)} dokumen kinerja" if documents.dokumen else "")
                + (f" ({notes})" if notes else "")
                + "."
            )
    sys.exit(1 if failed else 0)


def _outside_errors(path: Path, project: Project) -> list[ContentError]:
    """Errors of a PATH given to check that lies outside sops/ and content/ (exit 2 when it cannot be checked)."""
    root = project.root
    folders = [project.sops_dir.resolve(), project.docs_dir.resolve()]
    if any(path == folder or folder in path.parents for folder in folders):
        return []  # the portal's own files, already loaded above
    if path.is_file() and path.suffix in (".yml", ".yaml"):
        if path.name.startswith("_"):
            return load_instansi(path, root)[1]
        return load_sop(path, root, path.parent.name)[1]
    click.echo(
        f"sop-portal: {_shown(path, root)} bukan berkas SOP (.yml) dan tidak berada di sops/ atau content/; "
        "tulis berkas SOP, atau folder sops/... atau content/....",
        err=True,
    )
    sys.exit(2)


def _refuse(message: str) -> NoReturn:
    click.echo(f"sop-portal: {message}", err=True)
    sys.exit(1)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


@main.command()
@click.argument("nama", required=False, default="", metavar="[NAMA]")
@click.option("--instansi", default="", metavar="ID", help="id instansi (nama foldernya di sops/).")
def new(nama: str, instansi: str) -> None:
    """Buat berkas SOP baru (kerangka lengkap berkomentar) di sops/ID/<nama-sop>.yml.

    Contoh: sop-portal new --instansi bkpsdm-kota-tangerang "Penyusunan LKIP"
    """
    project = _project()
    root = project.root
    try:
        target = scaffold.new_sop(root, project.sops_dir, instansi, nama, today=dt.date.today())
    except scaffold.ScaffoldError as exc:
        _refuse(str(exc))
    shown = _shown(target, root)
    click.echo(f"Dibuat: {shown}")
    click.echo(f"Alamat halamannya nanti: /sop/{instansi}/{target.stem}/ (status draf: belum tampil di portal).")
    click.echo(f"Langkah berikutnya: isi berkasnya, lalu periksa dengan  sop-portal check {shown}")


@main.command("new-instansi")
@click.argument("instansi_id", metavar="ID", required=False, default="")
@click.option("--nama", default="", metavar="TEKS", help="nama lengkap instansi (wajib).")
@click.option("--singkatan", default=None, metavar="TEKS", help="nama pendek, misalnya BKPSDM.")
@click.option(
    "--pemerintah", default=None, metavar="TEKS",
    help='misalnya "Pemerintah Kota Tangerang" (bawaan: pemerintah di site_config.yml).',
)  # fmt: skip
def new_instansi(instansi_id: str, nama: str, singkatan: str | None, pemerintah: str | None) -> None:
    """Buat folder instansi baru dengan sops/ID/_instansi.yml.

    Contoh: sop-portal new-instansi dinkes-kota-contoh --nama "Dinas Kesehatan Kota Contoh" --singkatan Dinkes
    """
    project = _project()
    root = project.root
    if not instansi_id:
        example = slugify(nama) if nama else "dinkes-kota-contoh"
        _refuse(f"tulis id instansi (huruf kecil dan tanda hubung), misalnya: sop-portal new-instansi {example} --nama \"...\".")
    if pemerintah is None:
        pemerintah = project.pemerintah.strip() or None  # the portal's own government (sop-portal mulai)
    try:
        target = scaffold.new_instansi(
            root, project.sops_dir, instansi_id, nama=nama, singkatan=singkatan, pemerintah=pemerintah
        )
    except scaffold.ScaffoldError as exc:
        _refuse(str(exc))
    click.echo(f"Dibuat: {_shown(target, root)}")
    click.echo(f"SOP pertamanya:  sop-portal new --instansi {instansi_id} \"Nama SOP\"")
    click.echo(
        f"Tentukan peninjaunya: tambahkan baris  /sops/{instansi_id}/ @ORGANISASI/tim-{instansi_id}  "
        "di .github/CODEOWNERS (lihat /panduan/peninjauan/)."
    )


@main.command("import")
@click.argument("berkas", type=click.Path(path_type=Path), required=False, metavar="BERKAS")
@click.option("--instansi", default="", metavar="ID", help="simpan ke sops/ID/<nama-sop>.yml.")
@click.option("--nama", default=None, metavar="TEKS", help='nama SOP (bawaan: sel "Nama SOP" di atas tabel, atau nama berkas).')
@click.option("--keluar", type=click.Path(path_type=Path), default=None, metavar="BERKAS", help="tulis ke berkas ini (- = layar).")
@click.option("--lembar", default=None, metavar="TEKS", help="nama lembar (sheet) di berkas .xlsx (bawaan: yang cocok pertama).")
def import_(berkas: Path | None, instansi: str, nama: str | None, keluar: Path | None, lembar: str | None) -> None:
    """Ubah tabel prosedur dari spreadsheet (.xlsx atau .csv) menjadi berkas SOP.

    Tabel disusun seperti formulir: No | Kegiatan | satu kolom per pelaksana (beri tanda
    apa saja, mis. x, di kolom pelaksana setiap langkah) | Kelengkapan | Waktu | Output |
    Keterangan. Contoh: sop-portal import tabel.xlsx --instansi bkpsdm-kota-tangerang
    """
    project = _project()
    root, sops_dir = project.root, project.sops_dir
    if berkas is None:
        _refuse("tulis berkas yang diimpor, misalnya: sop-portal import tabel.xlsx --instansi ID.")
    if not berkas.is_file():
        _refuse(f"berkas {berkas} tidak ditemukan.")
    if keluar is None:
        if not instansi:
            known = ", ".join(scaffold.agencies(sops_dir)) or "(belum ada)"
            _refuse(f"tulis --instansi ID (instansi yang ada: {known}) atau --keluar BERKAS.yml.")
        try:
            scaffold._require_agency(sops_dir, instansi)
        except scaffold.ScaffoldError as exc:
            _refuse(str(exc))
    stdout = keluar is not None and str(keluar) == "-"
    # The modeline path is relative to where the file lands; on screen, to the usual place.
    place = (sops_dir / (instansi or "instansi") / "x.yml") if keluar is None or stdout else keluar.resolve()
    try:
        result = convert(
            berkas, nama=nama, sheet_name=lembar, schema_line=scaffold.modeline(place, root), today=dt.date.today()
        )
    except SheetError as exc:
        for message in exc.messages:
            click.echo(f"{berkas.name}: {message}", err=True)
        sys.exit(1)
    for note in result.notes:
        click.echo(f"{berkas.name}: {note}", err=stdout)
    if stdout:
        click.echo(result.text, nl=False)
        return
    target = keluar if keluar is not None else sops_dir / instansi / f"{slugify(result.nama)}.yml"
    if target.exists() or target.with_suffix(".yaml" if target.suffix == ".yml" else ".yml").exists():
        _refuse(f"berkas {_shown(target, root)} sudah ada dan tidak ditimpa; pakai --nama lain atau --keluar BERKAS.yml.")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result.text, encoding="utf-8")
    sheet = f' (lembar "{result.sheet.name}")' if result.sheet.name else ""
    click.echo(f"Dibuat: {_shown(target, root)} dari {berkas.name}{sheet}: {result.steps} langkah, {result.lanes} pelaksana.")
    click.echo("Lengkapi identitas SOP dan keputusan (cabang), lalu periksa dengan  sop-portal check " + _shown(target, root))


@main.command()
@click.option("--periksa", is_flag=True, help="jangan menulis; keluar dengan status 1 bila berkas skema usang.")
def schema(periksa: bool) -> None:
    """Tulis JSON Schema berkas SOP dan instansi ke folder schema/ (untuk VS Code/Codespaces)."""
    root = find_root()
    stale = []
    for name, text in scaffold.schema_files().items():
        target = root / scaffold.SCHEMA_DIR / name
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        stale.append(_shown(target, root))
        if not periksa:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    if periksa and stale:
        _refuse(f"{', '.join(stale)} usang atau belum ada; jalankan: sop-portal schema")
    click.echo(("Ditulis: " + ", ".join(stale)) if stale and not periksa else "Berkas skema sudah sesuai.")


@main.command("mulai")
@click.option("--pemerintah", default="", metavar="TEKS", help='pemilik portal, misalnya "Pemerintah Kabupaten Contoh" (wajib).')
def mulai_(pemerintah: str) -> None:
    """Jadikan portal ini milik sendiri: contoh bawaan dipindah ke contoh/ (tidak diterbitkan).

    Sekali saja, tepat setelah git clone atau "Use this template". Nama pemerintah ditulis
    ke site_config.yml dan halaman beranda; sops/ menjadi kosong, siap diisi instansi Anda.
    Contoh: sop-portal mulai --pemerintah "Pemerintah Kabupaten Contoh"
    """
    root = find_root()
    try:
        done = memulai.start(root, pemerintah)
    except memulai.StartError as exc:
        _refuse(str(exc))
    name = " ".join(pemerintah.split())
    if done.moved_sops or done.moved_kinerja:
        click.echo(
            f"Contoh bawaan dipindah ke {memulai.EXAMPLES}/ (tidak diterbitkan): "
            f"{len(done.moved_sops)} instansi dari sops/, {len(done.moved_kinerja)} folder dokumen kinerja dari content/kinerja/."
        )
    click.echo(f'site_config.yml: site_name "Portal SOP {name}", pemerintah "{name}".')
    click.echo("Portal Anda kosong dan siap diisi. Langkah berikutnya:")
    click.echo('  1. sop-portal new-instansi dinkes --nama "Dinas Kesehatan" --singkatan Dinkes')
    click.echo('  2. sop-portal new --instansi dinkes "Nama SOP"   (atau: sop-portal import tabel.xlsx --instansi dinkes)')
    click.echo("  3. make serve   (pratinjau di http://127.0.0.1:8000/), lalu make site")


@main.command("build")
@click.option("--site-dir", "site_dir", type=click.Path(path_type=Path), default=None, metavar="FOLDER",
              help="folder hasil (bawaan: site_dir di site_config.yml, yaitu site/).")  # fmt: skip
def build_(site_dir: Path | None) -> None:
    """Bangun portal ke folder site/ (seperti mkdocs build --strict), dengan ringkasan berbahasa Indonesia.

    Bila ada kesalahan, tidak ada yang diterbitkan: folder site/ dihapus dan statusnya 1.
    """
    root = find_root()
    config = root / CONFIG_NAME
    if not config.exists():
        _refuse(f"{CONFIG_NAME} tidak ditemukan; jalankan perintah ini di folder portal.")
    result = runner.build(config, site_dir=site_dir.resolve() if site_dir else None)
    click.echo(result.summary, err=not result.ok)
    sys.exit(0 if result.ok else 1)


@main.command("serve")
@click.option("--alamat", default="127.0.0.1:8000", metavar="HOST:PORT", help="alamat pratinjau (bawaan: 127.0.0.1:8000).")
def serve_(alamat: str) -> None:
    """Pratinjau langsung: dibangun ulang setiap kali berkas berubah, SOP draf ikut tampil.

    Bila isi salah, pratinjau menampilkan pesannya dan tetap menyajikan versi terakhir yang valid.
    """
    root = find_root()
    config = root / CONFIG_NAME
    if not config.exists():
        _refuse(f"{CONFIG_NAME} tidak ditemukan; jalankan perintah ini di folder portal.")
    runner.serve(config, address=alamat)


if __name__ == "__main__":  # pragma: no cover
    main(prog_name="sop-portal")
