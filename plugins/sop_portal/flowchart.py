"""Lane cells of the procedure table (interim: symbols only, no connectors yet).

`render_cells(prosedur)` returns, per step row, one HTML fragment per lane.
The full swimlane engine (routed connectors, page breaks, off-page
connectors) replaces this module's internals behind the same function.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from .model import NAMA_SIMBOL, Langkah, Prosedur

_SHAPES = {
    "mulai": '<rect x="2" y="6" width="60" height="24" rx="12" ry="12"/>',
    "selesai": '<rect x="2" y="6" width="60" height="24" rx="12" ry="12"/>',
    "proses": '<rect x="2" y="4" width="60" height="28"/>',
    "keputusan": '<polygon points="32,2 62,18 32,34 2,18"/>',
}


@dataclass(frozen=True)
class Cells:
    rows: list[list[str]]
    extra: dict = field(default_factory=dict)


def symbol_svg(step: Langkah) -> str:
    label = NAMA_SIMBOL[step.simbol]
    return (
        f'<svg class="sop-simbol sop-simbol--{step.simbol}" viewBox="0 0 64 36" width="64" height="36" '
        f'role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>{_SHAPES[step.simbol]}</svg>'
    )


def render_cells(prosedur: Prosedur) -> Cells:
    rows = []
    for step in prosedur.langkah:
        shape = symbol_svg(step)
        rows.append([shape if lane in step.pelaksana else "" for lane in prosedur.pelaksana])
    return Cells(rows)
