"""The flowchart drawn inside the procedure table: each lane cell draws its own piece.

`render_cells(prosedur, rows_per_page)` lays the chart out (`layout.py`) and
cuts the drawing along the table's cells: per step row, one HTML fragment per
lane. Why pieces and not one picture over the table: the browser decides row
heights (the Kegiatan text wraps differently at every width, zoom and font), so
a picture laid over the table drifts out of line. A piece positioned inside its
own cell cannot drift: horizontal positions are offsets from the cell's centre
(`calc(50% ± n px)`), vertical ones offsets from the row's top, or from its
bottom for the off-page connectors at a page's end, and a line that leaves a
cell runs to the cell's edge (`-1px`), where the neighbouring cell's piece takes
over. No JavaScript draws anything.

Lines are CSS borders, not backgrounds, so they print even when the browser's
"background graphics" option is off. Connector pieces carry `data-edge`, the
first piece of a connector `data-awal` (the shape it leaves) and its arrowhead
`data-akhir` (the shape it enters), shapes `data-step`: the browser tests measure the
drawing from these.

Off-page connectors belong to paper: on screen a line crosses the page break
unbroken; in print it ends in a labelled pentagon at the bottom of one page and
resumes from its twin at the top of the next (`.sop-cetak-saja` /
`.sop-layar-saja`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import Any

from ..format.model import NAMA_SIMBOL, Langkah, Prosedur
from ..shared.drawtext import number
from .geometry import row_finder
from .layout import (
    ARROW,
    Box,
    Connector,
    Join,
    Layout,
    OffPage,
    Routing,
    Row,
    SymbolBox,
    layout,
)

LINE = 1.5  # connector width (px)


@dataclass(frozen=True)
class Cells:
    rows: list[list[str]]  # per step row, the HTML of each lane cell
    extra: dict[str, list[Any]] = field(default_factory=dict)  # lane widths, row heights, page ends (see render_cells)


# Called ~500 times a chart, with a few hundred values across a whole portal: remembered (bounded;
# floats and ints that compare equal format the same, so sharing an entry is safe).
@lru_cache(maxsize=1 << 12)
def _n(v: float) -> str:
    """A compact CSS number: a tenth of a pixel is finer than any screen or printer shows."""
    return number(v, 1)


@lru_cache(maxsize=1 << 12)  # mostly the same few keys and lane names, again and again
def _escape(text: str) -> str:
    return escape(text)


def _plain(v: float) -> float | int:
    """A number for a template: 50 rather than 50.0 when whole."""
    v = round(v, 2)
    return int(v) if v == int(v) else v


def _x(offset: float) -> str:
    """Horizontal position as an offset from the cell's centre."""
    if abs(offset) < 0.005:
        return "50%"
    return f"calc(50% {'+' if offset > 0 else '-'} {_n(abs(offset))}px)"


def _right(offset: float) -> str:
    """`right:` value putting an element's right edge at `offset` from the cell's centre."""
    return _x(-offset)


