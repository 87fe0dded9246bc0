"""JSON Schemas of the SOP file and of the open data, generated from the loader's rules (no MkDocs import).

`sop_schema()` describes the YAML file staff write (ARCHITECTURE.md, "File format"). The portal
publishes it at ``/data/sop.schema.json`` and ``sop-portal new`` points new
files at it (``# yaml-language-server: $schema=…``), so editors such as VS Code
complete keys, show the Indonesian descriptions on hover and underline a
misspelt key while typing. The loader stays the authority (it reports every
mistake with file:line in Indonesian); the schema mirrors it for editors and
is built from the same key lists, enums and unit names, so the two cannot drift
apart silently: a key without a description here fails at import time.

`data_schema()` describes ``/data/sop.json`` (the model form, `opendata.py`).
Draft-07 because it is the draft editors' YAML/JSON language servers support best.
"""

from __future__ import annotations

from typing import Any

from .loader import (
    INSTANSI_KEYS,
    LIST_FIELDS,
    SOP_KEYS,
    SUB_KEYS,
)
from .model import KOLOM_MUTU_BAKU, LABEL_BAWAAN, SIMBOL, STATUS
from .pejabat import PEJABAT_KEYS
from .rows import ITEM_KEYS, STEP_KEYS
from .waktu import UNITS

DRAFT = "http://json-schema.org/draft-07/schema#"

# Scalars as the loader reads them (YAML 1.2 core schema): a text field takes the
# scalar as written, so an unquoted `waktu: 15` or `nomor: 065` is still text.
TEKS: dict[str, Any] = {"type": ["string", "number"]}
TEKS_ATAU_KOSONG: dict[str, Any] = {"type": ["string", "number", "null"]}
TANGGAL: dict[str, Any] = {
    "type": ["string", "null"],
    "pattern": r"^\d{4}-\d{2}-\d{2}$",
    "description": "Tanggal dalam format TTTT-BB-HH, misalnya 2017-12-27; kosongkan (null) bila tidak ada.",
}
RUJUKAN: dict[str, Any] = {
    "type": ["integer", "string"],
    "description": "Rujukan langkah: nomor langkah yang tercetak (angka) atau id langkah (teks).",
}


def _text_list(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "oneOf": [
            {"type": "array", "items": TEKS},
            {"type": ["string", "number"]},
            {"type": "null"},
        ],
    }


