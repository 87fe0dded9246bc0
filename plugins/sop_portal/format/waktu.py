"""Waktu (the Mutu Baku time column): parsing one step's text and summing a whole SOP.

On the paper form ``waktu`` is free text, so this module only claims to understand a
small, predictable grammar and refuses everything else (see ARCHITECTURE.md, "File format"):

* an amount: a number with a decimal comma or dot (``15``, ``0,5``, ``1.5``), or a
  product ``1 x 24`` (also ``1x24``, ``2 X 24``), which is how agencies write "24 jam";
* a unit after each amount, with or without a space (``3Jam``), in any case: menit/mnt/min,
  jam/jm, hari/hr, hari kerja/HK, minggu, bulan, semester, tahun (see :func:`known_unit`);
* several parts in one text: ``1 jam 30 menit``, ``4 hr 3Jam 35 Menit`` (seed 002's form);
* a range ``a - b``: hyphen, en dash, em dash, ``s.d.``, ``s/d``, ``sampai (dengan)``,
  ``hingga``. A bare lower bound takes the unit of the upper one (``1 – 20 Hari Kerja``);
* a bare number or range (``15``, ``5-10``) uses the SOP's ``satuan_waktu`` (default menit).

Anything else (``Sebelum periode revisi bulan berjalan``, ``Semesteran``) gives ``None``:
the page shows it as written and the total leaves it out with a note. ``-`` and empty
text mean "no time given" and are skipped silently.

Jumlah waktu sums per unit, never across units, because most conversions are not
well defined on these forms: a hari is not 24 working jam, a hari kerja is not a hari,
a bulan is not 4 minggu. The one safe conversion is 60 menit = 1 jam, so minutes roll
up into whole hours and nothing else moves (30 jam stays "30 jam"; 0,5 jam is never
turned into 30 menit). Ranges sum their lower and upper bounds separately.
Seed 002 (eight steps) must total exactly "4 hari 3 jam 35 menit", as its paper form says.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import floor

UNITS: tuple[str, ...] = ("tahun", "semester", "bulan", "minggu", "hari kerja", "hari", "jam", "menit")

# Spellings seen on real forms (BPS corpus, pemda scans), keyed after normalisation.
_ALIAS: dict[str, str] = {
    "tahun": "tahun", "thn": "tahun", "th": "tahun",
    "semester": "semester", "smt": "semester",
    "bulan": "bulan", "bln": "bulan",
    "minggu": "minggu", "mgg": "minggu", "pekan": "minggu",
    "hari kerja": "hari kerja", "hr kerja": "hari kerja", "hk": "hari kerja",
    "hari": "hari", "hr": "hari", "hari kalender": "hari",
    "jam": "jam", "jm": "jam",
    "menit": "menit", "mnt": "menit", "min": "menit",
}

# One token at a time. Longer spellings come first ("hari kerja" before "hari"), and a unit
# must not run on into a letter, so "Semesteran" or "minggu" never match "semester"/"min".
_TOKEN = re.compile(
    r"""\s*(?:
      (?P<num>\d+(?:[.,]\d+)?)
    | (?P<unit>(?:hari|hr)(?:\.\s*|\s+)(?:kerja|kalender)|hk|menit|mnt|min|jam|jm|hari|hr
              |minggu|mgg|pekan|bulan|bln|semester|smt|tahun|thn|th)(?![a-z])\.?
    | (?P<sep>-|s\s*\.\s*d\s*\.?|s\s*/\s*d|sd(?![a-z])|sampai(?:\s+dengan)?(?![a-z])|hingga(?![a-z]))
    | (?P<kali>x(?![a-z]))
    )""",
    re.VERBOSE,
)
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                         "\u2014": "-", "\u2212": "-", "\u00d7": "x"})

# Only used to reject a reversed range such as "10-5 menit" or "1 hari - 20 jam"; these rough
# factors (in minutes) never reach a total.
_KIRA_MENIT = {"menit": 1, "jam": 60, "hari": 1440, "hari kerja": 1440, "minggu": 7 * 1440,
               "bulan": 30 * 1440, "semester": 180 * 1440, "tahun": 360 * 1440}


def known_unit(s: str) -> str | None:
    """Normalise a unit word ("Mnt", "Hari Kerja", "hr", "jam") to a UNITS name, else None."""
    if not isinstance(s, str):
        return None
    kunci = " ".join(s.lower().replace(".", " ").split())
    return _ALIAS.get(kunci)


@dataclass(frozen=True)
class Durasi:
    """A parsed waktu: per unit a (min, max) amount. Amounts are fractions.Fraction."""

    bagian: tuple[tuple[str, Fraction, Fraction], ...]  # (unit, min, max), UNITS order, no zeros

    def __post_init__(self) -> None:
        # Other modules build Durasi too; a malformed one would print nonsense totals.
        urutan = [UNITS.index(u) for u, _, _ in self.bagian if u in UNITS]
        if len(urutan) != len(self.bagian) or urutan != sorted(set(urutan)):
            raise ValueError(f"bagian Durasi tidak valid: {self.bagian!r}")
        if any(lo < 0 or hi < 0 or (lo == 0 and hi == 0) for _, lo, hi in self.bagian):
            raise ValueError(f"jumlah dalam Durasi tidak valid: {self.bagian!r}")

    @property
    def is_range(self) -> bool:
        return any(lo != hi for _, lo, hi in self.bagian)

    @property
    def minimum(self) -> Durasi:
        return _durasi({u: lo for u, lo, _ in self.bagian})

    @property
    def maximum(self) -> Durasi:
        return _durasi({u: hi for u, _, hi in self.bagian})

    def in_minutes(self) -> tuple[Fraction, Fraction] | None:
        """(min, max) in minutes, only where exact: a Durasi made of jam and menit alone."""
        if any(u not in ("jam", "menit") for u, _, _ in self.bagian):
            return None
        f = {"jam": 60, "menit": 1}
        return (sum((lo * f[u] for u, lo, _ in self.bagian), Fraction(0)),
                sum((hi * f[u] for u, _, hi in self.bagian), Fraction(0)))

    def __str__(self) -> str:
        return format_durasi(self)


def _durasi(lo: Mapping[str, Fraction | int], hi: Mapping[str, Fraction | int] | None = None) -> Durasi:
    hi = lo if hi is None else hi
    return Durasi(tuple((u, _fraction(lo.get(u, 0)), _fraction(hi.get(u, 0)))
                        for u in UNITS if lo.get(u, 0) or hi.get(u, 0)))


def _exact(amount: Fraction) -> Fraction | int:
    # Whole amounts (most of them) are summed as ints, far faster than Fractions and just as exact;
    # _durasi turns every sum back into a Fraction.
    return amount.numerator if amount.denominator == 1 else amount


def _fraction(amount: Fraction | int) -> Fraction:
    # Fractions are immutable: one is kept as it is instead of copied (Fraction(Fraction) is slow).
    return amount if type(amount) is Fraction else Fraction(amount)


def _tokens(teks: str) -> list[tuple[str, str]] | None:
    hasil, pos = [], 0
    teks = teks.rstrip(" .")  # a full stop closing the cell is not part of the value
    while pos < len(teks):
        m = _TOKEN.match(teks, pos)
        if m is None or m.end() == pos:
            return None
        jenis = m.lastgroup
        assert jenis is not None
        hasil.append((jenis, m.group(jenis)))
        pos = m.end()
    return hasil


def _side(tokens: list[tuple[str, str]]) -> tuple[dict[str, Fraction], list[str], bool] | None:
    """One side of a range: ({unit: amount}, units in written order, first amount is a product).

    A bare amount comes back under the key "" and must be the whole side.
    """
    nilai: dict[str, Fraction] = {}
    urutan: list[str] = []
    kali_pertama = False
    i = 0
    while i < len(tokens):
        if tokens[i][0] != "num":
            return None
        jumlah = Fraction(tokens[i][1].replace(",", "."))
        i += 1
        if i + 1 < len(tokens) and tokens[i][0] == "kali" and tokens[i + 1][0] == "num":
            jumlah *= Fraction(tokens[i + 1][1].replace(",", "."))
            kali_pertama = kali_pertama or not urutan
            i += 2
        if i < len(tokens) and tokens[i][0] == "unit":
            unit = known_unit(tokens[i][1])
            i += 1
        elif i == len(tokens) and not urutan:
            unit = ""  # bare: "15", or the "5" of "5-10 menit"
        else:
            return None
        if unit is None or unit in nilai:
            return None  # "1 jam 2 jam" is a typo, not a sum
        nilai[unit] = jumlah
        urutan.append(unit)
    return (nilai, urutan, kali_pertama) if urutan else None


# Cached: the same few dozen waktu texts recur across thousands of steps, and Durasi is frozen.
@functools.lru_cache(maxsize=4096)
def parse_waktu(teks: str | None, default_unit: str = "menit") -> Durasi | None:
    """Parse one step's waktu; None when the text is not understood (or empty / '-')."""
    bawaan = known_unit(default_unit)
    if bawaan is None:
        raise ValueError(f"satuan waktu tidak dikenal: {default_unit!r}")
    if teks is None or _is_blank(teks):
        return None
    tokens = _tokens(str(teks).lower().translate(_DASHES).strip())
    if not tokens:
        return None
    batas = [i for i, (jenis, _) in enumerate(tokens) if jenis == "sep"]
    if not batas:
        sisi = _side(tokens)
        if sisi is None:
            return None
        return _durasi({(u or bawaan): v for u, v in sisi[0].items()})
    if len(batas) > 1:
        return None
    return _range(tokens[: batas[0]], tokens[batas[0] + 1:], bawaan)