class _Cell:
    """The pieces of one lane cell in one row."""

    __slots__ = ("centre", "parts", "row")  # one per lane per row of every chart

    def __init__(self, row: Row, centre: float) -> None:
        self.row = row
        self.centre = centre
        self.parts: list[str] = []

    def y(self, absolute: float) -> float:
        return absolute - self.row.top

    def anchored(self, y0: float, height: float) -> str:
        """`top:` or `bottom:` for an element spanning [y0, y0+height] (absolute): bottom-anchored below stretch_at."""
        dy = self.y(y0)
        if dy > self.row.stretch_at + 1e-6:
            return f"bottom:{_n(self.row.height - dy - height)}px"
        return f"top:{_n(dy)}px"

    def vertical(self, x: float, y0: float | None, y1: float | None, attrs: str, cls: str = "") -> None:
        """A vertical line at x from y0 to y1 (absolute); None runs to the cell's edge."""
        # Most vertical pieces run through whole rows: the stylesheet's defaults (top and bottom at the
        # cell's edges, left from --x) keep them short; only a piece that ends in this row says where.
        r = self.row
        style = f"--x:{_n(x - self.centre - LINE / 2)}px"
        if y0 is not None:
            dy = self.y(y0)
            style += f";top:{_n(dy)}px" if dy <= r.stretch_at + 1e-6 else f";top:calc(100% - {_n(r.height - dy)}px)"
        if y1 is not None:
            dy = self.y(y1)
            style += f";bottom:calc(100% - {_n(dy)}px)" if dy <= r.stretch_at + 1e-6 else f";bottom:{_n(r.height - dy)}px"
        self.parts.append(f'<i class="sop-g sop-g--v{cls}" style="{style}"{attrs}></i>')

    def horizontal(self, y: float, x0: float | None, x1: float | None, attrs: str, cls: str = "") -> None:
        left = "-1px" if x0 is None else _x(x0 - self.centre - LINE / 2)
        right = "-1px" if x1 is None else _right(x1 - self.centre + LINE / 2)
        self.parts.append(
            f'<i class="sop-g sop-g--h{cls}" style="left:{left};right:{right};{self.anchored(y - LINE / 2, LINE)}"{attrs}></i>'
        )

    def arrow(self, x: float, y: float, direction: str, attrs: str, cls: str = "") -> None:
        """An arrowhead whose tip is at (x, y), pointing `direction`."""
        half = 3.5
        left: float
        top: float
        h: float
        if direction == "bawah":
            left, top, _w, h = x - half, y - ARROW, 2 * half, ARROW
        elif direction == "atas":
            left, top, _w, h = x - half, y, 2 * half, ARROW
        elif direction == "kanan":
            left, top, _w, h = x - ARROW, y - half, ARROW, 2 * half
        else:
            left, top, _w, h = x, y - half, ARROW, 2 * half
        self.parts.append(
            f'<i class="sop-panah sop-panah--{direction}{cls}" style="left:{_x(left - self.centre)};'
            f'{self.anchored(top, h)}"{attrs}></i>'
        )


def _symbol_svg(sym: SymbolBox) -> str:
    w, h = sym.box.w, sym.box.h
    if sym.kind == "ketupat":
        c = sym.cap
        pts = f"{_n(0.75)},{_n(h / 2)} {_n(c)},0.75 {_n(w - c)},0.75 {_n(w - 0.75)},{_n(h / 2)} {_n(w - c)},{_n(h - 0.75)} {_n(c)},{_n(h - 0.75)}"
        if abs(c - w / 2) < 0.01:
            pts = f"0.75,{_n(h / 2)} {_n(w / 2)},0.75 {_n(w - 0.75)},{_n(h / 2)} {_n(w / 2)},{_n(h - 0.75)}"
        return f'<polygon points="{pts}"/>'
    rx = f' rx="{_n(h / 2 - 0.75)}"' if sym.kind == "kapsul" else ""
    return f'<rect x="0.75" y="0.75" width="{_n(w - 1.5)}" height="{_n(h - 1.5)}"{rx}/>'


def _symbol_attrs(sym: SymbolBox) -> str:
    cap = f' data-cap="{_n(sym.cap)}"' if sym.kind == "ketupat" else ""
    return f' data-step="{_escape(sym.key)}" data-simbol="{sym.kind}"{cap}'


def _draw_symbol(cell: _Cell, sym: SymbolBox, lane: int) -> None:
    b = sym.box
    pos = cell.anchored(b.y0, b.h)
    attrs = _symbol_attrs(sym)
    if sym.first_lane == sym.last_lane:
        cell.parts.append(
            f'<svg class="sop-simbol" style="left:{_x(b.x0 - cell.centre)};{pos}" width="{_n(b.w)}" height="{_n(b.h)}"'
            f' viewBox="0 0 {_n(b.w)} {_n(b.h)}"{attrs}>{_symbol_svg(sym)}</svg>'
        )
        return
    # A joint step: one long symbol across its lanes, each cell drawing its stretch.
    first, last = lane == sym.first_lane, lane == sym.last_lane
    inset = sym.cap if sym.kind == "ketupat" else 0.0
    left = _x(b.x0 + inset - cell.centre) if first else "-1px"
    right = _right(b.x1 - inset - cell.centre) if last else "-1px"
    cls = "sop-simbol-j sop-simbol-j--" + sym.kind + (" sop-simbol-j--awal" if first else "") + (" sop-simbol-j--akhir" if last else "")
    cell.parts.append(f'<i class="{cls}" style="left:{left};right:{right};{pos};height:{_n(b.h)}px"{attrs}></i>')
    if sym.kind == "ketupat" and (first or last):
        c, h = sym.cap, b.h
        if first:
            x = b.x0
            shape = f'<polygon points="{_n(c)},0 0,{_n(h / 2)} {_n(c)},{_n(h)}"/><polyline points="{_n(c)},0.75 0.75,{_n(h / 2)} {_n(c)},{_n(h - 0.75)}"/>'
        else:
            x = b.x1 - c
            shape = f'<polygon points="0,0 {_n(c)},{_n(h / 2)} 0,{_n(h)}"/><polyline points="0,0.75 {_n(c - 0.75)},{_n(h / 2)} 0,{_n(h - 0.75)}"/>'
        cell.parts.append(
            f'<svg class="sop-simbol sop-simbol--ujung" style="left:{_x(x - cell.centre)};{pos}" width="{_n(c)}" height="{_n(h)}"'
            f' viewBox="0 0 {_n(c)} {_n(h)}"{attrs}>{shape}</svg>'
        )


