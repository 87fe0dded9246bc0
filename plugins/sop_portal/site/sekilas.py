"""Sekilas: the SOP at a glance, for a citizen on a phone (ARCHITECTURE.md, "SOP page", Sekilas; no MkDocs import).

The official form answers an auditor; a citizen first asks five things, and this view answers
them in plain words from the same model, before the form:

* what the procedure is for: the SOP's `ringkasan`, else its name;
* who serves it: the unit and the agency, with the contact the agency's `_instansi.yml` gives
  (address, phone, email, website);
* how long: the Jumlah waktu, saying so when some steps' waktu cannot be added up;
* what to bring: the steps' Kelengkapan, each once, in the order the steps need them;
* what you get: the output of the last step that names one;
* whether it applies: "Berlaku sejak …", or in plain words why not (revoked, draft, under review).
"""

from __future__ import annotations

from typing import Any

from ..format.model import Instansi, Sop
from ..shared import text


def _same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()


def kelengkapan(sop: Sop) -> list[str]:
    """The steps' Kelengkapan in step order, each once (compared without case or extra spaces)."""
    seen: set[str] = set()
    result = []
    for step in sop.semua_langkah:
        item = " ".join((step.kelengkapan or "").split())
        if not item or item == "-" or item.casefold() in seen:
            continue
        seen.add(item.casefold())
        result.append(item)
    return result


def hasil(sop: Sop) -> str | None:
    """What the procedure ends with: the output of the last step (of the last chart) that names one."""
    for step in reversed(sop.semua_langkah):
        output = " ".join((step.output or "").split())
        if output and output != "-":
            return output
    return None


def status_teks(sop: Sop, *, perlu_ditinjau: bool) -> str:
    """The SOP's status as a citizen reads it."""
    if sop.status == "dicabut":
        return "Dicabut: tidak berlaku lagi, ditampilkan sebagai arsip."
    if sop.status == "draf":
        return "Draf: belum disahkan dan masih dapat berubah."
    since = f"Berlaku sejak {text.tanggal(sop.tanggal_efektif)}" if sop.tanggal_efektif else "Berlaku"
    return f"{since}; sedang ditinjau ulang oleh instansi." if perlu_ditinjau else f"{since}."


def waktu(sop: Sop) -> dict[str, Any]:
    """Jumlah waktu in words ("3 hari 2 jam"), and whether some steps' waktu could not be added."""
    totals = [t for t in (p.jumlah_waktu.teks for p in sop.prosedur) if t]  # teks formats anew each time
    partial = any(p.jumlah_waktu.tidak_dihitung for p in sop.prosedur)
    return {"teks": " + ".join(totals) or None, "sebagian": partial}


def sekilas_view(sop: Sop, instansi: Instansi | None, *, perlu_ditinjau: bool) -> dict[str, Any]:
    """Everything partials/sop/sekilas.html shows."""
    layanan: dict[str, Any] = {"unit": sop.unit, "instansi": None, "url": None, "kontak": []}
    if instansi is not None:
        layanan["instansi"] = instansi.nama
        layanan["url"] = instansi.url
        layanan["kontak"] = kontak(instansi)
    else:
        layanan["instansi"] = sop.instansi
    return {
        "tujuan": sop.ringkasan or sop.nama,
        "dari_ringkasan": bool(sop.ringkasan) and not _same(sop.ringkasan, sop.nama),
        "layanan": layanan,
        "waktu": waktu(sop),
        "bawa": kelengkapan(sop),
        "hasil": hasil(sop),
        "status": status_teks(sop, perlu_ditinjau=perlu_ditinjau),
        "berlaku": sop.status == "berlaku" and not perlu_ditinjau,
    }


def kontak(instansi: Instansi) -> list[dict[str, str | None]]:
    """An agency's contact lines, as given: [{jenis, label, teks, url}] (url: a tel:, mailto: or web link)."""
    lines: list[dict[str, str | None]] = []
    if instansi.alamat:
        lines.append({"jenis": "alamat", "label": "Alamat", "teks": instansi.alamat, "url": None})
    if instansi.telepon:
        # One number becomes a tel: link; several ("… / …", "…, …") stay text.
        single = not any(sep in instansi.telepon for sep in ",;/")
        digits = "".join(c for c in instansi.telepon if c.isdigit() or c == "+") if single else ""
        lines.append({"jenis": "telepon", "label": "Telepon", "teks": instansi.telepon, "url": f"tel:{digits}" if digits else None})
    if instansi.email:
        lines.append({"jenis": "email", "label": "Surel", "teks": instansi.email, "url": f"mailto:{instansi.email}"})
    if instansi.situs:
        shown = instansi.situs.split("://", 1)[-1].rstrip("/")
        lines.append({"jenis": "situs", "label": "Situs", "teks": shown, "url": instansi.situs})
    return lines
