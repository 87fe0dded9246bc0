"""Printed pages of a procedure table, planned before the browser sees them (ARCHITECTURE.md, "Screen, phone and paper").

The browser must never break a page where the layout did not plan one: the off-page connectors
are drawn at the planned breaks, so an unplanned break leaves a line running into the margin.
So the pages are planned here, from the paper's printable area and each row's estimated height
at the print column widths, and each planned page is printed as one block (`<tbody>` with
`break-inside: avoid`) that starts a new sheet.

What makes the estimate hold: the print stylesheet (`sop-bagan.css`, `@media print`) fixes
every metric this module assumes (`table-layout: fixed`, the column widths computed here, font
size, line height, padding), and the text estimate is deliberately generous (a wide average
glyph, greedy word wrap, a line of slack). A row's drawing height comes from the layout itself
(stacked symbols, tracks, labels, off-page zones), so whatever the layout adds is planned for.

When the table is wider than the paper (many or wide lanes), the whole chart prints scaled
(`skala`); a row taller than a page gets a page of its own, scaled down until it fits
(`Page.skala`), with its off-page connectors paired at its top and bottom as usual.

Plain data in, plain data out; no MkDocs import. `plan()` returns a `Plan`; `layout()` then
takes its `breaks`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..format.model import Langkah, Prosedur, Sop
from .layout import OFFPAGE_ZONE, Layout, Routing, layout

MM = 96 / 25.4  # CSS px per millimetre
MARGIN_MM = 10  # @page margin (kertas.html)
# Landscape sheets, width x height in mm.
PAPERS = {"A4": (297.0, 210.0), "F4": (330.0, 215.0), "Letter": (279.4, 215.9)}

# Print metrics (sop-bagan.css, @media print): keep the two in step.
FONT = 10.0  # px (7.5pt) in table cells
LINE = 13.0  # px line height in table cells
PAD_X = 4.0  # px cell padding left/right (3pt)
PAD_Y = 2.7  # px cell padding top/bottom (2pt)
BORDER = 1.0
GLYPH = 0.56  # average glyph width in em, generous for sans-serif text (Arial/Liberation ~0.50)
GLYPH_BOLD = 0.62
NO_W = 26.0  # px: the No column
# Text columns: (weight, minimum px). Kegiatan carries the most text.
TEXT_COLUMNS = {"kegiatan": (3.0, 120.0), "kelengkapan": (2.0, 80.0), "waktu": (1.0, 52.0), "output": (1.6, 70.0),
                "keterangan": (1.6, 72.0)}
# Heights outside the rows on a chart's pages (px), generous.
JUDUL_H = 30.0  # the chart's heading (h2) above the table, on its first page
FAKTA_H = 44.0  # the summary line (Langkah · Pelaksana · Jumlah waktu ...) above the first chart
SLACK = 10.0  # per page: rounding of borders and of the browser's row heights
MIN_SCALE = 0.5  # below this a too-tall row would no longer be legible


@dataclass(frozen=True)
class Paper:
    name: str
    width: float  # printable CSS px, landscape
    height: float


def paper(name: str) -> Paper:
    w, h = PAPERS[name]
    return Paper(name, (w - 2 * MARGIN_MM) * MM, (h - 2 * MARGIN_MM) * MM)


@dataclass(frozen=True)
class Page:
    start: int  # first row index
    stop: int  # one past the last row
    height: float  # estimated px (unscaled) of its rows
    skala: float = 1.0  # < 1: a single row taller than a page, printed scaled down


@dataclass(frozen=True)
class Plan:
    paper: str
    pages: tuple[Page, ...]
    skala: float  # the chart's print scale (1.0 when the table fits the paper's width)
    columns: tuple[tuple[str, float], ...]  # print width (px, before scaling) of each column, in table order
    row_heights: tuple[float, ...]  # estimated printed height of each row (px, unscaled, no off-page zones)

    @property
    def breaks(self) -> tuple[int, ...]:
        return tuple(p.start for p in self.pages[1:])

    @property
    def page_count(self) -> int:
        return len(self.pages)


# Every row of every chart measures its cells: the same step numbers, exits ("Lanjut ke langkah 000")
# and Mutu Baku values at the same few column widths, again and again. Bounded; strings and numbers only.
@lru_cache(maxsize=1 << 14)
def text_lines(text: str | None, width: float, *, bold: bool = False, font: float = FONT) -> int:
    """Lines `text` wraps to in a box `width` px wide (greedy, at spaces; a long word breaks anywhere)."""
    if not text:
        return 0
    glyph = (GLYPH_BOLD if bold else GLYPH) * font
    per_line = max(1, int(width / glyph))
    lines = 0
    for paragraph in str(text).splitlines() or [""]:
        n, used = 1, 0
        for word in paragraph.split():
            w = len(word)
            if used and used + 1 + w > per_line:
                n, used = n + 1, 0
            if w > per_line:  # overflow-wrap: anywhere
                extra, w = divmod(w, per_line)
                n += extra - (1 if w == 0 else 0)
                w = w or per_line
            used = used + (1 if used else 0) + w
        lines += n
    return lines


def _cell_height(lines: int, font: float = FONT) -> float:
    return lines * LINE * font / FONT + 2 * PAD_Y + BORDER


def _exits_length(step: Langkah, prosedur: Prosedur) -> list[str]:
    """Stand-ins, of the right length, for the exits the Keterangan column writes out (views.exits_text)."""
    if step.cabang:
        return [f"Jika {c.label} → langkah 000" for c in step.cabang]
    if step.simbol == "selesai":
        return ["Selesai"]
    by_key = prosedur.by_key
    return [
        "Lanjut ke langkah 000"
        for k in step.ke
        if k in by_key and (by_key[k].index != step.index + 1 or len(step.ke) > 1)
    ]


def _longest_word(texts: list[str | None]) -> int:
    # One split of all the texts joined by spaces: the same words as splitting each text.
    return max(map(len, " ".join(t for t in texts if t).split()), default=0)


def columns(prosedur: Prosedur, kolom: tuple[str, ...], lane_widths: list[float], page: Paper) -> tuple[list[tuple[str, float]], float]:
    """Print column widths (px) in table order, and the chart's scale so that they fill the paper's width.

    A text column is never narrower than its longest word, so no word breaks inside (a long word
    would otherwise break anywhere rather than run into the next column)."""
    names = ["kegiatan", *kolom, "keterangan"]
    fixed = NO_W + sum(lane_widths) + len(lane_widths) * BORDER
    floor = {n: TEXT_COLUMNS.get(n, (1.0, 60.0))[1] for n in names}
    for n in names:
        longest = _longest_word([getattr(s, n, None) for s in prosedur.langkah])
        floor[n] = max(floor[n], longest * GLYPH * FONT + 2 * PAD_X + 2)
    minimum = sum(floor.values())
    scale = min(1.0, page.width / (fixed + minimum + BORDER * len(names)))
    width = page.width / scale  # in the chart's own px
    room = width - fixed - BORDER * len(names)
    weights = {n: TEXT_COLUMNS.get(n, (1.0, 60.0))[0] for n in names}
    total = sum(weights.values())
    widths = dict(floor)
    spare = room - sum(widths.values())
    if spare > 0:
        for n in names:
            widths[n] += spare * weights[n] / total
    result = [("no", NO_W), ("kegiatan", widths["kegiatan"])]
    result += [(f"lajur-{i}", w) for i, w in enumerate(lane_widths)]
    result += [(n, widths[n]) for n in kolom]
    result.append(("keterangan", widths["keterangan"]))
    return result, scale


def _text_height(step: Langkah, prosedur: Prosedur, widths: dict[str, float], kolom: tuple[str, ...], zoom: float = 1.0) -> float:
    """The tallest text cell of a step's row at the given column widths; `zoom` scales the text only."""
    font = FONT * zoom
    inner = {n: widths[n] - 2 * PAD_X * zoom for n in ("no", "kegiatan", *kolom, "keterangan")}  # the text columns only
    cells = [
        text_lines(step.nomor_tampil, inner["no"], font=font),
        text_lines(step.kegiatan, inner["kegiatan"], font=font),
    ]
    for n in kolom:
        cells.append(text_lines(getattr(step, n, None), inner[n], font=font))
    ket = text_lines(step.keterangan, inner["keterangan"], font=font)
    ket += sum(text_lines(t, inner["keterangan"], font=font) for t in _exits_length(step, prosedur))
    cells.append(ket)
    return _cell_height(max(cells + [1]), font)  # in the page's px


