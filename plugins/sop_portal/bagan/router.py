"""Routing connectors between placed shapes, in a roomy provisional space (ARCHITECTURE.md, "Flowchart").

Why a router and not a general graph layout: in an SOP AP table the shapes' places are
fixed by (row, lane) (`shapes.py` says where inside the row), so only the connectors need
placing. Routing is a matter of choosing *tracks*:

* vertical tracks beside each lane's shapes (left and right, one per edge where they would
  otherwise share a segment);
* horizontal *levels* in a channel above each row's shapes (edges entering from the top) and
  below them (edges leaving from the bottom);
* ports: distinct attachment points on each side of a shape, so two connectors never share the
  last segment into a shape. A decision's branches each leave from their own vertex (bottom,
  right, left): two branches never leave one point.

Lanes are `BIGX` apart, rows `BIGY` apart, zones of a row `ZONE` apart; every candidate route
is checked against the shapes and the connectors already placed. `layout.py` then compacts the
space by translating each lane and each zone of each row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..format.model import Item, Prosedur
from .geometry import (
    BASE_W,
    BIGX,
    BIGY,
    CAP,
    GAP,
    KIND,
    LEVEL,
    MARGIN,
    SLOT_X,
    SLOT_Y,
    TRACK,
    Z_BOT,
    Z_SYM,
    Z_TOP,
    ZONE,
    Box,
    Connector,
    Join,
    SymbolBox,
    direction,
    simplify,
    teks_width,
)
from .shapes import PlannedShape, plan_row

Pt = tuple[float, float]

# Route costs (`_cost`), in nominal pixels of a compact chart (lanes 110 apart, rows 80):
BEND_COST = 25.0  # each bend: a route with fewer corners reads faster than a slightly shorter one
TRACK_COST = 8.0  # each track further out from the lane: keeps connectors close to their shapes
SIDE_EXIT_BONUS = 30.0  # a decision's secondary branch leaves by the side, as on the paper form
RELAXED_SLOT_Y = 6.0  # side ports of a shape with more connectors than its usual ports (LEVEL-spaced lines stay apart)


def _track_beside(x: float, box: Box, side: str) -> bool:
    """Track x lies on the side of the shape a route leaves or enters by."""
    if side == "kanan":
        return x > box.x1
    if side == "kiri":
        return x < box.x0
    return True


def _overlaps_itself(segs: list[tuple[Pt, Pt]], i: int, horizontal: bool, lo: float, hi: float, c: float) -> bool:
    """Segment i runs along another, non-adjacent segment of the same route."""
    for j, (p, q) in enumerate(segs):
        if abs(i - j) <= 1 or (p[1] == q[1]) != horizontal:
            continue
        if horizontal and p[1] == c and lo <= max(p[0], q[0]) and min(p[0], q[0]) <= hi:
            return True
        if not horizontal and p[0] == c and lo <= max(p[1], q[1]) and min(p[1], q[1]) <= hi:
            return True
    return False


@dataclass(frozen=True)
class Edge:
    """One arrow of the model: from an item to an item, in the order the model lists them."""

    index: int
    source: Item
    label: str | None
    target: Item
    source_row: int
    target_row: int
    primary: bool  # the first exit of a row to the row below: drawn straight down where it can be
    inner: bool  # between two items of one row


class Router:
    """Places shapes and routes connectors in the provisional space."""

    def __init__(self, prosedur: Prosedur) -> None:
        self.steps = prosedur.langkah
        self.last_row = len(self.steps) - 1
        self.lane_names = prosedur.pelaksana
        self.lane_of = {name: i for i, name in enumerate(self.lane_names)}
        self.edges = self._edges(prosedur)
        # Channel levels a route may try above or below a row: 16 serve any real form; a shape that
        # many edges enter (23 decisions looping back to step 1) needs one level each, so never fewer.
        self.levels = 16 + len(self.edges)
        self.plans = [plan_row(step, self.lane_of) for step in self.steps]
        self.shape_of: dict[str, str] = {item: p.key for plans in self.plans for p in plans for item in p.items}
        self.width = self._widths()
        # A lane's core half-width: tracks start beyond its widest shape (single or end of a wide one).
        self.half = [BASE_W / 2] * len(self.lane_names)
        for plan in (p for plans in self.plans for p in plans):
            for lane in (plan.lanes[0], plan.lanes[-1]):
                self.half[lane] = max(self.half[lane], self.width[plan.key] / 2)
        self.symbols: dict[str, SymbolBox] = {p.key: self._place(p) for plans in self.plans for p in plans}
        self.row_shapes: list[list[SymbolBox]] = [[self.symbols[p.key] for p in plans] for plans in self.plans]
        self.vsegs: dict[float, list[tuple[float, float]]] = {}
        self.hsegs: dict[float, list[tuple[float, float]]] = {}
        self.slots: dict[tuple[str, str], list[float]] = {}
        self.track_max: dict[tuple[int, int], int] = {}
        self._tb_cands: dict[tuple[str, bool], list[float]] = {}  # `_tb_slots`' candidates per (shape, strict)
        self.joins = self._joins()
        # A decision's sides and bottom take one connector each (its vertices); only a decision with
        # more connectors than vertices relaxes this, for the connectors that find no vertex free.
        self.strict = True

    @staticmethod
    def _edges(prosedur: Prosedur) -> list[Edge]:
        row_of = {item.key: step.index for step in prosedur.langkah for item in step.items}
        items = prosedur.item_by_key
        edges: list[Edge] = []
        for step in prosedur.langkah:
            primary_done = False
            for item in step.items:
                for label, key in item.keluar:
                    target_row = row_of[key]
                    inner = target_row == step.index
                    primary = not inner and not primary_done and target_row == step.index + 1
                    primary_done = primary_done or primary
                    edges.append(Edge(len(edges), item, label, items[key], step.index, target_row, primary, inner))
        return edges

    def _widths(self) -> dict[str, float]:
        n_in: dict[str, int] = {}
        n_out: dict[str, int] = {}
        for e in self.edges:
            n_in[self.shape_of[e.target.key]] = n_in.get(self.shape_of[e.target.key], 0) + 1
            n_out[self.shape_of[e.source.key]] = n_out.get(self.shape_of[e.source.key], 0) + 1
        width: dict[str, float] = {}
        for plan in (p for plans in self.plans for p in plans):
            kind = KIND[plan.simbol]
            ports = max(n_in.get(plan.key, 0), n_out.get(plan.key, 0), 1)
            margin = MARGIN.get(kind, plan.height / 2 + 1)
            width[plan.key] = max(BASE_W, teks_width(plan.teks, kind), 2 * margin + SLOT_X * (ports - 1) + 4)
        return width

    # -- placement -------------------------------------------------------------------------
    @staticmethod
    def px(lane: int) -> float:
        return lane * BIGX + BIGX / 2

    @staticmethod
    def py(row: int) -> float:
        return row * BIGY

    def _place(self, plan: PlannedShape) -> SymbolBox:
        lanes = plan.lanes
        w = self.width[plan.key]
        kind = KIND[plan.simbol]
        top = self.py(plan.row) + Z_SYM * ZONE + plan.offset
        box = Box(self.px(lanes[0]) - w / 2, top, self.px(lanes[-1]) + w / 2, top + plan.height)
        cap = (w / 2 if lanes[0] == lanes[-1] else CAP) if kind == "ketupat" else 0.0
        return SymbolBox(plan.key, plan.row, plan.simbol, kind, box, cap, lanes, lanes[0], lanes[-1], plan.teks, plan.items)

    def _joins(self) -> list[Join]:
        """Dashed lines between the shapes of a joint activity whose lanes are not adjacent."""
        joins: list[Join] = []
        for step, shapes in zip(self.steps, self.row_shapes):
            if not step.bersama or len(shapes) < 2:
                continue
            ordered = sorted(shapes, key=lambda s: s.first_lane)
            for a, b in zip(ordered, ordered[1:]):
                y = a.box.cy
                joins.append(Join(step.index, a.key, b.key, y, a.box.x1, b.box.x0))
                self.hsegs.setdefault(round(y, 3), []).append((a.box.x1, b.box.x0))
        return joins

    # -- ports -----------------------------------------------------------------------------
    def _tb_slots(self, sym: SymbolBox, prefer: float | None, side: str = "atas") -> list[float]:
        """Free x positions for a port on the top or bottom, nearest to `prefer` first.

        A decision's bottom is one exit point, its lower vertex: two branches never leave one vertex
        side by side (ARCHITECTURE.md, "Flowchart"), and a branch never leaves from the slope next to a vertex.
        """
        if sym.kind == "ketupat" and side == "bawah" and self.strict:
            return [sym.box.cx]
        # The candidates depend only on the shape and the spacing: made once per shape and mode.
        cands = self._tb_cands.get((sym.key, self.strict))
        if cands is None:
            cands = self._tb_cands[(sym.key, self.strict)] = self._tb_candidates(sym)
        if prefer is not None:
            # Only an exact match jumps the queue (it makes a straight line); otherwise centre first.
            # (What a stable sort on "not an exact match" gives, without sorting.)
            exact = [x for x in cands if abs(x - prefer) <= 1e-6]
            if exact:
                return exact + [x for x in cands if abs(x - prefer) > 1e-6]
        return list(cands)

    def _tb_candidates(self, sym: SymbolBox) -> list[float]:
        """Every x a port on the top or bottom may take, lane centres first, then outwards."""
        if sym.kind == "kapsul":
            inner = sym.box.h / 2 + 1
        else:
            inner = MARGIN[sym.kind]
        lo, hi = sym.box.x0 + inner, sym.box.x1 - inner
        cands: list[float] = []
        for lane in range(sym.first_lane, sym.last_lane + 1):
            c = self.px(lane)
            k = 0
            while True:
                added = False
                step = self._slot_x
                for off in ((0.0,) if k == 0 else (-k * step, k * step)):
                    x = c + off
                    if lo - 1e-9 <= x <= hi + 1e-9:
                        cands.append(x)
                        added = True
                if not added and k > 0:
                    break
                k += 1
                if k > 40:
                    break
        return cands

    def _free(self, key: str, side: str, value: float, spacing: float) -> bool:
        for used in self.slots.get((key, side), ()):
            if abs(value - used) < spacing - 1e-6:
                return False
        return True

    def _side_slots(self, sym: SymbolBox) -> list[float]:
        if sym.kind == "ketupat" and self.strict:
            return [0.0]  # a decision's side is its vertex: one connector each
        limit = sym.box.h / 2 - (6 if self.strict else 4)
        step = self._slot_y
        out = [0.0]
        k = 1
        while k * step <= limit:
            out += [k * step, -k * step]
            k += 1
        return out

    @property
    def _slot_x(self) -> float:
        """Between ports on a top or bottom; a crowded shape takes them closer (as `_slot_y`)."""
        return SLOT_X if self.strict else RELAXED_SLOT_Y

    @property
    def _slot_y(self) -> float:
        """Between ports on a side; a crowded shape (nothing else found a way) takes them closer."""
        return SLOT_Y if self.strict else RELAXED_SLOT_Y

    def _port(self, sym: SymbolBox, side: str, prefer: float | None = None) -> tuple[float, float] | None:
        """A free port on `side` as its boundary point (without reserving it)."""
        if side in ("atas", "bawah"):
            for x in self._tb_slots(sym, prefer, side):
                if self._free(sym.key, side, x, self._slot_x):
                    return sym.boundary(side, x=x)
            return None
        for dy in self._side_slots(sym):
            if self._free(sym.key, side, dy, self._slot_y):
                return sym.boundary(side, dy=dy)
        return None

    def _reserve(self, sym: SymbolBox, side: str, point: tuple[float, float]) -> None:
        value = point[0] if side in ("atas", "bawah") else point[1] - sym.box.cy
        self.slots.setdefault((sym.key, side), []).append(value)

    # -- checks ----------------------------------------------------------------------------
    def _rows_of(self, lo: float, hi: float) -> range:
        return range(max(int(lo // BIGY), 0), min(int(hi // BIGY), self.last_row) + 1)

    def _valid(self, points: list[Pt], source: SymbolBox | None, target: SymbolBox | None) -> bool:
        """Clear of shapes (touching only its own ends), of every connector already placed, and of itself.

        `source` / `target` are the shapes the first / last point touches (None for a partial route).
        """
        segs = list(zip(points, points[1:]))
        if not segs:
            return False
        last = len(segs) - 1
        for i, (a, b) in enumerate(segs):
            horizontal = a[1] == b[1]
            if horizontal:
                lo, hi, c = min(a[0], b[0]), max(a[0], b[0]), a[1]
                rows = self._rows_of(c, c)
            else:
                lo, hi, c = min(a[1], b[1]), max(a[1], b[1]), a[0]
                rows = self._rows_of(lo, hi)
            # Every check is a pure yes/no, so their order changes nothing but the time: the lookup
            # among placed connectors first, the shapes of the rows passed after.
            if self._overlaps_placed(horizontal, lo, hi, c) or _overlaps_itself(segs, i, horizontal, lo, hi, c):
                return False
            if not self._clear_of_shapes(rows, source if i == 0 else None, target if i == last else None, horizontal, lo, hi, c):
                return False
        return True

    def _clear_of_shapes(
        self, rows: range, first: SymbolBox | None, last: SymbolBox | None, horizontal: bool, lo: float, hi: float, c: float
    ) -> bool:
        """Clear of every shape of `rows`; it may touch `first` and `last`, the shapes the route leaves and enters."""
        # Plain loops, not all() over a generator: this runs for every segment of every candidate route.
        clear_of = self._clear_of
        for r in rows:
            for sym in self.row_shapes[r]:
                if not clear_of(sym, sym is first or sym is last, horizontal, lo, hi, c):
                    return False
        return True

    def _overlaps_placed(self, horizontal: bool, lo: float, hi: float, c: float) -> bool:
        """A collinear stretch shared with a connector (or dashed join) already placed."""
        table = self.hsegs if horizontal else self.vsegs
        for used_lo, used_hi in table.get(round(c, 3), ()):
            if lo <= used_hi + 0.5 and used_lo <= hi + 0.5:
                return True
        return False

    @staticmethod
    def _clear_of(sym: SymbolBox, touching: bool, horizontal: bool, lo: float, hi: float, c: float) -> bool:
        """A segment along y=c (horizontal) or x=c from lo to hi keeps out of the shape.

        `touching`: the segment is the route's first or last, at the shape it leaves or enters;
        it may touch the outline but not run inside it.
        """
        if touching:
            span = sym.span_at(horizontal, c)
            return not (span and min(hi, span[1]) - max(lo, span[0]) > 0.01)
        bx = sym.box
        m = 3.0
        if horizontal:
            return not (bx.y0 - m < c < bx.y1 + m and lo < bx.x1 + m and bx.x0 - m < hi)
        return not (bx.x0 - m < c < bx.x1 + m and lo < bx.y1 + m and bx.y0 - m < hi)

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

    def route_next(self, source: SymbolBox, target: SymbolBox) -> tuple[list[Pt], Pt, Pt] | None:
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
            pts = simplify([start, (start[0], y), (end[0], y), end])
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

    def _nominal_x(self, x: float) -> float:
        """`_nominal((x, y))[0]`, without the y half (the tracks are sorted by it on every route)."""
        lane = int(x // BIGX)
        return lane * 110 + (x - self.px(lane))

    def _nominal(self, p: tuple[float, float]) -> tuple[float, float]:
        lane = int(p[0] // BIGX)
        row = int(p[1] // BIGY)
        zone = int((p[1] - self.py(row)) // ZONE)
        off = p[1] - self.py(row) - zone * ZONE
        return lane * 110 + (p[0] - self.px(lane)), row * 80 + zone * 18 + min(off, 40) * 0.5

    def _least_cost(self, start: Pt, end: Pt) -> float:
        """A floor under `_cost` of any route from start to end: its nominal length is at least the
        straight (L1) distance between its ends, and bends and tracks only add."""
        a, b = self._nominal(start), self._nominal(end)
        return abs(a[0] - b[0]) + abs(a[1] - b[1])

    def _cost(self, pts: list[tuple[float, float]], k_track: int) -> float:
        nominal = [self._nominal(p) for p in pts]
        length = sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in zip(nominal, nominal[1:]))
        return length + BEND_COST * (len(pts) - 2) + TRACK_COST * k_track

    def route_general(
        self, source: SymbolBox, target: SymbolBox, prefer_side: bool
    ) -> tuple[list[Pt], Pt, Pt, int, int, int] | None:
        """The cheapest route through a vertical track, over every exit and entry side."""
        best: tuple[float, list[Pt], Pt, Pt, int, int, int] | None = None
        # Each track with its nominal x, worked out once for the up to nine pairs of sides tried.
        tracks = [(self._nominal_x(t[0]), t) for t in sorted(self._tracks(), key=lambda t: t[0])]
        for exit_side, start, entry_side, end in self._side_pairs(source, target):
            bonus = SIDE_EXIT_BONUS if exit_side == "bawah" and prefer_side else 0.0
            if best is not None and self._least_cost(start, end) + bonus > best[0] + 1e-6:
                continue  # no route between these ports can beat the best: skip the search
            found = self._first_track(source, target, start, end, exit_side, entry_side, tracks)
            if found is None:
                continue
            pts, lane, side, k = found
            cost = self._cost(pts, k)
            if exit_side == "bawah" and prefer_side:
                cost += SIDE_EXIT_BONUS
            if best is None or cost < best[0]:
                best = (cost, pts, start, end, lane, side, k)
        if best is None:
            return None
        _, pts, start, end, lane, side, k = best
        return pts, start, end, lane, side, k

    def _side_pairs(self, source: SymbolBox, target: SymbolBox) -> Iterator[tuple[str, Pt, str, Pt]]:
        """(exit side, its free port, entry side, its free port) worth trying."""
        for exit_side in ("kanan", "kiri", "bawah"):
            start = self._port(source, exit_side)
            if start is None:
                continue
            for entry_side in ("kanan", "kiri", "atas"):
                if target.kind == "ketupat" and entry_side != "atas" and self.strict:
                    continue  # a decision's side vertices are its branches' exits
                if target is source and entry_side == exit_side:
                    continue
                end = self._port(target, entry_side)
                if end is not None:
                    yield exit_side, start, entry_side, end

    def _first_track(
        self,
        source: SymbolBox,
        target: SymbolBox,
        start: Pt,
        end: Pt,
        exit_side: str,
        entry_side: str,
        tracks: list[tuple[float, tuple[float, int, int, int]]],
    ) -> tuple[list[Pt], int, int, int] | None:
        """The route through the nearest usable track, as (points, lane, side, k)."""
        nominal_start = self._nominal_x(start[0])
        for _, (x, lane, side, k) in sorted(tracks, key=lambda t: abs(t[0] - nominal_start)):
            if not _track_beside(x, source.box, exit_side) or not _track_beside(x, target.box, entry_side):
                continue
            pts = self._build(source, target, start, end, exit_side, entry_side, x)
            if pts is not None:
                return pts, lane, side, k
        return None

    def _build(
        self, source: SymbolBox, target: SymbolBox, start: Pt, end: Pt, exit_side: str, entry_side: str, x: float
    ) -> list[Pt] | None:
        """The route through vertical track x, with the first free channel levels; None if blocked."""
        if exit_side == "bawah" and abs(x - start[0]) < 1e-9 and target.row <= source.row:
            return None  # would double back over its own first segment
        # Quick reject: the track itself must clear the shapes of the rows between.
        y_from = start[1] if exit_side != "bawah" else self.bottom_level(source.row, 0)
        y_to = end[1] if entry_side != "atas" else self.top_level(target.row, 0)
        lo, hi = sorted((y_from, y_to))
        for r in self._rows_of(lo, hi):
            if r in (source.row, target.row):
                continue
            if any(s.box.x0 - 3 < x < s.box.x1 + 3 for s in self.row_shapes[r]):
                return None
        heads = self._heads(source, start, exit_side, x)
        tails = self._tails(target, end, entry_side, x)
        for head in heads:
            for tail in tails:
                pts = simplify(head + tail)
                if len(pts) >= 2 and self._valid(pts, source, target):
                    return pts
        return None

    def _heads(self, source: SymbolBox, start: Pt, exit_side: str, x: float) -> list[list[Pt]]:
        """Up to three ways from the exit to track x (through the bottom channel's free levels)."""
        if exit_side != "bawah":
            return [[start, (x, start[1])]]
        heads: list[list[Pt]] = []
        for k in range(self.levels):
            y = self.bottom_level(source.row, k)
            head = simplify([start, (start[0], y), (x, y)])
            if self._valid(head, source, None):
                heads.append(head)
                if len(heads) == 3:
                    break
        return heads

    def _tails(self, target: SymbolBox, end: Pt, entry_side: str, x: float) -> list[list[Pt]]:
        """Up to three ways from track x into the entry (through the top channel's free levels)."""
        if entry_side != "atas":
            return [[(x, end[1]), end]]
        tails: list[list[Pt]] = []
        for k in range(self.levels):
            y = self.top_level(target.row, k)
            tail = simplify([(x, y), (end[0], y), end])
            if self._valid(tail, None, target):
                tails.append(tail)
                if len(tails) == 3:
                    break
        return tails

    def route_inner(self, source: SymbolBox, target: SymbolBox) -> tuple[list[Pt], Pt, Pt] | None:
        """An arrow between two shapes of one row: straight down to a shape stacked below, straight
        across to a shape beside it, or with one jog in the gap between them."""
        if target.box.y0 >= source.box.y1 and target.first_lane <= source.last_lane and source.first_lane <= target.last_lane:
            start = self._port(source, "bawah", prefer=target.box.cx)
            end = self._port(target, "atas", prefer=start[0] if start else None)
            if start is None or end is None:
                return None
            if abs(start[0] - end[0]) < 1e-9:
                candidates = [[start, end]]
            else:
                mid = (source.box.y1 + target.box.y0) / 2
                candidates = [simplify([start, (start[0], mid), (end[0], mid), end])]
        elif target.box.x0 >= source.box.x1 or target.box.x1 <= source.box.x0:
            rightwards = target.box.x0 >= source.box.x1
            start = self._port(source, "kanan" if rightwards else "kiri")
            end = self._port(target, "kiri" if rightwards else "kanan")
            if start is None or end is None:
                return None
            if abs(start[1] - end[1]) < 1e-9:
                candidates = [[start, end]]
            else:
                sign = 1 if rightwards else -1
                edge = source.box.x1 if rightwards else source.box.x0
                candidates = [
                    [start, (edge + sign * (GAP + k * TRACK), start[1]), (edge + sign * (GAP + k * TRACK), end[1]), end]
                    for k in range(0, 6)
                ]
        else:
            return None
        for pts in candidates:
            if self._valid(pts, source, target):
                return pts, pts[0], pts[-1]
        return None

    def route(self) -> list[Connector]:
        """Route every edge: arrows inside a row first, then each row's arrow to the row below, then the
        rest, shortest first (the order only decides who gets the best tracks)."""
        edges = self.edges
        order = sorted(
            range(len(edges)),
            key=lambda i: (
                not edges[i].inner,
                not edges[i].primary,
                abs(edges[i].target_row - edges[i].source_row),
                edges[i].source_row,
                i,
            ),
        )
        routed: dict[int, Connector] = {}
        for i in order:
            e = edges[i]
            source = self.symbols[self.shape_of[e.source.key]]
            target = self.symbols[self.shape_of[e.target.key]]
            found = None
            if e.inner and source is not target:
                found = self.route_inner(source, target)
            elif e.primary:
                found = self.route_next(source, target)
            if found is None:
                general = self.route_general(source, target, prefer_side=bool(e.source.cabang))
                if general is None:
                    self.strict = False
                    general = self.route_general(source, target, prefer_side=bool(e.source.cabang))
                    self.strict = True
                if general is None:  # cannot happen: an outermost new track is always free
                    raise RuntimeError(f"tidak dapat merutekan {e.source.key} -> {e.target.key}")
                pts, start, end, lane, side, k = general
                self.track_max[(lane, side)] = max(self.track_max.get((lane, side), -1), k)
                found = pts, start, end
            pts, start, end = found
            exit_side = {"bawah": "bawah", "kanan": "kanan", "kiri": "kiri"}[direction(pts[0], pts[1])]
            entry_side = {"bawah": "atas", "kanan": "kiri", "kiri": "kanan", "atas": "bawah"}[direction(pts[-2], pts[-1])]
            self._reserve(source, exit_side, start)
            self._reserve(target, entry_side, end)
            self._commit(pts)
            routed[i] = Connector(f"c{i + 1}", e.source.key, e.target.key, e.label, tuple(pts), exit_side, entry_side)
        return [routed[i] for i in range(len(edges))]
