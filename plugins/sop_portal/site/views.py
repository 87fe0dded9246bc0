"""What the page templates show, computed once from the model (no MkDocs import).

Templates stay simple (and MiniJinja-friendly: no method calls, no tuples) by
receiving plain dicts and lists built here: the SOP's identity rows, the facts
a citizen asks for, one row per step with the HTML of each lane cell, the
step-list sentences for phones ("Jika Ya → langkah 5"), and the agency and home
listings.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..bagan.cells import Cells
from ..bagan.drawing import Drawing
from ..bagan.paging import Plan
from ..format.model import NAMA_SIMBOL, Instansi, Langkah, Portal, Prosedur, Sop
from ..format.relations import EMPTY, Relations
from ..shared import text
from . import buku, tabel_html
from .gitdates import FileDateIndex, FileDates
from .kertas_identitas import identity_sheets
from .repository import Repository
from .sekilas import kontak, sekilas_view

# Lanes wider than this in all leave the text columns too little room at 1280 px (tests/test_layar.py).
LANES_COMPACT = 560


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
            said = f"Jika {branch.label} → {_step_ref(target)}" if branch.label else f"Lanjut ke {_step_ref(target)}"
            result.append({"label": branch.label, "anchor": target.anchor, "teks": said})
        return result
    if step.items[-1].simbol == "selesai" and not step.ke:
        return [{"label": "", "anchor": "", "teks": "Selesai"}]
    for key in step.ke:
        target = steps[key]
        if target.index != step.index + 1 or len(step.ke) > 1:
            result.append({"label": "", "anchor": target.anchor, "teks": f"Lanjut ke {_step_ref(target)}"})
    return result


def alur_teks(step: Langkah, prosedur: Prosedur) -> str | None:
    """A row with several symbols as one sentence, in flow order, for the step list:
    "Kepala: Proses → Bagian Umum: Tujuan? Teknis → langkah 9, Administratif → langkah 9".
    Symbols the row chains are joined by "→", the others (parallel starts) by ";". None for other rows."""
    if not step.multi:
        return None
    rows = prosedur.by_key
    inside = step.item_keys
    parts: list[str] = []
    joiner = ""
    for n, item in enumerate(step.items):
        text = f"{item.pelaksana}: {item.teks or NAMA_SIMBOL[item.simbol]}"
        out = [
            f"{label} → {_step_ref(rows[key])}" if label else f"→ {_step_ref(rows[key])}"
            for label, key in item.keluar
            if key not in inside or key == item.key
        ]
        if out:
            text += " " + ", ".join(out)
        parts.append(joiner + text if parts else text)
        # How the next symbol of the row follows this one: by an arrow (with its branch label), or not at all.
        following = step.items[n + 1].key if n + 1 < len(step.items) else None
        into_next = [label for label, key in item.keluar if key == following]
        if into_next:
            label = into_next[0]
            joiner = (";" if out else "") + (f" {label} → " if label else " → ")
        else:
            joiner = "; "
    return "".join(parts)


def waktu_teks(waktu: str | None, satuan: str) -> str | None:
    """A step's waktu for the step list, which has no column header to carry the unit:
    a bare "60" under "Waktu (menit)" reads "60 menit" on its own line. A "-" (no time given,
    as the paper writes it) shows nothing, never "- menit"."""
    if waktu and re.fullmatch(r"[\s–—-]+", waktu):
        return None
    if waktu and re.fullmatch(r"[\d.,\s–-]+", waktu):
        return f"{waktu} {satuan}"
    return waktu


def _print_pages(rows: list[dict[str, Any]], plan: Plan | None) -> list[dict[str, Any]]:
    """The rows grouped by printed page (`paging.plan`): each page is one `<tbody>` the browser
    cannot split; `skala` < 1 scales a single row taller than a page."""
    if plan is None:
        return [{"rows": rows, "skala": None}]
    return [{"rows": rows[p.start:p.stop], "skala": p.skala if p.skala < 1 else None} for p in plan.pages]


def chart_view(sop: Sop, prosedur: Prosedur, number: int, cells: Cells, plan: Plan | None = None) -> dict[str, Any]:
    """One procedure's table and flowchart; `cells`: its lane cells (`drawing.draw`); `plan`: its
    printed pages (`paging.plan`), which set the print column widths and group the rows."""
    rows = []
    kolom = sop.kolom_mutu_baku
    for step, row_cells in zip(prosedur.langkah, cells.rows):
        keluar = exits_text(step, prosedur)
        rows.append(
            {
                "langkah": step,
                "simbol_nama": NAMA_SIMBOL[step.simbol],
                "pelaksana_teks": ", ".join(step.pelaksana),
                "cells": row_cells,
                # The table's repeated cells as HTML, made once (tabel_html.py: the template's time).
                "lajur_html": tabel_html.lane_cells(row_cells),
                "mutu_html": tabel_html.mutu_cells(step, kolom),
                "ket_html": tabel_html.keterangan(step, keluar),
                "keluar": keluar,
                "alur": alur_teks(step, prosedur),
                "bersama": len(step.pelaksana) > 1,
                "waktu_teks": waktu_teks(step.waktu, sop.satuan_waktu),
                "tinggi": cells.extra["tinggi"][step.index],
                "akhir_halaman": cells.extra["akhir_halaman"][step.index],
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
        "lebar_lajur": cells.extra["lebar"],
        # Wide lanes leave little room at 1280 px: the text columns get a compact style (sop-bagan.css).
        "padat": sum(cells.extra["lebar"]) >= LANES_COMPACT,
        "lembar": _print_pages(rows, plan),
        # Print: each column's width (px, in table order) and the chart's scale (< 1: wider than the paper).
        "cetak_lebar": [w for _, w in plan.columns] if plan else [],
        "cetak_skala": plan.skala if plan and plan.skala < 1 else None,
    }


def _entries(items: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{"teks": item, "url": None} for item in items]


def sop_view(
    sop: Sop, instansi: Instansi | None, *, today: dt.date, review_months: int, relations: Relations = EMPTY,
    drawing: Drawing,
) -> dict[str, Any]:
    """Everything the SOP page template shows. Identity-grid entries are {teks, url}: keterkaitan
    that name another published SOP (`relations`) carry its URL. `drawing`: the SOP's flowcharts
    (`bagan.drawing`), drawn by the caller, who also publishes their standalone SVG."""
    terkait = [{"teks": t.teks, "url": Sop.url_of(t.target) if t.target else None} for t in relations.links_of(sop.uid)]
    last = sop.tanggal_terakhir
    perlu_ditinjau = False
    if last is not None and sop.status == "berlaku":
        months = (today.year - last.year) * 12 + (today.month - last.month) - (today.day < last.day)
        perlu_ditinjau = months >= review_months
    plans = drawing.plans or (None,) * len(drawing.cells)
    charts = [
        chart_view(sop, p, n, cells, plan)
        for n, (p, cells, plan) in enumerate(zip(sop.prosedur, drawing.cells, plans), start=1)
    ]
    total_handoffs = sum(handoffs(p) for p in sop.prosedur)
    used_lanes = {lane for step in sop.semua_langkah for lane in step.pelaksana}
    view: dict[str, Any] = {
        "sop": sop,
        "instansi": instansi,
        "label": dict(sop.label),
        "identitas": [
            {"label": "Nomor SOP", "nilai": sop.nomor or "-"},
            {"label": "Tanggal Pembuatan", "nilai": text.tanggal(sop.tanggal_pembuatan)},
            {"label": "Tanggal Revisi", "nilai": text.tanggal(sop.tanggal_revisi)},
            {"label": sop.label.get("tanggal_efektif", "Tanggal Efektif"), "nilai": text.tanggal(sop.tanggal_efektif)},
        ],
        "kotak": [
            [("Dasar Hukum", _entries(sop.dasar_hukum)), ("Kualifikasi Pelaksana", _entries(sop.kualifikasi_pelaksana))],
            [("Keterkaitan", terkait or _entries(sop.keterkaitan)), ("Peralatan/Perlengkapan", _entries(sop.peralatan))],
            [("Peringatan", _entries(sop.peringatan)), ("Pencatatan dan Pendataan", _entries(sop.pencatatan))],
        ],
        "fakta": {
            "langkah": sop.jumlah_langkah,
            "pelaksana": len(used_lanes),
            "jumlah_waktu": " + ".join(c["jumlah_waktu"] for c in charts if c["jumlah_waktu"]) or "-",
            "serah_terima": total_handoffs,
        },
        "charts": charts,
        "sekilas": sekilas_view(sop, instansi, perlu_ditinjau=perlu_ditinjau),
        "perlu_ditinjau": perlu_ditinjau,
        "tanggal_acuan": text.tanggal(last) if last else None,
        "riwayat": [{"tanggal": text.tanggal(r.tanggal), "catatan": r.catatan} for r in sop.riwayat],
        "review_months": review_months,
    }
    # Page 1's planned sheets (kertas_identitas.py), on the paper the charts were planned for.
    paper_name = next((p.paper for p in plans if p is not None), None)
    view["lembar_identitas"] = identity_sheets(view, paper_name) if paper_name else [{"atas": True, "kotak": view["kotak"]}]
    return view


def sop_row(sop: Sop) -> dict[str, Any]:
    """One SOP in a listing (agency page, home page)."""
    totals = [t for t in (p.jumlah_waktu.teks for p in sop.prosedur) if t]  # teks formats anew each time
    return {
        "url": sop.url,
        "nomor": sop.nomor or "-",
        "nama": sop.nama,
        "status": sop.status,
        "tanggal_efektif": text.tanggal(sop.tanggal_efektif),
        "tanggal_efektif_iso": sop.tanggal_efektif.isoformat() if sop.tanggal_efektif else "",
        "jumlah_langkah": sop.jumlah_langkah,
        "jumlah_waktu": " + ".join(totals) or "-",
        "instansi": sop.instansi,
    }


def instansi_view(instansi: Instansi, portal: Portal) -> dict[str, Any]:
    """Its SOPs in force (and drafts, when published); revoked ones apart, as an archive."""
    sops = sorted(portal.sops_of(instansi.id), key=lambda s: (s.nomor or "", s.nama))
    return {
        "instansi": instansi,
        "kontak": kontak(instansi),
        "sops": [sop_row(s) for s in sops if s.status != "dicabut"],
        "dicabut": [sop_row(s) for s in sops if s.status == "dicabut"],
        # The agency's Buku SOP (site/buku.py), when it has SOPs in force.
        "buku_url": buku.buku_url(instansi.id) if any(s.status == "berlaku" for s in sops) else None,
    }


RECENT = 10  # entries in the home page's "terakhir diubah" lists


def _changed_row(row: dict[str, Any], dates: FileDates | None) -> dict[str, Any]:
    when = dates.diubah if dates else None
    return {**row, "diubah": text.tanggal(when.date()) if when else "-", "diubah_iso": when.isoformat() if when else ""}


def owner_view(options: Any) -> dict[str, str]:
    """Whose portal it is and the licence of its open data (plugin options `pemerintah`, `logo`,
    `lisensi`, `lisensi_url`): the header of every page, the home page and /data/ print them. A
    template global (`pemilik`), so templates never read the plugin's configuration themselves."""
    return {key: getattr(options, key) for key in ("pemerintah", "logo", "lisensi", "lisensi_url")}


