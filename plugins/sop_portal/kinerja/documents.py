"""Performance documents (Perjanjian Kinerja, Pengukuran Kinerja, LKIP, …): model and loader.

A document is a Markdown page under ``content/kinerja/<instansi>/<tahun>/`` whose data sits
in its front matter (ARCHITECTURE.md, "File format"). MkDocs reads that front matter with PyYAML's YAML 1.1
for ``page.meta``; we read the same source text again with our own loader (`yamlcore`,
YAML 1.2 core schema, positions) so every mistake gets the same located Indonesian error as
an SOP does, with the line number of the ``.md`` file (front matter starts on line 2).
Validation happens here, once; the views, charts and open data trust the model.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType

from ..format import paths
from ..format.errors import (
    ContentError,
    ErrorSink,
    Pos,
    join_choices,
    quote,
    relative_path,
    suggestion,
)
from ..format.fields import FieldReader, describe
from ..format.model import Pejabat
from ..format.pejabat import read_pejabat
from ..format.yamlcore import YMap, YNode, YScalar, YSeq, parse
from ..shared.text import ukuran_berkas
from . import capaian as cp

# jenis (front matter value) -> the label a citizen reads (also the Pagefind `jenis` filter).
JENIS: Mapping[str, str] = MappingProxyType(
    {
        "perjanjian-kinerja": "Perjanjian Kinerja",
        "pengukuran-kinerja": "Pengukuran Kinerja",
        "lkip": "LKIP",
        "renstra": "Renstra",
        "renja": "Renja",
        "iku": "IKU",
        "lainnya": "Lainnya",
    }
)
# The long name used in a default title ("Laporan Kinerja Instansi Pemerintah Tahun 2024").
JUDUL_JENIS: Mapping[str, str] = MappingProxyType(
    {
        "perjanjian-kinerja": "Perjanjian Kinerja",
        "pengukuran-kinerja": "Pengukuran Kinerja",
        "lkip": "Laporan Kinerja Instansi Pemerintah",
        "renstra": "Rencana Strategis",
        "renja": "Rencana Kerja",
        "iku": "Indikator Kinerja Utama",
        "lainnya": "Dokumen Kinerja",
    }
)
# Documents whose indicators carry one target (and realisasi) for the document's year;
# the others (Renstra, Renja, IKU, lainnya) may give a value per year instead.
SATU_TAHUN = ("perjanjian-kinerja", "pengukuran-kinerja", "lkip")

DOKUMEN_KEYS = (
    "jenis", "instansi", "tahun", "tanggal", "judul", "nomor", "sop", "berkas", "tempat",
    "pihak_pertama", "pihak_kedua", "sasaran", "program", "lampiran", "contoh_data",
)  # fmt: skip
SASARAN_KEYS = ("sasaran", "indikator")
INDIKATOR_KEYS = ("indikator", "satuan", "target", "realisasi", "arah", "keterangan")
PROGRAM_KEYS = ("program", "anggaran", "keterangan")
LAMPIRAN_KEYS = ("judul", "berkas")


_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_BAB = re.compile(r"^#{1,6}\s*BAB\s+(IV|III|II|I)\b", re.IGNORECASE | re.MULTILINE)
# A plain YAML float such as 850.000 that an Indonesian meant as 850 thousand.
_RIBUAN = re.compile(r"^\d{1,3}(\.\d{3})+$")
_TAHUN = re.compile(r"^\d{4}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # a folder or file name of sops/ (loader.SLUG)


@dataclass(frozen=True)
class NilaiTahun:
    """One year of a multi-year indicator (Renstra, IKU, …)."""

    tahun: int
    target: cp.Target | None
    realisasi: Fraction | None
    capaian: cp.Capaian | None


@dataclass(frozen=True)
class Indikator:
    nomor: str  # printed number under its sasaran, "1.2"
    indikator: str
    satuan: str | None
    arah: cp.Arah
    target: cp.Target | None
    realisasi: Fraction | None
    capaian: cp.Capaian | None  # None without both target and realisasi
    per_tahun: tuple[NilaiTahun, ...] = ()
    keterangan: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Sasaran:
    nomor: int
    sasaran: str
    indikator: tuple[Indikator, ...]


@dataclass(frozen=True)
class Program:
    program: str
    anggaran: Fraction | None
    keterangan: str | None = None


@dataclass(frozen=True)
class Berkas:
    """An attached file inside the docs dir; MkDocs copies it to the same path in the site."""

    src_uri: str  # relative to the docs dir, e.g. "kinerja/a/2024/berkas/lkip.pdf"
    nama: str
    jenis: str  # "PDF", "Excel", …
    ukuran: int  # bytes

    @property
    def ukuran_teks(self) -> str:
        return ukuran_berkas(self.ukuran)


@dataclass(frozen=True)
class Lampiran:
    judul: str
    berkas: Berkas | None = None


@dataclass(frozen=True)
class Dokumen:
    src_uri: str  # the page's path under the docs dir: "kinerja/<instansi>/<tahun>/<nama>.md"
    source: str  # path relative to the project root, for messages and open data
    jenis: str
    instansi: str
    tahun: int
    judul: str
    tanggal: dt.date | None = None
    nomor: str | None = None
    sop: str | None = None  # uid "<instansi>/<slug>" of the SOP that produced it
    tempat: str | None = None
    pihak_pertama: Pejabat | None = None
    pihak_kedua: Pejabat | None = None
    sasaran: tuple[Sasaran, ...] = ()
    program: tuple[Program, ...] = ()
    berkas: tuple[Berkas, ...] = ()
    lampiran: tuple[Lampiran, ...] = ()
    contoh_data: bool = False

    @property
    def label_jenis(self) -> str:
        return JENIS[self.jenis]

    @property
    def url(self) -> str:
        """Site-relative URL (directory URLs), as MkDocs gives the page."""
        stem = self.src_uri[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    @property
    def indikator(self) -> tuple[Indikator, ...]:
        return tuple(i for s in self.sasaran for i in s.indikator)

    @property
    def total_anggaran(self) -> Fraction | None:
        values = [p.anggaran for p in self.program if p.anggaran is not None]
        return sum(values, Fraction(0)) if values else None


@dataclass(frozen=True)
class HasilDokumen:
    dokumen: tuple[Dokumen, ...]
    errors: tuple[ContentError, ...]

    @property
    def failed(self) -> bool:
        return any(e.level == "kesalahan" for e in self.errors)


def is_document(src_uri: str) -> bool:
    """Which pages of the docs dir are performance documents: every .md under kinerja/ but index pages."""
    return src_uri.startswith("kinerja/") and src_uri.endswith(".md") and not src_uri.endswith("index.md")


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(front matter YAML, body) the way MkDocs splits them; None when there is none."""
    match = _FRONT.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end():]


