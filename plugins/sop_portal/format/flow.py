"""From the steps as written to a checked flow: numbers, references, symbols, paths.

The rules are DESIGN.md §3's:

* ``no`` is a running counter; ``no: null`` makes an unnumbered row; an explicit
  integer sets the number and the counter continues from it.
* A reference (``cabang`` target, ``ke``) is a step ``id`` (text) or a printed
  number (integer).
* Default symbols: a step with ``cabang`` is a *keputusan*; the first step is
  *mulai*; the last step is *selesai*; the rest *proses*.
* A non-decision step goes to the next row unless ``ke`` names other step(s);
  a *selesai* step ends its path; a decision goes where its branches say.
* Every step must be reachable from a start, and from every step some path
  must reach an end.

Input is the list of `RawStep` the loader read (already type-checked); output
is the tuple of model `Langkah`. Errors are reported to the file's sink at the
position of the offending value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ErrorSink, Pos, join_choices, quote, suggestion
from .model import Cabang, Langkah
from .waktu import parse_waktu


@dataclass(frozen=True)
class Ref:
    """A step reference as written: an id (str) or a printed number (int)."""

    value: str | int
    pos: Pos


@dataclass
class RawStep:
    index: int
    pos: Pos
    path: str  # field path of the step, e.g. "langkah[3]"
    kegiatan: str
    pelaksana: tuple[str, ...]
    id: str | None = None
    id_pos: Pos | None = None
    no_given: bool = False  # `no` key present
    no: int | None = None  # its value when present (None = unnumbered row)
    simbol: str | None = None
    simbol_pos: Pos | None = None
    teks: str | None = None
    kelengkapan: str | None = None
    waktu: str | None = None
    output: str | None = None
    keterangan: str | None = None
    cabang: list[tuple[str, Ref]] | None = None  # None: no `cabang` key
    cabang_pos: Pos | None = None
    ke: list[Ref] | None = None  # None: no `ke` key
    ke_pos: Pos | None = None
    extra: dict = field(default_factory=dict)


def build_flow(
    steps: list[RawStep],
    sink: ErrorSink,
    *,
    anchor_prefix: str,
    satuan_waktu: str,
) -> tuple[Langkah, ...]:
    """Number, resolve and check one flowchart's steps."""
    if not steps:
        return ()

    # 1. Printed numbers and keys.
    numbers: list[int | None] = []
    counter = 0
    by_number: dict[int, RawStep] = {}
    for step in steps:
        if step.no_given:
            number = step.no
            if number is not None:
                counter = number
        else:
            counter += 1
            number = counter
        numbers.append(number)
        if number is not None:
            if number in by_number:
                sink.add(
                    step.pos,
                    f"{step.path}.no",
                    f"nomor {number} sudah dipakai langkah di baris {by_number[number].pos.line}; "
                    "setiap langkah bernomor harus punya nomor sendiri.",
                )
            else:
                by_number[number] = step
    keys = [step.id if step.id else f"#{step.index}" for step in steps]
    by_id = {step.id: step for step in steps if step.id}

    def resolve(ref: Ref, path: str) -> str | None:
        if isinstance(ref.value, int):
            target = by_number.get(ref.value)
            if target is None:
                known = ", ".join(str(n) for n in sorted(by_number))
                sink.add(ref.pos, path, f"tidak ada langkah bernomor {ref.value}; nomor yang ada: {known}.")
                return None
            return keys[target.index]
        target = by_id.get(ref.value)
        if target is None:
            sink.add(
                ref.pos,
                path,
                f'tidak ada langkah dengan id "{ref.value}"{suggestion(ref.value, by_id)}. '
                + (f"id yang ada: {join_choices(by_id)}." if by_id else "Belum ada langkah yang diberi id.")
                + " Rujuk langkah dengan id-nya atau dengan nomornya (angka).",
            )
            return None
        return keys[target.index]

    # 2. Symbols and successors.
    last = len(steps) - 1
    symbols: list[str] = []
    successors: list[tuple[tuple[str | None, str], ...]] = []
    for i, step in enumerate(steps):
        symbol = step.simbol
        if symbol is None:
            if step.cabang is not None:
                symbol = "keputusan"
            elif i == 0:
                symbol = "mulai"
            elif i == last and step.ke is None:
                symbol = "selesai"
            else:
                symbol = "proses"
        symbols.append(symbol)

        if symbol == "keputusan" and step.cabang is None:
            sink.add(
                step.simbol_pos or step.pos,
                f"{step.path}.simbol",
                'langkah keputusan membutuhkan "cabang", misalnya cabang: {Ya: 4, Tidak: 1}.',
            )
        if step.cabang is not None and symbol != "keputusan":
            sink.add(
                step.simbol_pos or step.cabang_pos,
                f"{step.path}.simbol",
                f'langkah dengan "cabang" adalah keputusan, tetapi simbolnya ditulis {quote(symbol)}; '
                'hapus "simbol" atau tulis simbol: keputusan.',
            )
        if step.cabang is not None and step.ke is not None:
            sink.add(step.ke_pos, f"{step.path}.ke", 'keputusan menentukan arah lewat "cabang"; hapus "ke".')
        if symbol == "selesai" and step.ke is not None:
            sink.add(step.ke_pos, f"{step.path}.ke", 'langkah selesai mengakhiri alur; hapus "ke" atau ubah simbolnya.')

        exits: list[tuple[str | None, str]] = []
        if step.cabang is not None:
            if len(step.cabang) < 2:
                sink.add(
                    step.cabang_pos,
                    f"{step.path}.cabang",
                    f"keputusan harus punya sedikitnya dua cabang, ditemukan {len(step.cabang)}; "
                    "misalnya cabang: {Ya: 4, Tidak: 1}.",
                )
            for label, ref in step.cabang:
                key = resolve(ref, f"{step.path}.cabang.{label}")
                if key is not None and (label, key) in exits:
                    sink.add(ref.pos, f"{step.path}.cabang", f'cabang "{label}" ke {_ref_text(ref)} ditulis dua kali; hapus salah satunya.')
                elif key is not None:
                    exits.append((label, key))
        elif step.ke is not None:
            for n, ref in enumerate(step.ke, start=1):
                path = f"{step.path}.ke" if len(step.ke) == 1 else f"{step.path}.ke[{n}]"
                key = resolve(ref, path)
                if key is not None and (None, key) in exits:
                    sink.add(ref.pos, path, f"tujuan {_ref_text(ref)} ditulis dua kali; hapus salah satunya.")
                elif key is not None:
                    exits.append((None, key))
        elif symbol != "selesai" and i < last:
            exits.append((None, keys[i + 1]))
        successors.append(tuple(exits))

    if sink.failed:
        return ()

    # 3. Paths: every step reachable from a start, every step able to reach an end.
    index_of = {key: i for i, key in enumerate(keys)}
    starts = {0} | {i for i, s in enumerate(symbols) if s == "mulai"}
    reached = set(starts)
    stack = list(starts)
    while stack:
        i = stack.pop()
        for _, key in successors[i]:
            j = index_of[key]
            if j not in reached:
                reached.add(j)
                stack.append(j)
    for i, step in enumerate(steps):
        if i not in reached:
            sink.add(
                step.pos,
                step.path,
                f"langkah {_describe(step, numbers[i])} tidak dapat dicapai dari langkah mulai mana pun; "
                "arahkan langkah sebelumnya ke sini (lewat urutan, \"ke\" atau \"cabang\"), "
                "atau jadikan langkah ini simbol: mulai.",
            )

    ends = {i for i, s in enumerate(symbols) if s == "selesai"}
    predecessors: dict[int, set[int]] = {i: set() for i in range(len(steps))}
    for i, exits in enumerate(successors):
        for _, key in exits:
            predecessors[index_of[key]].add(i)
    can_end = set(ends)
    stack = list(ends)
    while stack:
        j = stack.pop()
        for i in predecessors[j]:
            if i not in can_end:
                can_end.add(i)
                stack.append(i)
    stuck = [i for i in sorted(reached) if i not in can_end]
    if stuck:
        first = steps[stuck[0]]
        if not ends:
            message = (
                "alur tidak punya langkah selesai. Langkah terakhir otomatis menjadi selesai kecuali "
                'ia punya "ke", "cabang" atau simbol lain; tambahkan simbol: selesai pada langkah akhir.'
            )
        elif not successors[stuck[0]] and symbols[stuck[0]] != "selesai":
            message = (
                f"langkah {_describe(first, numbers[stuck[0]])} tidak punya kelanjutan dan bukan langkah selesai; "
                'tambahkan "ke" atau ubah simbolnya menjadi selesai.'
            )
        else:
            loop = ", ".join(_describe(steps[i], numbers[i]) for i in stuck[:6])
            message = (
                f"alur dari langkah {loop} berputar tanpa pernah sampai ke langkah selesai; "
                "beri salah satu keputusan cabang yang keluar dari perulangan."
            )
        sink.add(first.pos, first.path, message)
    if sink.failed:
        return ()

    # 4. The model.
    result = []
    for i, step in enumerate(steps):
        number = numbers[i]
        if number is not None:
            anchor = f"{anchor_prefix}{number}"
        else:
            anchor = f"{anchor_prefix}{step.id or f'x{i + 1}'}"
        cabang = tuple(Cabang(label, key) for label, key in successors[i]) if step.cabang is not None else ()
        result.append(
            Langkah(
                key=keys[i],
                index=i,
                no=number,
                anchor=anchor,
                kegiatan=step.kegiatan,
                pelaksana=step.pelaksana,
                simbol=symbols[i],  # type: ignore[arg-type]
                teks=step.teks,
                kelengkapan=step.kelengkapan,
                waktu=step.waktu,
                durasi=parse_waktu(step.waktu, satuan_waktu),
                output=step.output,
                keterangan=step.keterangan,
                cabang=cabang,
                ke=() if cabang else tuple(key for _, key in successors[i]),
                id=step.id,
                line=step.pos.line,
            )
        )
    return tuple(result)


def _ref_text(ref: Ref) -> str:
    return f"langkah {ref.value}" if isinstance(ref.value, int) else f'"{ref.value}"'


def _describe(step: RawStep, number: int | None) -> str:
    if number is not None:
        return str(number)
    if step.id:
        return f'"{step.id}"'
    return f"(tanpa nomor, baris {step.pos.line})"
