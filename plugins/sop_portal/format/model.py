"""The validated data model: frozen dataclasses, the same shape as the paper form.

Everything here has passed the loader's checks (`loader.py`), so code after it
(layout, renderers, pages, open data) may trust it: lanes exist, references
are resolved to step keys, every step is reachable and every path ends.
Field names follow the Indonesian keys of the SOP file (ARCHITECTURE.md, "File format").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Literal

from .waktu import Durasi, JumlahWaktu

Simbol = Literal["mulai", "proses", "keputusan", "selesai"]
Status = Literal["berlaku", "draf", "dicabut"]

SIMBOL: tuple[Simbol, ...] = ("mulai", "proses", "keputusan", "selesai")
STATUS: tuple[Status, ...] = ("berlaku", "draf", "dicabut")

# Text equivalents of the drawn SOP AP symbols, for screen readers and the step list.
NAMA_SIMBOL: Mapping[str, str] = MappingProxyType(
    {"mulai": "Mulai", "proses": "Proses", "keputusan": "Keputusan", "selesai": "Selesai"}
)

# Column labels of the paper form; a SOP may override them with `label:`
# (real SOPs say "Aktivitas", "Uraian Prosedur", "Persyaratan", …).
LABEL_BAWAAN: Mapping[str, str] = MappingProxyType(
    {
        "no": "No",
        "kegiatan": "Kegiatan",
        "pelaksana": "Pelaksana",
        "mutu_baku": "Mutu Baku",
        "kelengkapan": "Kelengkapan",
        "waktu": "Waktu",
        "output": "Output",
        "keterangan": "Keterangan",
        "nama_sop": "Nama SOP",
        "tanggal_efektif": "Tanggal Efektif",
    }
)

KOLOM_MUTU_BAKU: tuple[str, ...] = ("kelengkapan", "waktu", "output")


@dataclass(frozen=True)
class Pejabat:
    jabatan: str | None = None
    nama: str | None = None
    nip: str | None = None


@dataclass(frozen=True)
class Instansi:
    id: str  # the folder name under sops/
    nama: str
    singkatan: str | None = None
    pemerintah: str | None = None
    logo: str | None = None
    alamat: str | None = None
    situs: str | None = None
    telepon: str | None = None
    email: str | None = None
    kepala: Pejabat | None = None
    source: str = ""
    # Set by the loader when several agencies share a singkatan (two "Kesbangpol" of two
    # Pemda): menus and listings then need "Kesbangpol Kota Tangerang" to tell them apart.
    singkatan_unik: str | None = None

    @property
    def nama_pendek(self) -> str:
        return self.singkatan_unik or self.singkatan or self.nama

    @property
    def url(self) -> str:
        """Site-relative URL of the agency page (directory URLs)."""
        return Instansi.url_of(self.id)

    @staticmethod
    def url_of(instansi_id: str) -> str:
        """The page URL of the agency with this id (its folder name), without loading it."""
        return f"instansi/{instansi_id}/"


@dataclass(frozen=True)
class Riwayat:
    tanggal: dt.date
    catatan: str


@dataclass(frozen=True)
class Cabang:
    """One exit of a decision: its label ("" when the signed form left it unlabelled) and its target key."""

    label: str
    ke: str


@dataclass(frozen=True)
class Item:
    """One drawn symbol of a row (ARCHITECTURE.md, "Rows with several symbols"): one lane, one shape, its own exits.

    A row written with `pelaksana: X` has one item; `pelaksana: [A, B]` one item per lane
    (a joint activity, `bersama`). `key` is the node of the flow graph: the item's `id`, else
    the row's key for the row's first item, else "<row key>.<n>" (n counted from 1).
    """

    key: str
    pelaksana: str  # one lane
    simbol: Simbol
    teks: str | None = None
    cabang: tuple[Cabang, ...] = ()  # decisions only
    ke: tuple[str, ...] = ()  # successors (resolved item keys) when not a decision; () ends or joins
    id: str | None = None
    line: int = 0

    @property
    def keluar(self) -> tuple[tuple[str | None, str], ...]:
        """All exits as (label, target key): branch labels for decisions, None otherwise."""
        if self.cabang:
            return tuple((c.label, c.ke) for c in self.cabang)
        return tuple((None, k) for k in self.ke)


@dataclass(frozen=True)
class Langkah:
    """One numbered row of the form: its text, Mutu Baku and the symbols (`items`) drawn in it."""

    key: str  # stable internal key: the row's `id`, or "#<index>" when it has none
    index: int  # 0-based row index in its prosedur
    no: int | None  # printed number; None for an unnumbered row
    anchor: str  # HTML id, "langkah-<no>" (see loader for sub_prosedur and unnumbered rows)
    kegiatan: str
    items: tuple[Item, ...]  # in the order the flow passes through them
    bersama: bool = False  # one activity done together: items joined by dashed lines, not arrows
    kelengkapan: str | None = None
    waktu: str | None = None
    durasi: Durasi | None = None  # parsed waktu; None when not understood
    output: str | None = None
    keterangan: str | None = None
    id: str | None = None
    line: int = 0

    @property
    def nomor_tampil(self) -> str:
        return "" if self.no is None else str(self.no)

    @property
    def masuk(self) -> str:
        """The key of the item a connection into this row enters."""
        return self.items[0].key

    @property
    def pelaksana(self) -> tuple[str, ...]:
        """The lanes of the row's items, each once, in flow order."""
        return tuple(dict.fromkeys(item.pelaksana for item in self.items))

    @property
    def simbol(self) -> Simbol:
        """The row's symbol when it has one kind (its first item's otherwise)."""
        return self.items[0].simbol

    @property
    def teks(self) -> str | None:
        return self.items[0].teks

    @property
    def multi(self) -> bool:
        """A row drawn with several symbols that are not one joint activity."""
        return len(self.items) > 1 and not self.bersama

    @property
    def item_keys(self) -> frozenset[str]:
        return frozenset(item.key for item in self.items)

    def _leaving(self, item: Item, target: str) -> bool:
        """An exit that is not the row's own chain to another of its items (a loop to itself counts)."""
        return target == item.key or target not in self.item_keys

    @property
    def cabang(self) -> tuple[Cabang, ...]:
        """Every branch of the row's decisions that leaves the row."""
        return tuple(c for item in self.items for c in item.cabang if self._leaving(item, c.ke))

    @property
    def ke(self) -> tuple[str, ...]:
        """Targets outside the row of the row's non-decision items."""
        return tuple(k for item in self.items for k in item.ke if self._leaving(item, k))

    @property
    def keluar(self) -> tuple[tuple[str | None, str], ...]:
        """The exits that leave the row, as (label, target key)."""
        return tuple(e for item in self.items for e in item.keluar if self._leaving(item, e[1]))