# -- readers ----------------------------------------------------------------


def _number(reader: FieldReader, node: YNode | None, path: str) -> Fraction | None:
    """An exact number: a YAML number as written, or text with a decimal comma ("78,5")."""
    if node is None or (isinstance(node, YScalar) and node.value is None):
        return None
    if isinstance(node, YScalar) and not isinstance(node.value, bool):
        raw = node.raw.strip()
        if re.fullmatch(r"[-+]?\d+(?:[.,]\d+)?", raw):
            value = cp.exact(raw)
            return value if _sized(reader, node, path, value) else None
    hint = ""
    if isinstance(node, YScalar) and node.raw.strip().endswith("%"):
        hint = " Tulis angkanya saja; satuan (%) diisi di kunci satuan."
    reader.error(node, path, f"ditemukan {describe(node)}, seharusnya angka (misalnya 75 atau 78,5).{hint}")
    return None


def _target(reader: FieldReader, node: YNode | None, path: str) -> cp.Target | None:
    """A target: a number or a range "80-90" (also "7 s.d. 8")."""
    if node is None or (isinstance(node, YScalar) and node.value is None):
        return None
    if isinstance(node, YScalar) and isinstance(node.value, str):
        try:
            ranged = cp.parse_range(node.raw)
        except ValueError as exc:
            reader.error(node, path, f"rentang target {quote(node.raw)} tidak valid: {exc}.")
            return None
        if ranged is not None:
            return _not_negative(reader, node, path, ranged)
    if isinstance(node, YScalar) and not isinstance(node.value, bool):
        raw = node.raw.strip()
        if re.fullmatch(r"[-+]?\d+(?:[.,]\d+)?", raw):
            return _not_negative(reader, node, path, cp.target(raw))
    reader.error(
        node, path,
        f"ditemukan {describe(node)}, seharusnya angka (misalnya 75 atau 78,5) atau rentang (misalnya \"80-90\").",
    )  # fmt: skip
    return None