def home_view(portal: Portal, *, dates: FileDateIndex | None = None, dokumen: Any = ()) -> dict[str, Any]:
    """Counts, agencies and the most recently changed SOPs and documents.

    `dates` maps a source path to its `FileDates` (`gitdates.FileDateIndex`); without it the
    SOPs' own later of tanggal_revisi/tanggal_efektif orders the list. `dokumen`: the
    performance documents (objects with judul, url, source, instansi, label_jenis, tahun).
    Revoked SOPs are neither counted nor listed: they stay reachable from their agency page.
    """
    current = [s for s in portal.sops if s.status != "dicabut"]
    per_agency: dict[str, int] = {}
    for sop in current:
        per_agency[sop.instansi] = per_agency.get(sop.instansi, 0) + 1
    docs_per_agency: dict[str, int] = {}
    for doc in dokumen:
        docs_per_agency[doc.instansi] = docs_per_agency.get(doc.instansi, 0) + 1
    agencies = []
    for agency in sorted(portal.instansi, key=lambda a: a.nama):
        agencies.append(
            {
                "instansi": agency,
                "url": agency.url,
                "jumlah_sop": per_agency.get(agency.id, 0),
                "jumlah_dokumen": docs_per_agency.get(agency.id, 0),
            }
        )
    names = portal.instansi_by_id()

    def when(source: str) -> FileDates | None:
        return dates.get(source) if dates is not None else None

    if dates is not None:
        known = dates
        recent = sorted(current, key=lambda s: (known.get(s.source).diubah, s.uid), reverse=True)[:RECENT]
    else:
        recent = sorted(current, key=lambda s: (s.tanggal_terakhir or dt.date.min, s.uid), reverse=True)[:RECENT]
    sop_rows = []
    for sop in recent:
        row = _changed_row(sop_row(sop), when(sop.source))
        row["instansi_nama"] = names[sop.instansi].nama_pendek if sop.instansi in names else sop.instansi
        sop_rows.append(row)
    doc_rows = []
    recent_docs = sorted(dokumen, key=lambda d: (dates.get(d.source).diubah if dates is not None else dt.datetime.min, d.url), reverse=True)
    for doc in recent_docs[:RECENT]:
        owner = names.get(doc.instansi)
        row = {"url": doc.url, "nama": doc.judul, "jenis": doc.label_jenis, "tahun": doc.tahun,
               "instansi_nama": owner.nama_pendek if owner else doc.instansi}  # fmt: skip
        doc_rows.append(_changed_row(row, when(doc.source)))
    return {
        "jumlah": {"sop": len(current), "instansi": len(portal.instansi), "dokumen": len(dokumen)},
        "instansi": agencies,
        "terbaru": sop_rows,
        "dokumen_terbaru": doc_rows,
    }