def header_height(prosedur: Prosedur, widths: dict[str, float], kolom_labels: list[tuple[str, str]]) -> float:
    """The two header rows (repeated on every page): group titles, then lane names and Mutu Baku titles."""
    lanes = [text_lines(name, widths[f"lajur-{i}"] - 2 * PAD_X, bold=True) for i, name in enumerate(prosedur.pelaksana)]
    mutu = [text_lines(label, widths[n] - 2 * PAD_X, bold=True) for n, label in kolom_labels]
    second = max(lanes + mutu + [1])
    first = max(1, text_lines("Pelaksana", min(widths[f"lajur-{i}"] for i in range(len(prosedur.pelaksana))) * len(prosedur.pelaksana), bold=True))
    spanning = max(text_lines("Kegiatan", widths["kegiatan"] - 2 * PAD_X, bold=True), text_lines("Keterangan", widths["keterangan"] - 2 * PAD_X, bold=True))
    return max(_cell_height(first) + _cell_height(second), _cell_height(spanning))


def plan(
    prosedur: Prosedur,
    base_heights: list[float],
    lane_widths: list[float],
    page: Paper,
    *,
    kolom: tuple[str, ...] = ("kelengkapan", "waktu", "output"),
    labels: dict[str, str] | None = None,
    offpage_zone: float = 26.0,
    above: float = 0.0,
    trailer: float = 0.0,
    max_rows: int = 0,
) -> Plan:
    """Plan the printed pages of one chart.

    `base_heights`: each row's drawing height from the unbroken layout; `lane_widths`: its lanes;
    `above`: what prints above the chart on its first page (the summary line), in page px;
    `trailer`: what must print after the chart on its last page, in page px (the chart's heading
    and footer row are counted here); `max_rows` > 0: never more rows on a page (`rows_per_page`).
    """
    labels = labels or {}
    cols, scale = columns(prosedur, kolom, lane_widths, page)
    # The chart prints scaled by `scale`: everything below is in the chart's own px.
    first_extra = JUDUL_H + above / scale
    trailer = trailer / scale
    widths = dict(cols)
    steps = prosedur.langkah
    text_h = [_text_height(s, prosedur, widths, kolom) for s in steps]
    header = header_height(prosedur, widths, [(n, labels.get(n, n.capitalize())) for n in kolom])
    footer = _cell_height(max(1, text_lines(prosedur.jumlah_waktu.catatan, widths["keterangan"] - 2 * PAD_X)))
    capacity = page.height / scale - header - SLACK  # chart px per sheet

    def row_h(r: int, head: bool, foot: bool) -> float:
        drawn = base_heights[r] + (offpage_zone if head else 0.0) + (offpage_zone if foot else 0.0)
        return max(drawn, text_h[r])

    def page_h(start: int, stop: int, first: bool, last: bool) -> float:
        # Zones are conservative: any row that starts or ends a page may carry pentagons.
        total = sum(row_h(r, r == start and not first, r == stop - 1 and not last) for r in range(start, stop))
        return total + (first_extra if first else 0.0) + (footer + trailer if last else 0.0)

    n = len(steps)
    pages: list[list[int]] = []
    start = 0
    while start < n:
        stop = start + 1
        while stop < n and (max_rows <= 0 or stop - start < max_rows) and page_h(start, stop + 1, start == 0, stop + 1 == n) <= capacity:
            stop += 1
        pages.append([start, stop])
        start = stop
    # The last page must hold the footer and the trailer with its rows: move rows onto a
    # page of their own rather than leave the trailer alone on a nearly empty sheet.
    if pages and page_h(pages[-1][0], n, len(pages) == 1, True) > capacity and pages[-1][1] - pages[-1][0] > 1:
        a = pages[-1][0]
        split = n - 1
        while split > a + 1 and page_h(split - 1, n, False, True) <= capacity:
            split -= 1
        pages[-1][1] = split
        pages.append([split, n])

    result = []
    for i, (a, b) in enumerate(pages):
        first, last = i == 0, i == len(pages) - 1
        h = page_h(a, b, first, last)
        zoom = 1.0
        if h > capacity and b - a == 1:  # one row taller than a sheet: scale it until it fits
            zoom = _fit(steps[a], prosedur, widths, kolom, base_heights[a], capacity, h - row_h(a, not first, not last),
                        offpage_zone * ((not first) + (not last)))
        result.append(Page(a, b, round(h, 1), zoom))
    return Plan(page.name, tuple(result), round(scale, 4), tuple((k, round(v, 1)) for k, v in cols),
                tuple(round(h, 1) for h in text_h))