# Numbers a document can hold: up to 999 trillion (a budget in rupiah), six decimals. Beyond them a
# capaian cannot be computed or printed (10^400 / 10^-28 overflows every decimal context).
DIGITS_MAX, DECIMALS_MAX = 15, 6


def _sized(reader: FieldReader, node: YNode, path: str, value: Fraction) -> bool:
    if abs(value) >= 10**DIGITS_MAX or (10**DECIMALS_MAX * value).denominator != 1:
        reader.error(node, path, f"angka {quote(node.raw if isinstance(node, YScalar) else value)} di luar jangkauan; tulis "
                     f"paling banyak {DIGITS_MAX} angka sebelum koma dan {DECIMALS_MAX} angka di belakang koma.")  # fmt: skip
        return False
    return True


def _not_negative(reader: FieldReader, node: YNode, path: str, got: cp.Target) -> cp.Target | None:
    """A negative target has no capaian: -10 against -5 would read as 200 % "Sangat Baik"."""
    if not (_sized(reader, node, path, got.bawah) and _sized(reader, node, path, got.atas)):
        return None
    if got.bawah < 0:
        reader.error(node, path, f"target {quote(node.raw if isinstance(node, YScalar) else '')} negatif; capaian tidak dapat "
                     "dihitung dari target negatif. Tulis target sebagai angka 0 atau lebih, dan pilih arah: turun bila "
                     "nilai yang lebih kecil lebih baik.")  # fmt: skip
        return None
    return got


def _per_tahun(reader: FieldReader, node: YMap, path: str, read) -> dict[int, object]:
    values: dict[int, object] = {}
    for key, (key_pos, value) in node.items.items():
        if not _TAHUN.match(key.strip()):
            reader.sink.add(key_pos, f"{path}.{key}", f"kunci {quote(key)} bukan tahun; tulis tahun empat angka, misalnya 2025: 75.")
            continue
        got = read(reader, value, f"{path}.{key}")
        if got is not None:
            values[int(key)] = got
    return values


def _boolean(reader: FieldReader, node: YNode | None, path: str) -> bool:
    if node is None:
        return False
    if isinstance(node, YScalar) and isinstance(node.value, bool):
        return node.value
    reader.error(node, path, f"ditemukan {describe(node)}, seharusnya true atau false.")
    return False


