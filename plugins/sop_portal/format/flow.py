"""From the rows as written to a checked flow: numbers, references, symbols, paths.

The rules are those of ARCHITECTURE.md, "File format":

* ``no`` is a running counter; ``no: null`` makes an unnumbered row; an explicit
  integer sets the number and the counter continues from it.
* A reference (``cabang`` target, ``ke``) is a row or item ``id`` (text) or a
  printed number (integer). A reference to a row enters the row's first item.
* A row's symbols are its items (`bagan`); the shorthands `pelaksana: X` (one
  item) and `pelaksana: [A, B]` (one item per lane, `bersama`) keep the old
  defaults: a row with ``cabang`` is a *keputusan*; the first row *mulai*; the
  last row *selesai*; the rest *proses*. An item of `bagan` defaults to *proses*
  (*keputusan* with ``cabang``).
* Inside a row an item goes to the next item (not into a *mulai* item); with
  ``bersama`` the items are joined, and the flow leaves the last one. The row's
  last item goes to the next row unless it is *selesai* or has ``ke``/``cabang``.

Drafting flaws of signed forms (a decision with one exit or unlabelled exits, a
diamond with no branches, a path that stops without an end capsule, an item no
arrow reaches) are *peringatan*: drawn as written, never refused. A loop that
never reaches any end is a *kesalahan*.

Input is the list of `RawStep` the loader read (already type-checked); output
is the tuple of model `Langkah`. Errors are reported to the file's sink at the
position of the offending value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ErrorSink, Pos, join_choices, quote, suggestion
from .model import Cabang, Item, Langkah, Simbol
from .waktu import parse_waktu


@dataclass(frozen=True)
class Ref:
    """A step reference as written: an id (str) or a printed number (int)."""

    value: str | int
    pos: Pos


@dataclass
class RawItem:
    """One symbol of a row as written (an entry of `bagan`, or made from the row's shorthand)."""

    pos: Pos
    path: str  # field path, e.g. "langkah[3].bagan[2]" (or "langkah[3]" for a shorthand)
    pelaksana: str
    id: str | None = None
    id_pos: Pos | None = None
    simbol: str | None = None
    simbol_pos: Pos | None = None
    teks: str | None = None
    cabang: list[tuple[str, Ref]] | None = None  # None: no `cabang` key; "" labels an unlabelled exit
    cabang_pos: Pos | None = None
    ke: list[Ref] | None = None  # None: no `ke` key
    ke_pos: Pos | None = None


@dataclass
class RawStep:
    index: int
    pos: Pos
    path: str  # field path of the step, e.g. "langkah[3]"
    kegiatan: str
    items: list[RawItem] = field(default_factory=list)
    shorthand: bool = True  # written with `pelaksana:`, not `bagan:`
    bersama: bool = False
    id: str | None = None
    id_pos: Pos | None = None
    no_given: bool = False  # `no` key present
    no: int | None = None  # its value when present (None = unnumbered row)
    kelengkapan: str | None = None
    waktu: str | None = None
    output: str | None = None
    keterangan: str | None = None


# One node of the flow graph: (row index, item index).
Node = tuple[int, int]
Exit = tuple[str | None, Node]


class _Flow:
    """The phases of `build_flow`, sharing the steps, the sink and what earlier phases found."""

    def __init__(self, steps: list[RawStep], sink: ErrorSink) -> None:
        self.steps = steps
        self.sink = sink
        self.numbers: list[int | None] = []
        self.by_number: dict[int, RawStep] = {}
        self.row_keys = [step.id if step.id else f"#{step.index}" for step in steps]
        self.item_keys: list[list[str]] = []
        self.by_id: dict[str, Node] = {}
        self.symbols: list[list[str]] = []
        self.successors: dict[Node, list[Exit]] = {}
        self.nodes: list[Node] = [(i, j) for i, step in enumerate(steps) for j in range(len(step.items))]

    # -- 1. printed numbers and keys ------------------------------------------------------------
    def number(self) -> None:
        counter = 0
        for step in self.steps:
            if step.no_given:
                number = step.no
                if number is not None:
                    counter = number
            else:
                counter += 1
                number = counter
            self.numbers.append(number)
            if number is None:
                continue
            if number in self.by_number:
                self.sink.add(
                    step.pos,
                    f"{step.path}.no",
                    f"nomor {number} sudah dipakai langkah di baris {self.by_number[number].pos.line}; "
                    "setiap langkah bernomor harus punya nomor sendiri.",
                )
            else:
                self.by_number[number] = step

    def keys(self) -> None:
        for i, step in enumerate(self.steps):
            if step.id:
                self.by_id[step.id] = (i, 0)
            keys = []
            for j, item in enumerate(step.items):
                if item.id:
                    keys.append(item.id)
                    self.by_id[item.id] = (i, j)
                else:
                    keys.append(self.row_keys[i] if j == 0 else f"{self.row_keys[i]}.{j + 1}")
            self.item_keys.append(keys)

    def resolve(self, ref: Ref, path: str) -> Node | None:
        if isinstance(ref.value, int):
            target = self.by_number.get(ref.value)
            if target is None:
                known = ", ".join(str(n) for n in sorted(self.by_number))
                self.sink.add(ref.pos, path, f"tidak ada langkah bernomor {ref.value}; nomor yang ada: {known}.")
                return None
            return (target.index, 0)
        node = self.by_id.get(ref.value)
        if node is None:
            self.sink.add(
                ref.pos,
                path,
                f'tidak ada langkah dengan id "{ref.value}"{suggestion(ref.value, self.by_id)}. '
                + (f"id yang ada: {join_choices(self.by_id)}." if self.by_id else "Belum ada langkah yang diberi id.")
                + " Rujuk langkah dengan id-nya atau dengan nomornya (angka).",
            )
        return node

    # -- 2. symbols -------------------------------------------------------------------------
    def assign_symbols(self) -> None:
        last = len(self.steps) - 1
        for i, step in enumerate(self.steps):
            row: list[str] = []
            for item in step.items:
                symbol = item.simbol
                if symbol is None:
                    symbol = _default_symbol(step, item, i, last)
                row.append(symbol)
                self._check_symbol(step, item, symbol)
            self.symbols.append(row)

    def _check_symbol(self, step: RawStep, item: RawItem, symbol: str) -> None:
        sink = self.sink
        if symbol == "keputusan" and item.cabang is None and not step.bersama:
            sink.add(
                item.simbol_pos or item.pos,
                f"{item.path}.simbol",
                'keputusan ini tidak punya "cabang": digambar sebagai belah ketupat dengan satu jalan keluar '
                "tanpa label. Jika formulir yang ditandatangani memang begitu, biarkan; jika tidak, tambahkan "
                "misalnya cabang: {Ya: 4, Tidak: 1}.",
                "peringatan",
            )
        if item.cabang is not None and symbol != "keputusan":
            sink.add(
                item.simbol_pos or item.cabang_pos,
                f"{item.path}.simbol",
                f'langkah dengan "cabang" adalah keputusan, tetapi simbolnya ditulis {quote(symbol)}; '
                'hapus "simbol" atau tulis simbol: keputusan.',
            )
        if item.cabang is not None and item.ke is not None:
            sink.add(item.ke_pos, f"{item.path}.ke", 'keputusan menentukan arah lewat "cabang"; hapus "ke".')
        if symbol == "selesai" and item.ke is not None:
            sink.add(item.ke_pos, f"{item.path}.ke", 'langkah selesai mengakhiri alur; hapus "ke" atau ubah simbolnya.')

    # -- 3. successors ----------------------------------------------------------------------
    def link(self) -> None:
        for i, step in enumerate(self.steps):
            for j, item in enumerate(step.items):
                self.successors[(i, j)] = self._exits(i, j, step, item)

    def _exits(self, i: int, j: int, step: RawStep, item: RawItem) -> list[Exit]:
        exits: list[Exit] = []
        if item.cabang is not None:
            self._check_branches(item)
            for label, ref in item.cabang:
                node = self.resolve(ref, f"{item.path}.cabang" + (f".{label}" if label else ""))
                if node is not None and (label, node) in exits:
                    where = f'cabang "{label}"' if label else "cabang tanpa label"
                    self.sink.add(ref.pos, f"{item.path}.cabang", f"{where} ke {_ref_text(ref)} ditulis dua kali; hapus salah satunya.")
                elif node is not None:
                    exits.append((label, node))
            return exits
        if item.ke is not None:
            for n, ref in enumerate(item.ke, start=1):
                path = f"{item.path}.ke" if len(item.ke) == 1 else f"{item.path}.ke[{n}]"
                node = self.resolve(ref, path)
                if node is not None and (None, node) in exits:
                    self.sink.add(ref.pos, path, f"tujuan {_ref_text(ref)} ditulis dua kali; hapus salah satunya.")
                elif node is not None:
                    exits.append((None, node))
            return exits
        following = self._chain_next(i, j, step)
        if following is not None:
            exits.append((None, following))
        return exits

    def _chain_next(self, i: int, j: int, step: RawStep) -> Node | None:
        """Where an item without its own `ke`/`cabang` goes: the row's next item, or the next row."""
        if step.bersama:
            if j < len(step.items) - 1:
                return None  # joined to the next item by a dashed line; the row's last item leads on
        else:
            for k in range(j + 1, len(step.items)):
                if self.symbols[i][k] != "mulai":  # a start capsule is never entered by the chain
                    return (i, k)
        if self.symbols[i][j] == "selesai" or i == len(self.steps) - 1:
            return None
        return (i + 1, 0)

    def _check_branches(self, item: RawItem) -> None:
        assert item.cabang is not None
        if len(item.cabang) < 2:
            self.sink.add(
                item.cabang_pos,
                f"{item.path}.cabang",
                f"keputusan ini punya {len(item.cabang)} cabang; digambar seperti tertulis. Jika formulir yang "
                "ditandatangani memang begitu, biarkan; keputusan biasanya punya dua cabang, misalnya {Ya: 4, Tidak: 1}.",
                "peringatan",
            )
        unlabelled = [ref for label, ref in item.cabang if not label]
        if unlabelled:
            self.sink.add(
                unlabelled[0].pos,
                f"{item.path}.cabang",
                f"{len(unlabelled)} cabang tanpa label; digambar tanpa tulisan di garisnya. Jika formulir yang "
                'ditandatangani memang begitu, biarkan; jika tidak, beri label, misalnya - {label: Ya, ke: 4}.',
                "peringatan",
            )

    # -- 4. paths -----------------------------------------------------------------------------
    def check_paths(self) -> None:
        reached = self._reached()
        for i, step in enumerate(self.steps):
            for j, item in enumerate(step.items):
                if (i, j) in reached:
                    continue
                what = f"langkah {self.describe(i)}" if len(step.items) == 1 else f"simbol ke-{j + 1} langkah {self.describe(i)}"
                self.sink.add(
                    item.pos,
                    item.path,
                    f"{what} tidak dicapai panah mana pun; digambar tanpa panah masuk. Jika formulir yang "
                    'ditandatangani memang begitu, biarkan; jika tidak, arahkan langkah sebelumnya ke sini (lewat '
                    'urutan, "ke" atau "cabang"), atau jadikan simbol: mulai.',
                    "peringatan",
                )
        ends = self._ends()
        can_end = self._can_end(ends)
        stuck = [n for n in self.nodes if n in reached and n not in can_end]
        if stuck:
            loop = ", ".join(self.describe(i) for i in dict.fromkeys(i for i, _ in stuck[:6]))
            first = self.steps[stuck[0][0]]
            if not ends:
                message = (
                    "alur tidak punya langkah selesai. Langkah terakhir otomatis menjadi selesai kecuali "
                    'ia punya "ke", "cabang" atau simbol lain; tambahkan simbol: selesai pada langkah akhir.'
                )
            else:
                message = (
                    f"alur dari langkah {loop} berputar tanpa pernah sampai ke langkah selesai; "
                    "beri salah satu keputusan cabang yang keluar dari perulangan."
                )
            self.sink.add(first.pos, first.path, message)

    def _reached(self) -> set[Node]:
        starts = {(0, 0)} | {n for n in self.nodes if self.symbols[n[0]][n[1]] == "mulai"}
        reached: set[Node] = set()
        stack = list(starts)
        while stack:
            node = stack.pop()
            if node in reached:
                continue
            reached.add(node)
            i, j = node
            if self.steps[i].bersama and j == 0:  # a joint activity is reached as a whole
                stack.extend((i, k) for k in range(1, len(self.steps[i].items)))
            stack.extend(target for _, target in self.successors[node])
        return reached

    def _ends(self) -> set[Node]:
        """Where paths end: end capsules, and (a drafting flaw, reported) items that lead nowhere."""
        ends: set[Node] = set()
        for node in self.nodes:
            i, j = node
            step, item = self.steps[i], self.steps[i].items[j]
            if self.successors[node]:
                continue
            if step.bersama and j < len(step.items) - 1:
                continue  # joined: the row's last item carries the flow on
            ends.add(node)
            if self.symbols[i][j] != "selesai":
                self.sink.add(
                    item.pos,
                    item.path,
                    f"jalur berhenti di langkah {self.describe(i)} tanpa simbol selesai; digambar seperti tertulis. "
                    "Jika formulir yang ditandatangani memang begitu, biarkan; jika tidak, tambahkan \"ke\" "
                    "atau ubah simbolnya menjadi selesai.",
                    "peringatan",
                )
        return ends

    def _can_end(self, ends: set[Node]) -> set[Node]:
        predecessors: dict[Node, set[Node]] = {n: set() for n in self.nodes}
        for node, exits in self.successors.items():
            for _, target in exits:
                predecessors[target].add(node)
        for i, step in enumerate(self.steps):
            if step.bersama:  # a joined item ends where its row's last item ends
                last = (i, len(step.items) - 1)
                for j in range(len(step.items) - 1):
                    predecessors[last].add((i, j))
        can_end = set(ends)
        stack = list(ends)
        while stack:
            node = stack.pop()
            for before in predecessors[node]:
                if before not in can_end:
                    can_end.add(before)
                    stack.append(before)
        return can_end

    def describe(self, i: int) -> str:
        number, step = self.numbers[i], self.steps[i]
        if number is not None:
            return str(number)
        if step.id:
            return f'"{step.id}"'
        return f"(tanpa nomor, baris {step.pos.line})"

    # -- 5. the model -------------------------------------------------------------------------
    def model(self, anchor_prefix: str, satuan_waktu: str) -> tuple[Langkah, ...]:
        result = []
        for i, step in enumerate(self.steps):
            number = self.numbers[i]
            anchor = f"{anchor_prefix}{number}" if number is not None else f"{anchor_prefix}{step.id or f'x{i + 1}'}"
            result.append(
                Langkah(
                    key=self.row_keys[i],
                    index=i,
                    no=number,
                    anchor=anchor,
                    kegiatan=step.kegiatan,
                    items=tuple(self._item(i, j) for j in range(len(step.items))),
                    bersama=step.bersama,
                    kelengkapan=step.kelengkapan,
                    waktu=step.waktu,
                    durasi=parse_waktu(step.waktu, satuan_waktu),
                    output=step.output,
                    keterangan=step.keterangan,
                    id=step.id,
                    line=step.pos.line,
                )
            )
        return tuple(result)

    def _item(self, i: int, j: int) -> Item:
        raw = self.steps[i].items[j]
        exits = [(label, self.item_keys[t][u]) for label, (t, u) in self.successors[(i, j)]]
        decision = raw.cabang is not None
        symbol: Simbol = self.symbols[i][j]  # type: ignore[assignment]
        return Item(
            key=self.item_keys[i][j],
            pelaksana=raw.pelaksana,
            simbol=symbol,
            teks=raw.teks,
            cabang=tuple(Cabang(label or "", key) for label, key in exits) if decision else (),
            ke=() if decision else tuple(key for _, key in exits),
            id=raw.id,
            line=raw.pos.line,
        )


def _default_symbol(step: RawStep, item: RawItem, i: int, last: int) -> str:
    if item.cabang is not None:
        return "keputusan"
    if not step.shorthand:
        return "proses"
    if step.bersama and any(other.cabang is not None for other in step.items):
        return "keputusan"  # a joint decision written with the shorthand: every lane draws the diamond
    if i == 0:
        return "mulai"
    if i == last and all(other.ke is None for other in step.items):
        return "selesai"
    return "proses"


def build_flow(
    steps: list[RawStep],
    sink: ErrorSink,
    *,
    anchor_prefix: str,
    satuan_waktu: str,
) -> tuple[Langkah, ...]:
    """Number, resolve and check one flowchart's rows."""
    if not steps:
        return ()
    flow = _Flow(steps, sink)
    flow.number()
    flow.keys()
    flow.assign_symbols()
    flow.link()
    if sink.failed:
        return ()
    flow.check_paths()
    if sink.failed:
        return ()
    return flow.model(anchor_prefix, satuan_waktu)


def _ref_text(ref: Ref) -> str:
    return f"langkah {ref.value}" if isinstance(ref.value, int) else f'"{ref.value}"'
