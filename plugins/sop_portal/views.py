"""What the page templates show, computed once from the model (no MkDocs import).

Templates stay simple (and MiniJinja-friendly: no method calls, no tuples) by
receiving plain dicts and lists built here: the SOP's identity rows, the facts
a citizen asks for, one row per step with the HTML of each lane cell, the
step-list sentences for phones ("Jika Ya → langkah 5"), and the agency and home
listings.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import teks
from .flowchart import render_cells
from .model import NAMA_SIMBOL, Instansi, Langkah, Portal, Prosedur, Sop


def _step_ref(step: Langkah) -> str:
    return f"langkah {step.no}" if step.no is not None else f"langkah tanpa nomor ({step.kegiatan[:30]}…)"


def handoffs(prosedur: Prosedur) -> int:
    """Arrows that pass the work to another lane: each is a wait a citizen may feel."""
    steps = prosedur.by_key
    count = 0
    for step in prosedur.langkah:
        for _, key in step.keluar:
            if set(steps[key].pelaksana) != set(step.pelaksana):
                count += 1
    return count


def exits_text(step: Langkah, prosedur: Prosedur) -> list[dict[str, str]]:
    """The step's exits written out, for the phone list and the Keterangan column."""
    steps = prosedur.by_key
    result = []
    if step.cabang:
        for branch in step.cabang:
            target = steps[branch.ke]
            result.append({"label": branch.label, "anchor": target.anchor, "teks": f"Jika {branch.label} → {_step_ref(target)}"})
        return result
    if step.simbol == "selesai":
        return [{"label": "", "anchor": "", "teks": "Selesai"}]
    for key in step.ke:
        target = steps[key]
        if target.index != step.index + 1 or len(step.ke) > 1:
            result.append({"label": "", "anchor": target.anchor, "teks": f"Lanjut ke {_step_ref(target)}"})
    return result


def chart_view(sop: Sop, prosedur: Prosedur, number: int) -> dict[str, Any]:
    cells = render_cells(prosedur)
    rows = []
    for step, row_cells in zip(prosedur.langkah, cells.rows):
        rows.append(
            {
                "langkah": step,
                "simbol_nama": NAMA_SIMBOL[step.simbol],
                "pelaksana_teks": ", ".join(step.pelaksana),
                "cells": row_cells,
                "keluar": exits_text(step, prosedur),
                "bersama": len(step.pelaksana) > 1,
            }
        )
    return {
        "nomor": number,
        "judul": prosedur.judul,
        "id": f"bagan-{number}",
        "pelaksana": list(prosedur.pelaksana),
        "rows": rows,
        "jumlah_waktu": prosedur.jumlah_waktu.teks,
        "catatan_waktu": prosedur.jumlah_waktu.catatan,
        "kolom": list(sop.kolom_mutu_baku),
        "extra": cells.extra,
    }


def sop_view(sop: Sop, instansi: Instansi | None, *, today: dt.date, review_months: int) -> dict[str, Any]:
    """Everything the SOP page template shows."""
    last = sop.tanggal_terakhir
    perlu_ditinjau = False
    if last is not None and sop.status == "berlaku":
        months = (today.year - last.year) * 12 + (today.month - last.month) - (today.day < last.day)
        perlu_ditinjau = months >= review_months
    charts = [chart_view(sop, p, n) for n, p in enumerate(sop.prosedur, start=1)]
    total_handoffs = sum(handoffs(p) for p in sop.prosedur)
    used_lanes = {lane for step in sop.semua_langkah for lane in step.pelaksana}
    return {
        "sop": sop,
        "instansi": instansi,
        "label": dict(sop.label),
        "identitas": [
            {"label": "Nomor SOP", "nilai": sop.nomor or "-"},
            {"label": "Tanggal Pembuatan", "nilai": teks.tanggal(sop.tanggal_pembuatan)},
            {"label": "Tanggal Revisi", "nilai": teks.tanggal(sop.tanggal_revisi)},
            {"label": sop.label.get("tanggal_efektif", "Tanggal Efektif"), "nilai": teks.tanggal(sop.tanggal_efektif)},
        ],
        "kotak": [
            [("Dasar Hukum", sop.dasar_hukum), ("Kualifikasi Pelaksana", sop.kualifikasi_pelaksana)],
            [("Keterkaitan", sop.keterkaitan), ("Peralatan/Perlengkapan", sop.peralatan)],
            [("Peringatan", sop.peringatan), ("Pencatatan dan Pendataan", sop.pencatatan)],
        ],
        "fakta": {
            "langkah": sop.jumlah_langkah,
            "pelaksana": len(used_lanes),
            "jumlah_waktu": " + ".join(c["jumlah_waktu"] for c in charts if c["jumlah_waktu"]) or "-",
            "serah_terima": total_handoffs,
        },
        "charts": charts,
        "perlu_ditinjau": perlu_ditinjau,
        "tanggal_acuan": teks.tanggal(last) if last else None,
        "riwayat": [{"tanggal": teks.tanggal(r.tanggal), "catatan": r.catatan} for r in sop.riwayat],
    }


def sop_row(sop: Sop) -> dict[str, Any]:
    """One SOP in a listing (agency page, home page)."""
    totals = [p.jumlah_waktu.teks for p in sop.prosedur if p.jumlah_waktu.teks]
    return {
        "url": sop.url,
        "nomor": sop.nomor or "-",
        "nama": sop.nama,
        "status": sop.status,
        "tanggal_efektif": teks.tanggal(sop.tanggal_efektif),
        "tanggal_efektif_iso": sop.tanggal_efektif.isoformat() if sop.tanggal_efektif else "",
        "jumlah_langkah": sop.jumlah_langkah,
        "jumlah_waktu": " + ".join(totals) or "-",
        "instansi": sop.instansi,
    }


def instansi_view(instansi: Instansi, portal: Portal) -> dict[str, Any]:
    sops = sorted(portal.sops_of(instansi.id), key=lambda s: (s.status == "dicabut", s.nomor or "", s.nama))
    return {"instansi": instansi, "sops": [sop_row(s) for s in sops]}


def home_view(portal: Portal) -> dict[str, Any]:
    agencies = []
    for agency in sorted(portal.instansi, key=lambda a: a.nama):
        agencies.append({"instansi": agency, "url": f"instansi/{agency.id}/", "jumlah_sop": len(portal.sops_of(agency.id))})
    recent = sorted(portal.sops, key=lambda s: s.tanggal_terakhir or dt.date.min, reverse=True)[:10]
    return {
        "jumlah": {"sop": len(portal.sops), "instansi": len(portal.instansi)},
        "instansi": agencies,
        "terbaru": [sop_row(s) for s in recent],
    }