def _range(left: list[tuple[str, str]], right: list[tuple[str, str]], bawaan: str) -> Durasi | None:
    """A range "lo - hi": the two sides' units reconciled; None where the text leaves them open."""
    kiri, kanan = _side(left), _side(right)
    if kiri is None or kanan is None:
        return None
    lo, hi = kiri[0], kanan[0]
    if "" in hi:
        if "" not in lo:
            return None  # "5 menit - 10": which unit is 10? Better say so than guess.
        lo, hi = {bawaan: lo[""]}, {bawaan: hi[""]}
    elif "" in lo:
        if kanan[2]:
            return None  # "1-2 x 24 jam" could mean 1 jam or 24 jam; refuse to guess
        lo = {kanan[1][0]: lo[""]}  # "1 – 20 Hari Kerja": the lower bound shares the unit
    if _magnitude(lo) > _magnitude(hi):
        return None
    return _durasi(lo, hi)


def _magnitude(nilai: Mapping[str, Fraction]) -> Fraction:
    return sum((v * _KIRA_MENIT[u] for u, v in nilai.items()), Fraction(0))


def uncounted(teks: str | None) -> bool:
    """Whether `jumlah_waktu` leaves this one text out (`tidak_dihitung`): not empty, not '-', not understood.

    The same rule as `jumlah_waktu([teks]).tidak_dihitung`, without summing anything: asked once per step.
    """
    return teks is not None and not _is_blank(teks) and parse_waktu(teks) is None


