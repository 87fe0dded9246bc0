"""Reading the rows of a flowchart (`langkah`) and their symbols (`bagan`) from YAML nodes.

A row is written either with the shorthand `pelaksana` (one lane: one symbol; a list of
lanes: a joint activity, one symbol per lane) or with `bagan`, the list of the symbols the
paper form draws in that row (ARCHITECTURE.md, "Rows with several symbols"). Both become the
same `flow.RawStep` with its `flow.RawItem`s; `flow.build_flow` does the rest.
"""

from __future__ import annotations

from . import completeness, flow
from .errors import Pos, join_choices, quote, suggestion
from .fields import FieldReader, describe
from .model import SIMBOL
from .yamlcore import YMap, YNode, YScalar, YSeq

STEP_KEYS = (
    "id", "no", "kegiatan", "pelaksana", "bagan", "bersama", "simbol", "teks", "kelengkapan", "waktu",
    "output", "keterangan", "cabang", "ke",
)  # fmt: skip
ITEM_KEYS = ("pelaksana", "simbol", "id", "teks", "cabang", "ke")
# Keys of a symbol: on a `bagan` row they belong to its items, not to the row.
_SYMBOL_KEYS = ("simbol", "teks", "cabang", "ke")


def read_ref(reader: FieldReader, node: YNode | None, path: str) -> flow.Ref | None:
    if isinstance(node, YScalar) and isinstance(node.value, (int, str)) and not isinstance(node.value, bool):
        raw = node.raw.strip()
        if raw:
            return flow.Ref(int(raw) if raw.isdigit() else raw, node.pos)
    reader.error(
        node,
        path,
        f"ditemukan {describe(node) if node is not None else 'nilai kosong'}, seharusnya rujukan langkah: "
        "nomor langkah (angka) atau id langkah (teks).",
    )
    return None


def read_cabang(reader: FieldReader, node: YNode, path: str) -> list[tuple[str, flow.Ref]]:
    """`cabang` as a mapping label -> target, or a list of {label, ke}; a list entry may omit its label."""
    branches: list[tuple[str, flow.Ref]] = []
    if isinstance(node, YMap):
        for label, (_, target) in node.items.items():
            ref = read_ref(reader, target, f"{path}.{label}")
            if ref is not None:
                branches.append((label, ref))
        return branches
    seq = reader.sequence(
        node, path, what="pemetaan label: tujuan (misalnya {Ya: 4, Tidak: 1}) atau daftar {label, ke}"
    )
    for n, raw in enumerate(seq.items if seq else (), start=1):
        entry = reader.mapping(raw, f"{path}[{n}]", ("label", "ke"), required=("ke",))
        if entry is None:
            continue
        label = reader.text(entry.get("label"), f"{path}[{n}].label") or ""
        ke_node = entry.get("ke")
        if ke_node is None:
            continue
        ref = read_ref(reader, ke_node, f"{path}[{n}].ke")
        if ref is not None:
            branches.append((label, ref))
    return branches


def _read_id(reader: FieldReader, node: YNode | None, path: str) -> tuple[str | None, Pos | None]:
    if node is None:
        return None, None
    if isinstance(node, YScalar) and isinstance(node.value, str) and node.raw.strip():
        return node.raw.strip(), node.pos
    reader.error(
        node,
        path,
        f"ditemukan {describe(node)}, seharusnya id berupa teks pendek yang bukan angka, "
        "misalnya id: cek-berkas (nomor langkah sudah otomatis).",
    )
    return None, None


def _symbol_fields(reader: FieldReader, m: YMap, path: str, item: flow.RawItem) -> None:
    """`simbol`, `teks`, `cabang` and `ke` of one symbol (an item, or a shorthand row)."""
    g = m.get
    item.teks = reader.text(g("teks"), f"{path}.teks")
    simbol = g("simbol")
    if simbol is not None:
        item.simbol = reader.choice(simbol, f"{path}.simbol", SIMBOL)
        item.simbol_pos = simbol.pos
    cabang = g("cabang")
    if cabang is not None:
        item.cabang_pos = cabang.pos
        item.cabang = read_cabang(reader, cabang, f"{path}.cabang")
    ke_node = g("ke")
    if ke_node is not None:
        item.ke_pos = ke_node.pos
        targets = ke_node.items if isinstance(ke_node, YSeq) else (ke_node,)
        item.ke = [r for t in targets if (r := read_ref(reader, t, f"{path}.ke")) is not None]
        if not targets:
            reader.error(ke_node, f"{path}.ke", "daftar tujuan kosong; tulis nomor atau id langkah tujuan.")