class _DocReader:
    """Reads one document's front matter into a Dokumen, reporting every mistake."""

    def __init__(self, path: Path, src_uri: str, docs_dir: Path, sops_dir: Path, sink: ErrorSink):
        self.path, self.src_uri, self.docs_dir, self.sops_dir = path, src_uri, docs_dir, sops_dir
        self.sink = sink
        self.r = FieldReader(sink)

    def read(self, node: YNode, body: str) -> Dokumen | None:
        r = self.r
        m = r.mapping(node, "", DOKUMEN_KEYS, required=("jenis",), what="pemetaan (kunci: nilai) di front matter")
        if m is None:
            return None
        g = m.get
        jenis = r.choice(g("jenis"), "jenis", tuple(JENIS))
        parts = self.src_uri.split("/")  # kinerja/<instansi>/<tahun>/<nama>.md
        folder_instansi = parts[1] if len(parts) >= 4 else None
        folder_tahun = parts[2] if len(parts) >= 4 and _TAHUN.match(parts[2]) else None

        instansi = self._instansi(m, folder_instansi)
        tahun = self._tahun(m, folder_tahun)

        sop = None
        sop_node = g("sop")
        if sop_node is not None:
            written = r.text(sop_node, "sop")
            if written and instansi:
                sop = self._sop(written, instansi, sop_node)

        satu_tahun = jenis in SATU_TAHUN
        sasaran = self._sasaran(g("sasaran"), jenis, satu_tahun)
        if jenis in ("perjanjian-kinerja", "pengukuran-kinerja") and not sasaran and g("sasaran") is None:
            r.error(m, "sasaran", f'kunci "sasaran" wajib diisi pada {JENIS[jenis]}: daftar sasaran beserta indikatornya.')

        dokumen = dict(
            src_uri=self.src_uri,
            source=self.sink.file,
            jenis=jenis or "lainnya",
            instansi=instansi or "",
            tahun=tahun or 0,
            judul=r.text(g("judul"), "judul") or f"{JUDUL_JENIS.get(jenis or 'lainnya')} Tahun {tahun}",
            tanggal=r.date(g("tanggal"), "tanggal"),
            nomor=r.text(g("nomor"), "nomor"),
            sop=sop,
            tempat=r.text(g("tempat"), "tempat"),
            pihak_pertama=read_pejabat(r, g("pihak_pertama"), "pihak_pertama", required=("nama", "jabatan")),
            pihak_kedua=read_pejabat(r, g("pihak_kedua"), "pihak_kedua", required=("nama", "jabatan")),
            sasaran=sasaran,
            program=self._program(g("program")),
            berkas=self._berkas_list(g("berkas"), "berkas"),
            lampiran=self._lampiran(g("lampiran")),
            contoh_data=_boolean(r, g("contoh_data"), "contoh_data"),
        )
        def empty(key: str) -> bool:
            value = g(key)
            return value is None or (isinstance(value, YScalar) and value.value is None)

        if jenis == "perjanjian-kinerja" and empty("pihak_pertama"):
            r.error(g("pihak_pertama") or m, "pihak_pertama", "Perjanjian Kinerja wajib mencantumkan pihak_pertama: {nama, jabatan, nip}.")
        if jenis == "perjanjian-kinerja" and empty("pihak_kedua"):
            r.error(g("pihak_kedua") or m, "pihak_kedua", "Perjanjian Kinerja wajib mencantumkan pihak_kedua: {nama, jabatan, nip} (atasan pihak pertama).")
        if jenis == "lkip":
            found = {b.upper() for b in _BAB.findall(body)}
            missing = [b for b in ("I", "II", "III", "IV") if b not in found]
            if missing:
                self.sink.add(
                    Pos(1, 1), "",
                    "LKIP biasanya memuat BAB I Pendahuluan, BAB II Perencanaan Kinerja, BAB III Akuntabilitas "
                    f"Kinerja dan BAB IV Penutup (PermenPAN-RB 53/2014); judul yang belum ada: BAB {', BAB '.join(missing)}.",
                    level="info",
                )  # fmt: skip
        if self.sink.failed:
            return None
        return Dokumen(**dokumen)  # type: ignore[arg-type]


    def _instansi(self, m: YMap, folder_instansi: str | None) -> str | None:
        """The agency: written, or the folder's; None (with an error) when unknown or contradicting it."""
        r, g = self.r, m.get
        instansi = r.text(g("instansi"), "instansi") or folder_instansi
        if instansi is None:
            r.error(m, "instansi", 'kunci "instansi" wajib diisi (nama folder instansi di sops/), '
                    "atau simpan dokumen di content/kinerja/<instansi>/<tahun>/.")  # fmt: skip
        elif not (self.sops_dir / instansi / "_instansi.yml").is_file():
            known = sorted(p.parent.name for p in self.sops_dir.glob("*/_instansi.yml"))
            r.error(
                g("instansi") or m, "instansi",
                f"instansi {quote(instansi)} tidak dikenal{suggestion(instansi, known)}; "
                f"yang ada (folder di sops/): {join_choices(known)}.",
            )  # fmt: skip
            instansi = None
        elif folder_instansi and g("instansi") is not None and instansi != folder_instansi:
            r.error(g("instansi"), "instansi", f"dokumen berada di folder {quote(folder_instansi)} tetapi instansi: {quote(instansi)}; "
                    "pindahkan berkasnya atau samakan isinya.")  # fmt: skip
        return instansi

    def _tahun(self, m: YMap, folder_tahun: str | None) -> int | None:
        """The year: written, or the folder's; an error when missing, implausible or contradicting it."""
        r, g = self.r, m.get
        tahun = r.integer(g("tahun"), "tahun") if g("tahun") is not None else (int(folder_tahun) if folder_tahun else None)
        if g("tahun") is None and tahun is None:
            r.error(m, "tahun", 'kunci "tahun" wajib diisi (tahun anggaran/kinerja, misalnya 2024).')
        elif tahun is not None and not 1945 <= tahun <= 2200:
            r.error(g("tahun"), "tahun", f"tahun {tahun} tidak masuk akal; tulis tahun empat angka, misalnya 2024.")
        elif folder_tahun and g("tahun") is not None and tahun is not None and str(tahun) != folder_tahun:
            r.error(g("tahun"), "tahun", f"dokumen berada di folder tahun {folder_tahun} tetapi tahun: {tahun}; samakan keduanya.")
        return tahun

    def _sop(self, written: str, instansi: str, node: YNode) -> str | None:
        """`slug` within the document's agency, or `instansi/slug`; must exist as a file (draft or not)."""
        agency, _, slug = written.rpartition("/")
        agency = agency or instansi
        if not (_SLUG.match(agency) and _SLUG.match(slug)):  # never a path: "../.github/workflows/pages"
            self.r.error(node, "sop", f"{quote(written)} bukan rujukan SOP; tulis nama berkas SOP tanpa .yml "
                         "(misalnya penyusunan-lkip) atau instansi/nama-sop.")  # fmt: skip
            return None
        if any((self.sops_dir / agency / f"{slug}{ext}").is_file() for ext in (".yml", ".yaml")):
            return f"{agency}/{slug}"
        folder = self.sops_dir / agency
        known = sorted(p.stem for p in [*folder.glob("*.yml"), *folder.glob("*.yaml")] if not p.name.startswith("_"))
        self.r.error(
            node, "sop",
            f"SOP {quote(written)} tidak ditemukan di sops/{agency}/{suggestion(slug, known)}; "
            f"SOP instansi ini: {join_choices(known) or '(belum ada)'}.",
        )  # fmt: skip
        return None

    def _sasaran(self, node: YNode | None, jenis: str | None, satu_tahun: bool) -> tuple[Sasaran, ...]:
        r = self.r
        seq = r.sequence(node, "sasaran", what="daftar sasaran (setiap butir diawali '- sasaran: ...')")
        result = []
        for n, item in enumerate(seq.items if seq else (), start=1):
            path = f"sasaran[{n}]"
            m = r.mapping(item, path, SASARAN_KEYS, required=("sasaran", "indikator"), what="pemetaan sasaran")
            if m is None:
                continue
            teks_sasaran = r.text(m.get("sasaran"), f"{path}.sasaran") or ""
            inds = r.sequence(m.get("indikator"), f"{path}.indikator", what="daftar indikator")
            indikator = []
            for k, ind in enumerate(inds.items if inds else (), start=1):
                got = self._indikator(ind, f"{path}.indikator[{k}]", f"{n}.{k}", jenis, satu_tahun)
                if got is not None:
                    indikator.append(got)
            result.append(Sasaran(n, teks_sasaran, tuple(indikator)))
        return tuple(result)

    def _indikator(self, node: YNode, path: str, nomor: str, jenis: str | None, satu_tahun: bool) -> Indikator | None:
        r = self.r
        m = r.mapping(node, path, INDIKATOR_KEYS, required=("indikator",), what="pemetaan indikator")
        if m is None:
            return None
        g = m.get
        arah = r.choice(g("arah"), f"{path}.arah", cp.ARAH, default="naik")
        label = JENIS.get(jenis or "", "dokumen ini")
        tgt_node, real_node = g("target"), g("realisasi")
        target = realisasi = None
        per_tahun: tuple[NilaiTahun, ...] = ()
        if isinstance(tgt_node, YMap) or isinstance(real_node, YMap):
            if satu_tahun:
                bad = tgt_node if isinstance(tgt_node, YMap) else real_node
                r.error(bad, f"{path}.{'target' if bad is tgt_node else 'realisasi'}",
                        f"nilai per tahun hanya untuk Renstra, Renja, IKU dan lainnya; {label} memuat satu nilai untuk tahunnya.")  # fmt: skip
            else:
                per_tahun = self._per_tahun(tgt_node, real_node, path, arah)
        else:
            target = _target(r, tgt_node, f"{path}.target")
            realisasi = _number(r, real_node, f"{path}.realisasi")
        if jenis == "perjanjian-kinerja" and real_node is not None:
            r.error(real_node, f"{path}.realisasi", "Perjanjian Kinerja hanya memuat target; catat realisasi di dokumen "
                    "Pengukuran Kinerja atau LKIP.")  # fmt: skip
        if jenis == "perjanjian-kinerja" and tgt_node is None:
            r.error(m, f"{path}.target", 'kunci "target" wajib diisi pada Perjanjian Kinerja.')
        if jenis == "pengukuran-kinerja":
            for key, value in (("target", tgt_node), ("realisasi", real_node)):
                if value is None or (isinstance(value, YScalar) and value.value is None):
                    r.error(m, f"{path}.{key}", f'kunci "{key}" wajib diisi pada Pengukuran Kinerja.')
        capaian = cp.hitung(target, realisasi, arah or "naik") if target is not None and realisasi is not None else None
        return Indikator(
            nomor=nomor,
            indikator=r.text(g("indikator"), f"{path}.indikator") or "",
            satuan=r.text(g("satuan"), f"{path}.satuan"),
            arah=arah or "naik",
            target=target,
            realisasi=realisasi,
            capaian=capaian,
            per_tahun=per_tahun,
            keterangan=r.text(g("keterangan"), f"{path}.keterangan"),
            line=node.pos.line,
        )

    def _per_tahun(self, tgt_node, real_node, path: str, arah) -> tuple[NilaiTahun, ...]:
        r = self.r
        targets: dict[int, object] = {}
        reals: dict[int, object] = {}
        for key, node, read, store in (("target", tgt_node, _target, targets), ("realisasi", real_node, _number, reals)):
            if node is None:
                continue
            if isinstance(node, YMap):
                store.update(_per_tahun(r, node, f"{path}.{key}", read))
            else:
                r.error(node, f"{path}.{key}", f"ditemukan {describe(node)}; bila {'realisasi' if key == 'target' else 'target'} "
                        "ditulis per tahun, tulis juga yang ini per tahun, misalnya {2025: 70, 2026: 72}.")  # fmt: skip
        rows = []
        for year in sorted(set(targets) | set(reals)):
            t, real = targets.get(year), reals.get(year)
            cap = cp.hitung(t, real, arah or "naik") if t is not None and real is not None else None  # type: ignore[arg-type]
            rows.append(NilaiTahun(year, t, real, cap))  # type: ignore[arg-type]
        return tuple(rows)

    def _program(self, node: YNode | None) -> tuple[Program, ...]:
        r = self.r
        seq = r.sequence(node, "program", what="daftar program (setiap butir diawali '- program: ...')")
        result = []
        for n, item in enumerate(seq.items if seq else (), start=1):
            path = f"program[{n}]"
            m = r.mapping(item, path, PROGRAM_KEYS, required=("program",), what="pemetaan program")
            if m is None:
                continue
            anggaran_node = m.get("anggaran")
            anggaran = None
            if isinstance(anggaran_node, YScalar) and isinstance(anggaran_node.value, float) and _RIBUAN.match(anggaran_node.raw):
                r.error(anggaran_node, f"{path}.anggaran", f"{quote(anggaran_node.raw)} terbaca sebagai angka desimal; tulis anggaran "
                        f"tanpa titik ribuan, misalnya {anggaran_node.raw.replace('.', '')}.")  # fmt: skip
            else:
                anggaran = _number(r, anggaran_node, f"{path}.anggaran")
            result.append(Program(r.text(m.get("program"), f"{path}.program") or "", anggaran, r.text(m.get("keterangan"), f"{path}.keterangan")))
        return tuple(result)

    def _berkas(self, node: YNode | None, path: str) -> Berkas | None:
        written = self.r.text(node, path)
        if written is None:
            return None
        if "://" in written:
            self.r.error(node, path, f"{quote(written)} adalah alamat di situs lain; simpan berkasnya di folder dokumen "
                         "(misalnya berkas/lkip-2024.pdf) agar portal tidak bergantung pada situs lain.")  # fmt: skip
            return None
        base = self.docs_dir if written.startswith("/") else (self.docs_dir / self.src_uri).parent
        target = (base / written.lstrip("/")).resolve()
        docs = self.docs_dir.resolve()
        if docs not in target.parents:
            self.r.error(node, path, f"berkas {quote(written)} berada di luar folder content/; simpan di dalamnya.")
            return None
        if not target.is_file():
            self.r.error(node, path, f"berkas {quote(written)} tidak ditemukan (dicari di {target.relative_to(docs.parent).as_posix()}).")
            return None
        problem = paths.attachment_problem(target)
        if problem:
            self.r.error(node, path, f"berkas {quote(written)}: {problem}")
            return None
        return Berkas(target.relative_to(docs).as_posix(), target.name, paths.label(target), target.stat().st_size)

    def _berkas_list(self, node: YNode | None, path: str) -> tuple[Berkas, ...]:
        if isinstance(node, YSeq):
            found = [self._berkas(item, f"{path}[{n}]") for n, item in enumerate(node.items, start=1)]
        else:
            found = [self._berkas(node, path)]
        return tuple(b for b in found if b is not None)

    def _lampiran(self, node: YNode | None) -> tuple[Lampiran, ...]:
        r = self.r
        seq = r.sequence(node, "lampiran", what="daftar lampiran (teks, atau {judul, berkas})")
        result = []
        for n, item in enumerate(seq.items if seq else (), start=1):
            path = f"lampiran[{n}]"
            if isinstance(item, YScalar):
                judul = r.text(item, path)
                if judul:
                    result.append(Lampiran(judul))
                continue
            m = r.mapping(item, path, LAMPIRAN_KEYS, required=("judul",), what="teks atau pemetaan {judul, berkas}")
            if m is None:
                continue
            berkas = self._berkas(m.get("berkas"), f"{path}.berkas") if m.get("berkas") is not None else None
            result.append(Lampiran(r.text(m.get("judul"), f"{path}.judul") or "", berkas))
        return tuple(result)



