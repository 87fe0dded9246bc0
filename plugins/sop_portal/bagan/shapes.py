"""Which shapes a row draws, and where they sit inside the row (ARCHITECTURE.md, "Flowchart", "Rows with several symbols").

A row's items become shapes: one per item, except in a joint activity (`bersama`),
where items on adjacent lanes with the same symbol merge into one wide shape (as the
paper draws a meeting of two neighbouring lanes). Items on lanes with another lane
between stay separate shapes, later joined by dashed lines: a shape never covers a
lane that is not its own.

Inside the row, a shape whose lane already holds a shape of this row is stacked
below it (a start capsule above its box, a box above its decision); a shape in a
new lane sits beside the previous shape, centre to centre, so the arrow between
them is one straight line. Offsets are from the top of the row's symbol zone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..format.model import Item, Langkah
from .geometry import SYMBOL_H

STACK_GAP = 22.0  # between two stacked shapes of one lane: room for the arrow (7 px head) and a label


@dataclass(frozen=True)
class PlannedShape:
    key: str  # the first item's key
    items: tuple[str, ...]
    row: int
    simbol: str
    lanes: tuple[int, ...]  # contiguous
    teks: str | None
    offset: float  # top, from the top of the row's symbol zone
    height: float

    @property
    def centre(self) -> float:
        return self.offset + self.height / 2


def _groups(step: Langkah, lane_of: dict[str, int]) -> list[list[Item]]:
    """The items of a row grouped into shapes, in flow order."""
    if not step.bersama:
        return [[item] for item in step.items]
    ordered = sorted(step.items, key=lambda item: lane_of[item.pelaksana])
    groups: list[list[Item]] = []
    for item in ordered:
        last = groups[-1][-1] if groups else None
        if last is not None and lane_of[item.pelaksana] == lane_of[last.pelaksana] + 1 and item.simbol == last.simbol:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def plan_row(step: Langkah, lane_of: dict[str, int]) -> list[PlannedShape]:
    """The row's shapes with their offsets inside the row's symbol zone (the smallest offset is 0)."""
    placed: list[PlannedShape] = []
    bottom: dict[int, float] = {}  # per lane: the lowest shape's bottom so far
    for group in _groups(step, lane_of):
        lanes = tuple(sorted(lane_of[item.pelaksana] for item in group))
        lanes = tuple(range(lanes[0], lanes[-1] + 1))
        simbol = group[0].simbol
        height = float(SYMBOL_H[simbol])
        stacked = [bottom[lane] for lane in lanes if lane in bottom]
        if stacked:
            offset = max(stacked) + STACK_GAP
        elif placed:
            offset = placed[-1].centre - height / 2
        else:
            offset = 0.0
        teks = next((item.teks for item in group if item.teks), None)
        shape = PlannedShape(group[0].key, tuple(item.key for item in group), step.index, simbol, lanes, teks, offset, height)
        placed.append(shape)
        for lane in lanes:
            bottom[lane] = offset + height
    shift = min(s.offset for s in placed)
    if shift:
        placed = [
            PlannedShape(s.key, s.items, s.row, s.simbol, s.lanes, s.teks, s.offset - shift, s.height) for s in placed
        ]
    return placed


def zone_height(shapes: list[PlannedShape]) -> float:
    return max(s.offset + s.height for s in shapes)