def tautan_view(
    sop: Sop,
    portal: Portal,
    *,
    relations: Relations = EMPTY,
    dates: FileDates | None = None,
    repo: Repository | None = None,
    page_url: str = "",
) -> dict[str, Any]:
    """The links section of an SOP page: Dirujuk oleh, last change, edit and report links.

    `page_url` is the SOP page's absolute URL, carried into a report so the issue says
    which page the citizen read.
    """
    by_uid = portal.sop_by_uid()
    dirujuk = []
    for uid in relations.backlinks_of(sop.uid):
        other = by_uid.get(uid)
        if other is not None:
            dirujuk.append({"url": other.url, "nama": other.nama, "nomor": other.nomor or "", "status": other.status})
    lapor = None
    if repo is not None:
        identitas = f"{sop.nama}" + (f" ({sop.nomor})" if sop.nomor else "")
        langkah = []
        for prosedur in sop.prosedur:
            for step in prosedur.langkah:
                label = f"Langkah {step.no}" if step.no is not None else "Langkah tanpa nomor"
                if prosedur.judul and len(sop.prosedur) > 1:
                    label = f"{prosedur.judul}, {label.lower()}"
                short = step.kegiatan if len(step.kegiatan) <= 70 else step.kegiatan[:67] + "…"
                langkah.append({"nilai": f"{label}: {step.kegiatan}", "label": f"{label}: {short}", "anchor": step.anchor})
        fields = repo.report_fields(judul=sop.nama, sop=identitas, halaman=page_url)
        lapor = {
            "url": repo.report_url(judul=sop.nama, sop=identitas, halaman=page_url),
            "action": repo.new_issue_url,
            "fields": [{"name": k, "value": v} for k, v in fields.items()],
            "langkah": langkah,
        }
    return {
        "dirujuk_oleh": dirujuk,
        "diperbarui": text.tanggal(dates.diubah.date()) if dates else None,
        "diperbarui_iso": dates.diubah.isoformat() if dates else "",
        "ubah_url": repo.edit_url(sop.source) if repo else None,
        "lapor": lapor,
    }
