"""What the performance-document templates show, and /data/kinerja.csv (no MkDocs import).

`Kinerja` holds the validated documents with the published SOPs and agencies and answers
each page's question: a document page gets its tables, chart and links; an SOP page the
documents it produced; an agency page its documents by year and the multi-year trends of
its indicators; `/kinerja/` the listing by tahun × instansi × jenis; the home page a count.
Templates receive plain dicts and lists (MiniJinja-friendly: no method calls, no tuples).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..format.model import Instansi, Portal, Sop
from ..shared import text
from ..shared.published import csv_text, site_base
from . import capaian as cp
from .charts import Batang, Titik, grafik_capaian, grafik_tren
from .documents import JENIS, Dokumen, Indikator

KINERJA_INDEX = "kinerja/index.md"
KINERJA_CSV = "data/kinerja.csv"
TEMPLATES = {
    "perjanjian-kinerja": "kinerja-perjanjian.html",
    "pengukuran-kinerja": "kinerja-pengukuran.html",
    "lkip": "kinerja-lkip.html",
}

# Which document's figures a trend takes for a year when several documents give one:
# measured values first (Pengukuran Kinerja, then LKIP), the plan documents last.
_PRIORITAS = {"pengukuran-kinerja": 0, "lkip": 1, "renja": 2, "iku": 3, "renstra": 4, "lainnya": 5, "perjanjian-kinerja": 6}


def _norm(written: str | None) -> str:
    return " ".join((written or "").casefold().split())


def _angka(value: Fraction | None) -> str:
    return "-" if value is None else cp.angka(value)


@dataclass(frozen=True)
class Kinerja:
    dokumen: tuple[Dokumen, ...]
    portal: Portal
    skala: tuple[tuple[Fraction, str], ...] = cp.SKALA_SAMPANG
    _by_uri: Mapping[str, Dokumen] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_uri", {d.src_uri: d for d in self.dokumen})

    @staticmethod
    def template(d: Dokumen) -> str:
        """The page template of a document, by jenis (Renstra, Renja, IKU, lainnya share the generic one)."""
        return TEMPLATES.get(d.jenis, "kinerja-umum.html")

    # -- lookups --------------------------------------------------------

    def dokumen_of(self, src_uri: str) -> Dokumen | None:
        return self._by_uri.get(src_uri)

    def _agency(self, instansi_id: str) -> Instansi | None:
        return self.portal.instansi_by_id().get(instansi_id)

    def _sop(self, uid: str | None) -> Sop | None:
        if not uid:
            return None
        return next((s for s in self.portal.sops if s.uid == uid), None)

    # -- rows for listings ------------------------------------------------

    def baris(self, d: Dokumen) -> dict[str, Any]:
        agency = self._agency(d.instansi)
        return {
            "url": d.url,
            "judul": d.judul,
            "jenis": d.label_jenis,
            "jenis_id": d.jenis,
            "tahun": d.tahun,
            "tanggal": text.tanggal(d.tanggal),
            "tanggal_iso": d.tanggal.isoformat() if d.tanggal else "",
            "instansi": agency.nama if agency else d.instansi,
            "instansi_id": d.instansi,
            "contoh": d.contoh_data,
            "indikator": len(d.indikator),
        }

    # -- page views ---------------------------------------------------------

    def dokumen_view(self, d: Dokumen) -> dict[str, Any]:
        """Everything a document page shows (all four templates share it)."""
        agency = self._agency(d.instansi)
        sop = self._sop(d.sop)
        indikator = d.indikator
        ada_realisasi = any(i.realisasi is not None for i in indikator)
        years = sorted({nt.tahun for i in indikator for nt in i.per_tahun})
        sasaran = []
        for s in d.sasaran:
            rows = [self._indikator_row(i, years) for i in s.indikator]
            sasaran.append({"nomor": s.nomor, "sasaran": s.sasaran, "rowspan": max(len(rows), 1), "indikator": rows})
        grafik = ""
        if ada_realisasi:
            batang = [Batang(f"{i.nomor} {i.indikator}", i.target, i.realisasi, i.capaian) for i in indikator if i.realisasi is not None]
            grafik = grafik_capaian(
                batang, ident="grafik-capaian", judul=f"Target dan realisasi {d.judul}",
                rendah=lambda c: cp.rendah(c, self.skala), predikat_rendah=cp.predikat_rendah(self.skala),
            )  # fmt: skip
        total = d.total_anggaran
        return {
            "d": d,
            "instansi": agency,
            "instansi_nama": agency.nama if agency else d.instansi,
            "jenis": d.label_jenis,
            "tanggal": text.tanggal(d.tanggal) if d.tanggal else None,
            "tanggal_iso": d.tanggal.isoformat() if d.tanggal else "",
            "sop": {"url": sop.url, "nama": sop.nama, "nomor": sop.nomor} if sop else None,
            "sasaran": sasaran,
            "ada_indikator": bool(indikator),
            "ada_realisasi": ada_realisasi,
            "tahun_kolom": years,
            "grafik": grafik,
            "program": [{"program": p.program, "anggaran": text.rupiah(p.anggaran), "keterangan": p.keterangan or ""} for p in d.program],
            "total_anggaran": text.rupiah(total) if total is not None else "-",
            "berkas": [self._berkas(b) for b in d.berkas],
            "lampiran": [{"judul": a.judul, "berkas": self._berkas(a.berkas) if a.berkas else None} for a in d.lampiran],
            "ringkasan": self._ringkasan(indikator),
        }

    def _indikator_row(self, i: Indikator, years: list[int]) -> dict[str, Any]:
        cap = i.capaian
        per_tahun = {nt.tahun: nt for nt in i.per_tahun}
        cells = []
        for year in years:
            nt = per_tahun.get(year)
            cells.append(
                {
                    "target": nt.target.teks if nt and nt.target else "-",
                    "realisasi": _angka(nt.realisasi) if nt and nt.realisasi is not None else "",
                    "capaian": nt.capaian.teks if nt and nt.capaian else "",
                }
            )
        return {
            "nomor": i.nomor,
            "indikator": i.indikator,
            "satuan": i.satuan or "-",
            "arah": i.arah,
            "target": i.target.teks if i.target else "-",
            "realisasi": _angka(i.realisasi),
            "capaian": cap.teks if cap else "-",
            "tercapai": bool(cap and cap.tercapai),
            # The warning colour follows the predikat beside it (capaian.rendah), never contradicting it.
            "kelas": "" if cap is None else ("tercapai" if cap.tercapai else ("kurang" if cp.rendah(cap, self.skala) else "")),
            "predikat": cp.predikat(cap, self.skala) or "-",
            "keterangan": i.keterangan or "",
            "per_tahun": cells,
        }

    def _ringkasan(self, indikator: tuple[Indikator, ...]) -> dict[str, Any] | None:
        measured = [i for i in indikator if i.capaian is not None]
        if not measured:
            return None
        met = sum(1 for i in measured if i.capaian is not None and i.capaian.tercapai)
        return {"diukur": len(measured), "tercapai": met, "belum": len(measured) - met}

    @staticmethod
    def _berkas(b) -> dict[str, Any]:
        return {"url": b.src_uri, "nama": b.nama, "jenis": b.jenis, "ukuran": b.ukuran_teks}

    def sop_view(self, uid: str) -> dict[str, Any]:
        """The documents an SOP produced (its page links to them)."""
        docs = sorted((d for d in self.dokumen if d.sop == uid), key=lambda d: (-d.tahun, d.judul))
        return {"dokumen": [self.baris(d) for d in docs]}

    def instansi_view(self, instansi_id: str) -> dict[str, Any]:
        docs = [d for d in self.dokumen if d.instansi == instansi_id]
        years: dict[int, list[dict[str, Any]]] = {}
        for d in sorted(docs, key=lambda d: (-d.tahun, list(JENIS).index(d.jenis), d.judul)):
            years.setdefault(d.tahun, []).append(self.baris(d))
        return {
            "jumlah": len(docs),
            "tahun": [{"tahun": year, "dokumen": rows} for year, rows in years.items()],
            "tren": self.tren(docs),
        }

    def tren(self, docs: list[Dokumen]) -> list[dict[str, Any]]:
        """Indicators met in several years of one agency's documents, each with a small chart."""
        series: dict[tuple[str, str], dict[str, Any]] = {}
        for d in docs:
            rank = _PRIORITAS[d.jenis]
            for i in d.indikator:
                entry = series.setdefault((_norm(i.indikator), _norm(i.satuan)), {"label": i.indikator, "satuan": i.satuan, "tahun": {}})
                points = [(nt.tahun, nt.target, nt.realisasi) for nt in i.per_tahun] or [(d.tahun, i.target, i.realisasi)]
                for year, tgt, real in points:
                    entry["tahun"].setdefault(year, []).append((rank, tgt, real))
        result = []
        for n, entry in enumerate(sorted(series.values(), key=lambda e: _norm(e["label"])), start=1):
            titik = []
            for year in sorted(entry["tahun"]):
                given = sorted(entry["tahun"][year], key=lambda v: v[0])
                tgt = next((t for _, t, _ in given if t is not None), None)
                real = next((r for _, _, r in given if r is not None), None)
                if tgt is not None or real is not None:
                    titik.append(Titik(year, tgt, real))
            if len(titik) < 2:
                continue
            judul = entry["label"] + (f" ({entry['satuan']})" if entry["satuan"] else "")
            result.append(
                {
                    "judul": judul,
                    "svg": grafik_tren(titik, ident=f"tren-{n}", judul=f"Tren {judul}"),
                    "titik": [
                        {
                            "tahun": t.tahun,
                            "target": t.target.teks if t.target else "-",
                            "realisasi": _angka(t.realisasi),
                            "capaian": self._capaian_tren(t, entry, docs),
                        }
                        for t in titik
                    ],
                }
            )
        return result

    @staticmethod
    def _capaian_tren(t: Titik, entry: dict[str, Any], docs: list[Dokumen]) -> str:
        """The capaian of a trend year, with the indicator's own direction (naik/turun)."""
        if t.target is None or t.realisasi is None:
            return "-"
        arah: cp.Arah = next(
            (i.arah for d in docs for i in d.indikator if _norm(i.indikator) == _norm(entry["label"])),
            "naik",
        )
        return cp.hitung(t.target, t.realisasi, arah).teks

    def daftar_view(self) -> dict[str, Any]:
        """/kinerja/: tahun × instansi × jenis."""
        years: dict[int, dict[str, list[Dokumen]]] = {}
        for d in self.dokumen:
            years.setdefault(d.tahun, {}).setdefault(d.instansi, []).append(d)
        tahun = []
        for year in sorted(years, reverse=True):
            agencies = []
            for agency_id, docs in sorted(years[year].items(), key=lambda kv: self._nama(kv[0])):
                docs.sort(key=lambda d: (list(JENIS).index(d.jenis), d.judul))
                agencies.append({"id": agency_id, "nama": self._nama(agency_id), "url": Instansi.url_of(agency_id), "dokumen": [self.baris(d) for d in docs]})
            tahun.append({"tahun": year, "instansi": agencies})
        per_jenis = [{"jenis": label, "jumlah": sum(1 for d in self.dokumen if d.jenis == key)} for key, label in JENIS.items()]
        return {"jumlah": len(self.dokumen), "tahun": tahun, "jenis": [j for j in per_jenis if j["jumlah"]]}

    def _nama(self, agency_id: str) -> str:
        agency = self._agency(agency_id)
        return agency.nama if agency else agency_id

    def beranda_view(self) -> dict[str, Any]:
        recent = sorted(self.dokumen, key=lambda d: (d.tanggal.isoformat() if d.tanggal else "", d.tahun), reverse=True)[:5]
        return {"jumlah": len(self.dokumen), "terbaru": [self.baris(d) for d in recent]}

    def konteks(self, src_uri: str, kind: str | None, key: str | None) -> dict[str, Any] | None:
        """The `kinerja` template variable of a page, or None when the page has no part in it."""
        d = self.dokumen_of(src_uri)
        if d is not None:
            return self.dokumen_view(d)
        if kind == "sop" and key:
            return self.sop_view(key)
        if kind == "instansi" and key:
            return self.instansi_view(key)
        if kind == "kinerja-daftar":
            return self.daftar_view()
        if kind in ("beranda", "instansi-daftar"):
            return self.beranda_view()
        return None

    # -- open data ----------------------------------------------------------

    def csv(self, site_url: str) -> str:
        """/data/kinerja.csv: one row per indicator (per indicator and year for multi-year ones)."""
        base = site_base(site_url)
        return csv_text(CSV_COLUMNS, self._csv_rows(base))

    def _csv_rows(self, base: str) -> Iterator[tuple[object, ...]]:
        for d in sorted(self.dokumen, key=lambda d: (d.instansi, d.tahun, d.src_uri)):
            for s in d.sasaran:
                for i in s.indikator:
                    points = [(nt.tahun, nt.target, nt.realisasi, nt.capaian) for nt in i.per_tahun] or [
                        (d.tahun, i.target, i.realisasi, i.capaian)
                    ]
                    for year, tgt, real, cap in points:
                        yield (
                            d.instansi, self._nama(d.instansi), d.tahun, d.label_jenis, d.judul,
                            d.tanggal.isoformat() if d.tanggal else "", d.sop or "", s.nomor, s.sasaran,
                            i.nomor, i.indikator, i.satuan or "", i.arah, year,
                            _target_data(tgt), _data(tgt.bawah if tgt else None),
                            _data(tgt.atas if tgt else None), _data(real),
                            "" if cap is None or cap.tampil is None else str(cap.tampil),
                            "" if cap is None or cap.mentah is None else repr(cap.mentah),
                            "" if cap is None else ("ya" if cap.tercapai else "tidak"),
                            cp.predikat(cap, self.skala) or "", "ya" if d.contoh_data else "tidak",
                            f"{base}{d.url}", d.source,
                        )  # fmt: skip


CSV_COLUMNS = (
    "instansi", "nama_instansi", "tahun_dokumen", "jenis", "dokumen", "tanggal", "sop", "no_sasaran", "sasaran",
    "no_indikator", "indikator", "satuan", "arah", "tahun", "target", "target_bawah", "target_atas", "realisasi",
    "capaian_persen", "capaian_mentah", "tercapai", "predikat", "contoh_data", "url", "sumber",
)  # fmt: skip


def _target_data(tgt: cp.Target | None) -> str:
    if tgt is None:
        return ""
    return f"{_data(tgt.bawah)}-{_data(tgt.atas)}" if tgt.rentang else _data(tgt.bawah)


def _data(value: Fraction | None) -> str:
    """A number for machines: decimal point, no grouping, exact (78.2, not 78.20000001)."""
    if value is None:
        return ""
    if value.denominator == 1:
        return str(value.numerator)
    digits = format(Decimal(value.numerator) / Decimal(value.denominator), "f")
    return digits.rstrip("0").rstrip(".") if "." in digits else digits
