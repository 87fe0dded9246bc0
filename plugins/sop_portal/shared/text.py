"""Indonesian presentation of dates and numbers, shared by every renderer and template."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def tanggal(value: dt.date | str | None, kosong: str = "-") -> str:
    """'2017-12-26' -> '26 Desember 2017'; None -> '-' (as the paper form prints it)."""
    if value is None or value == "":
        return kosong
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def angka(value: float | Decimal | None, desimal: int = 2) -> str:
    """Indonesian number format: 1.234.567,5 (thousands dot, decimal comma, no trailing zeros)."""
    if value is None:
        return "-"
    text = f"{value:,.{desimal}f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    whole = whole.replace(",", ".")
    return f"{whole},{frac}" if frac else whole


def rupiah(value: float | Decimal | Fraction | None) -> str:
    return "-" if value is None else f"Rp {angka(round(value), 0)}"


def ukuran_berkas(size: int) -> str:
    """Human file size in Indonesian: '1,2 MB'."""
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor:
            return f"{angka(size / factor, 1)} {unit}"
    return f"{size} B"