def _lane(reader: FieldReader, node: YNode | None, path: str, lanes: tuple[str, ...]) -> str | None:
    name = reader.text(node, path, required=True)
    if name is not None and name not in lanes:
        reader.error(
            node,
            path,
            f"{quote(name)} bukan nama pelaksana SOP ini{suggestion(name, lanes)}; "
            f"yang ada di daftar pelaksana: {join_choices(lanes)}.",
        )
        return None
    return name


def _blank(node: YNode | None) -> bool:
    """A value with no text in it at all: null, "", or a list of nulls and empty texts."""
    if isinstance(node, YScalar):
        return node.value is None or not node.raw.strip()
    if isinstance(node, YSeq):  # an empty list has its own message (_check_bersama)
        return bool(node.items) and all(_blank(item) for item in node.items)
    return node is None


def _shorthand_items(reader: FieldReader, m: YMap, spath: str, lanes: tuple[str, ...], step: flow.RawStep) -> None:
    """`pelaksana: X` is one item; `pelaksana: [A, B]` one item per lane, joined (`bersama`)."""
    node = m.get("pelaksana")
    names = reader.text_list(node, f"{spath}.pelaksana")
    if not names and _blank(node):
        # `pelaksana: null`, "" or [] read as no lane at all: the row would vanish and the rows
        # after it be numbered wrongly (a traceback in the flow), so it is a located error.
        reader.error(
            node,
            f"{spath}.pelaksana",
            f"pelaksana kosong; tulis nama lajur yang mengerjakan langkah ini: {join_choices(lanes)}.",
        )
    for n, name in enumerate(names):
        if name not in lanes:
            lane_node = node.items[n] if isinstance(node, YSeq) else node
            reader.error(
                lane_node,
                f"{spath}.pelaksana",
                f"{quote(name)} bukan nama pelaksana SOP ini{suggestion(name, lanes)}; "
                f"yang ada di daftar pelaksana: {join_choices(lanes)}.",
            )
    template = flow.RawItem(pos=step.pos, path=spath, pelaksana="")
    _symbol_fields(reader, m, spath, template)
    step.bersama = step.bersama or len(names) > 1
    for n, name in enumerate(names):
        last = n == len(names) - 1
        step.items.append(
            flow.RawItem(
                pos=step.pos,
                path=spath,
                pelaksana=name,
                simbol=template.simbol,
                simbol_pos=template.simbol_pos,
                teks=template.teks,
                # A joint row's exits leave from its last symbol.
                cabang=template.cabang if last else None,
                cabang_pos=template.cabang_pos,
                ke=template.ke if last else None,
                ke_pos=template.ke_pos,
            )
        )


def _bagan_items(reader: FieldReader, m: YMap, spath: str, lanes: tuple[str, ...], step: flow.RawStep) -> None:
    node = m.get("bagan")
    bpath = f"{spath}.bagan"
    for key in ("pelaksana", *_SYMBOL_KEYS):
        if m.get(key) is not None:
            where = "pelaksana" if key == "pelaksana" else f'"{key}"'
            reader.error(
                m.get(key),
                f"{spath}.{key}",
                f'langkah ini sudah menulis simbolnya di "bagan"; {where} ditulis di setiap item bagan, '
                "bukan di langkah. Pindahkan ke item yang bersangkutan atau hapus.",
            )
    seq = reader.sequence(node, bpath, what="daftar simbol (setiap item diawali '- {pelaksana: ...}')")
    if seq is None:
        return
    if not seq.items:
        reader.error(node, bpath, "daftar bagan kosong; tulis sedikitnya satu item, misalnya - {pelaksana: Kepala}.")
    for n, entry in enumerate(seq.items, start=1):
        ipath = f"{bpath}[{n}]"
        im = reader.mapping(entry, ipath, ITEM_KEYS, required=("pelaksana",), what="pemetaan simbol")
        if im is None:
            continue
        item = flow.RawItem(pos=entry.pos, path=ipath, pelaksana=_lane(reader, im.get("pelaksana"), f"{ipath}.pelaksana", lanes) or "")
        item.id, item.id_pos = _read_id(reader, im.get("id"), f"{ipath}.id")
        _symbol_fields(reader, im, ipath, item)
        step.items.append(item)