def _is_blank(teks: object) -> bool:
    """Empty or a dash: the form's way of saying "no time given" (not worth a note)."""
    return str(teks).translate(_DASHES).strip(" \t\r\n\u00a0-") == ""


def _number_text(x: Fraction) -> str:
    """15 -> "15", 1/2 -> "0,5", 1/3 -> "0,33": decimal comma, at most two decimals."""
    if x.denominator == 1:
        return str(x.numerator)
    seratus = floor(x * 100 + Fraction(1, 2))  # half-up, as people round by hand
    bulat, sisa = divmod(seratus, 100)
    return f"{bulat},{sisa:02d}".rstrip("0").rstrip(",")


@functools.lru_cache(maxsize=4096)  # the same few durations recur; Durasi is frozen
def format_durasi(d: Durasi) -> str:
    """"3 jam 35 menit", "0,5 hari", "1–3 hari kerja", "1 jam – 1 jam 30 menit"."""
    if not d.bagian:
        return "0 menit"
    if not d.is_range:
        return " ".join(f"{_number_text(lo)} {u}" for u, lo, _ in d.bagian)
    if len(d.bagian) == 1:
        u, lo, hi = d.bagian[0]
        return f"{_number_text(lo)}\u2013{_number_text(hi)} {u}"
    return f"{format_durasi(d.minimum)} \u2013 {format_durasi(d.maximum)}"


def _roll_up(nilai: Mapping[str, Fraction | int]) -> Durasi:
    """Roll whole hours out of the minutes; nothing else is convertible (see module doc)."""
    menit = nilai.get("menit", Fraction(0))
    if menit >= 60:
        jam = menit // 60
        nilai = {**nilai, "jam": nilai.get("jam", Fraction(0)) + jam, "menit": menit - 60 * jam}
    return _durasi(nilai)


@dataclass(frozen=True)
class JumlahWaktu:
    minimum: Durasi  # sum of the lower bounds
    maximum: Durasi  # sum of the upper bounds
    tidak_dihitung: tuple[str, ...]  # texts not understood (not empty ones, not '-')

    @property
    def teks(self) -> str:
        """"4 hari 3 jam 35 menit"; a range sum "1 jam 5 menit – 2 jam"; "" when nothing counted."""
        if not self.maximum.bagian:
            return ""
        if self.minimum == self.maximum:
            return format_durasi(self.minimum)
        return f"{format_durasi(self.minimum)} \u2013 {format_durasi(self.maximum)}"

    @property
    def catatan(self) -> str | None:
        """Indonesian note naming the steps left out of the total, or None."""
        if not self.tidak_dihitung:
            return None
        # The count is per step; the same text twice is quoted once.
        daftar = ", ".join(f'"{t}"' for t in dict.fromkeys(self.tidak_dihitung))
        return (f"Tidak termasuk {len(self.tidak_dihitung)} langkah yang waktunya "
                f"tidak dapat dihitung: {daftar}.")

    def __str__(self) -> str:
        return self.teks


def jumlah_waktu(teks_list: Iterable[str | None], default_unit: str = "menit") -> JumlahWaktu:
    """Sum the waktu of a list of steps (see the module docstring for the rules)."""
    lo: dict[str, Fraction | int] = {}
    hi: dict[str, Fraction | int] = {}
    gagal: list[str] = []
    for teks in teks_list:
        if teks is None or _is_blank(teks):
            continue
        d = parse_waktu(teks, default_unit)
        if d is None:
            gagal.append(" ".join(str(teks).split()))
            continue
        for u, a, b in d.bagian:
            lo[u] = lo[u] + _exact(a) if u in lo else _exact(a)
            hi[u] = hi[u] + _exact(b) if u in hi else _exact(b)
    return JumlahWaktu(_roll_up(lo), _roll_up(hi), tuple(gagal))