KETERANGAN_SOP: dict[str, str] = {
    "nomor": 'Nomor SOP sebagaimana tercetak di formulir, misalnya "065/767-1.01/BKPSDM". Tulis di antara tanda kutip.',
    "nama": "Nama SOP (wajib), misalnya Penyusunan LKIP.",
    "ringkasan": "Satu kalimat untuk warga: untuk apa prosedur ini, misalnya \"Mengurus cuti tahunan pegawai\". Tampil paling atas di halaman SOP (Sekilas); tanpa ini, nama SOP yang tampil.",
    "unit": "Unit kerja pemilik SOP, misalnya Sekretariat - Sub Bagian Perencanaan.",
    "status": "Status SOP: berlaku (bawaan), draf (belum disahkan, tidak diterbitkan) atau dicabut (arsip).",
    "tanggal_pembuatan": "Tanggal Pembuatan SOP (TTTT-BB-HH).",
    "tanggal_revisi": "Tanggal Revisi terakhir (TTTT-BB-HH); null bila belum pernah direvisi.",
    "tanggal_efektif": "Tanggal Efektif SOP (TTTT-BB-HH). Bersama tanggal revisi menentukan kapan SOP perlu ditinjau.",
    "disahkan_oleh": "Pejabat yang mengesahkan SOP: jabatan, nama dan NIP.",
    "dasar_hukum": "Dasar Hukum: daftar peraturan, satu butir per peraturan.",
    "kualifikasi_pelaksana": "Kualifikasi Pelaksana: daftar kemampuan yang harus dimiliki pelaksana.",
    "keterkaitan": "Keterkaitan: SOP lain yang berhubungan. Butir yang sama dengan nama atau nomor SOP di portal menjadi tautan.",
    "peralatan": "Peralatan/Perlengkapan yang dibutuhkan.",
    "peringatan": "Peringatan: akibat bila SOP tidak dilaksanakan.",
    "pencatatan": "Pencatatan dan Pendataan: dokumen yang dicatat dan disimpan.",
    "riwayat": "Riwayat revisi, terbaru di atas: daftar {tanggal, catatan}.",
    "label": "Ganti judul kolom formulir, misalnya {kegiatan: Aktivitas, kelengkapan: Persyaratan}.",
    "kolom_mutu_baku": "Kolom Mutu Baku yang ada di formulir ini (bawaan: kelengkapan, waktu, output).",
    "satuan_waktu": "Satuan untuk waktu yang ditulis tanpa satuan (bawaan: menit).",
    "pelaksana": "Daftar pelaksana (kolom bagan alir), berurutan dari kiri ke kanan.",
    "langkah": "Langkah-langkah prosedur, berurutan; setiap langkah diawali '- kegiatan: ...'.",
    "sub_prosedur": "Dipakai sebagai ganti langkah bila satu SOP memuat beberapa bagan alir: daftar {judul, pelaksana, langkah}.",
}
KETERANGAN_LANGKAH: dict[str, str] = {
    "id": "Id langkah yang tetap (opsional, unik dalam SOP, bukan angka), untuk dirujuk dari cabang atau ke.",
    "no": "Nomor tercetak. Bawaan: nomor urut. null membuat baris tanpa nomor; angka menetapkan nomor dan urutan berlanjut darinya.",
    "kegiatan": "Uraian kegiatan (wajib).",
    "pelaksana": "Pelaksana langkah ini: satu nama dari daftar pelaksana, atau daftar nama untuk kegiatan bersama. "
    "Baris dengan beberapa simbol memakai bagan, bukan pelaksana.",
    "bagan": "Simbol-simbol baris ini, berurutan sesuai alur: daftar {pelaksana, simbol, id, teks, cabang, ke}. "
    "Simbol di lajur berbeda digambar berdampingan dan disambung panah; di lajur yang sama ditumpuk.",
    "bersama": "true: simbol-simbol bagan adalah satu kegiatan yang dikerjakan bersama, disambung garis putus-putus, bukan panah.",
    "simbol": "Simbol bagan: mulai, proses, keputusan atau selesai. Bawaan: langkah pertama mulai, terakhir selesai, bercabang keputusan.",
    "teks": "Teks pendek di dalam simbol, misalnya Sesuai?",
    "kelengkapan": "Mutu Baku - Kelengkapan (persyaratan/perlengkapan).",
    "waktu": "Mutu Baku - Waktu, misalnya 1 hari, 15 menit, 5-10 menit, 1 x 24 jam.",
    "output": "Mutu Baku - Output, misalnya Berkas, Dokumen LKIP.",
    "keterangan": "Keterangan.",
    "cabang": "Cabang keputusan: pemetaan label -> langkah tujuan, misalnya {Ya: 4, Tidak: 1}; atau daftar {label, ke} bila dua jalan "
    "berlabel sama ({ke: 4} tanpa label bila formulir tidak memberinya label).",
    "ke": "Langkah berikutnya bila bukan baris di bawahnya: nomor atau id langkah, atau daftar untuk jalur paralel.",
}
KETERANGAN_ITEM: dict[str, str] = {
    "pelaksana": "Lajur simbol ini: satu nama dari daftar pelaksana (wajib).",
    "simbol": "mulai, proses, keputusan atau selesai. Bawaan: proses (keputusan bila bercabang).",
    "id": "Id simbol (opsional, unik dalam SOP, bukan angka), agar cabang atau ke bisa menuju simbol ini.",
    "teks": "Teks pendek di dalam simbol, misalnya Langsung ke kantor.",
    "cabang": "Cabang keputusan simbol ini, misalnya {Ya: 4, Tidak: 1}.",
    "ke": "Tujuan simbol ini bila bukan simbol berikutnya di baris (atau baris berikutnya): nomor atau id, atau daftar.",
}
KETERANGAN_SUB: dict[str, str] = {
    "judul": "Judul bagan alir ini (wajib).",
    "pelaksana": "Pelaksana yang digambar di bagan ini (bawaan: semua pelaksana SOP).",
    "langkah": "Langkah-langkah bagan ini.",
}
KETERANGAN_PEJABAT: dict[str, str] = {
    "jabatan": "Jabatan, misalnya Kepala BKPSDM.",
    "nama": "Nama lengkap dengan gelar.",
    "nip": 'NIP 18 angka, di antara tanda kutip, misalnya "196005241981031005".',
}
KETERANGAN_INSTANSI: dict[str, str] = {
    "nama": "Nama lengkap instansi (wajib).",
    "singkatan": "Singkatan, misalnya BKPSDM.",
    "pemerintah": "Pemerintah daerah, misalnya Pemerintah Kota Tangerang.",
    "logo": "Berkas logo, relatif terhadap folder content/, misalnya gambar/logo-bkpsdm.png (bukan alamat situs lain).",
    "alamat": "Alamat kantor.",
    "telepon": "Nomor telepon layanan, misalnya (021) 555-0100.",
    "email": "Alamat surel layanan, misalnya humas@contoh.go.id.",
    "situs": "Alamat situs web resmi instansi, lengkap dengan https://.",
    "kepala": "Pimpinan instansi: jabatan, nama dan NIP.",
}
KETERANGAN_LABEL: dict[str, str] = {key: f'Judul pengganti untuk "{text}".' for key, text in LABEL_BAWAAN.items()}


