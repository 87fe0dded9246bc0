"""The flowchart invariants (ARCHITECTURE.md, "Flowchart"), checked on a finished `Layout`.

Written apart from the engine on purpose: it knows nothing of tracks, levels or
ports, only the geometry the renderers draw. Each check returns messages; an
empty list means the layout is sound.
"""

from __future__ import annotations

from sop_portal.bagan.layout import Box, Layout, SymbolBox
from sop_portal.format.model import Prosedur

EPS = 0.01


def _seg_box(a, b) -> Box:
    return Box(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))


def _inside_length(sym: SymbolBox, a, b) -> float:
    """Length of segment a-b inside the symbol's exact shape (touching counts as 0)."""
    horizontal = a[1] == b[1]
    if horizontal:
        span = sym.span_at(True, a[1])
        lo, hi = sorted((a[0], b[0]))
    else:
        span = sym.span_at(False, a[0])
        lo, hi = sorted((a[1], b[1]))
    if not span:
        return 0.0
    return max(0.0, min(hi, span[1]) - max(lo, span[0]))


def _on_boundary(sym: SymbolBox, p) -> bool:
    """p lies on the shape's outline: inside its box, and the shape's span through p ends at p."""
    b = sym.box
    if not (b.x0 - EPS <= p[0] <= b.x1 + EPS and b.y0 - EPS <= p[1] <= b.y1 + EPS):
        return False
    for horizontal, c, v in ((True, p[1], p[0]), (False, p[0], p[1])):
        span = sym.span_at(horizontal, c)
        if span and (abs(span[0] - v) < 0.05 or abs(span[1] - v) < 0.05):
            return True
    # Corners and the flat ends of a box: the span along one axis is empty there.
    return abs(p[0] - b.x0) < 0.05 or abs(p[0] - b.x1) < 0.05 or abs(p[1] - b.y0) < 0.05 or abs(p[1] - b.y1) < 0.05


