"""The geometry a flowchart layout is made of: sizes, boxes, symbols, connectors, labels, rows.

Plain frozen records shared by the router (`router.py`), the layout (`layout.py`),
the label placer (`labels.py`) and the renderers (`cells.py`, `svg.py`). All numbers
are CSS pixels.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

# Sizes (CSS px). Symbol heights per kind; widths grow with teks and with the number of ports needed.
SYMBOL_H = {"mulai": 30, "selesai": 30, "proses": 34, "keputusan": 40}
BASE_W = 64
CAP = 32  # the pointed ends of a decision: half a diamond's width; a joint decision is a stretched hexagon
GAP = 8  # symbol edge to its lane's first vertical track
TRACK = 12  # between vertical tracks (also wide enough to keep off-page pentagons apart)
LEVEL = 8  # between horizontal levels in a channel
SLOT_X = 12  # between ports on a symbol's top or bottom
SLOT_Y = 10  # between ports on a symbol's side
LANE_MIN = 96
LANE_PAD = 10
LABEL_H = 12
LABEL_CHAR = 6.2  # estimated width of one label character at the label font (10 px); generous on purpose
TEKS_CHAR = 5.4  # one character of text inside a symbol (9 px)
OFFPAGE_W = 10  # narrower than TRACK, so pentagons on neighbouring tracks keep a gap (12 made them touch)
OFFPAGE_H = 16
OFFPAGE_ZONE = OFFPAGE_H + 10
STRETCH_MIN = 10
ARROW = 7  # arrowhead length

# Provisional space (router.py): lanes BIGX apart, rows BIGY apart, zones of a row ZONE apart.
BIGX = 10_000.0
BIGY = 1_000_000.0
ZONE = 100_000.0
Z_TOP, Z_SYM, Z_BOT = 1, 2, 3

class Point(NamedTuple):
    """A point of a connector's polyline (a tuple, so `p[0]`/`p[1]` read as x/y too)."""

    x: float
    y: float


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def w(self) -> float:
        return self.x1 - self.x0

    @property
    def h(self) -> float:
        return self.y1 - self.y0

    def overlaps(self, other: Box, margin: float = 0.0) -> bool:
        return (
            self.x0 < other.x1 + margin
            and other.x0 < self.x1 + margin
            and self.y0 < other.y1 + margin
            and other.y0 < self.y1 + margin
        )


@dataclass(frozen=True)
class SymbolBox:
    """One drawn shape. `kind`: kapsul (mulai/selesai), kotak (proses), ketupat (keputusan)."""

    key: str
    row: int
    simbol: str
    kind: str
    box: Box
    cap: float  # ketupat only: width of each pointed end (== w/2 for a plain diamond)
    lanes: tuple[int, ...]  # the lanes the shape covers (one wide shape of a joint activity: adjacent lanes)
    first_lane: int
    last_lane: int
    teks: str | None
    items: tuple[str, ...] = ()  # the model items (`Item.key`) this shape draws; `key` is the first

    def moved(self, box: Box) -> SymbolBox:
        """The same shape in `box` (`dataclasses.replace` inspects the fields on every call: slow
        for the ~50 shapes every chart places twice)."""
        return SymbolBox(
            self.key, self.row, self.simbol, self.kind, box, self.cap, self.lanes, self.first_lane, self.last_lane, self.teks, self.items
        )

    def span_at(self, horizontal: bool, c: float) -> tuple[float, float] | None:
        """The shape's interior along the line y=c (horizontal) or x=c, or None."""
        b = self.box
        if horizontal:
            if not b.y0 < c < b.y1:
                return None
            d = abs(c - b.cy)
            if self.kind == "kotak":
                return b.x0, b.x1
            if self.kind == "ketupat":
                s = self.cap * d / (b.h / 2)
                return b.x0 + s, b.x1 - s
            r = b.h / 2
            s = r - math.sqrt(max(r * r - d * d, 0.0))
            return b.x0 + s, b.x1 - s
        if not b.x0 < c < b.x1:
            return None
        if self.kind == "kotak":
            return b.y0, b.y1
        end = self.cap if self.kind == "ketupat" else b.h / 2
        into = min(c - b.x0, b.x1 - c)
        if into >= end:
            return b.y0, b.y1
        if self.kind == "ketupat":
            hh = (b.h / 2) * into / end
        else:
            r = b.h / 2
            hh = math.sqrt(max(r * r - (r - into) ** 2, 0.0))
        return b.cy - hh, b.cy + hh

    def boundary(self, side: str, x: float | None = None, dy: float = 0.0) -> tuple[float, float]:
        """The point where a port on `side` touches the shape: at column x (top/bottom) or offset dy (sides)."""
        b = self.box
        if side in ("atas", "bawah"):
            assert x is not None
            span = self.span_at(False, x)
            assert span is not None, (self.key, side, x)
            return (x, span[0] if side == "atas" else span[1])
        y = b.cy + dy
        span = self.span_at(True, y)
        assert span is not None, (self.key, side, dy)
        return (span[1] if side == "kanan" else span[0], y)


