"""Values that read fine but make no sense, refused on the YAML tree (ARCHITECTURE.md, "Trust model").

`sop-portal check` passing must mean the build passes. The field readers check types; these
checks catch the well-typed nonsense that broke a build or published something meaningless:
a step with ``pelaksana: []`` (no lane to draw it in), an empty ``kegiatan``, a printed
number like ``no: -5`` or ``no: 10**29``, a SOP whose ``pelaksana`` or ``sub_prosedur`` list
is empty. They work on the positioned tree the file format defines (ARCHITECTURE.md, "File format"), not on the loader's
intermediate objects, so they hold whatever shape the loader gives its rows (``bagan`` items
included).
"""

from __future__ import annotations

from .errors import ErrorSink
from .yamlcore import YMap, YNode, YScalar, YSeq

# Printed step numbers: real forms stop well before this; beyond it a number is a typo.
NO_MAX = 9999
# Arrows into one row: each needs its own port and channel level in the flowchart. Real forms
# have a handful; the router draws far more (bagan/layout.py), but not without limit.
MASUK_MAX = 40


def check_sop_tree(node: YNode | None, sink: ErrorSink) -> None:
    """Add an error to `sink` for every nonsense value in a SOP file's tree."""
    if not isinstance(node, YMap):
        return
    _not_empty_list(node.get("pelaksana"), "pelaksana", sink, "tulis sedikitnya satu pelaksana (lajur bagan)")
    _not_empty_list(node.get("sub_prosedur"), "sub_prosedur", sink, "tulis sedikitnya satu sub prosedur, atau pakai langkah")
    _rows(node.get("langkah"), "langkah", sink)
    _fan_in(node.get("langkah"), "langkah", sink)
    subs = node.get("sub_prosedur")
    if isinstance(subs, YSeq):
        for n, sub in enumerate(subs.items, start=1):
            if isinstance(sub, YMap):
                path = f"sub_prosedur[{n}]"
                _not_empty_list(sub.get("pelaksana"), f"{path}.pelaksana", sink, "tulis sedikitnya satu pelaksana")
                _rows(sub.get("langkah"), f"{path}.langkah", sink)
                _fan_in(sub.get("langkah"), f"{path}.langkah", sink)


def _not_empty_list(node: YNode | None, path: str, sink: ErrorSink, hint: str) -> None:
    if isinstance(node, YSeq) and not node.items:
        sink.add(node.pos, path, f"daftar kosong; {hint}.")


def _rows(node: YNode | None, path: str, sink: ErrorSink) -> None:
    if not isinstance(node, YSeq):
        return
    for n, row in enumerate(node.items, start=1):
        if not isinstance(row, YMap):
            continue
        rpath = f"{path}[{n}]"
        kegiatan = row.get("kegiatan")
        if isinstance(kegiatan, YScalar) and not kegiatan.raw.strip():
            sink.add(kegiatan.pos, f"{rpath}.kegiatan", "kegiatan kosong; tulis apa yang dikerjakan pada langkah ini.")
        lanes = row.get("pelaksana")
        if isinstance(lanes, YSeq) and not lanes.items:
            sink.add(lanes.pos, f"{rpath}.pelaksana", "daftar pelaksana langkah kosong; tulis lajur yang mengerjakannya, "
                     "misalnya pelaksana: Kepala.")  # fmt: skip
        no = row.get("no")
        if isinstance(no, YScalar) and isinstance(no.value, int) and not isinstance(no.value, bool):
            if not 1 <= no.value <= NO_MAX:
                sink.add(no.pos, f"{rpath}.no", f"nomor langkah {no.raw} tidak masuk akal; tulis bilangan bulat 1 sampai "
                         f"{NO_MAX}, atau no: null untuk baris tanpa nomor.")  # fmt: skip
        items = row.get("bagan")
        if isinstance(items, YSeq):
            for k, item in enumerate(items.items, start=1):
                if isinstance(item, YMap):
                    lane = item.get("pelaksana")
                    if isinstance(lane, YSeq) and not lane.items:
                        sink.add(lane.pos, f"{rpath}.bagan[{k}].pelaksana", "pelaksana kosong; tulis satu lajur.")


def _refs(symbol: YMap) -> list[YScalar]:
    """The step references a row or a `bagan` item writes in `cabang` and `ke`."""
    found: list[YScalar] = []
    cabang = symbol.get("cabang")
    if isinstance(cabang, YMap):
        found += [value for _, value in cabang.items.values() if isinstance(value, YScalar)]
    elif isinstance(cabang, YSeq):
        for entry in cabang.items:
            target = entry.get("ke") if isinstance(entry, YMap) else None
            if isinstance(target, YScalar):
                found.append(target)
    ke = symbol.get("ke")
    targets = ke.items if isinstance(ke, YSeq) else (ke,) if ke is not None else ()
    return found + [t for t in targets if isinstance(t, YScalar)]


def _fan_in(node: YNode | None, path: str, sink: ErrorSink) -> None:
    """A row that more than MASUK_MAX arrows enter cannot be drawn: one located error."""
    if not isinstance(node, YSeq):
        return
    counts: dict[str, int] = {}
    for n, row in enumerate(node.items, start=1):
        if not isinstance(row, YMap):
            continue
        items = row.get("bagan")
        symbols = [row, *(i for i in items.items if isinstance(i, YMap))] if isinstance(items, YSeq) else [row]
        for ref in (r for symbol in symbols for r in _refs(symbol)):
            target = ref.raw.strip()
            counts[target] = counts.get(target, 0) + 1
            if counts[target] == MASUK_MAX + 1:
                sink.add(ref.pos, f"{path}[{n}]", f"langkah {target} dituju lebih dari {MASUK_MAX} panah; bagan tidak dapat "
                         "menggambarnya dengan jelas. Kembalikan alur lewat satu langkah perantara (misalnya satu "
                         "keputusan \"Perlu diulang?\") alih-alih dari setiap langkah.")  # fmt: skip
