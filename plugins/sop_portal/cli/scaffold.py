"""Skeleton files for `sop-portal new` and `sop-portal new-instansi`.

Agency staff are not programmers: a new SOP starts from a complete, commented
file that already passes `sop-portal check`, so the first save never fails and
every change after it is a small, checkable step. The skeleton is
*obviously* a template (placeholder activities, `status: draf`, optional
fields shown as comments to uncomment) and `draf` keeps it off the public
site until someone deliberately changes it to `berlaku`.

The first line of every SOP file written here is a yaml-language-server
modeline pointing at the committed JSON Schema (`schema/sop.schema.json`,
kept in sync with `schema.py` by a test). The path is relative to the file,
so VS Code (with the Red Hat YAML extension) autocompletes and validates
while typing, locally and in Codespaces alike, offline, and always against
the schema of the branch being edited rather than of the published site.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from ..format.errors import join_choices, quote, suggestion
from ..format.loader import SLUG, slugify
from ..format.yamlwrite import scalar
from ..shared.unsafe import forbidden_character

SCHEMA_DIR = "schema"
SOP_SCHEMA_FILE = f"{SCHEMA_DIR}/sop.schema.json"
INSTANSI_SCHEMA_FILE = f"{SCHEMA_DIR}/instansi.schema.json"


def schema_files() -> dict[str, str]:
    """The committed schema files by name, as `sop-portal schema` writes them."""
    from ..format.schema import instansi_schema, sop_schema

    def text(schema: dict) -> str:
        return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"

    return {"sop.schema.json": text(sop_schema()), "instansi.schema.json": text(instansi_schema())}


class ScaffoldError(Exception):
    """A refusal with an Indonesian message meant for the person at the keyboard."""


def modeline(target: Path, root: Path, schema_file: str = SOP_SCHEMA_FILE) -> str:
    """'# yaml-language-server: $schema=../../schema/sop.schema.json' for a file at `target`."""
    relative = os.path.relpath(root / schema_file, target.parent)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}"


def agencies(sops_dir: Path) -> list[str]:
    """Agency ids: folders of sops/ that hold an _instansi.yml."""
    if not sops_dir.is_dir():
        return []
    return sorted(p.name for p in sops_dir.iterdir() if p.is_dir() and (p / "_instansi.yml").exists())


def sop_skeleton(nama: str, instansi: str, slug: str, *, today: dt.date, schema_line: str) -> str:
    """A complete SOP file in the paper form's order; every field explained in a comment.

    Long on purpose: one template the staff read top to bottom, kept whole so it reads as the file.
    """
    return f"""{schema_line}
#
# SOP baru: {nama}
# Alamat halamannya nanti: /sop/{instansi}/{slug}/ (dari nama berkas; jangan diganti setelah terbit).
#
# Cara mengisi:
# - Ganti setiap isian contoh dengan isi SOP Anda, urut seperti formulir SOP AP di kertas.
# - Baris yang diawali "#" adalah komentar: tidak ikut tampil di portal. Untuk memakai kunci
#   yang masih berupa komentar, hapus tanda "# " di depannya (jaga indentasi/spasi di kiri).
# - Nomor, waktu dan NIP selalu ditulis di antara tanda kutip ("15 menit"), begitu pula teks
#   yang memuat ": " atau " #".
# - Periksa setiap kali selesai menyunting:  sop-portal check sops/{instansi}/{slug}.yml
# - Panduan lengkap ada di halaman /panduan/ portal ini.

# ── Identitas SOP (sisi kanan kop formulir) ──────────────────────────────────────
{"# nomor: " + chr(34) + "000/000/SINGKATAN/" + str(today.year) + chr(34):<43} # nomor SOP; selalu di antara tanda kutip
{"nama: " + scalar(nama):<43} # wajib: nama prosedur
# ringkasan: Untuk apa prosedur ini        # satu kalimat untuk warga, tampil paling atas (Sekilas)
# unit: Sekretariat - Sub Bagian Umum       # unit kerja di bawah nama instansi
status: draf                                # draf = belum tampil di portal; ganti "berlaku" setelah disahkan
{"tanggal_pembuatan: " + today.isoformat():<43} # tanggal ditulis TTTT-BB-HH
# tanggal_revisi: {today.isoformat()}
# tanggal_efektif: {today.isoformat()}
# disahkan_oleh:
#   jabatan: Kepala Badan
#   nama: Nama Lengkap, S.H., M.M.
#   nip: "196001011985031001"              # 18 angka, selalu di antara tanda kutip

# ── Enam kotak di bawah kop (semuanya boleh dikosongkan) ─────────────────────────
# Satu butir per baris, diawali "- ".
dasar_hukum:
  - Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi Pemerintahan