def _teks(cell: _Cell, sym: SymbolBox) -> None:
    b = sym.box
    pad = sym.cap * 0.45 if sym.kind == "ketupat" else (b.h / 4 if sym.kind == "kapsul" else 3)
    cell.parts.append(
        f'<span class="sop-teks" style="left:{_x(b.x0 + pad - cell.centre)};{cell.anchored(b.y0, b.h)};'
        f'width:{_n(b.w - 2 * pad)}px;height:{_n(b.h)}px">{escape(sym.teks or "")}</span>'
    )


def _pentagon(cell: _Cell, box: Box, label: str, downward: bool, where: str) -> None:
    w, h = box.w, box.h
    if downward:
        pts = f"0.75,0.75 {_n(w - 0.75)},0.75 {_n(w - 0.75)},{_n(h * 0.6)} {_n(w / 2)},{_n(h - 0.75)} 0.75,{_n(h * 0.6)}"
    else:
        pts = f"{_n(w / 2)},0.75 {_n(w - 0.75)},{_n(h * 0.4)} {_n(w - 0.75)},{_n(h - 0.75)} 0.75,{_n(h - 0.75)} 0.75,{_n(h * 0.4)}"
    cell.parts.append(
        f'<span class="sop-halaman sop-cetak-saja sop-halaman--{"turun" if downward else "naik"}" data-penghubung="{_escape(label)}"'
        f' data-letak="{where}" style="left:{_x(box.x0 - cell.centre)};{cell.anchored(box.y0, h)};width:{_n(w)}px;height:{_n(h)}px">'
        f'<svg width="{_n(w)}" height="{_n(h)}" viewBox="0 0 {_n(w)} {_n(h)}"><polygon points="{pts}"/></svg>'
        f'<b>{_escape(label)}</b></span>'
    )


def _lane_at(lay: Layout, x: float) -> int:
    for lane in lay.lanes:
        if x < lane.x0 + lane.width:
            return lane.index
    return lay.lanes[-1].index


def _cut(lo: float, hi: float, gaps: list[tuple[float, float]]) -> list[tuple[float, float, bool]]:
    """Split [lo, hi] into pieces, each flagged True when it lies in a print gap (screen only)."""
    if not gaps:  # most lines cross no page break: one piece (none when it has no length)
        return [(lo, hi, False)] if lo != hi else []
    points = {lo, hi}
    for a, b in gaps:
        for v in (a, b):
            if lo < v < hi:
                points.add(v)
    edges = sorted(points)
    out = []
    for a, b in zip(edges, edges[1:]):
        mid = (a + b) / 2
        out.append((a, b, any(g0 <= mid <= g1 for g0, g1 in gaps)))
    return out


def _shape_keys(lay: Layout) -> dict[str, str]:
    """Each item's shape key (what `Layout.symbol(item).key` answers), looked up once per chart."""
    keys: dict[str, str] = {}
    for s in lay.symbols:
        keys.setdefault(s.key, s.key)
        for item in s.items:
            keys.setdefault(item, s.key)
    return keys