def _fit(step: Langkah, prosedur: Prosedur, widths: dict[str, float], kolom: tuple[str, ...], drawn: float,
         capacity: float, around: float, zones: float) -> float:
    zoom = 1.0
    while zoom > MIN_SCALE:
        zoom = round(zoom - 0.05, 2)
        text = _text_height(step, prosedur, widths, kolom, zoom)
        if max((drawn + zones) * zoom, text) + around <= capacity:
            break
    return max(zoom, MIN_SCALE)


def pages_of(plans: list[Plan]) -> int:
    """Printed sheets of a SOP's charts (each chart starts a sheet)."""
    return sum(p.page_count for p in plans)




@dataclass(frozen=True)
class Kertas:
    """How a portal prints its SOPs: the paper (plugin option `paper`) and an optional row cap (`rows_per_page`)."""

    paper: str = "A4"
    max_rows: int = 0


RIWAYAT_H = 34.0  # the printed "Riwayat revisi" heading and its margins
RIWAYAT_LINE = 15.0  # one line of a revision note (8pt)


def trailer_height(sop: Sop, page: Paper) -> float:
    """What prints after the last chart: the revision history (the only part of "Tautan, riwayat dan
    data" that paper keeps; sop-portal.css), so the last page leaves room for it."""
    if not sop.riwayat:
        return 0.0
    lines = sum(text_lines(f"{r.tanggal} {r.catatan}", page.width - 40, font=10.7) for r in sop.riwayat)
    return RIWAYAT_H + lines * RIWAYAT_LINE


def plan_sop(sop: Sop, routings: Sequence[Routing], kertas: Kertas, unbroken: Sequence[Layout] | None = None) -> tuple[Plan, ...]:
    """The printed pages of each of a SOP's charts: the first follows the summary line, the last
    carries the revision history. `unbroken`: each chart's `layout(prosedur, 0, routing)`, if made."""
    page = paper(kertas.paper)
    labels = dict(sop.label)
    plans = []
    last = len(sop.prosedur) - 1
    for i, (prosedur, routing) in enumerate(zip(sop.prosedur, routings)):
        laid = unbroken[i] if unbroken else layout(prosedur, 0, routing)
        plans.append(
            plan(
                prosedur,
                [row.height for row in laid.rows],
                [lane.width for lane in laid.lanes],
                page,
                kolom=tuple(sop.kolom_mutu_baku),
                labels=labels,
                offpage_zone=OFFPAGE_ZONE,
                above=FAKTA_H if i == 0 else 0.0,
                trailer=trailer_height(sop, page) if i == last else 0.0,
                max_rows=kertas.max_rows,
            )
        )
    return tuple(plans)