# kualifikasi_pelaksana:
#   - Memahami peraturan yang terkait
# keterkaitan:                              # nama (atau nomor) SOP lain; menjadi tautan di portal
#   - SOP Penyusunan Renstra
# peralatan:
#   - Komputer/Printer
# peringatan:
#   - Apa akibatnya bila SOP ini tidak dilaksanakan
# pencatatan:
#   - Dokumen disimpan sebagai arsip

# ── Riwayat perubahan (opsional, yang terbaru di atas) ───────────────────────────
# riwayat:
#   - tanggal: {today.isoformat()}
#     catatan: Penyesuaian dengan peraturan terbaru

# ── Judul kolom (opsional, bila formulir Anda memakai judul lain) ────────────────
# label:
#   kegiatan: Uraian Prosedur
#   kelengkapan: Persyaratan
# satuan_waktu: menit                       # satuan untuk waktu yang ditulis angka saja

# ── Pelaksana: satu kolom bagan per pelaksana, urut dari kiri ke kanan ───────────
pelaksana:
  - Pelaksana
  - Kepala Sub Bagian
  - Kepala Badan

# ── Langkah: satu butir per baris tabel prosedur ─────────────────────────────────
# Nomor langkah otomatis 1, 2, 3, … Langkah pertama bersimbol Mulai, langkah
# terakhir bersimbol Selesai, yang lain Proses. "pelaksana" harus salah satu nama
# di daftar pelaksana di atas; kegiatan bersama: pelaksana: [Pelaksana, Kepala Badan].
langkah:
  - kegiatan: Menerima dan mencatat berkas  # contoh: ganti dengan kegiatan pertama
    pelaksana: Pelaksana
    kelengkapan: Surat permohonan
    waktu: "15 menit"                       # misalnya "30 menit", "1 jam", "2 hari", "1-3 hari kerja"
    output: Berkas tercatat
    # keterangan: catatan tambahan untuk langkah ini

  - kegiatan: Memeriksa kelengkapan berkas  # contoh
    pelaksana: Kepala Sub Bagian
    kelengkapan: Berkas
    waktu: "1 jam"
    output: Berkas terperiksa
    # Contoh keputusan (simbol belah ketupat): hapus "# " pada dua baris berikut.
    # Ya menuju langkah 3, Tidak kembali ke langkah 1 (label bebas: Ada/Tidak, Setuju/Tolak).
    # teks: Lengkap?
    # cabang: {{Ya: 3, Tidak: 1}}

  - kegiatan: Menandatangani surat          # contoh: langkah terakhir = Selesai
    pelaksana: Kepala Badan
    kelengkapan: Konsep surat
    waktu: "1 hari"
    output: Surat

# ── Baris dengan beberapa simbol (bila formulir menggambarnya begitu) ────────────
# Tulis "bagan" sebagai ganti "pelaksana": simbol-simbol baris itu, urut sesuai alur.
# Setiap simbol: pelaksana (wajib), simbol (bawaan proses), id, teks, cabang, ke.
# Di lajur berbeda digambar berdampingan dan disambung panah; di lajur yang sama ditumpuk.
# Untuk memakai contoh, pindahkan ke daftar langkah di atas dan hapus "# " di depannya.
#   - kegiatan: Memberikan disposisi dan menentukan tujuan
#     bagan:
#       - {{pelaksana: Kepala Badan}}
#       - {{id: tujuan, pelaksana: Kepala Sub Bagian, teks: Tujuan?, cabang: {{Teknis: 2, Administratif: 3}}}}
# Dua cara masuk, masing-masing dengan jalannya sendiri (dua kapsul mulai):
#   - kegiatan: Menerima surat masuk
#     bagan:
#       - {{pelaksana: Pelaksana, simbol: mulai, teks: Langsung ke kantor, ke: 3}}
#       - {{pelaksana: Kepala Sub Bagian, simbol: mulai, teks: Via email, ke: 4}}
# Satu kegiatan yang dikerjakan bersama (garis putus-putus, bukan panah):
#   - kegiatan: Rapat pembahasan
#     bersama: true
#     bagan: [{{pelaksana: Pelaksana}}, {{pelaksana: Kepala Badan}}]
# Kotak yang ditutup kapsul selesainya sendiri:
#   - kegiatan: Menyerahkan hasil
#     bagan: [{{pelaksana: Kepala Badan}}, {{pelaksana: Kepala Badan, simbol: selesai}}]
"""


def instansi_skeleton(nama: str, singkatan: str | None, pemerintah: str | None, agency_id: str, schema_line: str) -> str:
    def line(key: str, value: str | None, example: str, note: str) -> str:
        body = f"{key}: {scalar(value)}" if value else f"# {key}: {example}"
        return f"{body:<43} # {note}"

    return f"""{schema_line}
