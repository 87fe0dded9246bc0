"""The standalone SVG of an SOP's flowchart(s), `/sop/<instansi>/<slug>.svg` (ARCHITECTURE.md, "URLs").

Drawn from the same `layout.layout()` as the table on the page, so the picture
and the page never disagree. Beside the lanes it repeats the No and Kegiatan
columns (wrapped text), which makes the image readable on its own, e.g. pasted
into a report. One chart per `sub_prosedur`, stacked, each under its title.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from html import escape

from ..format.model import NAMA_SIMBOL, Langkah, Prosedur, Sop
from ..shared.drawtext import number, wrap
from .layout import ARROW, Layout, Routing, SymbolBox, layout, stretched

NO_W = 36.0
KEGIATAN_W = 230.0
HEAD_H = 40.0
TITLE_H = 30.0
FONT = "Helvetica, Arial, sans-serif"
LINE_H = 13.0
CHARS = 38  # Kegiatan characters per line at 11 px in KEGIATAN_W


# A chart's SVG writes about a thousand numbers, mostly the same few thousand coordinates and sizes
# across a portal: remembered, one costs a lookup instead of a round and a format. Bounded, so a
# 10,000-SOP build cannot grow it without end; the layout's numbers are floats and ints, which
# format the same when they compare equal (5 and 5.0), so sharing an entry is safe.
@lru_cache(maxsize=1 << 14)
def _n(v: float) -> str:
    return number(v)


def _wrap(text: str, width: int) -> list[str]:
    return wrap(text, width) or [""]


def _text(x: float, y: float, lines: list[str], size: float, anchor: str = "start", weight: str = "") -> str:
    w = f' font-weight="{weight}"' if weight else ""
    nx, dy = _n(x), _n(size * 1.2)  # the same for every line but the first (dy 0)
    spans = "".join(
        f'<tspan x="{nx}" dy="{"0" if i == 0 else dy}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text x="{nx}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}"{w}>{spans}</text>'


def _shape(sym: SymbolBox, dx: float, dy: float) -> str:
    b = sym.box
    x0, y0, x1, y1 = b.x0 + dx, b.y0 + dy, b.x1 + dx, b.y1 + dy
    if sym.kind == "ketupat":
        c, cy = sym.cap, (y0 + y1) / 2
        pts = [(x0, cy), (x0 + c, y0), (x1 - c, y0), (x1, cy), (x1 - c, y1), (x0 + c, y1)]
        return '<polygon class="s" points="' + " ".join(f"{_n(x)},{_n(y)}" for x, y in pts) + '"/>'
    rx = f' rx="{_n(b.h / 2)}"' if sym.kind == "kapsul" else ""
    return f'<rect class="s" x="{_n(x0)}" y="{_n(y0)}" width="{_n(b.w)}" height="{_n(b.h)}"{rx}/>'


def _arrow(x: float, y: float, direction: str) -> str:
    h = 3.5
    pts = {
        "bawah": [(x, y), (x - h, y - ARROW), (x + h, y - ARROW)],
        "atas": [(x, y), (x - h, y + ARROW), (x + h, y + ARROW)],
        "kanan": [(x, y), (x - ARROW, y - h), (x - ARROW, y + h)],
        "kiri": [(x, y), (x + ARROW, y - h), (x + ARROW, y + h)],
    }[direction]
    return '<polygon class="a" points="' + " ".join(f"{_n(a)},{_n(b)}" for a, b in pts) + '"/>'


def _lane_names(lay: Layout) -> list[list[str]]:
    """Each lane's name wrapped whole to its column (a word longer than the column keeps its line)."""
    return [_wrap(lane.name, max(6, int(lane.width / 6.5))) for lane in lay.lanes]


def _langkah(step: Langkah) -> str:
    """`data-langkah`: the row's printed number, or its id when it has none."""
    return step.nomor_tampil or step.id or step.anchor


