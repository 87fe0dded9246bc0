"""The swimlane flowchart layout engine (ARCHITECTURE.md, "Flowchart"): model in, geometry out.

Rows are steps, columns are lanes (pelaksana). A step's symbol sits in its
lane (a joint step spans its lanes); connectors are orthogonal polylines that
the renderers (`flowchart.py` for the table cells, `svg.py` for the standalone
image) only draw. All numbers are CSS pixels.

Why a router and not a general graph layout: in an SOP AP table the symbols'
places are fixed by (row, lane), so only the connectors need placing. Each row
holds exactly one symbol, which makes routing a matter of choosing *tracks*:

* vertical tracks beside each lane's symbols (left and right, one per edge
  where they would otherwise share a segment);
* horizontal *levels* in a channel above each symbol (edges entering it from
  the top) and below it (edges leaving from the bottom);
* ports: distinct attachment points on each side of a symbol, so two
  connectors never share the last segment into a symbol.

Routing happens in a roomy provisional space (lanes `BIGX` apart, rows `BIGY`
apart, zones of a row `ZONE` apart) where every candidate route is checked
against the symbols and the connectors already placed. Afterwards the space is
compacted by translating each lane and each zone of each row: a translation
per piece keeps every order, so nothing that was clear stays anything but clear.

Row geometry is anchored so that the HTML table can draw it while the browser
decides row heights: everything is a fixed offset from the row's top, except
the off-page connectors at the bottom of a page's last row, which are a fixed
offset from the row's bottom (`Row.stretch_at`). Extra row height goes between.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..format.model import Langkah, Prosedur

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

# Provisional space.
BIGX = 10_000.0
BIGY = 1_000_000.0
ZONE = 100_000.0
Z_TOP, Z_SYM, Z_BOT = 1, 2, 3


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
    """One step's symbol. `kind`: kapsul (mulai/selesai), kotak (proses), ketupat (keputusan)."""

    key: str
    row: int
    simbol: str
    kind: str
    box: Box
    cap: float  # ketupat only: width of each pointed end (== w/2 for a plain diamond)
    lanes: tuple[int, ...]  # the lanes of the step (a joint step has several)
    first_lane: int
    last_lane: int
    teks: str | None

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
        return _direction(self.points[-2], self.points[-1])


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



def _direction(a: tuple[float, float], b: tuple[float, float]) -> str:
    if a[0] == b[0]:
        return "bawah" if b[1] > a[1] else "atas"
    return "kanan" if b[0] > a[0] else "kiri"


