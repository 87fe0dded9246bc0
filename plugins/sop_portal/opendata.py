"""The model as open data: plain JSON-able dicts (per-SOP JSON, later sop.json / CSV).

The data form mirrors the SOP file (DESIGN.md §3) with everything resolved:
printed numbers, symbols, successors as step numbers/anchors, parsed waktu and
the Jumlah waktu, so a journalist can use it without re-implementing the rules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from .model import Langkah, Prosedur, Sop
from .waktu import format_durasi


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

    def ref(key: str) -> dict[str, Any]:
        target = steps[key]
        return {"no": target.no, "id": target.id, "anchor": target.anchor}

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
    }


def sop_to_data(sop: Sop, site_url: str = "") -> dict[str, Any]:
    base = site_url.rstrip("/") + "/" if site_url else ""
    return {
        "instansi": sop.instansi,
        "slug": sop.slug,
        "url": f"{base}{sop.url}",
        "sumber": sop.source,
        "nomor": sop.nomor,
        "nama": sop.nama,
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
    }