@dataclass(frozen=True)
class Prosedur:
    """One flowchart: the SOP's `langkah`, or one entry of `sub_prosedur`."""

    judul: str | None
    pelaksana: tuple[str, ...]  # the lanes drawn, in order
    langkah: tuple[Langkah, ...]
    jumlah_waktu: JumlahWaktu

    @cached_property
    def by_key(self) -> Mapping[str, Langkah]:
        """Row and item keys -> their row."""
        out: dict[str, Langkah] = {}
        for s in self.langkah:
            out[s.key] = s
            for item in s.items:
                out[item.key] = s
        return MappingProxyType(out)

    @cached_property
    def item_by_key(self) -> Mapping[str, Item]:
        return MappingProxyType({item.key: item for s in self.langkah for item in s.items})

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for s in self.langkah for item in s.items)


@dataclass(frozen=True)
class Sop:
    instansi: str  # agency id (folder name)
    slug: str  # permanent URL id (file name without .yml)
    source: str  # path of the YAML file, relative to the project root
    nama: str
    pelaksana: tuple[str, ...]
    prosedur: tuple[Prosedur, ...]
    nomor: str | None = None
    ringkasan: str | None = None  # one line of purpose for citizens (Sekilas); the name otherwise
    unit: str | None = None
    status: Status = "berlaku"
    tanggal_pembuatan: dt.date | None = None
    tanggal_revisi: dt.date | None = None
    tanggal_efektif: dt.date | None = None
    disahkan_oleh: Pejabat | None = None
    dasar_hukum: tuple[str, ...] = ()
    kualifikasi_pelaksana: tuple[str, ...] = ()
    keterkaitan: tuple[str, ...] = ()
    peralatan: tuple[str, ...] = ()
    peringatan: tuple[str, ...] = ()
    pencatatan: tuple[str, ...] = ()
    riwayat: tuple[Riwayat, ...] = ()
    label: Mapping[str, str] = field(default_factory=lambda: LABEL_BAWAAN)
    kolom_mutu_baku: tuple[str, ...] = KOLOM_MUTU_BAKU
    satuan_waktu: str = "menit"
    # (line, column) of each keterkaitan entry in the source, for located "not found" notes.
    keterkaitan_pos: tuple[tuple[int, int], ...] = field(default=(), compare=False, repr=False)

    @property
    def uid(self) -> str:
        return f"{self.instansi}/{self.slug}"

    @property
    def url(self) -> str:
        """Site-relative URL of the SOP page (directory URLs)."""
        return Sop.url_of(self.uid)

    @staticmethod
    def url_of(uid: str) -> str:
        """The page URL of the SOP with this uid (`instansi/slug`), without loading it."""
        return f"sop/{uid}/"

    @property
    def semua_langkah(self) -> tuple[Langkah, ...]:
        return tuple(s for p in self.prosedur for s in p.langkah)

    @property
    def jumlah_langkah(self) -> int:
        return len(self.semua_langkah)

    @property
    def tanggal_terakhir(self) -> dt.date | None:
        """The later of tanggal_revisi and tanggal_efektif: the date a review period counts from."""
        dates = [d for d in (self.tanggal_revisi, self.tanggal_efektif) if d]
        return max(dates) if dates else None


@dataclass(frozen=True)
class Portal:
    """All validated content of one portal."""

    instansi: tuple[Instansi, ...]
    sops: tuple[Sop, ...]

    # Lookups are indexed once per Portal (it is immutable), not rebuilt or scanned per page:
    # with N SOPs and one page per SOP, a scan per page makes the build O(N²).
    @cached_property
    def _indexes(self) -> tuple[Mapping[str, Instansi], Mapping[str, Sop], Mapping[str, tuple[Sop, ...]]]:
        per_instansi: dict[str, list[Sop]] = {}
        for s in self.sops:
            per_instansi.setdefault(s.instansi, []).append(s)
        return (
            MappingProxyType({i.id: i for i in self.instansi}),
            MappingProxyType({s.uid: s for s in self.sops}),
            MappingProxyType({k: tuple(v) for k, v in per_instansi.items()}),
        )

    def instansi_by_id(self) -> Mapping[str, Instansi]:
        return self._indexes[0]

    def sop_by_uid(self) -> Mapping[str, Sop]:
        return self._indexes[1]

    def sops_of(self, instansi_id: str) -> tuple[Sop, ...]:
        return self._indexes[2].get(instansi_id, ())