def _draw_vertical(
    cells: list[list[_Cell]], lay: Layout, a: tuple[float, float], b: tuple[float, float], gaps: list[tuple[float, float]],
    attrs: str, first_attr: str,
) -> None:  # fmt: skip
    """A vertical segment, cut along the rows it passes (and the print gaps of its track)."""
    x = a[0]
    lane = _lane_at(lay, x)
    lo, hi = sorted((a[1], b[1]))
    start_y = a[1]
    for row in lay.rows:
        r0, r1 = row.top, row.top + row.height
        if hi <= r0:
            break  # rows go down the chart: none further on reaches the segment
        if lo >= r1:
            continue
        p0, p1 = max(lo, r0), min(hi, r1)
        for q0, q1, screen_only in _cut(p0, p1, gaps):
            here = first_attr if (q0 <= start_y <= q1) else ""
            cells[row.index][lane].vertical(
                x,
                None if q0 <= r0 else q0,
                None if q1 >= r1 else q1,
                attrs + here,
                " sop-layar-saja" if screen_only else "",
            )


def _draw_connector(
    cells: list[list[_Cell]], lay: Layout, c: Connector, offpages: list[OffPage], shape_key: dict[str, str],
    row_of: Callable[[float], int],
) -> None:  # fmt: skip
    rows = lay.rows
    attrs = f' data-edge="{c.id}"'
    # Where the paper breaks this connector: a gap from each outgoing pentagon to the page's end,
    # and from the next page's top to the incoming pentagon.
    gaps: dict[float, list[tuple[float, float]]] = {}
    for o in offpages:
        last, first = rows[o.break_row - 1], rows[o.break_row]
        gaps.setdefault(round(o.x, 2), []).extend(
            [(o.out.y0, last.top + last.height), (first.top, o.into.y1)]
        )
    for i, (a, b) in enumerate(c.segments):
        first_attr = f' data-awal="{_escape(shape_key[c.source])}" data-arah="{c.exit_side}"' if i == 0 else ""
        if a[0] == b[0]:
            _draw_vertical(cells, lay, a, b, gaps.get(round(a[0], 2), []) if gaps else [], attrs, first_attr)
        else:
            y = a[1]
            row_index = row_of(y)
            lo, hi = sorted((a[0], b[0]))
            for column in lay.lanes:
                l0, l1 = column.x0, column.x0 + column.width
                if hi <= l0 or lo >= l1:
                    continue
                here = first_attr if l0 <= a[0] < l1 else ""
                cells[row_index][column.index].horizontal(y, lo if lo >= l0 else None, hi if hi <= l1 else None, attrs + here)
    end = c.points[-1]
    target_row = row_of(end[1] - 0.01 if c.end_direction == "bawah" else end[1])
    cells[target_row][_lane_at(lay, end[0])].arrow(
        end[0], end[1], c.end_direction, attrs + f' data-akhir="{_escape(shape_key[c.target])}"'
    )


def _draw_join(cells: list[list[_Cell]], lay: Layout, j: Join) -> None:
    """A joint activity's dashed line, cut along the lane cells it passes."""
    attrs = f' data-sambung="{_escape(j.source)} {_escape(j.target)}"'
    for lane in lay.lanes:
        l0, l1 = lane.x0, lane.x0 + lane.width
        if j.x1 <= l0 or j.x0 >= l1:
            continue
        cells[j.row][lane.index].horizontal(j.y, j.x0 if j.x0 >= l0 else None, j.x1 if j.x1 <= l1 else None, attrs, " sop-g--putus")


def _said(step: Langkah, lane_name: str) -> str:
    """The text equivalent of what a lane cell draws (the drawing itself is aria-hidden)."""
    out = ""
    for item in step.items:
        if item.pelaksana != lane_name:
            continue
        out += f'<span class="sop-sr" role="img" aria-label="{NAMA_SIMBOL[item.simbol]}"></span>'
        if item.teks:
            out += f'<span class="sop-sr">{escape(item.teks)}</span>'
    return out


