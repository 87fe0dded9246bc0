"""Read a flowchart's drawing back from a built SOP page and from its standalone SVG (issue #16 item 4).

Both readers return the same plain structure per chart, so a test can compare "the drawing the page
shows" with "the drawing the download shows" without pixels:

- symbols: (row, lanes, kind, rank) where rank orders the shapes of one row and lanes top to bottom;
- connectors: (source symbol, target symbol, label), the symbols as above;
- joins: the dashed lines of a joint activity, (left symbol, right symbol).

The page is read from its markup (the lane cells' `data-step`/`data-simbol` shapes, the
`data-edge` pieces with `data-awal` and `data-akhir`, the `sop-label` spans, `data-sambung`),
the SVG from its geometry: which shape's outline each polyline starts and ends on, which exit a
label sits beside, which shapes a dashed line runs between. No data attribute of the SVG is trusted
beyond `data-langkah`/`data-pelaksana`/`data-lajur`, which the issue names as its contract.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser

SVG_NS = "{http://www.w3.org/2000/svg}"
Sym = tuple[int, tuple[str, ...], str, int]  # (row, lanes, kind, rank)


@dataclass
class Chart:
    lanes: list[str] = field(default_factory=list)
    symbols: list[Sym] = field(default_factory=list)
    connectors: list[tuple[Sym, Sym, str | None]] = field(default_factory=list)
    joins: list[tuple[Sym, Sym]] = field(default_factory=list)

    def sorted(self) -> tuple:
        return (self.lanes, sorted(self.symbols), sorted(self.connectors, key=repr), sorted(self.joins))


def _ranked(raw: dict[str, tuple[int, tuple[str, ...], str, float]]) -> dict[str, Sym]:
    """Shape key -> (row, lanes, kind, rank by height within its row and lanes)."""
    out: dict[str, Sym] = {}
    groups: dict[tuple[int, tuple[str, ...]], list[tuple[float, str]]] = {}
    for key, (row, lanes, _, y) in raw.items():
        groups.setdefault((row, lanes), []).append((y, key))
    for (row, lanes), members in groups.items():
        for rank, (_, key) in enumerate(sorted(members)):
            out[key] = (row, lanes, raw[key][2], rank)
    return out


# -- the page -----------------------------------------------------------------------------------


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.charts: list[dict] = []
        self.in_lane_head = False
        self.label_edge: str | None = None
        self.row = -1
        self.lane = -1

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs_list}
        classes = a.get("class", "").split()
        if tag == "table" and "sop-tabel" in classes:
            self.charts.append({"lanes": [], "shapes": {}, "edges": {}, "joins": [], "rows": []})
            self.row = -1
        if not self.charts:
            return
        chart = self.charts[-1]
        if tag == "th" and "sop-tabel__lajur" in classes:
            self.in_lane_head = True
            chart["lanes"].append("")
        if tag == "tr" and "sop-baris" in classes:
            self.row += 1
            self.lane = -1
            chart["rows"].append(a.get("id", ""))
        if tag == "td" and "sop-lajur" in classes:
            self.lane += 1
        if "data-step" in a:
            top = re.search(r"(?:^|;)top:([-\d.]+)px", a.get("style", ""))
            key = a["data-step"]
            row, lanes, kind, y = chart["shapes"].get(key, (self.row, (), a["data-simbol"], float(top.group(1)) if top else 0.0))
            lane = chart["lanes"][self.lane]
            chart["shapes"][key] = (row, lanes if lane in lanes else (*lanes, lane), kind, y)
        if "data-edge" in a:
            edge = chart["edges"].setdefault(a["data-edge"], {"awal": None, "akhir": None, "label": None})
            if "data-awal" in a:
                edge["awal"] = a["data-awal"]
            if "data-akhir" in a:
                edge["akhir"] = a["data-akhir"]
            if tag == "span" and "sop-label" in classes:
                self.label_edge = a["data-edge"]
                edge["label"] = ""
        if "data-sambung" in a:
            pair = tuple(a["data-sambung"].split(" "))
            if pair not in chart["joins"]:
                chart["joins"].append(pair)

    def handle_endtag(self, tag: str) -> None:
        if tag == "th":
            self.in_lane_head = False
        if tag == "span":
            self.label_edge = None

    def handle_data(self, data: str) -> None:
        if self.in_lane_head:
            self.charts[-1]["lanes"][-1] += data
        if self.label_edge is not None:
            self.charts[-1]["edges"][self.label_edge]["label"] += data


def read_page(html: str) -> list[Chart]:
    reader = _PageReader()
    reader.feed(html)
    charts = []
    for raw in reader.charts:
        syms = _ranked(raw["shapes"])
        chart = Chart(lanes=raw["lanes"], symbols=list(syms.values()))
        for edge_id, e in raw["edges"].items():
            if e["akhir"] is None:  # only pieces of a line drawn for print (no edge without its end)
                raise AssertionError(f"page: connector {edge_id} has no arrow into a shape")
            chart.connectors.append((syms[e["awal"]], syms[e["akhir"]], e["label"]))
        chart.joins = [(syms[a], syms[b]) for a, b in raw["joins"]]
        charts.append(chart)
    return charts


def page_row_names(html: str) -> list[list[str]]:
    """Each chart's rows: the printed number, else the row's anchor (`langkah-<chart>-<id>`), whose
    tail is the SVG's `data-langkah` of an unnumbered row."""
    out: list[list[str]] = []
    for table in re.findall(r'<table class="sop-tabel.*?</table>', html, re.S):
        names = []
        for tr in re.finditer(r'<tr id="([^"]*)" class="sop-baris[^>]*>\s*<td class="sop-tabel__no">([^<]*)</td>', table):
            names.append(tr.group(2).strip() or tr.group(1))
        out.append(names)
    return out