def _described(keys: tuple[str, ...], descriptions: dict[str, str]) -> dict[str, str]:
    # The key lists come from the loader; a key added there without a description fails here, at import.
    missing = [k for k in keys if k not in descriptions]
    if missing:
        raise KeyError(f"schema: no description for {missing}")
    return {k: descriptions[k] for k in keys}


def _object(properties: dict[str, Any], required: tuple[str, ...] = (), description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


def _pejabat(description: str) -> dict[str, Any]:
    d = _described(PEJABAT_KEYS, KETERANGAN_PEJABAT)
    nip = {"type": ["string", "integer", "null"], "pattern": r"^\s*(\d\s*){18}$", "description": d["nip"]}
    return {
        "description": description,
        "oneOf": [
            _object({"jabatan": {**TEKS_ATAU_KOSONG, "description": d["jabatan"]}, "nama": {**TEKS_ATAU_KOSONG, "description": d["nama"]}, "nip": nip}),
            {"type": "null"},
        ],
    }


def _cabang(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "oneOf": [
            {"type": "object", "additionalProperties": {"$ref": "#/definitions/rujukan"}, "minProperties": 1},
            {
                "type": "array",
                "minItems": 1,
                "items": _object(
                    {"label": {**TEKS, "description": "Label jalan keluar, misalnya Ya."}, "ke": {"$ref": "#/definitions/rujukan"}},
                    required=("ke",),
                ),
            },
        ],
    }


def _ke(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "oneOf": [{"$ref": "#/definitions/rujukan"}, {"type": "array", "items": {"$ref": "#/definitions/rujukan"}, "minItems": 1}],
    }


def _item() -> dict[str, Any]:
    d = _described(ITEM_KEYS, KETERANGAN_ITEM)
    properties: dict[str, Any] = {
        "pelaksana": {"type": "string", "description": d["pelaksana"]},
        "simbol": {"type": "string", "enum": list(SIMBOL), "description": d["simbol"]},
        "id": {"type": "string", "pattern": r"\D", "description": d["id"]},
        "teks": {**TEKS_ATAU_KOSONG, "description": d["teks"]},
        "cabang": _cabang(d["cabang"]),
        "ke": _ke(d["ke"]),
    }
    assert set(properties) == set(ITEM_KEYS), "schema: item keys out of step with the loader"
    return _object({k: properties[k] for k in ITEM_KEYS}, required=("pelaksana",), description="Satu simbol dalam baris.")


def _step() -> dict[str, Any]:
    d = _described(STEP_KEYS, KETERANGAN_LANGKAH)
    properties: dict[str, Any] = {
        "id": {"type": "string", "pattern": r"\D", "description": d["id"]},
        "no": {"type": ["integer", "null"], "description": d["no"]},
        "kegiatan": {**TEKS, "description": d["kegiatan"]},
        "pelaksana": {
            "description": d["pelaksana"],
            "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}],
        },
        "simbol": {"type": "string", "enum": list(SIMBOL), "description": d["simbol"]},
        "bagan": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/item"}, "description": d["bagan"]},
        "bersama": {"type": "boolean", "description": d["bersama"]},
        "cabang": _cabang(d["cabang"]),
        "ke": _ke(d["ke"]),
    }
    for key in ("teks", "kelengkapan", "waktu", "output", "keterangan"):
        properties[key] = {**TEKS_ATAU_KOSONG, "description": d[key]}
    assert set(properties) == set(STEP_KEYS), "schema: step keys out of step with the loader"
    schema = _object({k: properties[k] for k in STEP_KEYS}, required=("kegiatan",), description="Satu langkah prosedur.")
    # A row has either `pelaksana` (the shorthand) or `bagan` (its symbols), never both; with `bagan`
    # the symbol keys belong to the items.
    schema["oneOf"] = [
        {"required": ["pelaksana"], "not": {"required": ["bagan"]}},
        {"required": ["bagan"], "not": {"anyOf": [{"required": [k]} for k in ("pelaksana", "simbol", "teks", "cabang", "ke")]}},
    ]
    return schema


def _steps(description: str) -> dict[str, Any]:
    return {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/langkah"}, "description": description}


def sop_schema(schema_id: str | None = None) -> dict[str, Any]:
    """The JSON Schema (draft-07) of one SOP file, every key described in Indonesian."""
    d = _described(SOP_KEYS, KETERANGAN_SOP)
    sub = _described(SUB_KEYS, KETERANGAN_SUB)
    properties: dict[str, Any] = {
        "nomor": {**TEKS_ATAU_KOSONG, "description": d["nomor"]},
        "nama": {**TEKS, "description": d["nama"]},
        "ringkasan": {**TEKS_ATAU_KOSONG, "description": d["ringkasan"]},
        "unit": {**TEKS_ATAU_KOSONG, "description": d["unit"]},
        "status": {"type": "string", "enum": list(STATUS), "default": "berlaku", "description": d["status"]},
        "tanggal_pembuatan": {**TANGGAL, "description": d["tanggal_pembuatan"]},
        "tanggal_revisi": {**TANGGAL, "description": d["tanggal_revisi"]},
        "tanggal_efektif": {**TANGGAL, "description": d["tanggal_efektif"]},
        "disahkan_oleh": _pejabat(d["disahkan_oleh"]),
        "riwayat": {
            "description": d["riwayat"],
            "type": ["array", "null"],
            "items": _object(
                {
                    "tanggal": {"type": "string", "pattern": TANGGAL["pattern"], "description": "Tanggal revisi (TTTT-BB-HH)."},
                    "catatan": {**TEKS, "description": "Apa yang diubah."},
                },
                required=("tanggal", "catatan"),
            ),
        },
        "label": {
            **_object({k: {"type": "string", "description": v} for k, v in KETERANGAN_LABEL.items()}),
            "description": d["label"],
        },
        "kolom_mutu_baku": {
            "description": d["kolom_mutu_baku"],
            "oneOf": [
                {"type": "array", "items": {"type": "string", "enum": list(KOLOM_MUTU_BAKU)}, "uniqueItems": True},
                {"type": "string", "enum": list(KOLOM_MUTU_BAKU)},
            ],
        },
        "satuan_waktu": {
            "description": d["satuan_waktu"],
            "anyOf": [{"type": "string", "enum": list(UNITS)}, {"type": "string"}],
            "default": "menit",
        },
        "pelaksana": {
            "description": d["pelaksana"],
            "oneOf": [{"type": "array", "items": TEKS, "minItems": 1, "uniqueItems": True}, {"type": "string"}],
        },
        "langkah": _steps(d["langkah"]),
        "sub_prosedur": {
            "description": d["sub_prosedur"],
            "type": "array",
            "minItems": 1,
            "items": _object(
                {
                    "judul": {**TEKS, "description": sub["judul"]},
                    "pelaksana": {"description": sub["pelaksana"], "oneOf": [{"type": "array", "items": TEKS}, {"type": "string"}]},
                    "langkah": _steps(sub["langkah"]),
                },
                required=("judul", "langkah"),
            ),
        },
    }
    for key in LIST_FIELDS:
        properties[key] = _text_list(d[key])
    assert set(properties) == set(SOP_KEYS), "schema: SOP keys out of step with the loader"
    schema: dict[str, Any] = {"$schema": DRAFT}
    if schema_id:
        schema["$id"] = schema_id
    schema.update(
        {
            "title": "SOP AP (Portal SOP)",
            "description": "Satu Standar Operasional Prosedur Administrasi Pemerintahan (PermenPAN-RB 35/2012), "
            "satu berkas per SOP: sops/<instansi>/<nama-sop>.yml.",
            **_object({k: properties[k] for k in SOP_KEYS}, required=("nama", "pelaksana")),
            "oneOf": [
                {"required": ["langkah"], "not": {"required": ["sub_prosedur"]}},
                {"required": ["sub_prosedur"], "not": {"required": ["langkah"]}},
            ],
            "definitions": {"langkah": _step(), "item": _item(), "rujukan": RUJUKAN},
        }
    )
    return schema


def instansi_schema(schema_id: str | None = None) -> dict[str, Any]:
    """The JSON Schema of an agency's `_instansi.yml`."""
    d = _described(INSTANSI_KEYS, KETERANGAN_INSTANSI)
    properties = {k: {**TEKS_ATAU_KOSONG, "description": d[k]} for k in INSTANSI_KEYS if k != "kepala"}
    properties["nama"] = {**TEKS, "description": d["nama"]}
    properties["situs"] = {**TEKS_ATAU_KOSONG, "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://", "description": d["situs"]}
    properties["email"] = {**TEKS_ATAU_KOSONG, "pattern": r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$", "description": d["email"]}
    properties["logo"] = {**TEKS_ATAU_KOSONG, "not": {"type": "string", "pattern": r"^([A-Za-z][A-Za-z0-9+.-]*:|//)"}, "description": d["logo"]}
    properties["kepala"] = _pejabat(d["kepala"])
    schema: dict[str, Any] = {"$schema": DRAFT}
    if schema_id:
        schema["$id"] = schema_id
    schema.update({"title": "Identitas instansi (Portal SOP)", **_object({k: properties[k] for k in INSTANSI_KEYS}, required=("nama",))})
    return schema


# --- the open data form (opendata.sop_to_data) ----------------------------------------------------

_STR = {"type": "string"}
_STR_NULL = {"type": ["string", "null"]}
_DATE_NULL = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_STRS = {"type": "array", "items": _STR}
_REF = _object({"no": {"type": ["integer", "null"]}, "id": _STR_NULL, "anchor": _STR}, required=("no", "id", "anchor"))


def _all_required(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    return _object(properties, required=tuple(properties), description=description)


def data_schema(schema_id: str | None = None) -> dict[str, Any]:
    """The JSON Schema of /data/sop.json: every published SOP in model form.

    Long on purpose: mostly one literal schema, read in the order of the record it describes.
    """
    step = _all_required(
        {
            "no": {"type": ["integer", "null"], "description": "Nomor tercetak; null untuk baris tanpa nomor."},
            "id": _STR_NULL,
            "anchor": {**_STR, "description": "Id HTML baris langkah di halaman SOP (#langkah-<no>)."},
            "kegiatan": _STR,
            "pelaksana": _STRS,
            "simbol": {"type": "string", "enum": list(SIMBOL)},
            "teks": _STR_NULL,
            "kelengkapan": _STR_NULL,
            "waktu": {**_STR_NULL, "description": "Waktu sebagaimana tertulis."},
            "waktu_terbaca": {**_STR_NULL, "description": "Waktu yang dipahami portal; null bila tidak terbaca."},
            "output": _STR_NULL,
            "keterangan": _STR_NULL,
            "cabang": {"type": "array", "items": _all_required({"label": _STR, "ke": _REF})},
            "ke": {"type": "array", "items": _REF},
            "bersama": {"type": "boolean", "description": "Simbol-simbol baris ini satu kegiatan bersama (garis putus-putus)."},
            "bagan": {
                "description": "Simbol-simbol baris ini, berurutan sesuai alur; satu simbol untuk baris biasa.",
                "type": "array",
                "minItems": 1,
                "items": _all_required(
                    {
                        "pelaksana": _STR,
                        "simbol": {"type": "string", "enum": list(SIMBOL)},
                        "id": _STR_NULL,
                        "teks": _STR_NULL,
                        "cabang": {"type": "array", "items": _all_required({"label": _STR, "ke": _REF})},
                        "ke": {"type": "array", "items": _REF},
                    }
                ),
            },
        }
    )
    sop = _all_required(
        {
            "instansi": {**_STR, "description": "Id instansi (nama folder)."},
            "slug": {**_STR, "description": "Id SOP dalam alamat halaman."},
            "url": {**_STR, "description": "Alamat halaman SOP."},
            "sumber": {**_STR, "description": "Berkas YAML sumber di repositori."},
            "nomor": _STR_NULL,
            "nama": _STR,
            "ringkasan": {**_STR_NULL, "description": "Satu kalimat tujuan prosedur untuk warga; null bila tidak ditulis."},
            "unit": _STR_NULL,
            "status": {"type": "string", "enum": list(STATUS)},
            "tanggal_pembuatan": _DATE_NULL,
            "tanggal_revisi": _DATE_NULL,
            "tanggal_efektif": _DATE_NULL,
            "disahkan_oleh": {"oneOf": [_all_required({"jabatan": _STR_NULL, "nama": _STR_NULL, "nip": _STR_NULL}), {"type": "null"}]},
            **{k: _STRS for k in LIST_FIELDS},
            "riwayat": {"type": "array", "items": _all_required({"tanggal": _DATE_NULL, "catatan": _STR})},
            "label": {"type": "object", "additionalProperties": _STR},
            "kolom_mutu_baku": _STRS,
            "satuan_waktu": _STR,
            "pelaksana": _STRS,
            "jumlah_langkah": {"type": "integer", "minimum": 1},
            "prosedur": {
                "type": "array",
                "items": _all_required(
                    {
                        "judul": _STR_NULL,
                        "pelaksana": _STRS,
                        "jumlah_waktu": {**_STR_NULL, "description": "Jumlah waktu, dijumlahkan per satuan."},
                        "catatan_waktu": {**_STR_NULL, "description": "Catatan langkah yang waktunya tidak terhitung."},
                        "langkah": {"type": "array", "items": step},
                    }
                ),
            },
            "terkait": {
                "description": "Keterkaitan yang cocok dengan SOP lain di portal (url) atau tetap teks (url null).",
                "type": "array",
                "items": _all_required({"teks": _STR, "url": _STR_NULL}),
            },
            "dirujuk_oleh": {"description": "Alamat SOP yang menyebut SOP ini di keterkaitannya.", **_STRS},
            "terakhir_diperbarui": {**_STR_NULL, "description": "Waktu perubahan terakhir berkas SOP (riwayat git), ISO 8601."},
        }
    )
    schema: dict[str, Any] = {"$schema": DRAFT}
    if schema_id:
        schema["$id"] = schema_id
    schema.update(
        {
            "title": "Data terbuka SOP (Portal SOP)",
            **_all_required(
                {
                    "$schema": _STR,
                    "situs": {**_STR, "description": "Alamat portal."},
                    "diperbarui": {**_STR_NULL, "description": "Waktu perubahan terakhir isi data ini (riwayat git), ISO 8601."},
                    "jumlah": {"type": "integer", "minimum": 0},
                    "sop": {"type": "array", "items": sop},
                }
            ),
        }
    )
    return schema
