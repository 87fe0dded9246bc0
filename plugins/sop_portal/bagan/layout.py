"""The swimlane flowchart layout engine (ARCHITECTURE.md, "Flowchart"): model in, geometry out.

Rows are steps, columns are lanes (pelaksana). A row's symbols sit in their lanes
(`shapes.py`: side by side across lanes, stacked within one); connectors are
orthogonal polylines (`router.py`) that the renderers (`cells.py` for the table
cells, `svg.py` for the standalone image) only draw; branch labels sit beside their
exits (`labels.py`). All numbers are CSS pixels; the records are in `geometry.py`.

Routing happens in a roomy provisional space (lanes `BIGX` apart, rows `BIGY`
apart, zones of a row `ZONE` apart). Afterwards this module compacts the space by
translating each lane and each zone of each row: a translation per piece keeps
every order, so nothing that was clear stays anything but clear.

Row geometry is anchored so that the HTML table can draw it while the browser
decides row heights: everything is a fixed offset from the row's top, except
the off-page connectors at the bottom of a page's last row, which are a fixed
offset from the row's bottom (`Row.stretch_at`). Extra row height goes between.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from ..format.model import Prosedur
from .geometry import (  # noqa: F401  (re-exported: the renderers and tests import them from here)
    ARROW,
    BIGX,
    BIGY,
    LABEL_CHAR,
    LABEL_H,
    LANE_MIN,
    LANE_PAD,
    LEVEL,
    OFFPAGE_H,
    OFFPAGE_W,
    OFFPAGE_ZONE,
    STRETCH_MIN,
    Z_BOT,
    Z_SYM,
    Z_TOP,
    ZONE,
    Box,
    Connector,
    Join,
    Label,
    Lane,
    Layout,
    OffPage,
    Point,
    Row,
    SymbolBox,
    row_at,
    row_finder,
)
from .labels import PlacedLabel, RelPoint, place_labels
from .router import Router
from .shapes import zone_height

__all__ = [  # the geometry records, re-exported: renderers and tests import them from here
    "ARROW", "OFFPAGE_ZONE", "Box", "Connector", "Join", "Label", "Lane", "Layout", "OffPage", "Point", "Routing", "Row", "SymbolBox",
    "layout", "route", "stretched",
]  # fmt: skip

Crossing = tuple[int, float, Connector, bool]  # (break row, provisional x, connector, downward)


def _page_labels() -> Iterator[str]:
    yield from "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    n = 27
    while True:
        yield str(n)
        n += 1


# A connector point in provisional space, taken apart: (lane, x offset from the lane's centre,
# row, zone of the row, offset inside the zone). Compaction moves lanes and zones, never these.
Parts = tuple[int, float, int, int, float]


@dataclass(frozen=True)
class _Provisional:
    """What every placement of one routing reads from the provisional space, worked out once:
    the page's table and the SVG place the same routing (with other page breaks)."""

    points: tuple[tuple[Parts, ...], ...]  # per connector, per point
    reach: tuple[float, ...]  # per lane: how far its connector points and side-exit labels reach from its centre
    top_h: tuple[int, ...]  # per row: its top channel's height (levels used)
    zone_h: tuple[float, ...]  # per row: its shapes' height
    label_zone: tuple[int, ...]  # per row: room below its shapes for a bottom exit's label
    bottom_h: tuple[int, ...]  # per row: its bottom channel's height (levels used)

    @staticmethod
    def of(router: Router, connectors: tuple[Connector, ...]) -> _Provisional:
        points = tuple(_parts(router, c.points) for c in connectors)
        reach = [-math.inf] * len(router.lane_names)  # none: the lane's shapes decide
        top_levels = [0] * len(router.steps)
        bottom_levels = [0] * len(router.steps)
        for parts in points:
            for lane, dx, r, zone, in_zone in parts:
                reach[lane] = max(reach[lane], abs(dx))
                level = round((in_zone - 6) / LEVEL)
                if zone == Z_TOP:
                    top_levels[r] = max(top_levels[r], level + 1)
                elif zone == Z_BOT:
                    bottom_levels[r] = max(bottom_levels[r], level + 1)
        for c, parts in zip(connectors, points):  # room for a side exit's label beside its shape, inside the lane
            if c.label and c.exit_side in ("kanan", "kiri"):
                lane, dx = parts[0][0], parts[0][1]
                need = abs(dx) + 3 + len(c.label) * LABEL_CHAR + 6 + 2
                reach[lane] = max(reach[lane], need - LANE_PAD)
        labelled = {router.shape_of[c.source] for c in connectors if c.label and c.exit_side == "bawah"}
        return _Provisional(
            points,
            tuple(reach),
            tuple(6 + n * LEVEL + 4 if n else 10 for n in top_levels),
            tuple(zone_height(plans) for plans in router.plans),
            tuple(LABEL_H + 4 if any(p.key in labelled for p in plans) else 0 for plans in router.plans),
            tuple(6 + n * LEVEL if n else 0 for n in bottom_levels),
        )


