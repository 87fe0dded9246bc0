"""The procedure table's repeated cells as ready HTML, made once per row (no MkDocs import).

A SOP page's table has one cell per lane and per Mutu Baku column in every row: rendered by
Jinja loops they were a large share of a page's template time (each cell several output
pieces, passed up through every enclosing template, and ``s[kolom]`` a failed item lookup
before the attribute). These strings are exactly what partials/sop/bagan.html wrote for them,
escaped the way its autoescape did (markupsafe.escape); the template writes them as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from markupsafe import Markup, escape

from ..format.model import Langkah


def lane_cells(cells: Sequence[str]) -> Markup:
    """The lane cells of one row (each already HTML, from the flowchart)."""
    joined = '</td><td class="sop-lajur">'.join(cells)  # one join: the cells are long (SVG)
    return Markup(f'<td class="sop-lajur">{joined}</td>') if cells else Markup("")


def mutu_cells(step: Langkah, kolom: Sequence[str]) -> Markup:
    """The row's Mutu Baku cells, one per column the SOP shows (an empty value: an empty cell)."""
    # "%s" with a Markup argument writes its text; an f-string formats it through Markup (twice the time).
    values = [getattr(step, k, None) for k in kolom]
    return Markup("".join(['<td class="sop-tabel__mutu">%s</td>' % (escape(v) if v else "") for v in values]))


def keterangan(step: Langkah, keluar: Iterable[dict[str, Any]]) -> Markup:
    """The Keterangan cell's content: the step's note, then a link per exit to another row."""
    links = "".join(f'<a class="sop-keluar" href="#{escape(k["anchor"])}">{escape(k["teks"])}</a>' for k in keluar if k["anchor"])
    return Markup(f"{escape(step.keterangan) if step.keterangan else ''}{links}")