def load_dokumen_file(path: Path, docs_dir: Path, sops_dir: Path, root: Path) -> tuple[Dokumen | None, list[ContentError]]:
    """Read and check one document file."""
    sink = ErrorSink(relative_path(path, root))
    src_uri = path.resolve().relative_to(docs_dir.resolve()).as_posix()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        sink.add(Pos(1, 1), "", f"berkas bukan teks UTF-8 (byte ke-{exc.start}); simpan ulang sebagai UTF-8.")
        return None, sink.errors
    front, body = split_front_matter(text.replace("\r\n", "\n"))
    if front is None:
        sink.add(Pos(1, 1), "", "dokumen kinerja harus diawali front matter: baris '---', data dokumen (jenis, instansi, "
                 "tahun, …), lalu baris '---'.")  # fmt: skip
        return None, sink.errors
    # One leading newline makes the YAML's line numbers those of the .md file (front matter starts on line 2).
    node = parse("\n" + front, sink)
    if node is None:
        if not sink.errors:
            sink.add(Pos(2, 1), "", "front matter kosong; isi sedikitnya jenis, instansi dan tahun.")
        return None, sink.errors
    dokumen = _DocReader(path, src_uri, docs_dir, sops_dir, sink).read(node, body)
    return dokumen, sink.errors