def _parts(router: Router, points: tuple[tuple[float, float], ...]) -> tuple[Parts, ...]:
    """A connector's points taken apart (one loop, not a call per point)."""
    parts = []
    for x, y in points:
        lane = _lane_of(x)
        r = _row_of(y)
        off = y - router.py(r)
        zone = int(off // ZONE)
        parts.append((lane, x - router.px(lane), r, zone, off - zone * ZONE))
    return tuple(parts)


@dataclass(frozen=True)
class Routing:
    """Shapes placed and connectors routed in provisional space: about 70 % of `layout`'s work.

    The page (paged, `rows_per_page`) and the standalone SVG (unbroken) need two geometries of
    one chart; routing it once and placing it twice keeps the build from routing every chart twice.
    The router is not touched after `route()`, so one routing serves any number of placements.
    """

    router: Router
    connectors: tuple[Connector, ...]

    @cached_property
    def provisional(self) -> _Provisional:
        return _Provisional.of(self.router, self.connectors)


def route(prosedur: Prosedur) -> Routing:
    router = Router(prosedur)
    return Routing(router, tuple(router.route()))


def _lane_of(x: float) -> int:
    return int(x // BIGX)


def _row_of(y: float) -> int:
    return int(y // BIGY)


def _crossings(router: Router, connectors: tuple[Connector, ...], breaks: tuple[int, ...]) -> list[Crossing]:
    """Where connectors cross page breaks, in provisional space."""
    crossings: list[Crossing] = []
    segments = [(c, c.segments) for c in connectors]  # once, not once per break
    for b in breaks:
        edge_y = router.py(b)
        for c, segs in segments:
            for a, z in segs:
                if a[0] == z[0] and min(a[1], z[1]) < edge_y < max(a[1], z[1]):
                    crossings.append((b, a[0], c, z[1] > a[1]))
    crossings.sort(key=lambda t: (t[0], t[1]))
    return crossings


def _compact_lanes(router: Router, pre: _Provisional, names: tuple[str, ...], extra: dict[int, float]) -> list[Lane]:
    """Each lane as wide as its shapes, its tracks, its side-exit labels and a minimum.

    `extra`: more room on both sides of a lane whose label found no clear spot (see `layout`).
    """
    reach = [max(router.half[i] + extra.get(i, 0.0), pre.reach[i]) for i in range(len(names))]
    lanes = []
    x = 0.0
    for i, name in enumerate(names):
        width = max(LANE_MIN, 2 * (reach[i] + LANE_PAD))
        lanes.append(Lane(i, name, x, width))
        x += width
    return lanes


@dataclass(frozen=True)
class _Zones:
    """Vertical compaction: each zone of each row as an offset from the row's top."""

    base: list[dict[int, float]]  # per row: zone -> offset of the zone's start
    sym_end: list[float]  # per row: where its shapes, labels zone and bottom channel end
    head: list[float]  # per row: room at the top for an incoming off-page connector
    foot: list[float]  # per row: room at the bottom for an outgoing one

    def rel(self, router: Router, py: float) -> tuple[int, float]:
        r = _row_of(py)
        off = py - router.py(r)
        zone = int(off // ZONE)
        return r, self.base[r][zone] + (off - zone * ZONE)


def _compact_rows(pre: _Provisional, n_rows: int, broken: set[int]) -> _Zones:
    head = [float(OFFPAGE_ZONE) if r in broken else 0.0 for r in range(n_rows)]
    foot = [float(OFFPAGE_ZONE) if r + 1 in broken else 0.0 for r in range(n_rows)]
    base: list[dict[int, float]] = []
    sym_end = []
    for r in range(n_rows):
        sym_top = head[r] + pre.top_h[r]
        h = pre.zone_h[r]
        label_zone = pre.label_zone[r]
        base.append({0: 0.0, Z_TOP: head[r], Z_SYM: sym_top, Z_BOT: sym_top + h + label_zone})
        sym_end.append(sym_top + h + label_zone + pre.bottom_h[r])
    return _Zones(base, sym_end, head, foot)


def _row_records(prosedur: Prosedur, zones: _Zones, labels: list[PlacedLabel], breaks: tuple[int, ...]) -> list[Row]:
    """Row heights, tops and pages: each row as tall as its content and labels, plus room to stretch."""
    rows: list[Row] = []
    top = 0.0
    page = 0
    for r, step in enumerate(prosedur.langkah):
        if r in breaks:
            page += 1
        content_end = zones.sym_end[r]
        for lb in labels:
            if lb.row == r:
                content_end = max(content_end, lb.box.y1 + 2)
        height = content_end + STRETCH_MIN + zones.foot[r]
        rows.append(Row(r, step.key, top, height, content_end, page))
        top += height
    return rows


def _offpages(crossings: list[Crossing], rows: list[Row], fx: Callable[[float], float]) -> list[OffPage]:
    offpages = []
    names = _page_labels()
    for b, px_, c, downward in crossings:
        xx = fx(px_)
        last = rows[b - 1]
        out = Box(xx - OFFPAGE_W / 2, last.top + last.height - 4 - OFFPAGE_H, xx + OFFPAGE_W / 2, last.top + last.height - 4)
        first = rows[b]
        into = Box(xx - OFFPAGE_W / 2, first.top + 4, xx + OFFPAGE_W / 2, first.top + 4 + OFFPAGE_H)
        offpages.append(OffPage(next(names), c.id, b, xx, downward, out, into))
    return offpages


def layout(
    prosedur: Prosedur, rows_per_page: int = 0, routing: Routing | None = None, *, breaks: Sequence[int] | None = None
) -> Layout:
    """Lay out one flowchart. `rows_per_page` > 0 adds page breaks with off-page connector pairs.

    `routing`: the chart's `route(prosedur)`, when the caller lays the same chart out twice.
    `breaks`: the rows that start a printed page (`paging.plan`), instead of `rows_per_page`.
    """
    routing = routing or route(prosedur)
    router, connectors = routing.router, routing.connectors
    n_rows = len(prosedur.langkah)
    if breaks is None:
        breaks = tuple(range(rows_per_page, n_rows, rows_per_page)) if rows_per_page > 0 else ()
    breaks = tuple(breaks)
    crossings = _crossings(router, connectors, breaks)
    pre = routing.provisional
    zones = _compact_rows(pre, n_rows, {b for b, *_ in crossings})

    def rel(py: float) -> tuple[int, float]:
        return zones.rel(router, py)

    # A label with no clear spot beside its exit widens its lane by its width and tries again: a wider
    # lane has room beyond the outermost track, where no connector runs.
    extra: dict[int, float] = {}
    for _ in range(4):
        lanes = _compact_lanes(router, pre, prosedur.pelaksana, extra)
        total_width = lanes[-1].x0 + lanes[-1].width

        def fx(px: float, lanes: list[Lane] = lanes) -> float:
            lane = _lane_of(px)
            return lanes[lane].centre + (px - router.px(lane))

        shapes_rel: list[tuple[SymbolBox, Box]] = []
        for shapes in router.row_shapes:
            for sym in shapes:
                _, y0 = rel(sym.box.y0)
                shapes_rel.append((sym, Box(fx(sym.box.x0), y0, fx(sym.box.x1), y0 + sym.box.h)))
        # fx and rel of every point, from its parts (`_Provisional`): the same sums, without taking
        # each point apart again for every placement.
        centres = [lane.centre for lane in lanes]
        base = zones.base
        connectors_rel: list[tuple[Connector, list[RelPoint]]] = [
            (c, [(centres[lane] + dx, (r, base[r][zone] + in_zone)) for lane, dx, r, zone, in_zone in parts])
            for c, parts in zip(connectors, pre.points)
        ]
        shapes_of_row: dict[int, list[Box]] = {}
        source_box: dict[str, Box] = {}
        for sym, b in shapes_rel:
            shapes_of_row.setdefault(sym.row, []).append(b)
            for item in sym.items:
                source_box[item] = b
        labels_rel = place_labels(connectors_rel, shapes_of_row, source_box, zones.head, zones.sym_end, total_width)
        crowded = [p for p in labels_rel if p.crossed]
        if not crowded:
            break
        for p in crowded:
            lane = _lane_of(p.connector.points[0][0])
            extra[lane] = extra.get(lane, 0.0) + len(p.connector.label or "") * LABEL_CHAR + 12
    rows = _row_records(prosedur, zones, labels_rel, breaks)

    def ay(rel_y: tuple[int, float]) -> float:
        return rows[rel_y[0]].top + rel_y[1]

    tops = [row.top for row in rows]  # ay() of the many connector points, without a call each
    symbols = tuple(
        sym.moved(Box(b.x0, tops[sym.row] + b.y0, b.x1, tops[sym.row] + b.y1)) for sym, b in shapes_rel
    )
    final_connectors = tuple(
        # tuple.__new__ makes the same Point as Point(x, y) without its Python-level __new__ (a point a call).
        Connector(c.id, c.source, c.target, c.label, tuple([tuple.__new__(Point, (x, tops[r] + y)) for x, (r, y) in pts]), c.exit_side, c.entry_side)
        for c, pts in connectors_rel
    )
    labels = tuple(
        Label(p.connector.id, p.connector.label or "", Box(p.box.x0, ay((p.row, p.box.y0)), p.box.x1, ay((p.row, p.box.y1))), p.row)
        for p in labels_rel
    )
    joins = tuple(
        Join(j.row, j.source, j.target, ay(rel(j.y)), fx(j.x0), fx(j.x1)) for j in router.joins
    )
    return Layout(
        lanes=tuple(lanes),
        rows=tuple(rows),
        symbols=symbols,
        connectors=final_connectors,
        labels=labels,
        offpages=tuple(_offpages(crossings, rows, fx)),
        breaks=breaks,
        width=total_width,
        height=rows[-1].top + rows[-1].height if rows else 0.0,
        joins=joins,
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

    find_row = row_finder(lay.rows, tolerance=1e-9)

    def map_y(y: float, row_hint: int | None = None) -> float:
        r = row_hint if row_hint is not None else find_row(y)
        row = lay.rows[r]
        off = y - row.top
        return y + shift_top[r] + (extra[r] if off > row.stretch_at + 1e-9 else 0.0)

    def map_box(b: Box, row: int) -> Box:
        return Box(b.x0, map_y(b.y0, row), b.x1, map_y(b.y1, row))

    rows = tuple(
        Row(r.index, r.key, r.top + shift_top[r.index], r.height + extra[r.index], r.stretch_at, r.page) for r in lay.rows
    )
    symbols = tuple(s.moved(map_box(s.box, s.row)) for s in lay.symbols)
    connectors = tuple(
        Connector(c.id, c.source, c.target, c.label, tuple((x, map_y(y)) for x, y in c.points), c.exit_side, c.entry_side)
        for c in lay.connectors
    )
    labels = tuple(Label(lb.connector, lb.text, map_box(lb.box, lb.row), lb.row) for lb in lay.labels)
    offpages = tuple(
        OffPage(o.label, o.connector, o.break_row, o.x, o.downward, map_box(o.out, o.break_row - 1), map_box(o.into, o.break_row))
        for o in lay.offpages
    )
    joins = tuple(Join(j.row, j.source, j.target, map_y(j.y, j.row), j.x0, j.x1) for j in lay.joins)
    return Layout(lay.lanes, rows, symbols, connectors, labels, offpages, lay.breaks, lay.width, lay.height + acc, joins)