def _chart(prosedur: Prosedur, top: float, routing: Routing | None = None, base: Layout | None = None) -> tuple[str, float, float]:
    """One chart's SVG elements from y=top; returns (markup, width, height). `base`: its unbroken layout, if made."""
    base = base or layout(prosedur, 0, routing)  # one unbroken chart: no page breaks in a picture
    lines = [_wrap(s.kegiatan, CHARS) for s in prosedur.langkah]
    extra = [max(0.0, len(ls) * LINE_H + 12 - row.height) for ls, row in zip(lines, base.rows)]
    lay: Layout = stretched(base, extra)
    names = _lane_names(lay)
    head_h = max(HEAD_H, max((len(n) for n in names), default=1) * 12.0 + 16)
    ox = NO_W + KEGIATAN_W  # lanes start here
    oy = top + (TITLE_H if prosedur.judul else 0) + head_h
    width = ox + lay.width
    out: list[str] = []
    if prosedur.judul:
        out.append(_text(0, top + 18, [prosedur.judul], 14, weight="bold"))
    head_top = oy - head_h
    out.append(f'<rect class="k" x="0" y="{_n(head_top)}" width="{_n(width)}" height="{_n(head_h)}"/>')
    for lane in lay.lanes:
        out.append(
            f'<rect class="l" data-lajur="{escape(lane.name)}" x="{_n(ox + lane.x0)}" y="{_n(head_top)}"'
            f' width="{_n(lane.width)}" height="{_n(head_h + lay.height)}"/>'
        )
    out.append(_text(NO_W / 2, head_top + head_h / 2 + 4, ["No"], 11, "middle", "bold"))
    out.append(_text(NO_W + KEGIATAN_W / 2, head_top + head_h / 2 + 4, ["Kegiatan"], 11, "middle", "bold"))
    for lane, name in zip(lay.lanes, names):
        first = head_top + head_h / 2 + 4 - (len(name) - 1) * 6
        out.append(_text(ox + lane.centre, first, name, 10, "middle", "bold"))
    # Grid.
    xs = [0.0, NO_W, ox] + [ox + lane.x0 + lane.width for lane in lay.lanes]
    for x in xs:
        out.append(f'<line class="g" x1="{_n(x)}" y1="{_n(head_top)}" x2="{_n(x)}" y2="{_n(oy + lay.height)}"/>')
    out.append(f'<line class="g" x1="0" y1="{_n(head_top)}" x2="{_n(width)}" y2="{_n(head_top)}"/>')
    for row, step, ls in zip(lay.rows, prosedur.langkah, lines):
        y = oy + row.top
        out.append(f'<line class="g" x1="0" y1="{_n(y)}" x2="{_n(width)}" y2="{_n(y)}"/>')
        out.append(_text(NO_W / 2, y + 16, [step.nomor_tampil], 11, "middle"))
        out.append(_text(NO_W + 6, y + 16, ls, 11))
    out.append(f'<line class="g" x1="0" y1="{_n(oy + lay.height)}" x2="{_n(width)}" y2="{_n(oy + lay.height)}"/>')
    # Drawing.
    for c in lay.connectors:
        pts = " ".join(f"{_n(ox + x)},{_n(oy + y)}" for x, y in c.points)
        out.append(f'<polyline class="c" points="{pts}"/>')
        end = c.points[-1]
        out.append(_arrow(ox + end[0], oy + end[1], c.end_direction))
    for j in lay.joins:
        out.append(f'<line class="j" x1="{_n(ox + j.x0)}" y1="{_n(oy + j.y)}" x2="{_n(ox + j.x1)}" y2="{_n(oy + j.y)}"/>')
    for sym in lay.symbols:
        step = prosedur.langkah[sym.row]
        lanes = "|".join(prosedur.pelaksana[i] for i in sym.lanes)
        teks = ""
        if sym.teks:
            b = sym.box
            room = b.w - (sym.cap if sym.kind == "ketupat" else 8)
            wrapped = _wrap(sym.teks, max(4, int(room / 5)))[:2]
            y = oy + b.cy + (3 if len(wrapped) == 1 else -2.5)
            teks = _text(ox + b.cx, y, wrapped, 9, "middle")
        out.append(
            f'<g data-langkah="{escape(_langkah(step))}" data-pelaksana="{escape(lanes)}">'
            f"<title>{escape(NAMA_SIMBOL[sym.simbol])}</title>{_shape(sym, ox, oy)}{teks}</g>"
        )
    for lb in lay.labels:
        out.append(_text(ox + lb.box.x0 + 1, oy + lb.box.y0 + 10, [lb.text], 10, "start", "bold"))
    height = oy + lay.height - top
    return "".join(out), width, height


def sop_svg(sop: Sop, routings: Sequence[Routing] | None = None, unbroken: Sequence[Layout] | None = None) -> str:
    """The SVG document of all the SOP's flowcharts.

    `routings`: each chart's `layout.route()`, from the page view, which routes them anyway;
    `unbroken`: each chart's unbroken `layout()`, when the caller made it (the page plan needs it too).
    """
    parts: list[str] = []
    y = 0.0
    width = 0.0
    for n, prosedur in enumerate(sop.prosedur):
        markup, w, h = _chart(prosedur, y, routings[n] if routings else None, unbroken[n] if unbroken else None)
        parts.append(markup)
        width = max(width, w)
        y += h + 24
    title = sop.nama + (f" ({sop.nomor})" if sop.nomor else "")
    # The title whole, wrapped to the drawing's width (15 px bold: about 8.5 px a character).
    title_lines = _wrap(title, max(20, int(width / 8.5)))
    title_h = 34.0 + (len(title_lines) - 1) * 18
    total_h = math.ceil(y + title_h)
    total_w = math.ceil(width + 2)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{total_h}" viewBox="-1 0 {total_w} {total_h}"'
        f' role="img" aria-labelledby="judul" font-family="{FONT}">'
        f'<title id="judul">Bagan alir SOP {escape(title)}</title>'
        "<style>.g{stroke:#999;stroke-width:1}.k{fill:#eee}.l{fill:none;stroke:none}.s{fill:#fff;stroke:#000;stroke-width:1.5}"
        ".c{fill:none;stroke:#000;stroke-width:1.5}.j{stroke:#000;stroke-width:1.5;stroke-dasharray:5 4}.a{fill:#000}"
        "text{fill:#000}</style>"
        f'<rect x="-1" y="0" width="{total_w}" height="{total_h}" fill="#fff"/>'
        + _text(0, 20, title_lines, 15, weight="bold")
        + f'<g transform="translate(0 {_n(title_h)})">'
        + "".join(parts)
        + "</g></svg>\n"
    )
