"""Build-time SVG charts of performance documents (no JavaScript, no chart library).

Two charts, each one inline ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that
say in words what the bars show; the HTML table beside every chart stays the accessible,
searchable data (Pagefind never indexes SVG text).

* `grafik_capaian`: target against realisasi per indicator (Pengukuran Kinerja, LKIP).
  Indicators have different units (indeks, kejadian, %), so each indicator gets its own
  scale: its two bars are drawn against the larger of its target and realisasi, and both
  values are printed. Comparing bar lengths *between* indicators would mean nothing.
* `grafik_tren`: one indicator over several years (agency page): realisasi as bars, the
  target as a mark across each year's slot.

Colours are presentation attributes (a fallback); the stylesheet overrides them through
the class names so the dark scheme and print work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from html import escape

from ..shared.drawtext import number, wrap
from .capaian import Capaian, Target, angka

FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\""
WARNA_TARGET = "#c5cae9"
WARNA_REALISASI = "#3949ab"
WARNA_KURANG = "#c43e00"
WARNA_TEKS = "#212121"


@dataclass(frozen=True)
class Batang:
    """One indicator in the target/realisasi chart."""

    label: str  # "1.1 Indeks wawasan kebangsaan"
    target: Target | None
    realisasi: Fraction | None
    capaian: Capaian | None


@dataclass(frozen=True)
class Titik:
    """One year of a trend."""

    tahun: int
    target: Target | None
    realisasi: Fraction | None


def _f(value: float) -> str:
    return number(value, 1)


def _wrap(text: str, width: int, lines: int) -> list[str]:
    return wrap(text, width, lines)


def _svg(width: int, height: int, ident: str, title: str, desc: str, body: list[str], css_class: str) -> str:
    return (
        f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{ident}-judul {ident}-isi" {FONT}>'
        f'<title id="{ident}-judul">{escape(title)}</title><desc id="{ident}-isi">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def grafik_capaian(
    batang: Sequence[Batang],
    ident: str = "grafik-capaian",
    judul: str = "Target dan realisasi",
    *,
    rendah: Callable[[Capaian | None], bool] | None = None,
    predikat_rendah: Sequence[str] = (),
) -> str:
    """Horizontal bars, two per indicator (target, realisasi), each indicator on its own scale.

    320 units wide with 12-unit text: drawn at its own width (sop-kinerja.css), or narrower on a
    phone's 328 px column, its text stays at 12 CSS px or more. A realisasi bar is orange when
    `rendah` says so (capaian.rendah: a low predikat), so the colour never contradicts the predikat
    printed beside it; without `rendah`, when it missed its target.
    """
    width, left, right_gap = 320, 70, 100
    bar_len = width - left - right_gap
    body: list[str] = []
    y = 4
    low = rendah or (lambda c: c is not None and not c.tercapai)
    low_words = "Realisasi berpredikat " + " atau ".join(predikat_rendah) if predikat_rendah else "Realisasi di bawah target"
    # Legend: words first, colour repeats them (two rows: the third entry is long).
    body.append(f'<rect class="kin-grafik__target" x="8" y="{y + 1}" width="12" height="11" fill="{WARNA_TARGET}"/>')
    body.append(f'<text class="kin-grafik__teks" x="24" y="{y + 11}" font-size="12" fill="{WARNA_TEKS}">Target</text>')
    body.append(f'<rect class="kin-grafik__realisasi" x="86" y="{y + 1}" width="12" height="11" fill="{WARNA_REALISASI}"/>')
    body.append(f'<text class="kin-grafik__teks" x="102" y="{y + 11}" font-size="12" fill="{WARNA_TEKS}">Realisasi</text>')
    y += 18
    body.append(f'<rect class="kin-grafik__realisasi kin-grafik__realisasi--kurang" x="8" y="{y + 1}" width="12" height="11" fill="{WARNA_KURANG}"/>')
    body.append(f'<text class="kin-grafik__teks" x="24" y="{y + 11}" font-size="12" fill="{WARNA_TEKS}">{escape(low_words)}</text>')
    y += 24
    sentences = []
    for item in batang:
        for line in _wrap(item.label, 40, 2):
            y += 16
            body.append(f'<text class="kin-grafik__teks kin-grafik__label" x="8" y="{y}" font-size="13" font-weight="600" fill="{WARNA_TEKS}">{escape(line)}</text>')
        y += 7
        values = [v for v in (item.target.atas if item.target else None, item.realisasi) if v is not None]
        top = max([v for v in values if v > 0], default=Fraction(0))

        def length(value: Fraction | None, top: Fraction = top) -> float:
            if value is None or top <= 0 or value <= 0:
                return 0.0
            return float(value / top) * bar_len

        # Target bar (a range shows its lower bound as a tick).
        body.append(f'<text class="kin-grafik__teks" x="8" y="{y + 10}" font-size="12" fill="{WARNA_TEKS}">Target</text>')
        t_len = length(item.target.atas if item.target else None)
        body.append(f'<rect class="kin-grafik__target" x="{left}" y="{y}" width="{_f(t_len)}" height="12" fill="{WARNA_TARGET}"/>')
        if item.target and item.target.rentang:
            x = left + length(item.target.bawah)
            body.append(f'<line class="kin-grafik__garis" x1="{_f(x)}" x2="{_f(x)}" y1="{y - 2}" y2="{y + 14}" stroke="{WARNA_REALISASI}" stroke-width="1.5"/>')
        t_text = item.target.teks if item.target else "-"
        body.append(f'<text class="kin-grafik__teks" x="{_f(left + t_len + 4)}" y="{y + 10}" font-size="12" fill="{WARNA_TEKS}">{escape(t_text)}</text>')
        y += 17
        # Realisasi bar, orange when its predikat is low.
        below = low(item.capaian)
        r_len = length(item.realisasi)
        body.append(f'<text class="kin-grafik__teks" x="8" y="{y + 10}" font-size="12" fill="{WARNA_TEKS}">Realisasi</text>')
        cls = "kin-grafik__realisasi" + (" kin-grafik__realisasi--kurang" if below else "")
        body.append(f'<rect class="{cls}" x="{left}" y="{y}" width="{_f(r_len)}" height="12" fill="{WARNA_KURANG if below else WARNA_REALISASI}"/>')
        r_text = angka(item.realisasi) if item.realisasi is not None else "-"
        if item.capaian is not None:
            r_text += f" ({item.capaian.teks})"
        body.append(f'<text class="kin-grafik__teks" x="{_f(left + r_len + 4)}" y="{y + 10}" font-size="12" fill="{WARNA_TEKS}">{escape(r_text)}</text>')
        y += 24
        sentences.append(
            f"{item.label}: target {t_text}, realisasi {angka(item.realisasi) if item.realisasi is not None else 'belum ada'}"
            + (f", capaian {item.capaian.teks}" if item.capaian else "")
            + "."
        )
    return _svg(width, y + 2, ident, judul, " ".join(sentences), body, "kin-grafik kin-grafik--capaian")


def grafik_tren(titik: Sequence[Titik], ident: str, judul: str) -> str:
    """Small multi-year chart: realisasi bars, target marks, values and years written out."""
    width, height = 260, 150
    left, right, top_y, base_y = 8, 8, 34, 124
    slot = (width - left - right) / max(len(titik), 1)
    values = [v for p in titik for v in (p.realisasi, p.target.atas if p.target else None) if v is not None and v > 0]
    top = max(values, default=Fraction(0))

    def y_of(value: Fraction) -> float:
        if top <= 0 or value <= 0:
            return float(base_y)
        return base_y - float(value / top) * (base_y - top_y)

    body = [
        f'<rect class="kin-grafik__realisasi" x="{left}" y="6" width="10" height="10" fill="{WARNA_REALISASI}"/>',
        f'<text class="kin-grafik__teks" x="{left + 14}" y="15" font-size="12" fill="{WARNA_TEKS}">Realisasi</text>',
        f'<line class="kin-grafik__garis" x1="{left + 80}" x2="{left + 96}" y1="11" y2="11" stroke="{WARNA_TEKS}" stroke-width="2" stroke-dasharray="4 2"/>',
        f'<text class="kin-grafik__teks" x="{left + 100}" y="15" font-size="12" fill="{WARNA_TEKS}">Target</text>',
        f'<line class="kin-grafik__sumbu" x1="{left}" x2="{width - right}" y1="{base_y}" y2="{base_y}" stroke="{WARNA_TEKS}" stroke-width="1"/>',
    ]
    sentences = []
    for n, point in enumerate(titik):
        x0 = left + n * slot
        centre = x0 + slot / 2
        bar_w = min(slot * 0.5, 36)
        if point.realisasi is not None:
            y = y_of(point.realisasi)
            body.append(
                f'<rect class="kin-grafik__realisasi" x="{_f(centre - bar_w / 2)}" y="{_f(y)}" width="{_f(bar_w)}" '
                f'height="{_f(base_y - y)}" fill="{WARNA_REALISASI}"/>'
            )
            # The value sits above its bar, unless the target mark runs there: then inside the bar (white).
            label_y, inside = y - 4, False
            marks = [y_of(v) for v in ((point.target.bawah, point.target.atas) if point.target else ())]
            if any(label_y - 12 <= m <= label_y + 3 for m in marks):
                if base_y - y >= 18:
                    label_y, inside = y + 13, True
                else:
                    label_y = min(marks) - 4
            cls = "kin-grafik__teks kin-grafik__teks--dalam" if inside else "kin-grafik__teks"
            body.append(
                f'<text class="{cls}" x="{_f(centre)}" y="{_f(label_y)}" font-size="12" text-anchor="middle" '
                f'fill="{"#ffffff" if inside else WARNA_TEKS}">{escape(angka(point.realisasi))}</text>'
            )
        if point.target is not None:
            for value in {point.target.bawah, point.target.atas}:
                ty = y_of(value)
                body.append(
                    f'<line class="kin-grafik__garis" x1="{_f(centre - slot * 0.4)}" x2="{_f(centre + slot * 0.4)}" '
                    f'y1="{_f(ty)}" y2="{_f(ty)}" stroke="{WARNA_TEKS}" stroke-width="2" stroke-dasharray="4 2"/>'
                )
        body.append(
            f'<text class="kin-grafik__teks" x="{_f(centre)}" y="{base_y + 16}" font-size="12" text-anchor="middle" '
            f'fill="{WARNA_TEKS}">{point.tahun}</text>'
        )
        sentences.append(
            f"{point.tahun}: target {point.target.teks if point.target else '-'}, "
            f"realisasi {angka(point.realisasi) if point.realisasi is not None else '-'}."
        )
    return _svg(width, height, ident, judul, " ".join(sentences), body, "kin-grafik kin-grafik--tren")
