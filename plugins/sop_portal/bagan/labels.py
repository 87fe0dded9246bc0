"""Branch labels beside their own exits (ARCHITECTURE.md, "Flowchart").

A decision's label sits beside the first segment of its own connector: right of a line
that leaves downwards (left when the right is taken), above or below a line that leaves by
the side. A candidate is taken only when it is clear of every shape of the row, of the
labels already placed, and of every connector segment: no connector crosses or hides a
label. When every spot beside the exit is taken, the label goes below the row's content,
which only labels use.

Works in row-relative space: (row, y offset from the row's top), after compaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .geometry import LABEL_CHAR, LABEL_H, Box, Connector

RelPoint = tuple[float, tuple[int, float]]  # (x, (row, y offset from the row's top))


@dataclass(frozen=True)
class PlacedLabel:
    connector: Connector
    row: int
    box: Box
    crossed: bool = False  # no clear spot was found: the lane needs room for it (`layout.py` widens it)


_ROW_END = 1e6  # a vertical line that runs on into the next row reaches the end of this one, however tall


def _segment_boxes(connectors: Sequence[tuple[Connector, list[RelPoint]]], rows: set[int]) -> dict[int, list[Box]]:
    """Bounding boxes of the connector segments in each of `rows` (a line through several rows is cut
    per row). Only the rows that hold a label are asked for: the others' boxes would never be read."""
    boxes: dict[int, list[Box]] = {r: [] for r in rows}
    for _, cp in connectors:
        for a, b in zip(cp, cp[1:]):
            (ra, ya), (rb, yb) = a[1], b[1]
            if ra == rb:
                if ra in rows:
                    boxes[ra].append(Box(min(a[0], b[0]), min(ya, yb), max(a[0], b[0]), max(ya, yb)))
                continue
            (r0, y0), (r1, y1) = sorted((a[1], b[1]))
            x = a[0]
            if r0 in rows:
                boxes[r0].append(Box(x, y0, x, _ROW_END))
            for r in range(r0 + 1, r1):
                if r in rows:
                    boxes[r].append(Box(x, 0.0, x, _ROW_END))
            if r1 in rows:
                boxes[r1].append(Box(x, 0.0, x, y1))
    return boxes


def _candidates(c: Connector, pts: list[RelPoint], source: Box, width: float) -> Iterator[Box]:
    """Spots beside the connector's first segment, best first (made one at a time: the first few
    usually do)."""
    (x0, (_, y0)) = pts[0]
    if c.exit_side == "bawah":
        for dy in (2, 2 + LABEL_H, 2 + 2 * LABEL_H):
            for shift in range(0, 60, 6):
                yield Box(x0 + 3 + shift, y0 + dy, x0 + 3 + shift + width, y0 + dy + LABEL_H)
                yield Box(x0 - 3 - shift - width, y0 + dy, x0 - 3 - shift, y0 + dy + LABEL_H)
    else:
        sign = 1 if c.exit_side == "kanan" else -1
        edge = source.x1 if sign > 0 else source.x0
        for shift in range(0, 120, 6):
            ax = edge + sign * (3 + shift)
            bx = ax + sign * width
            for yy in (y0 - 1 - LABEL_H, y0 + 1):
                yield Box(min(ax, bx), yy, max(ax, bx), yy + LABEL_H)


def place_labels(
    connectors: Sequence[tuple[Connector, list[RelPoint]]],
    shapes_of_row: dict[int, list[Box]],
    source_box: dict[str, Box],
    head: Sequence[float],
    sym_end: Sequence[float],
    total_width: float,
) -> list[PlacedLabel]:
    placed: list[PlacedLabel] = []
    seg_boxes = _segment_boxes(connectors, {pts[0][1][0] for c, pts in connectors if c.label})
    for c, pts in connectors:
        if not c.label:
            continue
        r = pts[0][1][0]
        width = len(c.label) * LABEL_CHAR + 6
        others = [p.box for p in placed if p.row == r]
        shapes = shapes_of_row.get(r, [])
        segs = seg_boxes.get(r, ())
        best = None
        for cand in _candidates(c, pts, source_box[c.source], width):
            if cand.x0 < 0 or cand.x1 > total_width or cand.y0 < head[r]:
                continue
            if any(cand.overlaps(s, 1) for s in shapes) or any(cand.overlaps(o, 1) for o in others):
                continue
            if any(cand.overlaps(seg, -0.5) for seg in segs):
                continue
            best = cand
            break
        if best is None:
            best = _below(pts[0][0], width, sym_end[r], others, segs, total_width)
        placed.append(PlacedLabel(c, r, best, crossed=any(best.overlaps(seg, -0.5) for seg in segs)))
    return placed


def _below(x0: float, width: float, top: float, others: list[Box], segs: Sequence[Box], total_width: float) -> Box:
    """Crowded exits: below everything else in the row, which only labels use, clear of lines passing by."""
    first = None
    spots = sorted((float(x) for x in range(0, max(int(total_width - width), 0) + 1, 3)), key=lambda x: abs(x - x0))
    for k in range(6):
        yy = top + 2 + k * (LABEL_H + 2)
        for xx in spots:
            cand = Box(xx, yy, xx + width, yy + LABEL_H)
            if any(cand.overlaps(o, 1) for o in others):
                continue
            first = first or cand
            if not any(cand.overlaps(seg, -0.5) for seg in segs):
                return cand
    return first or Box(x0 + 3, top + 2, x0 + 3 + width, top + 2 + LABEL_H)
