"""Capaian kinerja (achievement) and predikat, as ARCHITECTURE.md, "Capaian and predikat" defines them. Pure functions.

* ``arah: naik`` (higher is better, the default): capaian = realisasi / target × 100.
* ``arah: turun`` (lower is better): capaian = (2 × target − realisasi) / target × 100,
  the pemda form; it equals PermenPAN-RB's (1 + (1 − realisasi/target)) × 100.
* A range target ``"80-90"``: the bound on the side the realisasi falls is the target
  (above the range → the upper bound, below it → the lower bound). A realisasi inside the
  range meets the target exactly: 100 %. The result is continuous at both bounds.
* Target 0 ("temuan 0"): no division. The indicator is *tercapai* when the realisasi is
  on the right side of 0 (0 itself, or more for ``naik``), *tidak tercapai* otherwise; it
  gets no percentage and therefore no predikat.

Arithmetic is exact (``Fraction``): inputs come from the text the author wrote, so
78.2 is 782/10 and never 78.2000000001. ``Capaian.nilai`` keeps the raw, uncapped
value (for open data and further computation); ``Capaian.teks`` is what a page shows,
rounded half-up to two decimals in Indonesian format ("104,27 %" has a comma). A
negative raw capaian (``turun`` with realisasi above twice the target) is shown as 0 %.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Literal

from ..shared import text

Arah = Literal["naik", "turun"]
ARAH: tuple[Arah, ...] = ("naik", "turun")
Number = int | float | Decimal | Fraction

# The Kab. Sampang 2019 scale (ARCHITECTURE.md, "Capaian and predikat"): lower bound (inclusive) → label, best first.
# Anything at or above the top bound (also > 100 %) gets the top label; anything below the
# lowest bound gets the lowest label.
SKALA_SAMPANG: tuple[tuple[Fraction, str], ...] = (
    (Fraction(91), "Sangat Baik"),
    (Fraction(76), "Baik"),
    (Fraction(66), "Cukup"),
    (Fraction(51), "Kurang"),
    (Fraction(0), "Sangat Kurang"),
)

_NUM = r"[-+]?\d+(?:[.,]\d+)?"
_RANGE = re.compile(rf"^\s*({_NUM})\s*(?:-|–|—|s\.?\s?d\.?|sampai(?: dengan)?)\s*({_NUM})\s*$", re.IGNORECASE)
_SINGLE = re.compile(rf"^\s*({_NUM})\s*$")


def exact(value: Number | str) -> Fraction:
    """An exact Fraction of a number or of number text ("78,2", "78.2"); floats via their repr."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise TypeError("boolean is not a number")
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    if isinstance(value, str):
        return Fraction(Decimal(value.strip().replace(",", ".")))
    return Fraction(value)


@dataclass(frozen=True)
class Target:
    """A target: one value (bawah == atas) or a range bawah–atas."""

    bawah: Fraction
    atas: Fraction

    @property
    def rentang(self) -> bool:
        return self.bawah != self.atas

    @property
    def teks(self) -> str:
        if self.rentang:
            return f"{angka(self.bawah)}–{angka(self.atas)}"
        return angka(self.bawah)

    def __str__(self) -> str:
        return self.teks


def target(value: Number | str | Target) -> Target:
    """A Target from a number, a number text or a range text ("80-90", "7 s.d. 8", "80,5 – 90")."""
    if isinstance(value, Target):
        return value
    if isinstance(value, str):
        match = _RANGE.match(value)
        if match:
            low, high = exact(match.group(1)), exact(match.group(2))
            if low > high:
                raise ValueError(f"batas bawah {angka(low)} lebih besar dari batas atas {angka(high)}")
            return Target(low, high)
        if not _SINGLE.match(value):
            raise ValueError(f"{value!r} bukan angka atau rentang")
    number = exact(value)
    return Target(number, number)


def parse_range(written: str) -> Target | None:
    """The Target written as a range text, or None when the text is not a range."""
    match = _RANGE.match(written)
    if not match:
        return None
    return target(written)