# Identitas instansi: tampil di kop setiap SOP dan di halaman /instansi/{agency_id}/.
# Nama folder ini ({agency_id}) adalah id instansi dan bagian alamat halamannya: jangan diganti.
# Baris yang diawali "#" adalah komentar; hapus "# " di depan sebuah kunci untuk memakainya.
# SOP instansi ini dibuat dengan:  sop-portal new --instansi {agency_id} "Nama SOP"
{"nama: " + scalar(nama):<43} # wajib: nama lengkap instansi
{line("singkatan", singkatan, "BKPSDM", "nama pendek di menu portal")}
{line("pemerintah", pemerintah, "Pemerintah Kota Contoh", "baris pertama kop SOP")}
# alamat: Jl. Contoh No. 1, Kota Contoh
# telepon: (021) 555-0100
# email: layanan@contoh.go.id
# situs: https://contoh.go.id
{"# logo: assets/logo-" + agency_id + ".png":<43} # berkas gambar di folder content/
# kepala:
#   jabatan: Kepala Badan
#   nama: Nama Lengkap, S.H., M.M.
#   nip: "196001011985031001"               # 18 angka, selalu di antara tanda kutip
"""


def _refuse_invisible(**typed: str | None) -> None:
    """A name typed on the command line with a character the loader refuses (an invisible control
    character, pasted from another document) is refused here, not written into a file check rejects."""
    for what, text in typed.items():
        why = forbidden_character(text or "")
        if why:
            raise ScaffoldError(f"{what}: {why}")


def _require_agency(sops_dir: Path, instansi: str) -> None:
    known = agencies(sops_dir)
    if instansi in known:
        return
    listed = join_choices(known) if known else "(belum ada)"
    if not instansi:
        raise ScaffoldError(f"tulis instansinya dengan --instansi ID; instansi yang ada: {listed}.")
    hint = suggestion(instansi, known)
    if not hint:  # "bkpsdm" for "bkpsdm-kota-tangerang": difflib finds short prefixes too far
        containing = [k for k in known if instansi.lower() in k]
        hint = f' (maksud Anda "{containing[0]}"?)' if len(containing) == 1 else ""
    raise ScaffoldError(
        f"instansi {quote(instansi)} tidak ada di {sops_dir.name}/{hint}. Instansi yang ada: {listed}. "
        f'Instansi baru dibuat dengan: sop-portal new-instansi {slugify(instansi)} --nama "Nama Instansi".'
    )


def new_sop(root: Path, sops_dir: Path, instansi: str, nama: str, *, today: dt.date) -> Path:
    """Write the skeleton of a new SOP; refuse to overwrite anything."""
    nama = " ".join(nama.split())
    if not nama:
        raise ScaffoldError('nama SOP kosong; tulis namanya, misalnya: sop-portal new --instansi ID "Penyusunan LKIP".')
    _refuse_invisible(**{"nama SOP": nama})
    _require_agency(sops_dir, instansi)
    slug = slugify(nama)
    target = sops_dir / instansi / f"{slug}.yml"
    for existing in (target, target.with_suffix(".yaml")):
        if existing.exists():
            raise ScaffoldError(
                f"berkas {existing.relative_to(root).as_posix()} sudah ada dan tidak ditimpa. "
                "Sunting berkas itu, atau beri SOP baru nama lain."
            )
    text = sop_skeleton(nama, instansi, slug, today=today, schema_line=modeline(target, root))
    target.write_text(text, encoding="utf-8")
    return target


def new_instansi(
    root: Path, sops_dir: Path, agency_id: str, *, nama: str, singkatan: str | None, pemerintah: str | None
) -> Path:
    """Write sops/<id>/_instansi.yml for a new agency; refuse to overwrite anything."""
    if not SLUG.match(agency_id):
        raise ScaffoldError(
            f"id instansi {quote(agency_id)} tidak bisa menjadi alamat halaman; pakai huruf kecil, angka dan "
            f"tanda hubung, misalnya {slugify(agency_id)}."
        )
    nama = " ".join(nama.split())
    if not nama:
        raise ScaffoldError('nama instansi kosong; tulis --nama "Nama Lengkap Instansi".')
    _refuse_invisible(**{"--nama": nama, "--singkatan": singkatan, "--pemerintah": pemerintah})
    target = sops_dir / agency_id / "_instansi.yml"
    if target.exists():
        raise ScaffoldError(f"berkas {target.relative_to(root).as_posix()} sudah ada dan tidak ditimpa.")
    target.parent.mkdir(parents=True, exist_ok=True)
    schema_line = modeline(target, root, INSTANSI_SCHEMA_FILE)
    target.write_text(instansi_skeleton(nama, singkatan, pemerintah, agency_id, schema_line), encoding="utf-8")
    return target
