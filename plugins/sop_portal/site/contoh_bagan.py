"""Drawn examples for the guide (/panduan/format/#bagan): one small chart per pattern of rows with
several symbols, drawn by the same engine as every SOP page (`bagan.svg`), published at
/panduan/contoh-bagan/<name>.svg. The guide shows them with <img>; tests/test_bagan_format.py
checks every example loads and every picture the guide names is built.

Each example is a few invented rows in the SOP file format; the rows the guide quotes are the
ones marked with a comment, the rest only make the picture a whole flow.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..bagan.svg import sop_svg
from ..format.loader import load_sop

FOLDER = "panduan/contoh-bagan"

_AGENCY = "nama: Contoh\n"

EXAMPLES: dict[str, str] = {
    "disposisi": """\
nama: Kotak lalu keputusan di kolom lain
pelaksana: [Kepala Dinas, Sekretaris, Petugas Arsip]
langkah:
  - kegiatan: Menerima surat
    pelaksana: Petugas Arsip
  - kegiatan: Memberikan disposisi dan menentukan tujuan disposisi
    bagan:
      - {pelaksana: Kepala Dinas}
      - {id: tujuan, pelaksana: Sekretaris, teks: Tujuan?, cabang: {Teknis: 3, Administratif: 4}}
  - kegiatan: Meneruskan ke bidang teknis
    pelaksana: Petugas Arsip
    ke: 5
  - kegiatan: Menyiapkan jawaban
    pelaksana: Sekretaris
  - kegiatan: Mengarsipkan
    pelaksana: Petugas Arsip
""",
    "keputusan-berantai": """\
nama: Keputusan lalu kotak; dua keputusan berantai
pelaksana: [Petugas Layanan, Arsiparis, Kepala Seksi]
langkah:
  - kegiatan: Menerima permohonan
    pelaksana: Petugas Layanan
  - kegiatan: Memeriksa identitas; jika lengkap, arsiparis mencari arsip
    bagan:
      - {pelaksana: Petugas Layanan, teks: Lengkap?, cabang: {Ya: cari, Tidak: 1}}
      - {id: cari, pelaksana: Arsiparis}
  - kegiatan: Menilai sifat arsip dan izin akses
    bagan:
      - {pelaksana: Arsiparis, teks: Terbuka?, cabang: {Ya: 4, Tidak: izin}}
      - {id: izin, pelaksana: Kepala Seksi, teks: Diizinkan?, cabang: {Ya: 4, Tidak: 5}}
  - kegiatan: Menyerahkan arsip
    pelaksana: Petugas Layanan
    ke: 6
  - kegiatan: Memberitahukan penolakan
    pelaksana: Petugas Layanan
  - kegiatan: Selesai
    pelaksana: Arsiparis
""",
    "dua-mulai": """\
nama: Dua cara masuk
pelaksana: [Petugas Arsip, Sekretaris, Kepala Dinas]
langkah:
  - kegiatan: Surat diterima langsung di kantor atau melalui surel
    bagan:
      - {pelaksana: Petugas Arsip, simbol: mulai, teks: Langsung ke kantor, ke: 2}
      - {pelaksana: Sekretaris, simbol: mulai, teks: Via surel, ke: 3}
  - kegiatan: Mencatat surat
    pelaksana: Petugas Arsip
    ke: 4
  - kegiatan: Mencetak surat elektronik
    pelaksana: Sekretaris
  - kegiatan: Memberi disposisi
    pelaksana: Kepala Dinas
""",
    "kapsul-sendiri": """\
nama: Kotak dengan kapsulnya sendiri; tiga kapsul selesai
pelaksana: [Pemohon, Arsiparis, Kepala Seksi]
langkah:
  - kegiatan: Mengisi formulir peminjaman arsip
    bagan: [{pelaksana: Pemohon, simbol: mulai}, {pelaksana: Pemohon}]
  - kegiatan: Mengembalikan arsip dan menutup layanan
    bagan: [{pelaksana: Arsiparis}, {pelaksana: Arsiparis, simbol: selesai}, {pelaksana: Kepala Seksi, simbol: selesai}]
""",
    "bersama": """\
nama: Kegiatan bersama
pelaksana: [PPK, Bendahara, KPA, Tim Perencanaan]
langkah:
  - kegiatan: Menyusun usulan
    pelaksana: PPK
  - kegiatan: Memeriksa pagu
    pelaksana: Bendahara
  - kegiatan: Rapat pembahasan rancangan
    bersama: true
    bagan: [{pelaksana: PPK}, {pelaksana: KPA}, {pelaksana: Tim Perencanaan}]
  - kegiatan: Mengesahkan
    pelaksana: KPA
""",
}


def paths() -> list[str]:
    """Where `drawings` writes, in its order (known before the drawings are made)."""
    return [f"{FOLDER}/{name}.svg" for name in EXAMPLES]


def drawings() -> dict[str, bytes]:
    """Site path -> SVG of every example."""
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sops" / "contoh"
        folder.mkdir(parents=True)
        (folder / "_instansi.yml").write_text(_AGENCY, encoding="utf-8")
        for name, text in EXAMPLES.items():
            path = folder / f"{name}.yml"
            path.write_text(text, encoding="utf-8")
            sop, errors = load_sop(path, Path(tmp), "contoh")
            if sop is None:  # a mistake in this module, caught by tests/test_bagan_format.py
                raise ValueError("; ".join(e.format() for e in errors))
            out[f"{FOLDER}/{name}.svg"] = sop_svg(sop).encode("utf-8")
    return out