@dataclass(frozen=True)
class Capaian:
    """The achievement of one indicator against its target."""

    nilai: Fraction | None  # raw percentage, uncapped; None for a target of 0
    tercapai: bool  # realisasi meets the target (capaian >= 100, or the target-0 rule)
    acuan: Fraction | None  # the target value the percentage was computed against (range bound)

    @property
    def tampil(self) -> Decimal | None:
        """The displayed percentage: half-up to two decimals, never below 0."""
        if self.nilai is None:
            return None
        shown = max(self.nilai, Fraction(0))
        return (Decimal(shown.numerator) / Decimal(shown.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def teks(self) -> str:
        if self.nilai is None:
            return "Tercapai" if self.tercapai else "Tidak tercapai"
        return f"{text.angka(self.tampil)}%"

    @property
    def mentah(self) -> float | None:
        """The raw value as a float, for machine-readable data."""
        return None if self.nilai is None else float(self.nilai)


def hitung(tgt: Target | Number | str, realisasi: Number | str, arah: Arah = "naik") -> Capaian:
    """Capaian (%) of `realisasi` against `tgt`, per ARCHITECTURE.md, "Capaian and predikat"."""
    tgt = target(tgt)
    real = exact(realisasi)
    if arah not in ARAH:
        raise ValueError(f"arah {arah!r} tidak dikenal")
    if tgt.bawah <= real <= tgt.atas and tgt.rentang:
        # Inside a range target: met exactly (continuous with both formulas at the bounds).
        return Capaian(Fraction(100), True, real)
    acuan = tgt.atas if real > tgt.atas else tgt.bawah
    if acuan == 0:
        tercapai = real == 0 or (arah == "naik" and real > 0)
        return Capaian(None, tercapai, acuan)
    if arah == "naik":
        nilai = real / acuan * 100
    else:
        nilai = (2 * acuan - real) / acuan * 100
    return Capaian(nilai, nilai >= 100, acuan)


def skala_predikat(levels: Iterable[Mapping[str, object]]) -> tuple[tuple[Fraction, str], ...]:
    """Check a configured scale (list of {min, label}) and return it best first.

    Raises ValueError with an Indonesian message for a bad scale (used by the config option).
    """
    result: list[tuple[Fraction, str]] = []
    for n, level in enumerate(levels, start=1):
        if not isinstance(level, Mapping) or set(level) != {"min", "label"}:
            raise ValueError(f"tingkat ke-{n} harus berupa {{min: angka, label: teks}}, ditemukan {level!r}")
        low, label = level["min"], level["label"]
        if isinstance(low, bool) or not isinstance(low, (int, float)):
            raise ValueError(f"tingkat ke-{n}: min harus angka, ditemukan {low!r}")
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"tingkat ke-{n}: label harus teks, ditemukan {label!r}")
        result.append((exact(low), label.strip()))
    if not result:
        raise ValueError("skala predikat kosong; tulis sedikitnya satu tingkat {min, label}")
    bounds = [low for low, _ in result]
    if len(set(bounds)) != len(bounds):
        raise ValueError("dua tingkat predikat memakai min yang sama")
    return tuple(sorted(result, key=lambda level: level[0], reverse=True))


def predikat(capaian: Capaian | None, skala: tuple[tuple[Fraction, str], ...] = SKALA_SAMPANG) -> str | None:
    """The predikat label of a capaian: the first level whose lower bound it reaches.

    Judged on the raw value (not the rounded one), so 90.996 % is still "Baik" under a
    91 bound. None when there is no percentage (no realisasi, or a target of 0).
    """
    if capaian is None or capaian.nilai is None:
        return None
    for low, label in skala:
        if capaian.nilai >= low:
            return label
    return skala[-1][1]


def predikat_rendah(skala: tuple[tuple[Fraction, str], ...] = SKALA_SAMPANG) -> tuple[str, ...]:
    """The lower half of a scale, worst last ("Kurang", "Sangat Kurang" by default): the predikat
    a page may mark with the warning colour."""
    labels = [label for _, label in skala]
    return tuple(labels[(len(labels) + 1) // 2 :])


def rendah(capaian: Capaian | None, skala: tuple[tuple[Fraction, str], ...] = SKALA_SAMPANG) -> bool:
    """Whether a capaian gets the warning colour. The colour follows the predikat printed beside it,
    never contradicting it: 95 % of target is "Sangat Baik", not orange. Without a predikat (a
    target of 0), it follows tercapai."""
    if capaian is None:
        return False
    label = predikat(capaian, skala)
    if label is None:
        return not capaian.tercapai
    return label in predikat_rendah(skala)


def angka(value: Fraction | Decimal | int | float | None) -> str:
    """An exact number in Indonesian format, as many decimals as it has (up to 4)."""
    if value is None:
        return "-"
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return text.angka(value, 4)