@dataclass(frozen=True)
class Connector:
    id: str  # "c<n>", unique in the chart
    source: str  # step keys
    target: str
    label: str | None  # branch label of a decision exit
    points: tuple[tuple[float, float], ...]  # orthogonal polyline, source boundary to target boundary
    exit_side: str
    entry_side: str

    @property
    def segments(self) -> list[tuple[tuple[float, float], tuple[float, float]]]:
        return list(zip(self.points, self.points[1:]))

    @property
    def end_direction(self) -> str:
        """Direction of the last segment: "bawah" (down), "atas", "kanan" or "kiri"."""
        return direction(self.points[-2], self.points[-1])


@dataclass(frozen=True)
class Label:
    connector: str
    text: str
    box: Box
    row: int


@dataclass(frozen=True)
class OffPage:
    """A pentagon pair where a connector crosses a page break: `out` on the page before, `into` after it."""

    label: str
    connector: str
    break_row: int  # first row of the next page
    x: float
    downward: bool  # the flow crosses the break going down (forward) or up (back edge)
    out: Box  # bottom of the last row of the earlier page
    into: Box  # top of the first row of the later page


@dataclass(frozen=True)
class Join:
    """The dashed line joining two shapes of one activity done together (`bersama`) in one row."""

    row: int
    source: str  # shape keys, left to right
    target: str
    y: float
    x0: float
    x1: float


@dataclass(frozen=True)
class Lane:
    index: int
    name: str
    x0: float
    width: float

    @property
    def centre(self) -> float:
        return self.x0 + self.width / 2


@dataclass(frozen=True)
class Row:
    index: int
    key: str
    top: float
    height: float
    stretch_at: float  # offset from the top; content at or below it is anchored to the row's bottom
    page: int


@dataclass(frozen=True)
class Layout:
    lanes: tuple[Lane, ...]
    rows: tuple[Row, ...]
    symbols: tuple[SymbolBox, ...]
    connectors: tuple[Connector, ...]
    labels: tuple[Label, ...]
    offpages: tuple[OffPage, ...]
    breaks: tuple[int, ...]  # rows that start a new printed page
    width: float
    height: float
    joins: tuple[Join, ...] = ()

    def symbol(self, key: str) -> SymbolBox:
        """The shape that draws an item (or whose key is `key`)."""
        for s in self.symbols:
            if s.key == key or key in s.items:
                return s
        raise KeyError(key)


def row_at(rows: Sequence[Row], y: float, tolerance: float = 0.0) -> int:
    """The index of the row that holds height `y` (the last row for anything below the chart).

    `tolerance` treats a point that far above a row's bottom edge as already in the next row:
    the layout maps points computed in float arithmetic and passes 1e-9; the cell renderer,
    which nudges its points itself, passes none.
    """
    for row in rows:
        if y < row.top + row.height - tolerance:
            return row.index
    return rows[-1].index


def row_finder(rows: Sequence[Row], tolerance: float = 0.0) -> Callable[[float], int]:
    """`row_at(rows, y, tolerance)` for many y: a binary search over the rows' bottoms, which only go
    down the chart (the renderers look up a row for every point of every connector)."""
    bottoms = [row.top + row.height - tolerance for row in rows]
    if any(b < a for a, b in zip(bottoms, bottoms[1:])):  # not in order (never from `layout`): scan
        return lambda y: row_at(rows, y, tolerance)
    indices = [row.index for row in rows]

    def find(y: float) -> int:
        i = bisect_right(bottoms, y)  # the first row whose bottom is below y, as row_at's scan finds it
        return indices[i] if i < len(indices) else rows[-1].index

    return find


def direction(a: tuple[float, float], b: tuple[float, float]) -> str:
    if a[0] == b[0]:
        return "bawah" if b[1] > a[1] else "atas"
    return "kanan" if b[0] > a[0] else "kiri"


def simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop repeated points and merge consecutive collinear segments (same direction only)."""
    out: list[tuple[float, float]] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 1e-9 and abs(out[-1][1] - p[1]) < 1e-9:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if direction(a, b) == direction(b, p) and (a[0] == b[0] == p[0] or a[1] == b[1] == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return out


def teks_width(teks: str | None, kind: str) -> float:
    if not teks:
        return 0.0
    per_line = max(6, math.ceil(len(teks) / 2))  # two lines of text inside the symbol
    width = per_line * TEKS_CHAR + 14
    if kind == "ketupat":
        width *= 1.8  # only the middle of a diamond holds text
    elif kind == "kapsul":
        width += 12
    return min(width, 220.0)


KIND = {"mulai": "kapsul", "selesai": "kapsul", "proses": "kotak", "keputusan": "ketupat"}
MARGIN = {"kotak": 6.0, "ketupat": 8.0}