def _check_bersama(reader: FieldReader, m: YMap, spath: str, step: flow.RawStep) -> None:
    node = m.get("bersama")
    if node is None:
        return
    if not (isinstance(node, YScalar) and isinstance(node.value, bool)):
        reader.error(node, f"{spath}.bersama", f"ditemukan {describe(node)}, seharusnya true atau false.")
        return
    if node.value and len(step.items) < 2:
        reader.error(
            node,
            f"{spath}.bersama",
            "bersama: true menggabungkan sedikitnya dua simbol (satu kegiatan yang dikerjakan bersama); "
            "langkah ini hanya punya satu. Hapus bersama, atau tulis pelaksana lainnya di bagan.",
        )
    if not node.value and step.shorthand and len(step.items) > 1:
        reader.error(
            node,
            f"{spath}.bersama",
            "pelaksana berupa daftar selalu berarti kegiatan bersama; untuk simbol-simbol yang disambung "
            'panah, tulis setiap simbol di "bagan".',
        )
    step.bersama = bool(node.value) and len(step.items) > 1
    if not step.bersama:
        return
    seen: dict[str, flow.RawItem] = {}
    for n, item in enumerate(step.items):
        if item.pelaksana in seen and item.pelaksana:
            reader.sink.add(
                item.pos, item.path, f"kegiatan bersama digambar satu simbol per pelaksana; {quote(item.pelaksana)} ditulis dua kali."
            )
        seen[item.pelaksana] = item
        if n < len(step.items) - 1 and (item.cabang is not None or item.ke is not None) and not step.shorthand:
            reader.sink.add(
                item.cabang_pos or item.ke_pos or item.pos,
                f"{item.path}.{'cabang' if item.cabang is not None else 'ke'}",
                "dalam kegiatan bersama alur keluar dari simbol terakhir; pindahkan cabang/ke ke item terakhir bagan.",
            )


def read_steps(reader: FieldReader, node: YNode | None, path: str, lanes: tuple[str, ...]) -> list[flow.RawStep]:
    seq = reader.sequence(node, path, what="daftar langkah (setiap langkah diawali '- kegiatan: ...')")
    if seq is None:
        return []
    if not seq.items:
        reader.error(node, path, "daftar langkah kosong; tulis sedikitnya satu langkah.")
    steps = []
    for n, entry in enumerate(seq.items, start=1):
        step = read_step(reader, entry, f"{path}[{n}]", n - 1, lanes)
        if step is not None:
            steps.append(step)
    return steps


def read_step(reader: FieldReader, entry: YNode, spath: str, index: int, lanes: tuple[str, ...]) -> flow.RawStep | None:
    m = reader.mapping(entry, spath, STEP_KEYS, required=("kegiatan",), what="pemetaan langkah")
    if m is None:
        return None
    g = m.get
    step = flow.RawStep(
        index=index,
        pos=entry.pos,
        path=spath,
        kegiatan=reader.text(g("kegiatan"), f"{spath}.kegiatan") or "",
        kelengkapan=reader.text(g("kelengkapan"), f"{spath}.kelengkapan"),
        waktu=reader.text(g("waktu"), f"{spath}.waktu"),
        output=reader.text(g("output"), f"{spath}.output"),
        keterangan=reader.text(g("keterangan"), f"{spath}.keterangan"),
    )
    completeness.waktu(reader.sink, g("waktu"), f"{spath}.waktu", step.waktu)
    step.id, step.id_pos = _read_id(reader, g("id"), f"{spath}.id")
    if "no" in m.items:
        step.no_given = True
        no_node = g("no")
        if not (isinstance(no_node, YScalar) and no_node.value is None):
            step.no = reader.integer(no_node, f"{spath}.no")
    if g("bagan") is not None:
        step.shorthand = False
        _bagan_items(reader, m, spath, lanes, step)
    elif g("pelaksana") is not None:
        _shorthand_items(reader, m, spath, lanes, step)
    else:
        reader.error(
            entry,
            f"{spath}.pelaksana",
            'kunci "pelaksana" wajib diisi (nama lajur yang mengerjakan), atau "bagan" untuk baris dengan '
            "beberapa simbol.",
        )
    _check_bersama(reader, m, spath, step)
    if not step.items:
        return None
    return step
