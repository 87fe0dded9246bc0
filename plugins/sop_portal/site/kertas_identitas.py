"""Printed sheets of a SOP's page 1: the heading, Sekilas and the identity section (issue #17).

`bagan/paging.py` plans the chart's sheets; this plans what prints before them. Most SOPs' page 1
fits one sheet, and then nothing changes (`identity_sheets` returns one sheet and the template
prints the section as always). A long identity (many Dasar Hukum, Kualifikasi or Peringatan
entries, long names) does not: it is then cut, between the upper block and the rows of the 3x2
grid, into planned sheets, each printed as a block the browser cannot split
(`.sop-lembar-identitas`, sop-portal.css), so the browser never breaks where nothing was planned
and the Buku SOP's page numbers (`buku.sheets_of`) count exactly the sheets printed.

Heights are estimated at the print metrics of sop-portal.css and sop-sekilas.css (`@media print`),
deliberately generously (a wide glyph, a loose line, a margin per block): an estimate too high
only moves a grid row to the next sheet early, one too low would let the browser break inside a
sheet. A single grid row taller than a whole sheet still gets a sheet of its own (the browser then
breaks it; no SOP of the samples comes near: it takes a list of about sixty entries).
"""

from __future__ import annotations

from typing import Any

from ..bagan.paging import GLYPH, paper, text_lines

PT = 96 / 72  # CSS px per point
SLACK = 24.0  # px per sheet: rounding of the browser's line boxes and borders
GLYPH_PROSE = 0.52  # em: average glyph of running prose (Liberation Sans ~0.47), less than the table's 0.56
LOOSE = 1.03  # every estimated block is taken this much taller (the wide glyph already adds about a tenth)


def _lines(text: Any, width: float, font_pt: float, *, bold: bool = False) -> int:
    # text_lines measures with paging.GLYPH; a box that much wider holds GLYPH_PROSE glyphs.
    return max(1, text_lines(str(text or "-"), width * GLYPH / GLYPH_PROSE, bold=bold, font=font_pt * PT))


def heading_height(v: dict[str, Any], width: float) -> float:
    """What the SOP page prints above the identity section: the kind line, the title, the
    banners and Sekilas (the Buku SOP prints none of it, so planning with it is safe there too)."""
    sop = v["sop"]
    h = 7 * PT * 1.6 + 2  # sop-jenis
    h += _lines(sop.nama, width, 14, bold=True) * 14 * PT * 1.4 + 4 * PT  # h1
    banners = int(sop.status in ("dicabut", "draf")) + int(bool(v.get("perlu_ditinjau")))
    h += banners * (_lines("x" * 240, width - 16, 8) * 8 * PT * 1.5 + 6 * PT + 2 + 6)  # the longest banner's text
    s = v.get("sekilas") or {}
    line_h = 7.5 * PT * 1.3  # a Sekilas line
    h += 7 * PT * 1.6 + 4 * PT + 4 * PT + 4  # the Sekilas heading, padding, margin
    if s.get("dari_ringkasan"):
        h += _lines(s.get("tujuan"), width - 12, 8.5) * 8.5 * PT * 1.4 + PT
    column = (width - 12 - 16 * PT) / 3
    layanan = s.get("layanan") or {}
    kontak = " · ".join(str(k.get("teks", "")) for k in layanan.get("kontak") or [])
    items = [
        f"Dilayani oleh: {layanan.get('unit') or ''}, {layanan.get('instansi') or ''} · {kontak}",
        "Jumlah waktu: " + str((s.get("waktu") or {}).get("teks") or "Tidak dapat dijumlahkan (lihat kolom waktu di bawah)"),
        "Yang perlu disiapkan: " + ("; ".join(map(str, s.get("bawa") or [])) or "Tidak disebutkan"),  # an inline list
        f"Hasil akhir: {s.get('hasil')}" if s.get("hasil") else "",
        f"Status: {s.get('status') or ''}",
    ]
    if not s.get("dari_ringkasan"):
        items.insert(0, f"Prosedur: {s.get('tujuan') or ''}")
    heights = []
    for item in items:
        if item:
            heights.append(_lines(item, column, 7.5) * line_h + 2 * PT)
    h += sum(max(heights[i:i + 3]) for i in range(0, len(heights), 3))
    return h * LOOSE


def upper_height(v: dict[str, Any], width: float) -> float:
    """The upper block: the agency (left, 2/5) and the identity table (right, 3/5)."""
    sop, instansi = v["sop"], v.get("instansi")
    left = width * 2 / 5 - 2 * 10.7 * PT
    agency = 2 * 10.7 * PT + (72 + 4 if instansi is not None and instansi.logo else 0)
    for t in (getattr(instansi, "pemerintah", None), getattr(instansi, "nama", None) or sop.instansi, sop.unit):
        if t:
            agency += _lines(t, left, 8, bold=True) * 8 * PT * 1.6 + 4
    right = width * 3 / 5
    th, td = right * 0.38 - 10 * PT, right * 0.62 - 10 * PT
    row = 8 * PT * 1.6  # a line of the table
    cells = [(r["label"], r["nilai"]) for r in v["identitas"]]
    pengesah = sop.disahkan_oleh
    signed = [pengesah.jabatan, pengesah.nama, f"NIP {pengesah.nip}" if pengesah.nip else None] if pengesah else ["-"]
    table = 0.0
    for label, value in cells + [(v["label"].get("nama_sop", "Nama SOP"), sop.nama)]:
        table += max(_lines(label, th, 8, bold=True), _lines(value, td, 8, bold=True)) * row + 4 * PT + 1
    table += max(1, sum(_lines(t, td, 8, bold=True) for t in signed if t)) * row + 4 * PT + 1 + 3
    return max(agency, table) * LOOSE + 2


def cell_height(judul: str, items: list[dict[str, Any]], width: float) -> float:
    """One cell of the 3x2 grid: its heading, then its entries (a numbered list from two on)."""
    inner = width - 2 * 6 * PT - 2
    h = 2 * 3 * PT + _lines(judul.upper(), inner, 7.5, bold=True) * 7.5 * PT * 1.6 + 0.3 * 7.5 * PT
    if len(items) > 1:
        inner -= 1.4 * 7.5 * PT + 4
    lines = sum(_lines(e.get("teks"), inner, 7.5) for e in items) if items else 1
    return (h + lines * 7.5 * PT * 1.3 + 2) * LOOSE


def identity_sheets(v: dict[str, Any], paper_name: str) -> list[dict[str, Any]]:
    """The planned sheets of page 1: [{atas: bool, kotak: [pair, ...]}], each pair a row of the grid
    as in `v["kotak"]`. One sheet when it all fits (the usual case)."""
    page = paper(paper_name)
    capacity = page.height - SLACK
    used = heading_height(v, page.width) + upper_height(v, page.width)
    sheets: list[dict[str, Any]] = [{"atas": True, "kotak": []}]
    for pair in v["kotak"]:
        row = max(cell_height(judul, items, page.width / 2) for judul, items in pair) + 1
        if used + row > capacity and (sheets[-1]["atas"] or sheets[-1]["kotak"]):
            sheets.append({"atas": False, "kotak": []})
            used = 2.0  # the grid's top border on a new sheet
        sheets[-1]["kotak"].append(pair)
        used += row
    return sheets