def _simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop repeated points and merge consecutive collinear segments (same direction only)."""
    out: list[tuple[float, float]] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 1e-9 and abs(out[-1][1] - p[1]) < 1e-9:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if _direction(a, b) == _direction(b, p) and (a[0] == b[0] == p[0] or a[1] == b[1] == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return out


def _teks_width(teks: str | None, kind: str) -> float:
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
_MARGIN = {"kotak": 6.0, "ketupat": 8.0}


class _Router:
    """Places symbols and routes connectors in the provisional space."""

    def __init__(self, prosedur: Prosedur) -> None:
        self.steps = prosedur.langkah
        self.lane_names = prosedur.pelaksana
        self.lane_of = {name: i for i, name in enumerate(self.lane_names)}
        self.by_key = {s.key: s for s in self.steps}
        # Channel levels a route may try above or below a row: 16 serve any real form; a symbol that
        # many edges enter (23 decisions looping back to step 1) needs one level each, so never fewer.
        self.levels = 16 + sum(len(s.keluar) for s in self.steps)
        n_in: dict[str, int] = {s.key: 0 for s in self.steps}
        for s in self.steps:
            for _, key in s.keluar:
                n_in[key] += 1
        self.width: dict[str, float] = {}
        for s in self.steps:
            kind = KIND[s.simbol]
            h = SYMBOL_H[s.simbol]
            ports = max(n_in[s.key], len(s.keluar), 1)
            margin = _MARGIN.get(kind, h / 2 + 1)
            self.width[s.key] = max(BASE_W, _teks_width(s.teks, kind), 2 * margin + SLOT_X * (ports - 1) + 4)
        # A lane's core half-width: tracks start beyond its widest symbol (single or end of a joint one).
        self.half = [BASE_W / 2] * len(self.lane_names)
        for s in self.steps:
            lanes = self._lanes(s)
            for lane in (lanes[0], lanes[-1]):
                self.half[lane] = max(self.half[lane], self.width[s.key] / 2)
        self.symbols: dict[str, SymbolBox] = {}
        for s in self.steps:
            self.symbols[s.key] = self._place(s)
        self.row_symbol = [self.symbols[s.key] for s in self.steps]
        self.vsegs: dict[float, list[tuple[float, float]]] = {}
        self.hsegs: dict[float, list[tuple[float, float]]] = {}
        self.slots: dict[tuple[str, str], list[float]] = {}
        self.track_max: dict[tuple[int, int], int] = {}

    # -- placement -------------------------------------------------------------------------
    def _lanes(self, step: Langkah) -> list[int]:
        return sorted(self.lane_of[name] for name in step.pelaksana)

    @staticmethod
    def px(lane: int) -> float:
        return lane * BIGX + BIGX / 2

    @staticmethod
    def py(row: int) -> float:
        return row * BIGY

    def _place(self, step: Langkah) -> SymbolBox:
        lanes = self._lanes(step)
        w = self.width[step.key]
        h = SYMBOL_H[step.simbol]
        kind = KIND[step.simbol]
        top = self.py(step.index) + Z_SYM * ZONE
        box = Box(self.px(lanes[0]) - w / 2, top, self.px(lanes[-1]) + w / 2, top + h)
        cap = (w / 2 if lanes[0] == lanes[-1] else CAP) if kind == "ketupat" else 0.0
        return SymbolBox(step.key, step.index, step.simbol, kind, box, cap, tuple(lanes), lanes[0], lanes[-1], step.teks)

    # -- ports -----------------------------------------------------------------------------
    def _tb_slots(self, sym: SymbolBox, prefer: float | None) -> list[float]:
        """Free x positions for a port on the top or bottom, nearest to `prefer` first."""
        if sym.kind == "kapsul":
            inner = sym.box.h / 2 + 1
        else:
            inner = _MARGIN[sym.kind]
        lo, hi = sym.box.x0 + inner, sym.box.x1 - inner
        cands: list[float] = []
        for lane in range(sym.first_lane, sym.last_lane + 1):
            c = self.px(lane)
            k = 0
            while True:
                added = False
                for off in ((0.0,) if k == 0 else (-k * SLOT_X, k * SLOT_X)):
                    x = c + off
                    if lo - 1e-9 <= x <= hi + 1e-9:
                        cands.append(x)
                        added = True
                if not added and k > 0:
                    break
                k += 1
                if k > 40:
                    break
        if prefer is not None:
            # Only an exact match jumps the queue (it makes a straight line); otherwise centre first.
            cands.sort(key=lambda x: abs(x - prefer) > 1e-6)
        return cands

    def _free(self, key: str, side: str, value: float, spacing: float) -> bool:
        return all(abs(value - used) >= spacing - 1e-6 for used in self.slots.get((key, side), []))

    def _side_slots(self, sym: SymbolBox) -> list[float]:
        limit = sym.box.h / 2 - 6
        out = [0.0]
        k = 1
        while k * SLOT_Y <= limit:
            out += [k * SLOT_Y, -k * SLOT_Y]
            k += 1
        return out

    def _port(self, sym: SymbolBox, side: str, prefer: float | None = None) -> tuple[float, float] | None:
        """A free port on `side` as its boundary point (without reserving it)."""
        if side in ("atas", "bawah"):
            for x in self._tb_slots(sym, prefer):
                if self._free(sym.key, side, x, SLOT_X):
                    return sym.boundary(side, x=x)
            return None
        for dy in self._side_slots(sym):
            if self._free(sym.key, side, dy, SLOT_Y):
                return sym.boundary(side, dy=dy)
        return None

    def _reserve(self, sym: SymbolBox, side: str, point: tuple[float, float]) -> None:
        value = point[0] if side in ("atas", "bawah") else point[1] - sym.box.cy
        self.slots.setdefault((sym.key, side), []).append(value)

    # -- checks ----------------------------------------------------------------------------
    def _rows_of(self, lo: float, hi: float) -> range:
        return range(max(int(lo // BIGY), 0), min(int(hi // BIGY), len(self.steps) - 1) + 1)

    def _valid(self, points: list[tuple[float, float]], source: SymbolBox | None, target: SymbolBox | None) -> bool:  # noqa: C901  # split in progress (#16)
        """Clear of symbols (touching only its own ends) and of every connector already placed.

        `source` / `target` are the symbols the first / last point touches (None for a partial route).
        """
        segs = list(zip(points, points[1:]))
        if not segs:
            return False
        for i, (a, b) in enumerate(segs):
            horizontal = a[1] == b[1]
            if horizontal:
                lo, hi, c = min(a[0], b[0]), max(a[0], b[0]), a[1]
                rows = self._rows_of(c, c)
            else:
                lo, hi, c = min(a[1], b[1]), max(a[1], b[1]), a[0]
                rows = self._rows_of(lo, hi)
            for r in rows:
                sym = self.row_symbol[r]
                touching = (i == 0 and sym is source) or (i == len(segs) - 1 and sym is target)
                if touching:
                    span = sym.span_at(horizontal, c)
                    if span and min(hi, span[1]) - max(lo, span[0]) > 0.01:
                        return False
                else:
                    bx = sym.box
                    m = 3.0
                    if horizontal:
                        if bx.y0 - m < c < bx.y1 + m and lo < bx.x1 + m and bx.x0 - m < hi:
                            return False
                    elif bx.x0 - m < c < bx.x1 + m and lo < bx.y1 + m and bx.y0 - m < hi:
                        return False
            table = self.hsegs if horizontal else self.vsegs
            for used_lo, used_hi in table.get(round(c, 3), ()):
                if lo <= used_hi + 0.5 and used_lo <= hi + 0.5:
                    return False
            for j, (p, q) in enumerate(segs):
                if abs(i - j) <= 1:
                    continue
                if (p[1] == q[1]) != horizontal:
                    continue
                if horizontal and p[1] == c and lo <= max(p[0], q[0]) and min(p[0], q[0]) <= hi:
                    return False
                if not horizontal and p[0] == c and lo <= max(p[1], q[1]) and min(p[1], q[1]) <= hi:
                    return False
        return True

    def _commit(self, points: list[tuple[float, float]]) -> None:
        for a, b in zip(points, points[1:]):
            if a[1] == b[1]:
                self.hsegs.setdefault(round(a[1], 3), []).append((min(a[0], b[0]), max(a[0], b[0])))
            else:
                self.vsegs.setdefault(round(a[0], 3), []).append((min(a[1], b[1]), max(a[1], b[1])))

    # -- routes ----------------------------------------------------------------------------
    def top_level(self, row: int, k: int) -> float:
        return self.py(row) + Z_TOP * ZONE + 6 + k * LEVEL

    def bottom_level(self, row: int, k: int) -> float:
        return self.py(row) + Z_BOT * ZONE + 6 + k * LEVEL

    def route_next(self, source: SymbolBox, target: SymbolBox) -> tuple[list, tuple, tuple] | None:
        """An edge to the next row: down from the bottom, across in the target's top channel, down into it."""
        start = self._port(source, "bawah", prefer=target.box.cx if target.first_lane == target.last_lane else source.box.cx)
        if start is None:
            return None
        end = self._port(target, "atas", prefer=start[0])
        if end is None:
            return None
        if abs(start[0] - end[0]) < 1e-9:
            pts = [start, end]
            if self._valid(pts, source, target):
                return pts, start, end
        for k in range(0, 60):
            y = self.top_level(target.row, k)
            pts = _simplify([start, (start[0], y), (end[0], y), end])
            if self._valid(pts, source, target):
                return pts, start, end
        return None

    def _tracks(self) -> Iterable[tuple[float, int, int, int]]:
        """Every usable vertical track position as (x, lane, side, k); side -1 left, +1 right."""
        for lane in range(len(self.lane_names)):
            for side in (-1, 1):
                top = self.track_max.get((lane, side), -1) + 2
                for k in range(top):
                    yield self.px(lane) + side * (self.half[lane] + GAP + k * TRACK), lane, side, k

    def _nominal(self, p: tuple[float, float]) -> tuple[float, float]:
        lane = int(p[0] // BIGX)
        row = int(p[1] // BIGY)
        zone = int((p[1] - self.py(row)) // ZONE)
        off = p[1] - self.py(row) - zone * ZONE
        return lane * 110 + (p[0] - self.px(lane)), row * 80 + zone * 18 + min(off, 40) * 0.5

    def _cost(self, pts: list[tuple[float, float]], k_track: int) -> float:
        nominal = [self._nominal(p) for p in pts]
        length = sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in zip(nominal, nominal[1:]))
        return length + 25 * (len(pts) - 2) + 8 * k_track

    def route_general(self, source: SymbolBox, target: SymbolBox, prefer_side: bool) -> tuple[list, tuple, tuple, int, int, int] | None:  # noqa: C901  # split in progress (#16)
        best = None
        tracks = sorted(self._tracks(), key=lambda t: t[0])
        for exit_side in ("kanan", "kiri", "bawah"):
            start = self._port(source, exit_side)
            if start is None:
                continue
            for entry_side in ("kanan", "kiri", "atas"):
                end = self._port(target, entry_side)
                if end is None:
                    continue
                if target is source and entry_side == exit_side:
                    continue
                found = None
                for x, lane, side, k in sorted(tracks, key=lambda t: abs(self._nominal((t[0], 0))[0] - self._nominal(start)[0])):
                    if exit_side == "kanan" and x <= source.box.x1:
                        continue
                    if exit_side == "kiri" and x >= source.box.x0:
                        continue
                    if entry_side == "kanan" and x <= target.box.x1:
                        continue
                    if entry_side == "kiri" and x >= target.box.x0:
                        continue
                    pts = self._build(source, target, start, end, exit_side, entry_side, x)
                    if pts is not None:
                        found = (pts, lane, side, k)
                        break
                if found is None:
                    continue
                pts, lane, side, k = found
                cost = self._cost(pts, k)
                if exit_side == "bawah" and prefer_side:
                    cost += 30  # decisions: a secondary branch leaves by the side, as on the paper form
                if best is None or cost < best[0]:
                    best = (cost, pts, start, end, lane, side, k)
        if best is None:
            return None
        _, pts, start, end, lane, side, k = best
        return pts, start, end, lane, side, k

    def _build(self, source, target, start, end, exit_side, entry_side, x) -> list | None:  # noqa: C901  # split in progress (#16)
        """The route through vertical track x, with the first free channel levels; None if blocked."""
        if exit_side == "bawah" and abs(x - start[0]) < 1e-9 and target.row <= source.row:
            return None  # would double back over its own first segment
        # Quick reject: the track itself must clear the symbols of the rows between.
        y_from = start[1] if exit_side != "bawah" else self.bottom_level(source.row, 0)
        y_to = end[1] if entry_side != "atas" else self.top_level(target.row, 0)
        lo, hi = sorted((y_from, y_to))
        for r in self._rows_of(lo, hi):
            if r in (source.row, target.row):
                continue
            bx = self.row_symbol[r].box
            if bx.x0 - 3 < x < bx.x1 + 3:
                return None
        heads: list[list[tuple[float, float]]] = []
        if exit_side == "bawah":
            for k in range(0, self.levels):
                y = self.bottom_level(source.row, k)
                head = _simplify([start, (start[0], y), (x, y)])
                if self._valid(head, source, None):
                    heads.append(head)
                    if len(heads) == 3:
                        break
        else:
            heads.append([start, (x, start[1])])
        tails: list[list[tuple[float, float]]] = []
        if entry_side == "atas":
            for k in range(0, self.levels):
                y = self.top_level(target.row, k)
                tail = _simplify([(x, y), (end[0], y), end])
                if self._valid(tail, None, target):
                    tails.append(tail)
                    if len(tails) == 3:
                        break
        else:
            tails.append([(x, end[1]), end])
        for head in heads:
            for tail in tails:
                pts = _simplify(head + tail)
                if len(pts) >= 2 and self._valid(pts, source, target):
                    return pts
        return None

    def route(self) -> list[Connector]:
        edges = []
        for s in self.steps:
            primary_done = False
            for n, (label, key) in enumerate(s.keluar):
                t = self.by_key[key]
                primary = not primary_done and t.index == s.index + 1
                primary_done = primary_done or primary
                edges.append((s, n, label, t, primary))
        order = sorted(
            range(len(edges)),
            key=lambda i: (not edges[i][4], abs(edges[i][3].index - edges[i][0].index), edges[i][0].index, edges[i][1]),
        )
        routed: dict[int, Connector] = {}
        for i in order:
            s, n, label, t, primary = edges[i]
            source, target = self.symbols[s.key], self.symbols[t.key]
            result = None
            if primary:
                found = self.route_next(source, target)
                if found:
                    pts, start, end = found
                    result = (pts, start, end, "bawah", "bawah")
            if result is None:
                found = self.route_general(source, target, prefer_side=bool(s.cabang))
                if found is None:  # cannot happen: an outermost new track is always free
                    raise RuntimeError(f"tidak dapat merutekan {s.key} -> {t.key}")
                pts, start, end, lane, side, k = found
                self.track_max[(lane, side)] = max(self.track_max.get((lane, side), -1), k)
                result = (pts, start, end, _direction(pts[0], pts[1]), _direction(pts[-2], pts[-1]))
            pts, start, end, exit_dir, entry_dir = result
            exit_side = {"bawah": "bawah", "kanan": "kanan", "kiri": "kiri"}[exit_dir]
            entry_side = {"bawah": "atas", "kanan": "kiri", "kiri": "kanan", "atas": "bawah"}[entry_dir]
            self._reserve(source, exit_side, start)
            self._reserve(target, entry_side, end)
            self._commit(pts)
            routed[i] = Connector(f"c{i + 1}", s.key, t.key, label, tuple(pts), exit_side, entry_side)
        return [routed[i] for i in range(len(edges))]


def _page_labels() -> Iterable[str]:
    yield from "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    n = 27
    while True:
        yield str(n)
        n += 1


@dataclass(frozen=True)
class Routing:
    """Symbols placed and connectors routed in provisional space: about 70 % of `layout`'s work.

    The page (paged, `rows_per_page`) and the standalone SVG (unbroken) need two geometries of
    one chart; routing it once and placing it twice keeps the build from routing every chart twice.
    The router is not touched after `route()`, so one routing serves any number of placements.
    """

    router: _Router
    connectors: tuple[Connector, ...]


def route(prosedur: Prosedur) -> Routing:
    router = _Router(prosedur)
    return Routing(router, tuple(router.route()))


def layout(  # noqa: C901  # split in progress (#16)
    prosedur: Prosedur, rows_per_page: int = 0, routing: Routing | None = None, *, breaks: Sequence[int] | None = None
) -> Layout:
    """Lay out one flowchart. `rows_per_page` > 0 adds page breaks with off-page connector pairs.

    `routing`: the chart's `route(prosedur)`, when the caller lays the same chart out twice.
    `breaks`: the rows that start a printed page (`paging.plan`), instead of `rows_per_page`.
    """
    routing = routing or route(prosedur)
    router = routing.router
    connectors = routing.connectors
    n_rows = len(prosedur.langkah)
    n_lanes = len(prosedur.pelaksana)
    if breaks is None:
        breaks = tuple(range(rows_per_page, n_rows, rows_per_page)) if rows_per_page > 0 else ()
    breaks = tuple(breaks)

    def lane_of(x: float) -> int:
        return int(x // BIGX)

    def row_of(y: float) -> int:
        return int(y // BIGY)

    # Page-break crossings, in provisional space: (break row, x, connector, downward).
    crossings: list[tuple[int, float, Connector, bool]] = []
    for b in breaks:
        edge_y = router.py(b)
        for c in connectors:
            for a, z in c.segments:
                if a[0] == z[0] and min(a[1], z[1]) < edge_y < max(a[1], z[1]):
                    crossings.append((b, a[0], c, z[1] > a[1]))
    crossings.sort(key=lambda t: (t[0], t[1]))
    broken = {b for b, *_ in crossings}

    # Horizontal compaction: each lane as wide as its symbols, tracks and a minimum.
    reach = [router.half[i] for i in range(n_lanes)]
    for c in connectors:
        for p in c.points:
            lane = lane_of(p[0])
            reach[lane] = max(reach[lane], abs(p[0] - router.px(lane)))
    for c in connectors:  # room for a side exit's label beside its symbol, inside the lane
        if c.label and c.exit_side in ("kanan", "kiri"):
            lane = lane_of(c.points[0][0])
            need = abs(c.points[0][0] - router.px(lane)) + 3 + len(c.label) * LABEL_CHAR + 6 + 2
            reach[lane] = max(reach[lane], need - LANE_PAD)
    lanes = []
    x = 0.0
    for i, name in enumerate(prosedur.pelaksana):
        width = max(LANE_MIN, 2 * (reach[i] + LANE_PAD))
        lanes.append(Lane(i, name, x, width))
        x += width
    total_width = x

    def fx(px: float) -> float:
        lane = lane_of(px)
        return lanes[lane].centre + (px - router.px(lane))

    # Vertical compaction, zone by zone, as offsets from each row's top.
    top_levels = [0] * n_rows
    bottom_levels = [0] * n_rows
    for c in connectors:
        for p in c.points:
            r = row_of(p[1])
            off = p[1] - router.py(r)
            zone = int(off // ZONE)
            level = round((off - zone * ZONE - 6) / LEVEL)
            if zone == Z_TOP:
                top_levels[r] = max(top_levels[r], level + 1)
            elif zone == Z_BOT:
                bottom_levels[r] = max(bottom_levels[r], level + 1)
    labelled_bottom = {c.source for c in connectors if c.label and c.exit_side == "bawah"}
    head = [OFFPAGE_ZONE if r in broken else 0 for r in range(n_rows)]
    foot = [OFFPAGE_ZONE if r + 1 in broken else 0 for r in range(n_rows)]
    zone_base: list[dict[int, float]] = []
    sym_end = []
    for r, step in enumerate(prosedur.langkah):
        top_h = 6 + top_levels[r] * LEVEL + 4 if top_levels[r] else 10
        sym_top = head[r] + top_h
        h = SYMBOL_H[step.simbol]
        label_zone = LABEL_H + 4 if step.key in labelled_bottom else 0
        zone_base.append({0: 0.0, Z_TOP: float(head[r]), Z_SYM: sym_top, Z_BOT: sym_top + h + label_zone})
        bottom_h = 6 + bottom_levels[r] * LEVEL if bottom_levels[r] else 0
        sym_end.append(sym_top + h + label_zone + bottom_h)

    def rel(py: float) -> tuple[int, float]:
        r = row_of(py)
        off = py - router.py(r)
        zone = int(off // ZONE)
        return r, zone_base[r][zone] + (off - zone * ZONE)

    symbols_rel = []
    for sym in router.row_symbol:
        _, y0 = rel(sym.box.y0)
        symbols_rel.append((sym, Box(fx(sym.box.x0), y0, fx(sym.box.x1), y0 + sym.box.h)))
    connectors_rel = [(c, [(fx(p[0]), rel(p[1])) for p in c.points]) for c in connectors]

    # Branch labels beside their exits, in row-relative space, clear of symbols and of each other.
    labels_rel: list[tuple[Connector, int, Box]] = []
    # Bounding boxes of the connector segments inside each row, built once (not per candidate).
    row_seg_boxes: dict[int, list[Box]] = {}
    for _, cp in connectors_rel:
        for a, b in zip(cp, cp[1:]):
            if a[1][0] == b[1][0]:
                box = Box(min(a[0], b[0]), min(a[1][1], b[1][1]), max(a[0], b[0]), max(a[1][1], b[1][1]))
                row_seg_boxes.setdefault(a[1][0], []).append(box)
    for c, pts in connectors_rel:
        if not c.label:
            continue
        r = pts[0][1][0]
        sym_box = symbols_rel[r][1]
        (x0, (_, y0)), (_x1, (_, _y1)) = pts[0], pts[1]
        width = len(c.label) * LABEL_CHAR + 6
        others = [lb for _, rr, lb in labels_rel if rr == r]
        seg_boxes = row_seg_boxes.get(r, ())
        cands = []
        if c.exit_side == "bawah":
            for dy in (2, 2 + LABEL_H, 2 + 2 * LABEL_H):
                for shift in range(0, 60, 6):
                    cands.append(Box(x0 + 3 + shift, y0 + dy, x0 + 3 + shift + width, y0 + dy + LABEL_H))
                    cands.append(Box(x0 - 3 - shift - width, y0 + dy, x0 - 3 - shift, y0 + dy + LABEL_H))
        else:
            sign = 1 if c.exit_side == "kanan" else -1
            edge = sym_box.x1 if sign > 0 else sym_box.x0
            for shift in range(0, 120, 6):
                ax = edge + sign * (3 + shift)
                bx = ax + sign * width
                for yy in (y0 - 1 - LABEL_H, y0 + 1):
                    cands.append(Box(min(ax, bx), yy, max(ax, bx), yy + LABEL_H))
        best = None
        for n, cand in enumerate(cands):
            if cand.x0 < 0 or cand.x1 > total_width or cand.y0 < head[r]:
                continue
            if cand.overlaps(sym_box, 1) or any(cand.overlaps(o, 1) for o in others):
                continue
            hits = sum(1 for seg_box in seg_boxes if cand.overlaps(seg_box, -0.5))
            score = hits * 100 + n
            if best is None or score < best[0]:
                best = (score, cand)
        k = 0
        while best is None:  # crowded exits: below everything else in the row, which only labels use
            yy = sym_end[r] + 2 + k * (LABEL_H + 2)
            xx = min(max(x0 + 3, 0.0), max(total_width - width, 0.0))
            cand = Box(xx, yy, xx + width, yy + LABEL_H)
            if not any(cand.overlaps(o, 1) for o in others):
                best = (0, cand)
            k += 1
        labels_rel.append((c, r, best[1]))

    # Row heights, tops, pages.
    rows: list[Row] = []
    top = 0.0
    page = 0
    for r, step in enumerate(prosedur.langkah):
        if r in breaks:
            page += 1
        content_end = sym_end[r]
        for _, rr, lb in labels_rel:
            if rr == r:
                content_end = max(content_end, lb.y1 + 2)
        height = content_end + STRETCH_MIN + foot[r]
        rows.append(Row(r, step.key, top, height, content_end, page))
        top += height
    total_height = top

    def ay(rel_y: tuple[int, float]) -> float:
        return rows[rel_y[0]].top + rel_y[1]

    symbols = []
    for sym, b in symbols_rel:
        box = Box(b.x0, ay((sym.row, b.y0)), b.x1, ay((sym.row, b.y1)))
        cap = sym.cap
        symbols.append(
            SymbolBox(sym.key, sym.row, sym.simbol, sym.kind, box, cap, sym.lanes, sym.first_lane, sym.last_lane, sym.teks)
        )
    final_connectors = tuple(
        Connector(c.id, c.source, c.target, c.label, tuple((x, ay(y)) for x, y in pts), c.exit_side, c.entry_side)
        for c, pts in connectors_rel
    )
    labels = tuple(
        Label(c.id, c.label or "", Box(b.x0, ay((r, b.y0)), b.x1, ay((r, b.y1))), r) for c, r, b in labels_rel
    )
    offpages = []
    names = _page_labels()
    for b, px_, c, downward in crossings:
        xx = fx(px_)
        last = rows[b - 1]
        out = Box(xx - OFFPAGE_W / 2, last.top + last.height - 4 - OFFPAGE_H, xx + OFFPAGE_W / 2, last.top + last.height - 4)
        first = rows[b]
        into = Box(xx - OFFPAGE_W / 2, first.top + 4, xx + OFFPAGE_W / 2, first.top + 4 + OFFPAGE_H)
        offpages.append(OffPage(next(names), c.id, b, xx, downward, out, into))
    return Layout(
        lanes=tuple(lanes),
        rows=tuple(rows),
        symbols=tuple(symbols),
        connectors=final_connectors,
        labels=labels,
        offpages=tuple(offpages),
        breaks=breaks,
        width=total_width,
        height=total_height,
    )


def stretched(lay: Layout, extra: list[float]) -> Layout:
    """The same layout with row r made `extra[r]` px taller (for renderers whose text needs room).

    Content above a row's `stretch_at` keeps its offset from the row's top; content below it
    (off-page connectors) keeps its offset from the row's bottom, exactly as the HTML table does.
    """
    shift_top = []
    acc = 0.0
    for r in lay.rows:
        shift_top.append(acc)
        acc += extra[r.index]

    def map_y(y: float, row_hint: int | None = None) -> float:
        r = row_hint if row_hint is not None else _row_at(lay, y)
        row = lay.rows[r]
        off = y - row.top
        return y + shift_top[r] + (extra[r] if off > row.stretch_at + 1e-9 else 0.0)

    def map_box(b: Box, row: int) -> Box:
        return Box(b.x0, map_y(b.y0, row), b.x1, map_y(b.y1, row))

    rows = tuple(
        Row(r.index, r.key, r.top + shift_top[r.index], r.height + extra[r.index], r.stretch_at, r.page) for r in lay.rows
    )
    symbols = tuple(
        SymbolBox(s.key, s.row, s.simbol, s.kind, map_box(s.box, s.row), s.cap, s.lanes, s.first_lane, s.last_lane, s.teks)
        for s in lay.symbols
    )
    connectors = tuple(
        Connector(c.id, c.source, c.target, c.label, tuple((x, map_y(y)) for x, y in c.points), c.exit_side, c.entry_side)
        for c in lay.connectors
    )
    labels = tuple(Label(lb.connector, lb.text, map_box(lb.box, lb.row), lb.row) for lb in lay.labels)
    offpages = tuple(
        OffPage(o.label, o.connector, o.break_row, o.x, o.downward, map_box(o.out, o.break_row - 1), map_box(o.into, o.break_row))
        for o in lay.offpages
    )
    return Layout(lay.lanes, rows, symbols, connectors, labels, offpages, lay.breaks, lay.width, lay.height + acc)


def _row_at(lay: Layout, y: float) -> int:
    for r in lay.rows:
        if y < r.top + r.height - 1e-9:
            return r.index
    return lay.rows[-1].index