def load_dokumen(docs_dir: Path, sops_dir: Path, root: Path | None = None) -> HasilDokumen:
    """Load every performance document under `docs_dir`/kinerja; never raises for content mistakes."""
    root = root or docs_dir.parent
    folder = docs_dir / "kinerja"
    dokumen: list[Dokumen] = []
    errors: list[ContentError] = []
    # Everything MkDocs would copy from content/: no link out of the repository, and beside the
    # documents only attachments of an allowed type (paths.py). Checked here, before the build copies.
    link_errors, refused = paths.check_tree(docs_dir, root)
    errors += link_errors + ([] if docs_dir in refused else paths.check_attachments(folder, root, refused))
    if folder.is_dir() and not refused & {folder, docs_dir}:
        for path in sorted(folder.rglob("*.md")):
            src_uri = path.relative_to(docs_dir).as_posix()
            if any(part.startswith(".") for part in path.parts) or path in refused or paths.outside(path, root):
                continue
            if path.name == "index.md" and src_uri != "kinerja/index.md":
                # Not a document, and outside the nav the plugin builds: MkDocs' English warning otherwise.
                errors.append(ContentError(
                    relative_path(path, root), 1, 1, "",
                    "index.md di dalam folder instansi/tahun bukan dokumen kinerja dan tidak punya tempat di portal; "
                    "beri nama dokumennya (misalnya lkip-2024.md, dengan front matter jenis/instansi/tahun), atau "
                    "tulis pengantar daftar dokumen di content/kinerja/index.md.",
                ))  # fmt: skip
                continue
            if not is_document(src_uri):
                continue
            doc, doc_errors = load_dokumen_file(path, docs_dir, sops_dir, root)
            errors.extend(doc_errors)
            if doc is not None:
                dokumen.append(doc)
    dokumen.sort(key=lambda d: (-d.tahun, d.instansi, list(JENIS).index(d.jenis), d.src_uri))
    return HasilDokumen(tuple(dokumen), tuple(sorted(errors)))
