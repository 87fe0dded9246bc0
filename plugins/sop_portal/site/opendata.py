"""The model as open data: per-SOP JSON, /data/sop.json, /data/sop.csv (no MkDocs import).

The data form mirrors the SOP file (ARCHITECTURE.md, "File format") with everything resolved:
printed numbers, symbols, successors as step numbers/anchors, parsed waktu and
the Jumlah waktu, keterkaitan resolved to URLs, backlinks and the git date of
the last change, so a journalist can use it without re-implementing the rules.
`schema.data_schema()` describes it; `/data/sop.json` names that schema in `$schema`.
The CSV has one row per step (the unit a spreadsheet user filters and sums).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from ..format.model import Langkah, Portal, Prosedur, Sop
from ..format.relations import EMPTY, Relations
from ..format.waktu import format_durasi
from ..shared.published import csv_text, site_base

# Where the open data lives in the site (ARCHITECTURE.md, "URLs").
SOP_JSON = "data/sop.json"
SOP_CSV = "data/sop.csv"
SOP_SCHEMA = "data/sop.schema.json"  # the SOP *file* (YAML) schema, for editors
INSTANSI_SCHEMA = "data/instansi.schema.json"
DATA_SCHEMA = "data/sop-data.schema.json"  # the schema of sop.json itself


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict) or hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _step(step: Langkah, prosedur: Prosedur) -> dict[str, Any]:
    steps = prosedur.by_key

    items = prosedur.item_by_key

    def ref(key: str) -> dict[str, Any]:
        target = steps[key]
        return {"no": target.no, "id": items[key].id or target.id if key in items else target.id, "anchor": target.anchor}

    return {
        "no": step.no,
        "id": step.id,
        "anchor": step.anchor,
        "kegiatan": step.kegiatan,
        "pelaksana": list(step.pelaksana),
        "simbol": step.simbol,
        "teks": step.teks,
        "kelengkapan": step.kelengkapan,
        "waktu": step.waktu,
        "waktu_terbaca": format_durasi(step.durasi) if step.durasi else None,
        "output": step.output,
        "keterangan": step.keterangan,
        "cabang": [{"label": c.label, "ke": ref(c.ke)} for c in step.cabang],
        "ke": [ref(k) for k in step.ke],
        "bersama": step.bersama,
        "bagan": [
            {
                "pelaksana": item.pelaksana,
                "simbol": item.simbol,
                "id": item.id,
                "teks": item.teks,
                "cabang": [{"label": c.label, "ke": ref(c.ke)} for c in item.cabang],
                "ke": [ref(k) for k in item.ke],
            }
            for item in step.items
        ],
    }


def sop_to_data(
    sop: Sop,
    site_url: str = "",
    *,
    relations: Relations = EMPTY,
    diperbarui: dt.datetime | None = None,
) -> dict[str, Any]:
    """One SOP in data form, with its resolved keterkaitan and backlinks when `relations` is given."""
    base = site_base(site_url)

    def url_of(uid: str) -> str:
        return f"{base}{Sop.url_of(uid)}"

    return {
        "instansi": sop.instansi,
        "slug": sop.slug,
        "url": f"{base}{sop.url}",
        "sumber": sop.source,
        "nomor": sop.nomor,
        "nama": sop.nama,
        "ringkasan": sop.ringkasan,
        "unit": sop.unit,
        "status": sop.status,
        "tanggal_pembuatan": _plain(sop.tanggal_pembuatan),
        "tanggal_revisi": _plain(sop.tanggal_revisi),
        "tanggal_efektif": _plain(sop.tanggal_efektif),
        "disahkan_oleh": _plain(sop.disahkan_oleh),
        "dasar_hukum": list(sop.dasar_hukum),
        "kualifikasi_pelaksana": list(sop.kualifikasi_pelaksana),
        "keterkaitan": list(sop.keterkaitan),
        "peralatan": list(sop.peralatan),
        "peringatan": list(sop.peringatan),
        "pencatatan": list(sop.pencatatan),
        "riwayat": _plain(sop.riwayat),
        "label": dict(sop.label),
        "kolom_mutu_baku": list(sop.kolom_mutu_baku),
        "satuan_waktu": sop.satuan_waktu,
        "pelaksana": list(sop.pelaksana),
        "jumlah_langkah": sop.jumlah_langkah,
        "prosedur": [
            {
                "judul": p.judul,
                "pelaksana": list(p.pelaksana),
                "jumlah_waktu": p.jumlah_waktu.teks or None,
                "catatan_waktu": p.jumlah_waktu.catatan,
                "langkah": [_step(s, p) for s in p.langkah],
            }
            for p in sop.prosedur
        ],
        "terkait": [{"teks": t.teks, "url": url_of(t.target) if t.target else None} for t in relations.links_of(sop.uid)]
        or [{"teks": t, "url": None} for t in sop.keterkaitan],
        "dirujuk_oleh": [url_of(uid) for uid in relations.backlinks_of(sop.uid)],
        "terakhir_diperbarui": diperbarui.isoformat() if diperbarui else None,
    }


def collection(items: list[dict[str, Any]], site_url: str) -> dict[str, Any]:
    """/data/sop.json around already converted SOPs (`sop_to_data`), so a build converts each once."""
    base = site_base(site_url)
    items = sorted(items, key=lambda d: (d["instansi"], d["slug"]))
    latest = max((d["terakhir_diperbarui"] for d in items if d["terakhir_diperbarui"]), default=None, key=dt.datetime.fromisoformat)
    return {
        # Without the portal's address: the schema beside this file (data/), never a local address.
        "$schema": f"{base}{DATA_SCHEMA}" if base else DATA_SCHEMA.rsplit("/", 1)[1],
        "situs": base,
        # The newest change of the content, not the build time: the same content gives the same file.
        "diperbarui": latest,
        "jumlah": len(items),
        "sop": items,
    }


CSV_COLUMNS = (
    "instansi", "slug", "nomor_sop", "nama_sop", "status", "tanggal_efektif", "bagan", "no", "id",
    "kegiatan", "pelaksana", "simbol", "kelengkapan", "waktu", "waktu_terbaca", "output", "keterangan",
    "lanjut", "url",
)  # fmt: skip


def _exits(step: Langkah, prosedur: Prosedur) -> str:
    steps = prosedur.by_key

    def name(key: str) -> str:
        target = steps[key]
        return str(target.no) if target.no is not None else (target.id or target.anchor)

    if step.cabang:
        return "; ".join(f"{c.label} → {name(c.ke)}" for c in step.cabang)
    return "; ".join(name(k) for k in step.ke)


def _symbols(step: Langkah) -> str:
    """The `simbol` cell: the row's symbol, or for a row with several, each with its lane."""
    if not step.multi:
        return step.simbol
    return "; ".join(f"{item.simbol} ({item.pelaksana})" for item in step.items)


def portal_to_csv(portal: Portal, site_url: str) -> str:
    """/data/sop.csv: one row per step of every SOP; multi-valued cells joined with '; '."""
    base = site_base(site_url)
    return csv_text(CSV_COLUMNS, (
        (
            sop.instansi, sop.slug, sop.nomor or "", sop.nama, sop.status,
            _plain(sop.tanggal_efektif) or "", prosedur.judul or (n if len(sop.prosedur) > 1 else ""),
            "" if step.no is None else step.no, step.id or "", step.kegiatan, "; ".join(step.pelaksana),
            _symbols(step), step.kelengkapan or "", step.waktu or "",
            format_durasi(step.durasi) if step.durasi else "", step.output or "",
            step.keterangan or "", _exits(step, prosedur), f"{base}{sop.url}#{step.anchor}",
        )
        for sop in sorted(portal.sops, key=lambda s: s.uid)
        for n, prosedur in enumerate(sop.prosedur, start=1)
        for step in prosedur.langkah
    ))  # fmt: skip