def violations(lay: Layout, prosedur: Prosedur, *, vertices: bool = True) -> list[str]:
    """`vertices`: also require a decision's branches to leave by distinct vertices while it has no
    more connectors than vertices (true of every real form; a generated chart can crowd a decision
    so that geometry forces two branches onto one side, at distinct points)."""
    out: list[str] = []
    # Connectors run between items; a shape draws one item, or several of one joint activity.
    symbols = {item: s for s in lay.symbols for item in (s.items or (s.key,))}
    item_lane = {item.key: prosedur.pelaksana.index(item.pelaksana) for item in prosedur.items}

    # 1. Every edge of the model has exactly one connector, from its source to its target symbol.
    expected: dict[tuple[str, str], int] = {}
    for item in prosedur.items:
        for _, key in item.keluar:
            expected[(item.key, key)] = expected.get((item.key, key), 0) + 1
    found: dict[tuple[str, str], int] = {}
    for c in lay.connectors:
        found[(c.source, c.target)] = found.get((c.source, c.target), 0) + 1
    if expected != found:
        out.append(f"edges differ: model {sorted(expected.items())} vs layout {sorted(found.items())}")
    for c in lay.connectors:
        if len(c.points) < 2:
            out.append(f"{c.id}: fewer than two points")
            continue
        for a, b in c.segments:
            if a[0] != b[0] and a[1] != b[1]:
                out.append(f"{c.id}: segment {a}-{b} is not orthogonal")
            if a == b:
                out.append(f"{c.id}: zero-length segment at {a}")
        if not _on_boundary(symbols[c.source], c.points[0]):
            out.append(f"{c.id}: starts at {c.points[0]}, not on {c.source}'s outline {symbols[c.source].box}")
        if not _on_boundary(symbols[c.target], c.points[-1]):
            out.append(f"{c.id}: ends at {c.points[-1]}, not on {c.target}'s outline {symbols[c.target].box}")
        # 5. The arrowhead points into the target: just past the end is inside, just before it outside.
        (ax, ay), (bx, by) = c.points[-2], c.points[-1]
        dx = (bx > ax) - (bx < ax)
        dy = (by > ay) - (by < ay)
        t = symbols[c.target]
        beyond = _inside_length(t, (bx, by), (bx + dx * 2, by + dy * 2))
        if beyond < 1.0:
            out.append(f"{c.id}: arrow at {c.points[-1]} does not point into {c.target}")

    # 2. No segment passes through a symbol it does not belong to, nor into its own symbols' insides.
    for c in lay.connectors:
        for i, (a, b) in enumerate(c.segments):
            sb = _seg_box(a, b)
            for sym in lay.symbols:
                if sym is symbols[c.source] or sym is symbols[c.target]:
                    if _inside_length(sym, a, b) > EPS:
                        out.append(f"{c.id}: segment {a}-{b} runs inside its own symbol {sym.key}")
                elif sb.x0 < sym.box.x1 and sym.box.x0 < sb.x1 and sb.y0 < sym.box.y1 and sym.box.y0 < sb.y1:
                    out.append(f"{c.id}: segment {a}-{b} crosses symbol {sym.key} {sym.box}")
                elif (sb.x0 == sb.x1 and sym.box.x0 < sb.x0 < sym.box.x1 and sb.y0 < sym.box.y1 and sym.box.y0 < sb.y1) or (
                    sb.y0 == sb.y1 and sym.box.y0 < sb.y0 < sym.box.y1 and sb.x0 < sym.box.x1 and sym.box.x0 < sb.x1
                ):
                    out.append(f"{c.id}: segment {a}-{b} crosses symbol {sym.key} {sym.box}")

    # 3. No two connectors (or two parts of one) share a collinear stretch.
    segs = [(c.id, i, a, b) for c in lay.connectors for i, (a, b) in enumerate(c.segments)]
    for n, (id1, i1, a1, b1) in enumerate(segs):
        for id2, i2, a2, b2 in segs[n + 1 :]:
            if id1 == id2 and abs(i1 - i2) <= 1:
                continue
            h1, h2 = a1[1] == b1[1], a2[1] == b2[1]
            if h1 != h2:
                continue
            if h1 and abs(a1[1] - a2[1]) < 0.5:
                lo = max(min(a1[0], b1[0]), min(a2[0], b2[0]))
                hi = min(max(a1[0], b1[0]), max(a2[0], b2[0]))
            elif not h1 and abs(a1[0] - a2[0]) < 0.5:
                lo = max(min(a1[1], b1[1]), min(a2[1], b2[1]))
                hi = min(max(a1[1], b1[1]), max(a2[1], b2[1]))
            else:
                continue
            if hi - lo > 0.5:
                out.append(f"{id1} and {id2} share a collinear stretch ({a1}-{b1} / {a2}-{b2})")

    # 4. Labels: every labelled exit has exactly one label, with its text; none for anything else.
    #    Clear of symbols and of each other.
    texts: dict[str, list[str]] = {}
    for lb in lay.labels:
        texts.setdefault(lb.connector, []).append(lb.text)
    for c in lay.connectors:
        if c.label and texts.get(c.id) != [c.label]:
            out.append(f"{c.id} ({c.source} -> {c.target}, {c.label!r}) has labels {texts.get(c.id, [])}, not exactly one {c.label!r}")
    stray = sorted(set(texts) - {c.id for c in lay.connectors if c.label})
    if stray:
        out.append(f"labels for connectors without a label: {stray}")
    for n, lb in enumerate(lay.labels):
        for sym in lay.symbols:
            if lb.box.overlaps(sym.box):
                out.append(f"label {lb.text!r} of {lb.connector} overlaps symbol {sym.key}")
        for other in lay.labels[n + 1 :]:
            if lb.box.overlaps(other.box):
                out.append(f"labels {lb.text!r} and {other.text!r} overlap")

    # 4b. No connector segment crosses or covers a label.
    for lb in lay.labels:
        for c in lay.connectors:
            for a, b in c.segments:
                if lb.box.overlaps(_seg_box(a, b), -0.5):
                    out.append(f"{c.id}: segment {a}-{b} crosses label {lb.text!r} of {lb.connector}")

    # 4c. No two branches of a decision share an exit point; up to three branches leave by three vertices.
    shapes_by_key = {s.key: s for s in lay.symbols}
    by_source: dict[str, list] = {}
    for c in lay.connectors:
        if c.label is not None:
            by_source.setdefault(symbols[c.source].key, []).append(c)
    for key, branches in by_source.items():
        starts = [c.points[0] for c in branches]
        for n, a in enumerate(starts):
            for b in starts[n + 1 :]:
                if abs(a[0] - b[0]) < 5 and abs(a[1] - b[1]) < 5:
                    out.append(f"two branches of {key} leave (nearly) the same point {a} {b}")
        if not vertices:
            continue
        sides = [c.exit_side for c in branches]
        # A decision has three exit vertices (bottom, right, left); only one crowded beyond them
        # (more branches, or connectors entering by a vertex because the top was out of reach)
        # may put two branches on one side, at distinct points.
        # A shape stacked below the decision in its row (an item the decision does not lead to, on a
        # drafted form) closes the bottom vertex.
        d = shapes_by_key[key].box
        below = any(
            s.row == shapes_by_key[key].row and s.box.y0 >= d.y1 and s.box.x0 < d.x1 and d.x0 < s.box.x1 for s in lay.symbols
        )
        vertices = 2 if below and "bawah" not in sides else 3
        side_entries = [c for c in lay.connectors if symbols[c.target].key == key and c.entry_side != "atas"]
        if len(branches) + len(side_entries) <= vertices and len(set(sides)) != len(sides):
            out.append(f"branches of {key} share an exit side: {sides}")

    # 4d. A symbol covers only the lanes of its own items (a joint activity on non-adjacent lanes is
    #     one shape per lane, joined by dashed lines).
    for sym in lay.symbols:
        own = {item_lane[i] for i in (sym.items or (sym.key,))}
        covered = {ln.index for ln in lay.lanes if sym.box.x0 < ln.x0 + ln.width - EPS and ln.x0 + EPS < sym.box.x1}
        if not covered <= own:
            out.append(f"symbol {sym.key} covers lanes {sorted(covered - own)} that are not its own")
    shapes = {s.key: s for s in lay.symbols}
    for j in lay.joins:
        a, b = shapes[j.source], shapes[j.target]
        if abs(j.x0 - a.box.x1) > EPS or abs(j.x1 - b.box.x0) > EPS or not (a.box.y0 < j.y < a.box.y1 and b.box.y0 < j.y < b.box.y1):
            out.append(f"join {j.source}-{j.target} does not run between its shapes")
        for sym in lay.symbols:
            if sym not in (a, b) and sym.box.y0 < j.y < sym.box.y1 and j.x0 < sym.box.x1 and sym.box.x0 < j.x1:
                out.append(f"join {j.source}-{j.target} crosses symbol {sym.key}")

    # 6. Off-page connectors: one labelled pair wherever a connector crosses a page break.
    tops = {r.index: r.top for r in lay.rows}
    crossings = set()
    for c in lay.connectors:
        for a, b in c.segments:
            for row in lay.breaks:
                y = tops[row]
                if a[0] == b[0] and min(a[1], b[1]) < y < max(a[1], b[1]):
                    crossings.add((c.id, row, round(a[0], 2)))
    pairs = {(o.connector, o.break_row, round(o.x, 2)) for o in lay.offpages}
    if crossings != pairs:
        out.append(f"off-page pairs {sorted(pairs)} do not match break crossings {sorted(crossings)}")
    if len({o.label for o in lay.offpages}) != len(lay.offpages):
        out.append("off-page labels are not unique")
    boxes = [(f"off-page {o.label}", box) for o in lay.offpages for box in (o.out, o.into)]
    for n, (name, box) in enumerate(boxes):
        for sym in lay.symbols:
            if box.overlaps(sym.box):
                out.append(f"{name} overlaps symbol {sym.key}")
        for lb in lay.labels:
            if box.overlaps(lb.box):
                out.append(f"{name} overlaps label {lb.text!r}")
        for other_name, other in boxes[n + 1 :]:
            if box.overlaps(other):
                out.append(f"{name} overlaps {other_name}")
    for o in lay.offpages:
        last, first = lay.rows[o.break_row - 1], lay.rows[o.break_row]
        if not (last.top <= o.out.y0 and o.out.y1 <= last.top + last.height):
            out.append(f"off-page {o.label}: outgoing pentagon not inside the page's last row")
        if not (first.top <= o.into.y0 and o.into.y1 <= first.top + first.height):
            out.append(f"off-page {o.label}: incoming pentagon not inside the next page's first row")

    # Everything inside the drawing, each symbol in its own row and lanes.
    for sym in lay.symbols:
        row = lay.rows[sym.row]
        if not (row.top <= sym.box.y0 and sym.box.y1 <= row.top + row.stretch_at):
            out.append(f"symbol {sym.key} leaves its row")
        if sym.box.x0 < lay.lanes[sym.first_lane].x0 or sym.box.x1 > lay.lanes[sym.last_lane].x0 + lay.lanes[sym.last_lane].width:
            out.append(f"symbol {sym.key} leaves its lanes")
    for c in lay.connectors:
        for p in c.points:
            if not (0 <= p[0] <= lay.width and 0 <= p[1] <= lay.height):
                out.append(f"{c.id}: point {p} outside the drawing")
    return out