# -- the standalone SVG -------------------------------------------------------------------------


def _floats(text: str) -> list[float]:
    return [float(v) for v in re.split(r"[ ,]+", text.strip()) if v]


def _box(shape: ET.Element) -> tuple[float, float, float, float]:
    if shape.tag == SVG_NS + "rect":
        x, y = float(shape.get("x", 0)), float(shape.get("y", 0))
        return x, y, x + float(shape.get("width", 0)), y + float(shape.get("height", 0))
    v = _floats(shape.get("points", ""))
    xs, ys = v[0::2], v[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _kind(shape: ET.Element) -> str:
    if shape.tag == SVG_NS + "polygon":
        return "ketupat"
    return "kapsul" if shape.get("rx") else "kotak"


def _near(box: tuple[float, float, float, float], x: float, y: float) -> float:
    """Distance from (x, y) to the box (0 inside or on it)."""
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return (dx * dx + dy * dy) ** 0.5


def _on_one(boxes: dict[int, tuple[float, float, float, float]], x: float, y: float, what: str) -> int:
    hits = [i for i, b in boxes.items() if _near(b, x, y) < 0.6]
    if len(hits) != 1:
        raise AssertionError(f"svg: {what} at ({x}, {y}) lies on {len(hits)} shapes")
    return hits[0]


def read_svg(svg: str, row_names: list[list[str]]) -> list[Chart]:
    """`row_names`: per chart, each row's `data-langkah` name in order (`page_row_names`)."""
    root = ET.fromstring(svg)
    body = root.find(SVG_NS + "g")
    assert body is not None, "svg: no drawing group"
    parts: list[list[ET.Element]] = []
    pending: list[ET.Element] = []
    for el in body:
        if el.tag == SVG_NS + "text" and el.get("font-size") == "14":  # a chart's title starts it
            pending = [el]
            continue
        if el.tag == SVG_NS + "rect" and el.get("class") == "k":
            parts.append(pending + [el])
            pending = []
            continue
        parts[-1].append(el)
    charts = []
    for n, elements in enumerate(parts):
        names = row_names[n]
        chart = Chart()
        raw: dict[str, tuple[int, tuple[str, ...], str, float]] = {}
        boxes: dict[int, tuple[float, float, float, float]] = {}
        lines: list[list[float]] = []
        labels: list[tuple[str, float, float]] = []
        dashed: list[tuple[float, float, float]] = []
        for el in elements:
            cls = el.get("class")
            if el.tag == SVG_NS + "rect" and cls == "l":
                chart.lanes.append(el.get("data-lajur", ""))
            elif el.tag == SVG_NS + "g" and el.get("data-langkah") is not None:
                shape = next(c for c in el if c.get("class") == "s")
                langkah = el.get("data-langkah", "")
                rows = [i for i, name in enumerate(names) if name == langkah or name.endswith("-" + langkah)]
                if len(rows) != 1:
                    raise AssertionError(f"svg: data-langkah {langkah!r} names {len(rows)} rows")
                box = _box(shape)
                boxes[len(raw)] = box
                lanes = tuple(el.get("data-pelaksana", "").split("|"))
                raw[str(len(raw))] = (rows[0], lanes, _kind(shape), box[1])
            elif el.tag == SVG_NS + "polyline" and cls == "c":
                lines.append(_floats(el.get("points", "")))
            elif el.tag == SVG_NS + "line" and cls == "j":
                dashed.append((float(el.get("y1", 0)), float(el.get("x1", 0)), float(el.get("x2", 0))))
            elif el.tag == SVG_NS + "text" and el.get("font-size") == "10" and el.get("text-anchor") == "start":
                labels.append(("".join(el.itertext()), float(el.get("x", 0)), float(el.get("y", 0))))
        syms = _ranked(raw)
        chart.symbols = list(syms.values())
        ends = []
        for pts in lines:
            src = _on_one(boxes, pts[0], pts[1], "a connector's start")
            dst = _on_one(boxes, pts[-2], pts[-1], "a connector's arrow tip")
            ends.append([syms[str(src)], syms[str(dst)], None, (pts[0], pts[1])])
        for text, x, y in labels:  # each label beside the exit nearest to it
            box = (x - 1, y - 10, x - 1 + len(text) * 6.2 + 6, y + 2)
            nearest = min((e for e in ends if e[2] is None), key=lambda e: _near(box, *e[3]), default=None)
            if nearest is None:
                raise AssertionError(f"svg: label {text!r} beside no unlabelled exit")
            nearest[2] = text
        chart.connectors = [(a, b, label) for a, b, label, _ in ends]
        for y, x0, x1 in dashed:
            left = next(i for i, b in boxes.items() if abs(b[2] - x0) < 0.6 and b[1] < y < b[3])
            right = next(i for i, b in boxes.items() if abs(b[0] - x1) < 0.6 and b[1] < y < b[3])
            chart.joins.append((syms[str(left)], syms[str(right)]))
        charts.append(chart)
    return charts


def differences(page: str, svg: str) -> list[str]:
    """Differences between the page's drawing and the SVG's, chart by chart (empty: the same)."""
    a, b = read_page(page), read_svg(svg, page_row_names(page))
    if len(a) != len(b):
        return [f"{len(a)} charts on the page, {len(b)} in the svg"]
    out = []
    for n, (p, s) in enumerate(zip(a, b)):
        for what, x, y in zip(("lanes", "symbols", "connectors", "joins"), p.sorted(), s.sorted()):
            if x != y:
                out.append(f"chart {n + 1} {what}: page only {[i for i in x if i not in y]}, svg only {[i for i in y if i not in x]}")
    return out