def _draw_offpage(cells: list[list[_Cell]], lay: Layout, o: OffPage) -> None:
    """The pentagon pair where a connector crosses a page break, and the arrow that ends at one."""
    lane = _lane_at(lay, o.x)
    out_cell, in_cell = cells[o.break_row - 1][lane], cells[o.break_row][lane]
    _pentagon(out_cell, o.out, o.label, o.downward, "keluar")
    _pentagon(in_cell, o.into, o.label, o.downward, "masuk")
    # Into the outgoing pentagon (forward) or the incoming one (back edge).
    if o.downward:
        out_cell.arrow(o.x, o.out.y0, "bawah", f' data-edge="{o.connector}"', " sop-cetak-saja")
    else:
        in_cell.arrow(o.x, o.into.y1, "atas", f' data-edge="{o.connector}"', " sop-cetak-saja")


def _html_rows(prosedur: Prosedur, lay: Layout, cells: list[list[_Cell]]) -> list[list[str]]:
    """Each row's lane cells as HTML: the symbol's text equivalent, then the aria-hidden drawing."""
    steps = prosedur.langkah
    html_rows = []
    for row, row_cells in zip(lay.rows, cells):
        step = steps[row.index]
        html_cells = []
        for lane, cell in enumerate(row_cells):
            said = _said(step, prosedur.pelaksana[lane])

            drawing = f'<div class="sop-gambar" aria-hidden="true">{"".join(cell.parts)}</div>' if cell.parts else ""
            if row.index == 0:  # in-flow content, so a narrow screen cannot squeeze the lane below the drawing
                drawing = f'<div class="sop-lebar" style="width:{_n(lay.lanes[lane].width)}px"></div>' + drawing
            html_cells.append(said + drawing)
        html_rows.append(html_cells)
    return html_rows


def render_cells(
    prosedur: Prosedur,
    rows_per_page: int = 0,
    routing: Routing | None = None,
    *,
    breaks: Sequence[int] | None = None,
    laid: Layout | None = None,
) -> Cells:
    """The lane cells of the procedure table, and the sizes the table needs.

    `extra`: ``lebar`` (px width of each lane column), ``tinggi`` (minimum px height of each
    row) and ``akhir_halaman`` (row indices after which a printed page ends); strings and
    numbers only, so a drawing can come from another process (`drawing.py`).
    `routing`: the chart's `layout.route()`, when the caller also draws it elsewhere (the SVG).
    `breaks`: the rows that start a printed page (`paging.plan`), instead of `rows_per_page`.
    `laid`: the chart's layout with exactly those breaks, when the caller has it (a chart that prints
    on one page is laid out the same as the unbroken one `drawing.draw` makes for the SVG).
    """
    lay = laid or layout(prosedur, rows_per_page, routing, breaks=breaks)
    centres = [lane.centre for lane in lay.lanes]
    cells = [[_Cell(row, centre) for centre in centres] for row in lay.rows]
    by_connector: dict[str, list[OffPage]] = {}
    for o in lay.offpages:
        by_connector.setdefault(o.connector, []).append(o)
    for sym in lay.symbols:
        for lane in range(sym.first_lane, sym.last_lane + 1):
            _draw_symbol(cells[sym.row][lane], sym, lane)
        if sym.teks:
            middle = lay.lanes[_lane_at(lay, sym.box.cx)]
            _teks(cells[sym.row][middle.index], sym)
    shape_key = _shape_keys(lay)
    row_of = row_finder(lay.rows)
    for c in lay.connectors:
        _draw_connector(cells, lay, c, by_connector.get(c.id, []), shape_key, row_of)
    for j in lay.joins:
        _draw_join(cells, lay, j)
    for lb in lay.labels:
        cell = cells[lb.row][_lane_at(lay, lb.box.x0)]
        cell.parts.append(
            f'<span class="sop-label" style="left:{_x(lb.box.x0 - cell.centre)};{cell.anchored(lb.box.y0, lb.box.h)}"'
            f' data-edge="{lb.connector}">{_escape(lb.text)}</span>'
        )
    for o in lay.offpages:
        _draw_offpage(cells, lay, o)

    html_rows = _html_rows(prosedur, lay, cells)
    page_ends = {b - 1 for b in lay.breaks}
    return Cells(
        html_rows,
        {
            "lebar": [round(lane.width) for lane in lay.lanes],
            "tinggi": [_plain(row.height) for row in lay.rows],
            "akhir_halaman": [row.index in page_ends for row in lay.rows],
        },
    )
